/**
 * Karpenter's decisions as pure functions of the cluster's state: which nodes
 * drifted, how many the disruption budgets let go, where replacements and
 * new capacity go. The controller (controllers.ts) reads the store, calls
 * these, and writes the outcome.
 */
import { parseCron, windowOpen } from './cron';
import { parseDuration } from './duration';
import { nodeResources, type InstanceType } from './instanceTypes';
import { instanceLabels } from './nodeObjects';
import type { Taint } from './objects';
import { scaledIntOrPercent } from './quantity';
import {
  NODEPOOL_LABEL,
  ZONE_ID_LABEL,
  ZONE_LABEL,
  nodeFitsRequirements,
  zoneAllowed,
  type NodeSelectorRequirement,
} from './requirements';
import {
  fits,
  selectorMatches,
  zoneAllowedFor,
  take,
  tolerates,
  type SchedulableNode,
  type SchedulablePod,
} from './scheduling';
import type { SimZone } from './types';

export interface BudgetView {
  nodes: string;
  schedule?: string;
  duration?: string;
  reasons?: string[];
}

export interface PoolView {
  name: string;
  requirements: NodeSelectorRequirement[];
  taints: Taint[];
  /** Launchable types, preferred first. */
  instanceTypes: InstanceType[];
  limits: { milliCpu?: number; memory?: number };
  weight: number;
  /** Undefined: the NodePool has no budgets (Karpenter's default `nodes: 10%`). */
  budgets?: BudgetView[];
}

export interface KarpenterNode extends SchedulableNode {
  nodePool?: string;
  nodeClaim?: string;
  instanceType?: InstanceType;
  /** Capacity (what NodePool limits count). */
  capacity: { milliCpu: number; memory: number };
  /** Time the NodeClaim's Drifted condition turned True; undefined when not drifted. */
  driftedSince?: number;
  /** The node or one of its pods is annotated `karpenter.sh/do-not-disrupt: "true"`. */
  doNotDisrupt: boolean;
}

export interface DriftChanges {
  drifted: KarpenterNode[];
  undrifted: KarpenterNode[];
}

/** Nodes whose NodePool no longer admits them, and drifted nodes admitted again. */
export function detectDrift(
  pools: readonly PoolView[],
  nodes: readonly KarpenterNode[],
): DriftChanges {
  const changes: DriftChanges = { drifted: [], undrifted: [] };
  for (const node of nodes) {
    const pool = pools.find(candidate => candidate.name === node.nodePool);
    if (!pool || !node.nodeClaim) continue;
    const admitted = nodeFitsRequirements(pool.requirements, node.labels);
    if (!admitted && node.driftedSince === undefined)
      changes.drifted.push(node);
    if (admitted && node.driftedSince !== undefined)
      changes.undrifted.push(node);
  }
  return changes;
}

function budgetActive(budget: BudgetView, now: number): boolean {
  if (!budget.schedule || !budget.duration) return true;
  const schedule = parseCron(budget.schedule);
  const duration = parseDuration(budget.duration);
  return (
    schedule !== undefined &&
    duration !== undefined &&
    windowOpen(schedule, duration, now)
  );
}

/**
 * How many of a NodePool's nodes may be disrupted for `reason` at `now`: the
 * most restrictive active budget (percentages of the pool's nodes, rounded
 * up); unbounded when budgets exist but none is active for the reason.
 */
export function allowedDisruptions(
  pool: PoolView,
  poolSize: number,
  now: number,
  reason: 'Drifted' | 'Underutilized' | 'Empty' = 'Drifted',
): number {
  const budgets = pool.budgets ?? [{ nodes: '10%' }];
  const active = budgets.filter(
    budget =>
      (!budget.reasons?.length || budget.reasons.includes(reason)) &&
      budgetActive(budget, now),
  );
  if (active.length === 0) return Infinity;
  return Math.min(
    ...active.map(budget => scaledIntOrPercent(budget.nodes, poolSize)),
  );
}

function nodesPerZone(
  pool: string,
  nodes: readonly SchedulableNode[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const node of nodes) {
    if (node.labels[NODEPOOL_LABEL] === pool) {
      counts.set(node.zone.id, (counts.get(node.zone.id) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * The zone for a new node of `pool`: allowed by its requirements, not the
 * zone Karpenter avoids, accepted by `accept`, with the fewest nodes of the
 * pool (ties: the cluster's zone order).
 */
export function chooseZone(
  pool: PoolView,
  zones: readonly SimZone[],
  nodes: readonly SchedulableNode[],
  avoidZoneId: string | undefined,
  accept: (zone: SimZone) => boolean = () => true,
): SimZone | undefined {
  const counts = nodesPerZone(pool.name, nodes);
  let best: SimZone | undefined;
  for (const zone of zones) {
    if (
      zone.id === avoidZoneId ||
      !zoneAllowed(pool.requirements, zone) ||
      !accept(zone)
    )
      continue;
    if (!best || (counts.get(zone.id) ?? 0) < (counts.get(best.id) ?? 0))
      best = zone;
  }
  return best;
}

function poolUsage(pool: string, nodes: readonly KarpenterNode[]) {
  const usage = { milliCpu: 0, memory: 0 };
  for (const node of nodes) {
    if (node.nodePool === pool) {
      usage.milliCpu += node.capacity.milliCpu;
      usage.memory += node.capacity.memory;
    }
  }
  return usage;
}

function withinLimits(
  pool: PoolView,
  usage: { milliCpu: number; memory: number },
  type: InstanceType,
): boolean {
  const { capacity } = nodeResources(type);
  return (
    (pool.limits.milliCpu === undefined ||
      usage.milliCpu + capacity.milliCpu <= pool.limits.milliCpu) &&
    (pool.limits.memory === undefined ||
      usage.memory + capacity.memory <= pool.limits.memory)
  );
}

function addUsage(
  usage: { milliCpu: number; memory: number },
  type: InstanceType,
) {
  const { capacity } = nodeResources(type);
  usage.milliCpu += capacity.milliCpu;
  usage.memory += capacity.memory;
}

/** A new node of `type` in `zone`, as the scheduler would see it. */
export function plannedNode(
  pool: PoolView,
  zone: SimZone,
  type: InstanceType,
  name: string,
): KarpenterNode {
  const { capacity, allocatable } = nodeResources(type);
  return {
    name,
    zone,
    labels: {
      ...instanceLabels(type),
      [ZONE_LABEL]: zone.name,
      [ZONE_ID_LABEL]: zone.id,
      [NODEPOOL_LABEL]: pool.name,
    },
    taints: pool.taints,
    unschedulable: false,
    free: { ...allocatable },
    nodePool: pool.name,
    instanceType: type,
    capacity: { milliCpu: capacity.milliCpu, memory: capacity.memory },
    doNotDisrupt: false,
  };
}

export interface Replacement {
  node: KarpenterNode;
  pool: PoolView;
  zone: SimZone;
  instanceType: InstanceType;
}

export interface ReplacementInput {
  now: number;
  pools: readonly PoolView[];
  nodes: readonly KarpenterNode[];
  zones: readonly SimZone[];
  /** How long a node stays Drifted before it is replaced. */
  replaceAfterMs: number;
  /** The zone an active shift moves away from, when Karpenter's native support is on. */
  avoidZoneId?: string;
}

/**
 * Drifted nodes to replace now: drifted for at least `replaceAfterMs`, not
 * do-not-disrupt, within the disruption budget, not in a zone Karpenter
 * avoids (native zonal shift suspends disruption there), and with an allowed
 * zone and room under the NodePool's limits for the replacement.
 */
export function planReplacements(input: ReplacementInput): Replacement[] {
  const replacements: Replacement[] = [];
  const nodes = [...input.nodes];
  for (const pool of input.pools) {
    const poolNodes = input.nodes.filter(node => node.nodePool === pool.name);
    let allowance = allowedDisruptions(pool, poolNodes.length, input.now);
    const usage = poolUsage(pool.name, input.nodes);
    const due = poolNodes
      .filter(
        node =>
          node.driftedSince !== undefined &&
          node.driftedSince + input.replaceAfterMs <= input.now &&
          !node.doNotDisrupt &&
          node.zone.id !== input.avoidZoneId,
      )
      .sort(
        (a, b) =>
          a.driftedSince! - b.driftedSince! || a.name.localeCompare(b.name),
      );
    for (const node of due) {
      if (allowance <= 0) break;
      const type =
        node.instanceType && pool.instanceTypes.includes(node.instanceType)
          ? node.instanceType
          : pool.instanceTypes[0];
      if (!type || !withinLimits(pool, usage, type)) continue;
      const others = nodes.filter(other => other.name !== node.name);
      const zone = chooseZone(pool, input.zones, others, input.avoidZoneId);
      if (!zone) continue;
      replacements.push({ node, pool, zone, instanceType: type });
      // The replacement takes the old node's place in later zone choices.
      nodes.splice(
        nodes.indexOf(node),
        1,
        plannedNode(pool, zone, type, `${node.name}-replacement`),
      );
      allowance -= 1;
    }
  }
  return replacements;
}

export interface Launch {
  pool: PoolView;
  zone: SimZone;
  instanceType: InstanceType;
}

function typeFits(type: InstanceType, pod: SchedulablePod): boolean {
  const { allocatable } = nodeResources(type);
  return (
    allocatable.milliCpu >= pod.requests.milliCpu &&
    allocatable.memory >= pod.requests.memory
  );
}

/** NodePools in the order Karpenter tries them: highest weight first, then by name. */
function byWeight(pools: readonly PoolView[]): PoolView[] {
  return [...pools].sort(
    (a, b) => b.weight - a.weight || a.name.localeCompare(b.name),
  );
}

/**
 * New nodes for pods no existing node takes: for each pod, a node from the
 * first NodePool (by weight) whose taints it tolerates, with an instance type
 * it fits, an allowed zone its nodeSelector accepts, and room under the
 * limits. Pods share planned nodes while they have room.
 */
export function planLaunches(input: {
  pools: readonly PoolView[];
  zones: readonly SimZone[];
  nodes: readonly KarpenterNode[];
  pendingPods: readonly SchedulablePod[];
  avoidZoneId?: string;
}): Launch[] {
  const launches: Launch[] = [];
  const planned: KarpenterNode[] = [];
  const usage = new Map(
    input.pools.map(pool => [pool.name, poolUsage(pool.name, input.nodes)]),
  );
  const pools = byWeight(input.pools);
  for (const pod of input.pendingPods) {
    const host = planned.find(node => fits(pod, node));
    if (host) {
      take(host.free, pod);
      continue;
    }
    for (const pool of pools) {
      if (!tolerates(pod, pool.taints)) continue;
      const poolUse = usage.get(pool.name)!;
      const type = pool.instanceTypes.find(
        candidate =>
          withinLimits(pool, poolUse, candidate) && typeFits(candidate, pod),
      );
      if (!type) continue;
      const zone = chooseZone(
        pool,
        input.zones,
        [...input.nodes, ...planned],
        input.avoidZoneId,
        candidate =>
          zoneAllowedFor(pod, candidate.name) &&
          selectorMatches(
            pod.nodeSelector,
            plannedNode(pool, candidate, type, 'probe').labels,
          ),
      );
      if (!zone) continue;
      const node = plannedNode(pool, zone, type, `planned-${launches.length}`);
      take(node.free, pod);
      planned.push(node);
      addUsage(poolUse, type);
      launches.push({ pool, zone, instanceType: type });
      break;
    }
  }
  return launches;
}
