/**
 * What kube-scheduler does in the simulation, as pure functions: whether a
 * pod fits a node (resources, nodeSelector, zone affinity, taints, cordon) and where a batch
 * of pending pods goes, spreading each app over zones.
 */
import type { Taint } from './objects';
import type { SimZone } from './types';

export interface Resources {
  milliCpu: number;
  memory: number;
  pods: number;
}

export interface SchedulableNode {
  name: string;
  zone: SimZone;
  labels: Readonly<Record<string, string>>;
  taints: readonly Taint[];
  /** Cordoned (`spec.unschedulable`) or not Ready. */
  unschedulable: boolean;
  /** Allocatable minus the requests of the pods bound to it. */
  free: Resources;
}

export interface SchedulablePod {
  /** `namespace/name`. */
  key: string;
  /** The spread group (the pod's `app` label, else `app.kubernetes.io/name`). */
  app: string;
  requests: { milliCpu: number; memory: number };
  nodeSelector?: Readonly<Record<string, string>>;
  /** Zone names a required node affinity allows (`topology.kubernetes.io/zone In`); undefined: any. */
  zones?: readonly string[];
  /** Taint keys tolerated (operator Exists); `''` tolerates everything. */
  tolerations: readonly string[];
}

export function tolerates(
  pod: SchedulablePod,
  taints: readonly Taint[],
): boolean {
  return taints.every(
    taint =>
      taint.effect === 'PreferNoSchedule' ||
      pod.tolerations.includes('') ||
      pod.tolerations.includes(taint.key),
  );
}

export function selectorMatches(
  selector: Readonly<Record<string, string>> | undefined,
  labels: Readonly<Record<string, string>>,
): boolean {
  return Object.entries(selector ?? {}).every(
    ([key, value]) => labels[key] === value,
  );
}

export function zoneAllowedFor(pod: SchedulablePod, zoneName: string): boolean {
  return pod.zones === undefined || pod.zones.includes(zoneName);
}

export function fits(pod: SchedulablePod, node: SchedulableNode): boolean {
  return (
    !node.unschedulable &&
    zoneAllowedFor(pod, node.zone.name) &&
    node.free.pods >= 1 &&
    node.free.milliCpu >= pod.requests.milliCpu &&
    node.free.memory >= pod.requests.memory &&
    selectorMatches(pod.nodeSelector, node.labels) &&
    tolerates(pod, node.taints)
  );
}

export function take(free: Resources, pod: SchedulablePod): void {
  free.milliCpu -= pod.requests.milliCpu;
  free.memory -= pod.requests.memory;
  free.pods -= 1;
}

/** How many pods of each app run in each zone (by zone name). */
export type SpreadCounts = Map<string, Map<string, number>>;

export function countSpread(
  counts: SpreadCounts,
  app: string,
  zone: string,
): void {
  const perZone = counts.get(app) ?? new Map<string, number>();
  perZone.set(zone, (perZone.get(zone) ?? 0) + 1);
  counts.set(app, perZone);
}

/**
 * Places pods one by one on a node with room in the zone running the fewest
 * pods of the same app, preferring the node with the most free CPU (as
 * kube-scheduler's least-allocated scoring does; ties: the node listed
 * first). Updates `nodes`' free resources and `spread`; returns pod key ->
 * node name for those placed.
 */
export function schedulePods(
  pods: readonly SchedulablePod[],
  nodes: SchedulableNode[],
  spread: SpreadCounts = new Map(),
): Map<string, string> {
  const placements = new Map<string, string>();
  for (const pod of pods) {
    let best: SchedulableNode | undefined;
    let bestCount = Infinity;
    const perZone = spread.get(pod.app);
    for (const node of nodes) {
      if (!fits(pod, node)) continue;
      const count = perZone?.get(node.zone.name) ?? 0;
      if (
        count < bestCount ||
        (count === bestCount && node.free.milliCpu > best!.free.milliCpu)
      ) {
        best = node;
        bestCount = count;
      }
    }
    if (!best) continue;
    take(best.free, pod);
    countSpread(spread, pod.app, best.zone.name);
    placements.set(pod.key, best.name);
  }
  return placements;
}
