/** Reads a fleet file's workloads: Deployments and StatefulSets with their spread, pins, PDBs and autoscalers. */
import { DNS_LABEL, quantityCheck } from './parseChecks';
import type { WorkloadSpec } from './spec';
import type { Reader } from './validate';

const INT_OR_PERCENT = /^(\d+|\d+%)$/;
/** Appended to a workload's name for its cluster-proportional-autoscaler. */
export const PROPORTIONAL_AUTOSCALER_SUFFIX = '-autoscaler';

/** An integer >= 0 or a percentage 0%..100%, as PodDisruptionBudgets take them. */
function readIntOrPercent(
  r: Reader,
  value: unknown,
  at: string,
): number | string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0)
    return value;
  if (
    typeof value === 'string' &&
    INT_OR_PERCENT.test(value) &&
    (!value.endsWith('%') || Number(value.slice(0, -1)) <= 100)
  )
    return /^\d+$/.test(value) ? Number(value) : value;
  return r.fail(at, 'must be an integer >= 0 or a percentage like "50%"');
}

function readPdb(
  r: Reader,
  value: unknown,
  path: string,
): WorkloadSpec['pdb'] | undefined {
  const fields = r.object(value, path, ['minAvailable', 'maxUnavailable']);
  if (!fields) return undefined;
  const minAvailable = readIntOrPercent(
    r,
    fields.minAvailable,
    `${path}.minAvailable`,
  );
  const maxUnavailable = readIntOrPercent(
    r,
    fields.maxUnavailable,
    `${path}.maxUnavailable`,
  );
  // policy/v1 refuses both; a budget with neither protects nothing.
  if (
    (fields.minAvailable === undefined) ===
    (fields.maxUnavailable === undefined)
  )
    return r.fail(path, 'needs exactly one of minAvailable and maxUnavailable');
  return minAvailable !== undefined ? { minAvailable } : { maxUnavailable };
}

export function readWorkload(
  r: Reader,
  value: unknown,
  path: string,
  clusterZones: readonly string[],
): WorkloadSpec | undefined {
  const fields = r.object(value, path, [
    'name',
    'namespace',
    'replicas',
    'cpu',
    'memory',
    'doNotDisrupt',
    'nodeSelector',
    'tolerations',
    'kind',
    'zoneSpread',
    'zones',
    'pdb',
    'autoscaler',
  ]);
  if (!fields) return undefined;
  const name = r.string(fields, 'name', path, {
    required: true,
    pattern: DNS_LABEL,
    hint: 'a DNS label (lowercase letters, digits and -)',
  });
  const namespace = r.string(fields, 'namespace', path, {
    pattern: DNS_LABEL,
    hint: 'a namespace name',
  });
  const replicas = r.number(fields, 'replicas', path, {
    required: true,
    integer: true,
    min: 0,
    max: 100_000,
  });
  const cpu = r.string(fields, 'cpu', path, {
    required: true,
    check: quantityCheck,
  });
  const memory = r.string(fields, 'memory', path, {
    required: true,
    check: quantityCheck,
  });
  const nodeSelector =
    fields.nodeSelector === undefined
      ? undefined
      : r.map(fields.nodeSelector, `${path}.nodeSelector`, (item, at) =>
          typeof item === 'string' ? item : r.fail(at, 'must be a string'),
        );
  const tolerations = r.strings(fields, 'tolerations', path);
  const doNotDisrupt = r.boolean(fields, 'doNotDisrupt', path);
  const kind = r.string(fields, 'kind', path, {
    oneOf: ['Deployment', 'StatefulSet'],
  }) as WorkloadSpec['kind'];
  const zoneSpread = r.string(fields, 'zoneSpread', path, {
    oneOf: ['topology-spread', 'anti-affinity', 'none'],
  }) as WorkloadSpec['zoneSpread'];
  const zones = r.strings(fields, 'zones', path);
  if (fields.zones !== undefined && zones?.length === 0)
    r.fail(`${path}.zones`, 'must name at least one zone');
  zones?.forEach((zone, index) => {
    if (!clusterZones.includes(zone))
      r.fail(
        `${path}.zones[${index}]`,
        `"${zone}" is not one of the cluster's zones (${clusterZones.join(
          ', ',
        )})`,
      );
  });
  const pdb =
    fields.pdb === undefined
      ? undefined
      : readPdb(r, fields.pdb, `${path}.pdb`);
  const autoscaler = r.string(fields, 'autoscaler', path, {
    oneOf: ['hpa', 'proportional'],
  }) as WorkloadSpec['autoscaler'];
  if (
    autoscaler === 'proportional' &&
    name &&
    !DNS_LABEL.test(`${name}${PROPORTIONAL_AUTOSCALER_SUFFIX}`)
  )
    r.fail(
      `${path}.name`,
      `is too long for its autoscaler "${name}${PROPORTIONAL_AUTOSCALER_SUFFIX}" (a DNS label of up to 63 characters)`,
    );
  if (!name || replicas === undefined || !cpu || !memory) return undefined;
  return {
    name,
    namespace,
    replicas,
    cpu,
    memory,
    doNotDisrupt,
    nodeSelector,
    tolerations,
    ...(kind ? { kind } : {}),
    ...(zoneSpread ? { zoneSpread } : {}),
    ...(zones ? { zones } : {}),
    ...(pdb ? { pdb } : {}),
    ...(autoscaler ? { autoscaler } : {}),
  };
}
