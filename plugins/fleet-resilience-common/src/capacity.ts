import { Zone } from './zones';

/**
 * An amount of CPU and memory.
 *
 * @public
 */
export interface ResourceAmounts {
  cpuMillicores: number;
  memoryBytes: number;
}

/**
 * A node as the capacity calculation needs it.
 *
 * @public
 */
export interface CapacityNode {
  name: string;
  /**
   * The node's AZ, from its `topology.kubernetes.io/zone` and
   * `topology.k8s.aws/zone-id` labels; undefined when either is missing.
   */
  zone?: Zone;
  /** `status.allocatable`, parsed with the quantity helpers. */
  allocatable: ResourceAmounts;
  /** `spec.unschedulable`: cordoned, e.g. by EKS during a zonal shift. */
  unschedulable: boolean;
  /** The Ready condition; undefined counts as ready. */
  ready?: boolean;
}

/**
 * Kubernetes pod phase.
 *
 * @public
 */
export type PodPhase =
  | 'Pending'
  | 'Running'
  | 'Succeeded'
  | 'Failed'
  | 'Unknown';

/**
 * A pod as the capacity calculation needs it.
 *
 * @public
 */
export interface CapacityPod {
  /** `spec.nodeName`; undefined while the pod is not scheduled. */
  nodeName?: string;
  phase: PodPhase;
  /**
   * What the scheduler reserves for the pod: the larger of the sum of its
   * containers' requests and its largest init container's, plus overhead.
   */
  requests: ResourceAmounts;
}

/**
 * Nodes and requests of one part of a cluster.
 *
 * @remarks
 * A node is schedulable when it is neither cordoned nor NotReady: only such
 * nodes accept new pods. `allocatable - schedulableAllocatable` is the
 * capacity of the other nodes.
 *
 * @public
 */
export interface CapacityTotals {
  nodeCount: number;
  schedulableNodeCount: number;
  allocatable: ResourceAmounts;
  schedulableAllocatable: ResourceAmounts;
  /** Active pods bound to these nodes. */
  podCount: number;
  requested: ResourceAmounts;
}

/**
 * Nodes and requests of one AZ.
 *
 * @public
 */
export interface ZoneCapacity extends CapacityTotals {
  zone: Zone;
}

/**
 * Per-AZ capacity of a cluster.
 *
 * @public
 */
export interface ClusterCapacity {
  /** One entry per AZ with at least one node, ordered by AZ name. */
  zones: ZoneCapacity[];
  /**
   * Nodes without zone labels, and pods bound to them or to nodes missing
   * from the input.
   */
  unzoned: CapacityTotals;
  /** Active pods not bound to a node: demand without a zone. */
  pending: { podCount: number; requested: ResourceAmounts };
  /** Requests of every active pod, bound or pending. */
  totalRequested: ResourceAmounts;
}

function noResources(): ResourceAmounts {
  return { cpuMillicores: 0, memoryBytes: 0 };
}

function emptyTotals(): CapacityTotals {
  return {
    nodeCount: 0,
    schedulableNodeCount: 0,
    allocatable: noResources(),
    schedulableAllocatable: noResources(),
    podCount: 0,
    requested: noResources(),
  };
}

function addInto(sum: ResourceAmounts, amount: ResourceAmounts): void {
  sum.cpuMillicores += amount.cpuMillicores;
  sum.memoryBytes += amount.memoryBytes;
}

function totalsOfZone(
  zonesById: Map<string, ZoneCapacity>,
  zone: Zone,
): ZoneCapacity {
  let totals = zonesById.get(zone.id);
  if (!totals) {
    totals = { zone: { name: zone.name, id: zone.id }, ...emptyTotals() };
    zonesById.set(zone.id, totals);
  }
  return totals;
}

/**
 * Whether a node accepts new pods: not cordoned and not NotReady.
 *
 * @public
 */
export function isSchedulable(node: CapacityNode): boolean {
  return !node.unschedulable && node.ready !== false;
}

// Succeeded and Failed pods hold no resources.
function isActive(pod: CapacityPod): boolean {
  return pod.phase !== 'Succeeded' && pod.phase !== 'Failed';
}

/**
 * What a set of pods adds to capacity, summed as they are read: the
 * requests of the active pods bound to each node, of the pending ones, and
 * how many pods of each phase were seen.
 *
 * @remarks
 * Built with {@link addPodRequests} (or {@link sumPodRequests}), so a reader
 * can fold each page of pods and drop it; {@link computeClusterCapacity}
 * gives the same capacity from these sums as from the pods themselves.
 *
 * @public
 */
export interface PodRequestSums {
  /** Active pods bound to each node, by node name (the node may be unknown). */
  byNode: Map<string, { podCount: number; requested: ResourceAmounts }>;
  /** Active pods not bound to a node. */
  pending: { podCount: number; requested: ResourceAmounts };
  /** Every pod added, by phase; Succeeded and Failed ones hold no resources. */
  phaseCounts: Partial<Record<PodPhase, number>>;
}

/**
 * Empty sums, for {@link addPodRequests}.
 *
 * @public
 */
export function emptyPodRequestSums(): PodRequestSums {
  return {
    byNode: new Map(),
    pending: { podCount: 0, requested: noResources() },
    phaseCounts: {},
  };
}

/**
 * Adds one pod to `sums` (in place): its phase, and its requests to its
 * node's (or the pending) sum when it is active.
 *
 * @public
 */
export function addPodRequests(sums: PodRequestSums, pod: CapacityPod): void {
  sums.phaseCounts[pod.phase] = (sums.phaseCounts[pod.phase] ?? 0) + 1;
  if (!isActive(pod)) return;
  let part = sums.pending;
  if (pod.nodeName !== undefined) {
    const known = sums.byNode.get(pod.nodeName);
    part = known ?? { podCount: 0, requested: noResources() };
    if (!known) sums.byNode.set(pod.nodeName, part);
  }
  part.podCount += 1;
  addInto(part.requested, pod.requests);
}

/**
 * The sums of `pods`.
 *
 * @public
 */
export function sumPodRequests(pods: Iterable<CapacityPod>): PodRequestSums {
  const sums = emptyPodRequestSums();
  for (const pod of pods) addPodRequests(sums, pod);
  return sums;
}

/**
 * Sums allocatable capacity and requests per AZ.
 *
 * @remarks
 * AZs are keyed by AZ ID; the name is taken from the first node seen. Pods
 * may come one by one or already summed per node ({@link PodRequestSums}):
 * the result is the same (requests are whole millicores and bytes, so the
 * order of the additions does not change them).
 *
 * @public
 */
export function computeClusterCapacity(
  nodes: readonly CapacityNode[],
  pods: readonly CapacityPod[] | PodRequestSums,
): ClusterCapacity {
  const zonesById = new Map<string, ZoneCapacity>();
  const unzoned = emptyTotals();
  const totalsByNodeName = new Map<string, CapacityTotals>();

  for (const node of nodes) {
    const totals = node.zone ? totalsOfZone(zonesById, node.zone) : unzoned;
    totals.nodeCount += 1;
    addInto(totals.allocatable, node.allocatable);
    if (isSchedulable(node)) {
      totals.schedulableNodeCount += 1;
      addInto(totals.schedulableAllocatable, node.allocatable);
    }
    totalsByNodeName.set(node.name, totals);
  }

  const sums = isPodList(pods) ? sumPodRequests(pods) : pods;
  const pending = {
    podCount: sums.pending.podCount,
    requested: { ...sums.pending.requested },
  };
  const totalRequested = { ...sums.pending.requested };
  for (const [nodeName, part] of sums.byNode) {
    addInto(totalRequested, part.requested);
    const totals = totalsByNodeName.get(nodeName) ?? unzoned;
    totals.podCount += part.podCount;
    addInto(totals.requested, part.requested);
  }

  // Plain code-unit order: localeCompare may differ between browser and Node.
  const zones = [...zonesById.values()].sort((a, b) =>
    a.zone.name < b.zone.name ? -1 : Number(a.zone.name > b.zone.name),
  );
  return { zones, unzoned, pending, totalRequested };
}

function isPodList(
  pods: readonly CapacityPod[] | PodRequestSums,
): pods is readonly CapacityPod[] {
  return Array.isArray(pods);
}
