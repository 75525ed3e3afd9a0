/** Reads a fleet file's clusters: their zones, tags, node groups and workloads. */
import { readForbiddenRule } from './parseAccess';
import { INSTANCE_TYPE_NAMES } from './instanceTypes';
import { checkUnique, CLUSTER_NAME, K8S_VERSION } from './parseChecks';
import { readKarpenter, readNodePool } from './parseKarpenter';
import { readWorkload } from './parseWorkload';
import { readZonalShift } from './parseZonalShift';
import type {
  AccountSpec,
  ClusterSpec,
  NodeGroupSpec,
  NodePoolSpec,
} from './spec';
import type { Reader } from './validate';

export function readCluster(
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
    'kubernetesForbidden',
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
    readWorkload(r, item, at, zones),
  );
  checkUnique(
    r,
    (workloads ?? []).map(
      workload => `${workload.namespace ?? 'default'}/${workload.name}`,
    ),
    `${path}.workloads`,
    'namespace/name',
  );
  const kubernetesForbidden = r.list(
    fields,
    'kubernetesForbidden',
    path,
    (item, at) => readForbiddenRule(r, item, at),
  );
  if (!name || !accountId || !region) return undefined;
  return {
    ...(kubernetesForbidden ? { kubernetesForbidden } : {}),
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
