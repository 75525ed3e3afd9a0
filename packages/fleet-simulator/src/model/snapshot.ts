/**
 * Reads one cluster's KubeStore into the views the scheduler and Karpenter
 * decide on. Objects written through the API may be odd: readers default
 * what is missing instead of failing.
 */
import {
  DEFAULT_INSTANCE_TYPE,
  instanceType as lookupInstanceType,
  type InstanceType,
} from './instanceTypes';
import type { KarpenterNode, PoolView } from './karpenter';
import {
  instanceTypeOf,
  isDoNotDisrupt,
  nodeAllocatable,
  nodePoolTemplate,
  podRequests,
} from './objectReaders';
import type { Taint } from './objects';
import { bytes, milliCpu } from './quantity';
import {
  INSTANCE_TYPE_LABEL,
  NODEPOOL_LABEL,
  ZONE_ID_LABEL,
  ZONE_LABEL,
  requirementAdmits,
} from './requirements';
import {
  countSpread,
  type SchedulablePod,
  type SpreadCounts,
} from './scheduling';
import type { KubeObject, KubeStore, SimZone } from './types';

export interface ClusterSnapshot {
  nodes: KarpenterNode[];
  nodeObjects: Map<string, KubeObject>;
  /** NodeClaim by the name of its node. */
  claimsByNode: Map<string, KubeObject>;
  pools: PoolView[];
  poolObjects: Map<string, KubeObject>;
  /** Pods bound to each node. */
  podsByNode: Map<string, KubeObject[]>;
  pendingPods: KubeObject[];
  /** Pods per app per zone, for the scheduler's spreading. */
  spread: SpreadCounts;
}

interface Condition {
  type: string;
  status: string;
  lastTransitionTime?: string;
}

function conditions(object: KubeObject): Condition[] {
  const list = (object.status as { conditions?: unknown } | undefined)
    ?.conditions;
  return Array.isArray(list) ? (list as Condition[]) : [];
}

export function conditionTrue(
  object: KubeObject,
  type: string,
): Condition | undefined {
  return conditions(object).find(
    condition => condition.type === type && condition.status === 'True',
  );
}

export function podKey(pod: KubeObject): string {
  return `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
}

export function nodeNameOf(pod: KubeObject): string | undefined {
  return (pod.spec as { nodeName?: string } | undefined)?.nodeName;
}

export function isPending(pod: KubeObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return !nodeNameOf(pod) && (phase === undefined || phase === 'Pending');
}

export function nodeTaints(node: KubeObject): Taint[] {
  const taints = (node.spec as { taints?: unknown } | undefined)?.taints;
  return Array.isArray(taints) ? (taints as Taint[]) : [];
}

export function isCordoned(node: KubeObject): boolean {
  return (
    (node.spec as { unschedulable?: boolean } | undefined)?.unschedulable ===
    true
  );
}

export function zoneOfNode(
  node: KubeObject,
  zones: readonly SimZone[],
): SimZone {
  const labels = node.metadata.labels ?? {};
  return (
    zones.find(zone => zone.name === labels[ZONE_LABEL]) ?? {
      name: labels[ZONE_LABEL] ?? '',
      id: labels[ZONE_ID_LABEL] ?? '',
    }
  );
}

interface NodeSelectorTerm {
  matchExpressions?: Array<{
    key?: string;
    operator?: string;
    values?: string[];
  }>;
}

/**
 * The zone names a pod's required node affinity allows: only `In` on
 * `topology.kubernetes.io/zone` is read (the terms are ORed); undefined when
 * no term restricts the zone.
 */
function affinityZones(terms: unknown): string[] | undefined {
  if (!Array.isArray(terms) || terms.length === 0) return undefined;
  const zones = new Set<string>();
  for (const term of terms as NodeSelectorTerm[]) {
    const expression = term?.matchExpressions?.find(
      e => e.key === ZONE_LABEL && e.operator === 'In',
    );
    // A term that does not restrict the zone allows every zone.
    if (!expression) return undefined;
    for (const value of expression.values ?? []) zones.add(value);
  }
  return [...zones];
}

export function toSchedulablePod(pod: KubeObject): SchedulablePod {
  const spec = pod.spec as
    | {
        nodeSelector?: Record<string, string>;
        tolerations?: Array<{ key?: string; operator?: string }>;
        affinity?: {
          nodeAffinity?: {
            requiredDuringSchedulingIgnoredDuringExecution?: {
              nodeSelectorTerms?: unknown;
            };
          };
        };
      }
    | undefined;
  const zones = affinityZones(
    spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms,
  );
  return {
    key: podKey(pod),
    app:
      pod.metadata.labels?.app ??
      pod.metadata.labels?.['app.kubernetes.io/name'] ??
      pod.metadata.name,
    requests: podRequests(pod),
    nodeSelector: spec?.nodeSelector,
    ...(zones ? { zones } : {}),
    tolerations: (spec?.tolerations ?? []).map(
      toleration => toleration.key ?? '',
    ),
  };
}

function quantityOrUndefined(
  value: unknown,
  parse: (text: string) => number,
): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  try {
    return parse(String(value));
  } catch {
    return undefined;
  }
}

export function toPoolView(nodePool: KubeObject): PoolView {
  const template = nodePoolTemplate(nodePool);
  const spec = nodePool.spec as {
    limits?: Record<string, unknown>;
    weight?: number;
    disruption?: { budgets?: PoolView['budgets'] };
  };
  const typeRequirements = template.requirements.filter(
    requirement => requirement.key === INSTANCE_TYPE_LABEL,
  );
  const named = typeRequirements.find(
    requirement => requirement.operator === 'In',
  )?.values ?? [DEFAULT_INSTANCE_TYPE];
  const instanceTypes = named
    .map(name => lookupInstanceType(name))
    .filter((type): type is InstanceType => type !== undefined)
    .filter(type =>
      typeRequirements.every(requirement =>
        requirementAdmits(requirement, type.name),
      ),
    );
  return {
    name: nodePool.metadata.name,
    requirements: template.requirements,
    taints: template.taints ?? [],
    instanceTypes,
    limits: {
      milliCpu: quantityOrUndefined(spec?.limits?.cpu, milliCpu),
      memory: quantityOrUndefined(spec?.limits?.memory, bytes),
    },
    weight: typeof spec?.weight === 'number' ? spec.weight : 0,
    budgets: Array.isArray(spec?.disruption?.budgets)
      ? spec.disruption.budgets
      : undefined,
  };
}

export function readSnapshot(
  store: KubeStore,
  zones: readonly SimZone[],
): ClusterSnapshot {
  const nodeObjects = new Map(
    store.list('nodes').map(node => [node.metadata.name, node]),
  );
  const claimsByNode = new Map<string, KubeObject>();
  for (const claim of store.list('nodeclaims')) {
    const nodeName = (claim.status as { nodeName?: string } | undefined)
      ?.nodeName;
    if (nodeName) claimsByNode.set(nodeName, claim);
  }
  const poolObjects = new Map(
    store.list('nodepools').map(pool => [pool.metadata.name, pool]),
  );
  const podsByNode = new Map<string, KubeObject[]>();
  const pendingPods: KubeObject[] = [];
  const spread: SpreadCounts = new Map();
  const nodes: KarpenterNode[] = [];
  const pods = store.list('pods');
  for (const pod of pods) {
    const nodeName = nodeNameOf(pod);
    if (nodeName) {
      const onNode = podsByNode.get(nodeName);
      if (onNode) onNode.push(pod);
      else podsByNode.set(nodeName, [pod]);
    } else if (isPending(pod)) pendingPods.push(pod);
  }
  for (const node of nodeObjects.values()) {
    const zone = zoneOfNode(node, zones);
    const bound = podsByNode.get(node.metadata.name) ?? [];
    const free = nodeAllocatable(node);
    for (const pod of bound) {
      const requests = podRequests(pod);
      free.milliCpu -= requests.milliCpu;
      free.memory -= requests.memory;
      free.pods -= 1;
      countSpread(spread, toSchedulablePod(pod).app, zone.name);
    }
    const claim = claimsByNode.get(node.metadata.name);
    const drifted = claim && conditionTrue(claim, 'Drifted');
    const type = instanceTypeOf(node);
    const capacity =
      (node.status as { capacity?: Record<string, string> } | undefined)
        ?.capacity ?? {};
    nodes.push({
      name: node.metadata.name,
      zone,
      labels: node.metadata.labels ?? {},
      taints: nodeTaints(node),
      unschedulable: isCordoned(node) || !conditionTrue(node, 'Ready'),
      free,
      nodePool: node.metadata.labels?.[NODEPOOL_LABEL],
      nodeClaim: claim?.metadata.name,
      instanceType: type,
      capacity: {
        milliCpu: quantityOrUndefined(capacity.cpu, milliCpu) ?? 0,
        memory: quantityOrUndefined(capacity.memory, bytes) ?? 0,
      },
      driftedSince: drifted
        ? Date.parse(drifted.lastTransitionTime ?? '') || 0
        : undefined,
      doNotDisrupt: isDoNotDisrupt(node) || bound.some(isDoNotDisrupt),
    });
  }
  return {
    nodes,
    nodeObjects,
    claimsByNode,
    pools: [...poolObjects.values()].map(toPoolView),
    poolObjects,
    podsByNode,
    pendingPods,
    spread,
  };
}
