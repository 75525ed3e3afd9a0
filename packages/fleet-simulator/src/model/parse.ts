/**
 * Reads a fleet file (YAML text or an already parsed object) into a FleetSpec,
 * reporting every problem as `path: message`.
 */
import { parse as parseYaml } from 'yaml';
import type { ArcResourceSettings } from '../arc/types';
import { parseCron } from './cron';
import { parseDuration } from './duration';
import { INSTANCE_TYPE_NAMES } from './instanceTypes';
import { isQuantity } from './quantity';
import {
  isNumericOperator,
  REQUIREMENT_OPERATORS,
  type NodeSelectorRequirement,
} from './requirements';
import type {
  AccountSpec,
  ClusterSpec,
  DisruptionBudgetSpec,
  FleetSpec,
  KarpenterSpec,
  NodeGroupSpec,
  NodePoolSpec,
  ResilienceAppSpec,
  SimulationSpec,
  TaintSpec,
  WorkloadSpec,
  ZonalShiftSpec,
} from './spec';
import type { ComplianceStatus, DisruptionType } from './types';
import { Reader, type ValidationIssue } from './validate';
import {
  KARPENTER_NATIVE_ZONAL_SHIFT_VERSION,
  supportsNativeZonalShift,
} from './versions';

export class FleetSpecError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(
      `invalid fleet spec (${issues.length} problem${
        issues.length === 1 ? '' : 's'
      }):\n${issues
        .map(issue => `  ${issue.path}: ${issue.message}`)
        .join('\n')}`,
    );
    this.name = 'FleetSpecError';
  }
}

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** An AZ ID such as `use1-az1` (the fleet file's zone maps, the control API's `awayFrom`). */
export const ZONE_ID = /^[a-z]{2,5}\d+-az\d+$/;
const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const K8S_VERSION = /^\d+\.\d+$/;
const SEMVER = /^\d+\.\d+\.\d+$/;
const BUDGET_NODES = /^(\d+|\d+%|100%)$/;

const COMPLIANCE: readonly ComplianceStatus[] = [
  'PolicyBreached',
  'PolicyMet',
  'NotApplicable',
  'MissingPolicy',
];
const DISRUPTION_TYPES: readonly DisruptionType[] = [
  'Software',
  'Hardware',
  'AZ',
  'Region',
];

const durationCheck = (value: string) =>
  parseDuration(value) === undefined
    ? `"${value}" is not a duration such as 30s, 5m or 1h30m`
    : undefined;
const quantityCheck = (value: string) =>
  isQuantity(value)
    ? undefined
    : `"${value}" is not a quantity such as 500m, 2, 1Gi`;

/** Parses and validates YAML text. */
export function parseFleetYaml(text: string): FleetSpec {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new FleetSpecError([
      { path: '(yaml)', message: (error as Error).message },
    ]);
  }
  return validateFleetSpec(document);
}

/** Validates a parsed document and returns it as a FleetSpec, or throws FleetSpecError. */
export function validateFleetSpec(document: unknown): FleetSpec {
  const reader = new Reader();
  const spec = readFleet(reader, document);
  if (reader.issues.length > 0 || !spec)
    throw new FleetSpecError(reader.issues);
  return spec;
}

function readFleet(r: Reader, document: unknown): FleetSpec | undefined {
  const fields = r.object(document, '', [
    'accounts',
    'clusters',
    'resilienceApps',
    'simulation',
  ]);
  if (!fields) return undefined;
  const accounts =
    r.list(fields, 'accounts', '', (item, path) => readAccount(r, item, path), {
      required: true,
      min: 1,
    }) ?? [];
  checkUnique(
    r,
    accounts.map(account => account.id),
    'accounts',
    'id',
  );
  const clusters =
    r.list(
      fields,
      'clusters',
      '',
      (item, path) => readCluster(r, item, path, accounts),
      {
        required: true,
      },
    ) ?? [];
  checkUnique(
    r,
    clusters.map(
      cluster => `${cluster.account}/${cluster.region}/${cluster.name}`,
    ),
    'clusters',
    'account/region/name',
  );
  const resilienceApps = r.list(fields, 'resilienceApps', '', (item, path) =>
    readApp(r, item, path, accounts, clusters),
  );
  const simulation =
    fields.simulation === undefined
      ? undefined
      : readSimulation(r, fields.simulation, 'simulation');
  return { accounts, clusters, resilienceApps, simulation };
}

function checkUnique(r: Reader, keys: string[], path: string, what: string) {
  const seen = new Set<string>();
  keys.forEach((key, index) => {
    if (seen.has(key))
      r.fail(`${path}[${index}]`, `duplicate ${what} "${key}"`);
    seen.add(key);
  });
}

function readSimulation(
  r: Reader,
  value: unknown,
  path: string,
): SimulationSpec | undefined {
  const fields = r.object(value, path, ['driftReplaceAfter', 'round']);
  if (!fields) return undefined;
  return {
    driftReplaceAfter: r.string(fields, 'driftReplaceAfter', path, {
      check: durationCheck,
    }),
    round: r.string(fields, 'round', path, {
      check: text =>
        durationCheck(text) ??
        (parseDuration(text) === 0 ? 'must be longer than 0' : undefined),
    }),
  };
}

function readAccount(
  r: Reader,
  value: unknown,
  path: string,
): AccountSpec | undefined {
  const fields = r.object(value, path, ['id', 'name', 'zones']);
  if (!fields) return undefined;
  const id = r.string(fields, 'id', path, {
    required: true,
    pattern: ACCOUNT_ID,
    hint: 'a 12-digit account ID',
  });
  const name = r.string(fields, 'name', path);
  const zonesPath = `${path}.zones`;
  if (fields.zones === undefined) return r.fail(zonesPath, 'is required');
  const zones = r.map(
    fields.zones,
    zonesPath,
    (regionZones, regionPath, region) => {
      if (!REGION.test(region))
        return r.fail(
          regionPath,
          `"${region}" is not a region name such as us-east-1`,
        );
      const mapping = r.map(
        regionZones,
        regionPath,
        (zoneId, zonePath, zoneName) => {
          if (!new RegExp(`^${region}[a-z]$`).test(zoneName)) {
            return r.fail(
              zonePath,
              `"${zoneName}" is not a zone name of ${region} (e.g. ${region}a)`,
            );
          }
          if (typeof zoneId !== 'string' || !ZONE_ID.test(zoneId)) {
            return r.fail(
              zonePath,
              `must be an AZ ID such as use1-az1, got ${JSON.stringify(
                zoneId,
              )}`,
            );
          }
          return zoneId;
        },
      );
      if (
        mapping &&
        new Set(Object.values(mapping)).size !== Object.values(mapping).length
      ) {
        return r.fail(regionPath, 'maps two zone names to the same AZ ID');
      }
      return mapping;
    },
  );
  if (!id || !zones) return undefined;
  return { id, name, zones };
}

function readCluster(
  r: Reader,
  value: unknown,
  path: string,
  accounts: AccountSpec[],
): ClusterSpec | undefined {
  const fields = r.object(value, path, [
    'name',
    'account',
    'region',
    'version',
    'status',
    'createdAt',
    'zones',
    'tags',
    'zonalShift',
    'karpenter',
    'nodePools',
    'nodes',
    'workloads',
  ]);
  if (!fields) return undefined;
  const name = r.string(fields, 'name', path, {
    required: true,
    pattern: CLUSTER_NAME,
    hint: 'an EKS cluster name (letters, digits, - and _, up to 100)',
  });
  const accountId = r.string(fields, 'account', path, { required: true });
  const account = accounts.find(candidate => candidate.id === accountId);
  if (accountId && !account)
    r.fail(`${path}.account`, `no account "${accountId}" in accounts`);
  const region = r.string(fields, 'region', path, { required: true });
  const zoneMap = account && region ? account.zones[region] : undefined;
  if (account && region && !zoneMap) {
    r.fail(
      `${path}.region`,
      `account ${account.id} has no zones for region "${region}"`,
    );
  }
  const zones = r.strings(fields, 'zones', path, true) ?? [];
  if (fields.zones !== undefined && zones.length === 0)
    r.fail(`${path}.zones`, 'must name at least one zone');
  zones.forEach((zone, index) => {
    if (zoneMap && !zoneMap[zone]) {
      r.fail(
        `${path}.zones[${index}]`,
        `"${zone}" is not a zone of account ${accountId} in ${region} (known: ${Object.keys(
          zoneMap,
        ).join(', ')})`,
      );
    }
  });
  const createdAt = r.string(fields, 'createdAt', path, {
    check: text =>
      Number.isNaN(Date.parse(text))
        ? `"${text}" is not an ISO time`
        : undefined,
  });
  const tags =
    fields.tags === undefined
      ? undefined
      : r.map(fields.tags, `${path}.tags`, (tag, tagPath) =>
          typeof tag === 'string'
            ? tag
            : r.fail(tagPath, 'tag values must be strings'),
        );
  const zonalShift =
    fields.zonalShift === undefined
      ? undefined
      : readZonalShift(r, fields.zonalShift, `${path}.zonalShift`);
  const karpenter =
    fields.karpenter === undefined
      ? undefined
      : readKarpenter(r, fields.karpenter, `${path}.karpenter`);
  const nodePools = r.list(fields, 'nodePools', path, (item, at) =>
    readNodePool(r, item, at),
  );
  if (nodePools?.length && !karpenter) {
    r.fail(`${path}.nodePools`, 'NodePools need a karpenter section');
  }
  checkUnique(
    r,
    (nodePools ?? []).map(pool => pool.name),
    `${path}.nodePools`,
    'name',
  );
  const nodes = r.list(fields, 'nodes', path, (item, at) =>
    readNodeGroup(r, item, at, zones, nodePools ?? []),
  );
  const workloads = r.list(fields, 'workloads', path, (item, at) =>
    readWorkload(r, item, at),
  );
  checkUnique(
    r,
    (workloads ?? []).map(
      workload => `${workload.namespace ?? 'default'}/${workload.name}`,
    ),
    `${path}.workloads`,
    'namespace/name',
  );
  if (!name || !accountId || !region) return undefined;
  return {
    name,
    account: accountId,
    region,
    version: r.string(fields, 'version', path, {
      pattern: K8S_VERSION,
      hint: 'a Kubernetes version such as "1.33" (quote it in YAML)',
    }),
    status: r.string(fields, 'status', path, {
      oneOf: ['ACTIVE', 'CREATING', 'UPDATING', 'DELETING', 'FAILED'],
    }) as ClusterSpec['status'],
    createdAt,
    zones,
    tags,
    zonalShift,
    karpenter,
    nodePools,
    nodes,
    workloads,
  };
}

function readAlarms(
  r: Reader,
  fields: Record<string, unknown>,
  key: string,
  path: string,
  required: boolean,
) {
  return r.list(
    fields,
    key,
    path,
    (item, at) => {
      const alarm = r.object(item, at, ['type', 'alarmIdentifier']);
      if (!alarm) return undefined;
      const type = r.string(alarm, 'type', at, {
        required: true,
        oneOf: ['CLOUDWATCH'],
      });
      const alarmIdentifier = r.string(alarm, 'alarmIdentifier', at, {
        required: true,
        pattern: /^arn:aws:cloudwatch:[a-z0-9-]+:\d{12}:alarm:.+$/,
        hint: 'a CloudWatch alarm ARN',
      });
      return type && alarmIdentifier ? { type, alarmIdentifier } : undefined;
    },
    { required, min: required ? 1 : undefined },
  );
}

function readZonalShift(
  r: Reader,
  value: unknown,
  path: string,
): ZonalShiftSpec | undefined {
  const fields = r.object(value, path, ['enabled', 'autoshift', 'practiceRun']);
  if (!fields) return undefined;
  const enabled = r.boolean(fields, 'enabled', path, true);
  const autoshift = r.boolean(fields, 'autoshift', path);
  let practiceRun: ArcResourceSettings['practiceRunConfiguration'];
  if (fields.practiceRun !== undefined) {
    const runPath = `${path}.practiceRun`;
    const run = r.object(fields.practiceRun, runPath, [
      'outcomeAlarms',
      'blockingAlarms',
      'blockedWindows',
      'allowedWindows',
      'blockedDates',
    ]);
    if (run) {
      practiceRun = {
        outcomeAlarms: readAlarms(r, run, 'outcomeAlarms', runPath, true) ?? [],
        blockingAlarms: readAlarms(r, run, 'blockingAlarms', runPath, false),
        blockedWindows: r.strings(run, 'blockedWindows', runPath),
        allowedWindows: r.strings(run, 'allowedWindows', runPath),
        blockedDates: r.strings(run, 'blockedDates', runPath),
      };
    }
  }
  if (autoshift && enabled === false) {
    r.fail(`${path}.autoshift`, 'needs zonal shift enabled on the cluster');
  }
  if (autoshift && !practiceRun) {
    r.fail(
      `${path}.autoshift`,
      'ARC requires a practiceRun configuration before autoshift is enabled',
    );
  }
  if (enabled === undefined) return undefined;
  return { enabled, autoshift, practiceRun };
}

function readKarpenter(
  r: Reader,
  value: unknown,
  path: string,
): KarpenterSpec | undefined {
  const fields = r.object(value, path, [
    'version',
    'nativeZonalShift',
    'namespace',
    'zonalShiftSetting',
  ]);
  if (!fields) return undefined;
  const version = r.string(fields, 'version', path, {
    required: true,
    pattern: SEMVER,
    hint: 'a Karpenter release such as 1.12.0',
  });
  const nativeZonalShift = r.boolean(fields, 'nativeZonalShift', path);
  if (nativeZonalShift && version && !supportsNativeZonalShift(version)) {
    r.fail(
      `${path}.nativeZonalShift`,
      `needs Karpenter ${KARPENTER_NATIVE_ZONAL_SHIFT_VERSION} or later, got ${version}`,
    );
  }
  const namespace = r.string(fields, 'namespace', path, {
    oneOf: ['kube-system', 'karpenter'],
  });
  const zonalShiftSetting = r.string(fields, 'zonalShiftSetting', path, {
    oneOf: ['env', 'arg'],
  });
  if (!version) return undefined;
  return {
    version,
    nativeZonalShift,
    namespace: namespace as KarpenterSpec['namespace'],
    zonalShiftSetting: zonalShiftSetting as KarpenterSpec['zonalShiftSetting'],
  };
}

function readRequirement(
  r: Reader,
  value: unknown,
  path: string,
): NodeSelectorRequirement | undefined {
  const fields = r.object(value, path, [
    'key',
    'operator',
    'values',
    'minValues',
  ]);
  if (!fields) return undefined;
  const key = r.string(fields, 'key', path, { required: true });
  const operator = r.string(fields, 'operator', path, {
    required: true,
    oneOf: REQUIREMENT_OPERATORS,
  }) as NodeSelectorRequirement['operator'] | undefined;
  const values = r.strings(fields, 'values', path);
  const minValues = r.number(fields, 'minValues', path, {
    integer: true,
    min: 1,
    max: 50,
  });
  const at = `${path}.values`;
  if ((operator === 'In' || operator === 'NotIn') && !values?.length) {
    r.fail(at, `an ${operator} requirement must keep at least one value`);
  }
  if (
    (operator === 'Exists' || operator === 'DoesNotExist') &&
    values?.length
  ) {
    r.fail(at, `must be empty for ${operator}`);
  }
  if (
    operator &&
    isNumericOperator(operator) &&
    (values?.length !== 1 || !/^-?\d+$/.test(values[0]))
  ) {
    r.fail(at, `${operator} takes exactly one integer value`);
  }
  if (!key || !operator) return undefined;
  return {
    key,
    operator,
    ...(values ? { values } : {}),
    ...(minValues ? { minValues } : {}),
  };
}

function readTaint(
  r: Reader,
  value: unknown,
  path: string,
): TaintSpec | undefined {
  const fields = r.object(value, path, ['key', 'value', 'effect']);
  if (!fields) return undefined;
  const key = r.string(fields, 'key', path, { required: true });
  const effect = r.string(fields, 'effect', path, {
    required: true,
    oneOf: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
  }) as TaintSpec['effect'] | undefined;
  const taintValue = r.string(fields, 'value', path);
  return key && effect
    ? { key, effect, ...(taintValue ? { value: taintValue } : {}) }
    : undefined;
}

function readBudget(
  r: Reader,
  value: unknown,
  path: string,
): DisruptionBudgetSpec | undefined {
  const fields = r.object(value, path, [
    'nodes',
    'schedule',
    'duration',
    'reasons',
  ]);
  if (!fields) return undefined;
  const nodes = r.string(fields, 'nodes', path, {
    required: true,
    pattern: BUDGET_NODES,
    hint: 'a node count ("2") or percentage ("10%")',
  });
  const schedule = r.string(fields, 'schedule', path, {
    check: text =>
      parseCron(text) ? undefined : `"${text}" is not a cron schedule`,
  });
  const duration = r.string(fields, 'duration', path, { check: durationCheck });
  if ((fields.schedule === undefined) !== (fields.duration === undefined)) {
    r.fail(path, 'schedule and duration must be set together');
  }
  const reasons = r.strings(fields, 'reasons', path);
  reasons?.forEach((reason, index) => {
    if (!['Drifted', 'Underutilized', 'Empty'].includes(reason)) {
      r.fail(
        `${path}.reasons[${index}]`,
        `must be one of Drifted, Underutilized, Empty, got "${reason}"`,
      );
    }
  });
  if (!nodes) return undefined;
  return {
    nodes,
    ...(schedule ? { schedule } : {}),
    ...(duration ? { duration } : {}),
    ...(reasons ? { reasons: reasons as DisruptionBudgetSpec['reasons'] } : {}),
  };
}

function readNodePool(
  r: Reader,
  value: unknown,
  path: string,
): NodePoolSpec | undefined {
  const fields = r.object(value, path, [
    'name',
    'requirements',
    'instanceTypes',
    'limits',
    'disruption',
    'weight',
    'taints',
  ]);
  if (!fields) return undefined;
  const name = r.string(fields, 'name', path, {
    required: true,
    pattern: DNS_SUBDOMAIN,
    hint: 'a Kubernetes object name (lowercase letters, digits, - and .)',
  });
  const requirements = r.list(fields, 'requirements', path, (item, at) =>
    readRequirement(r, item, at),
  );
  const instanceTypes = r.strings(fields, 'instanceTypes', path);
  instanceTypes?.forEach((type, index) => {
    if (!INSTANCE_TYPE_NAMES.includes(type)) {
      r.fail(
        `${path}.instanceTypes[${index}]`,
        `unknown instance type "${type}" (known: ${INSTANCE_TYPE_NAMES.join(
          ', ',
        )})`,
      );
    }
  });
  let limits: NodePoolSpec['limits'];
  if (fields.limits !== undefined) {
    const limitFields = r.object(fields.limits, `${path}.limits`, [
      'cpu',
      'memory',
    ]);
    if (limitFields) {
      limits = {
        cpu: r.string(limitFields, 'cpu', `${path}.limits`, {
          check: quantityCheck,
        }),
        memory: r.string(limitFields, 'memory', `${path}.limits`, {
          check: quantityCheck,
        }),
      };
    }
  }
  let disruption: NodePoolSpec['disruption'];
  if (fields.disruption !== undefined) {
    const at = `${path}.disruption`;
    const disruptionFields = r.object(fields.disruption, at, [
      'consolidationPolicy',
      'consolidateAfter',
      'budgets',
    ]);
    if (disruptionFields) {
      disruption = {
        consolidationPolicy: r.string(
          disruptionFields,
          'consolidationPolicy',
          at,
          {
            oneOf: ['WhenEmptyOrUnderutilized', 'WhenEmpty'],
          },
        ) as 'WhenEmptyOrUnderutilized' | 'WhenEmpty' | undefined,
        consolidateAfter: r.string(disruptionFields, 'consolidateAfter', at, {
          check: text => (text === 'Never' ? undefined : durationCheck(text)),
        }),
        budgets: r.list(disruptionFields, 'budgets', at, (item, itemPath) =>
          readBudget(r, item, itemPath),
        ),
      };
    }
  }
  const weight = r.number(fields, 'weight', path, {
    integer: true,
    min: 1,
    max: 100,
  });
  const taints = r.list(fields, 'taints', path, (item, at) =>
    readTaint(r, item, at),
  );
  if (!name) return undefined;
  return {
    name,
    requirements,
    instanceTypes,
    limits,
    disruption,
    weight,
    taints,
  };
}

function readNodeGroup(
  r: Reader,
  value: unknown,
  path: string,
  zones: string[],
  nodePools: NodePoolSpec[],
): NodeGroupSpec | undefined {
  const fields = r.object(value, path, [
    'zone',
    'count',
    'instanceType',
    'nodePool',
    'nodeGroup',
    'doNotDisrupt',
  ]);
  if (!fields) return undefined;
  const zone = r.string(fields, 'zone', path, {
    required: true,
    check: text =>
      zones.includes(text)
        ? undefined
        : `"${text}" is not one of the cluster's zones (${zones.join(', ')})`,
  });
  const count = r.number(fields, 'count', path, {
    required: true,
    integer: true,
    min: 0,
    max: 5000,
  });
  const instanceType = r.string(fields, 'instanceType', path, {
    oneOf: INSTANCE_TYPE_NAMES,
  });
  const nodePool = r.string(fields, 'nodePool', path, {
    check: text =>
      nodePools.some(pool => pool.name === text)
        ? undefined
        : `no NodePool "${text}" in this cluster`,
  });
  const nodeGroup = r.string(fields, 'nodeGroup', path, {
    pattern: /^[A-Za-z0-9][A-Za-z0-9\-_]{0,62}$/,
    hint: 'a node group name',
  });
  if (nodePool && nodeGroup)
    r.fail(path, 'nodes belong to a nodePool or a nodeGroup, not both');
  const doNotDisrupt = r.boolean(fields, 'doNotDisrupt', path);
  if (!zone || count === undefined) return undefined;
  return { zone, count, instanceType, nodePool, nodeGroup, doNotDisrupt };
}

function readWorkload(
  r: Reader,
  value: unknown,
  path: string,
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
  };
}

function readApp(
  r: Reader,
  value: unknown,
  path: string,
  accounts: AccountSpec[],
  clusters: ClusterSpec[],
): ResilienceAppSpec | undefined {
  const fields = r.object(value, path, [
    'name',
    'account',
    'region',
    'clusters',
    'resiliencyScore',
    'complianceStatus',
    'driftStatus',
    'policy',
    'assessment',
  ]);
  if (!fields) return undefined;
  const name = r.string(fields, 'name', path, {
    required: true,
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{1,59}$/,
    hint: 'a Resilience Hub app name (2-60 letters, digits, - and _)',
  });
  const account = r.string(fields, 'account', path, {
    required: true,
    check: text =>
      accounts.some(a => a.id === text)
        ? undefined
        : `no account "${text}" in accounts`,
  });
  const region = r.string(fields, 'region', path, {
    required: true,
    pattern: REGION,
    hint: 'a region name',
  });
  const appClusters = r.list(
    fields,
    'clusters',
    path,
    (item, at) => {
      const ref = r.object(item, at, [
        'name',
        'account',
        'region',
        'namespaces',
      ]);
      if (!ref) return undefined;
      const clusterName = r.string(ref, 'name', at, { required: true });
      const refAccount = r.string(ref, 'account', at) ?? account;
      const refRegion = r.string(ref, 'region', at) ?? region;
      const namespaces = r.strings(ref, 'namespaces', at);
      if (
        clusterName &&
        !clusters.some(
          c =>
            c.name === clusterName &&
            c.account === refAccount &&
            c.region === refRegion,
        )
      ) {
        return r.fail(
          at,
          `no cluster "${clusterName}" in account ${refAccount}, region ${refRegion}`,
        );
      }
      return clusterName
        ? {
            name: clusterName,
            account: refAccount,
            region: refRegion,
            namespaces,
          }
        : undefined;
    },
    { required: true },
  );
  const resiliencyScore = r.number(fields, 'resiliencyScore', path, {
    required: true,
    min: 0,
    max: 100,
  });
  const complianceStatus = r.string(fields, 'complianceStatus', path, {
    required: true,
    oneOf: [...COMPLIANCE, 'NotAssessed', 'ChangesDetected'],
  }) as ResilienceAppSpec['complianceStatus'] | undefined;
  const driftStatus = r.string(fields, 'driftStatus', path, {
    oneOf: ['NotChecked', 'NotDetected', 'Detected'],
  }) as ResilienceAppSpec['driftStatus'];
  const policy = readPerDisruption(
    r,
    fields.policy,
    `${path}.policy`,
    (item, at) => {
      const target = r.object(item, at, ['rtoInSecs', 'rpoInSecs']);
      if (!target) return undefined;
      const rtoInSecs = r.number(target, 'rtoInSecs', at, {
        required: true,
        integer: true,
        min: 0,
      });
      const rpoInSecs = r.number(target, 'rpoInSecs', at, {
        required: true,
        integer: true,
        min: 0,
      });
      return rtoInSecs !== undefined && rpoInSecs !== undefined
        ? { rtoInSecs, rpoInSecs }
        : undefined;
    },
  );
  const assessment =
    fields.assessment === undefined
      ? undefined
      : readAssessment(r, fields.assessment, `${path}.assessment`);
  if (
    !name ||
    !account ||
    !region ||
    !appClusters ||
    resiliencyScore === undefined ||
    !complianceStatus ||
    !policy
  ) {
    return undefined;
  }
  return {
    name,
    account,
    region,
    clusters: appClusters,
    resiliencyScore,
    complianceStatus,
    driftStatus,
    policy,
    assessment,
  };
}

function readPerDisruption<T>(
  r: Reader,
  value: unknown,
  path: string,
  read: (item: unknown, path: string) => T | undefined,
): Partial<Record<DisruptionType, T>> | undefined {
  if (value === undefined) return r.fail(path, 'is required');
  const fields = r.object(value, path, DISRUPTION_TYPES);
  if (!fields) return undefined;
  const out: Partial<Record<DisruptionType, T>> = {};
  for (const type of DISRUPTION_TYPES) {
    if (fields[type] !== undefined) {
      const item = read(fields[type], `${path}.${type}`);
      if (item !== undefined) out[type] = item;
    }
  }
  return out;
}

function readAssessment(
  r: Reader,
  value: unknown,
  path: string,
): ResilienceAppSpec['assessment'] | undefined {
  const fields = r.object(value, path, [
    'complianceStatus',
    'disruptionScore',
    'compliance',
  ]);
  if (!fields) return undefined;
  const complianceStatus = r.string(fields, 'complianceStatus', path, {
    required: true,
    oneOf: COMPLIANCE,
  }) as ComplianceStatus | undefined;
  const disruptionScore = readPerDisruption(
    r,
    fields.disruptionScore,
    `${path}.disruptionScore`,
    (item, at) =>
      typeof item === 'number' && item >= 0 && item <= 100
        ? item
        : r.fail(at, 'must be a score from 0 to 100'),
  );
  const compliance = readPerDisruption(
    r,
    fields.compliance,
    `${path}.compliance`,
    (item, at) => {
      const entry = r.object(item, at, [
        'complianceStatus',
        'currentRtoInSecs',
        'currentRpoInSecs',
      ]);
      if (!entry) return undefined;
      const status = r.string(entry, 'complianceStatus', at, {
        required: true,
        oneOf: COMPLIANCE,
      }) as ComplianceStatus | undefined;
      const currentRtoInSecs = r.number(entry, 'currentRtoInSecs', at, {
        required: true,
        integer: true,
        min: 0,
      });
      const currentRpoInSecs = r.number(entry, 'currentRpoInSecs', at, {
        required: true,
        integer: true,
        min: 0,
      });
      return status &&
        currentRtoInSecs !== undefined &&
        currentRpoInSecs !== undefined
        ? { complianceStatus: status, currentRtoInSecs, currentRpoInSecs }
        : undefined;
    },
  );
  if (!complianceStatus || !disruptionScore || !compliance) return undefined;
  return { complianceStatus, disruptionScore, compliance };
}
