/**
 * The simulated in-cluster controllers, driven by the clock: every round
 * (default one simulated minute) kube-scheduler binds pending pods, and on
 * Karpenter clusters Karpenter marks drift, replaces drifted nodes and
 * launches capacity for pods nothing can take. Decisions come from the pure
 * functions in karpenter.ts and scheduling.ts; this module only reads the
 * store and writes the outcome back through it.
 */
import type { SimClock } from '../clock';
import type { EventLog } from './events';
import {
  detectDrift,
  planLaunches,
  planReplacements,
  type KarpenterNode,
  type Launch,
  type Replacement,
} from './karpenter';
import { createNode, type ClusterContext } from './materialise';
import { kubeTime } from './objects';
import { bindPod, replacementPod } from './podObjects';
import { schedulePods } from './scheduling';
import {
  podKey,
  readSnapshot,
  toSchedulablePod,
  type ClusterSnapshot,
} from './snapshot';
import type { KubeObject, SimZone } from './types';

export interface ControllerOptions {
  clock: SimClock;
  /** The clusters whose objects exist (others have nothing to act on yet). */
  clusters: () => Iterable<ClusterContext>;
  /** The zone Karpenter avoids for a cluster: the shifted AZ when its native support is on. */
  karpenterAvoidZone: (context: ClusterContext) => string | undefined;
  events: EventLog;
  roundMs: number;
  replaceAfterMs: number;
}

/**
 * The simulated in-cluster controllers (scheduler and Karpenter).
 *
 * @public
 */
export interface Controllers {
  /** Runs one round for one cluster at `now` (the clock listener runs it for all). */
  runRound(context: ClusterContext, now: number): void;
  stop(): void;
}

interface Quiet {
  resourceVersion: string;
}

function hostIp(node: KubeObject): string {
  const addresses =
    (node.status as { addresses?: Array<{ type: string; address: string }> })
      .addresses ?? [];
  return (
    addresses.find(address => address.type === 'InternalIP')?.address ?? ''
  );
}

function zoneIndex(zones: readonly SimZone[], zone: SimZone): number {
  return Math.max(
    0,
    zones.findIndex(candidate => candidate.id === zone.id),
  );
}

export function startControllers(options: ControllerOptions): Controllers {
  const quiet = new WeakMap<ClusterContext, Quiet>();

  function record(
    context: ClusterContext,
    type: string,
    detail: Record<string, unknown>,
  ) {
    options.events.record({
      source: 'simulator',
      type,
      clusterArn: context.cluster.arn,
      detail,
    });
  }

  /** kube-scheduler: binds the pending pods that fit somewhere. */
  function bindPending(
    context: ClusterContext,
    snapshot: ClusterSnapshot,
    now: number,
  ): number {
    if (snapshot.pendingPods.length === 0) return 0;
    const placements = schedulePods(
      snapshot.pendingPods.map(toSchedulablePod),
      snapshot.nodes,
      snapshot.spread,
    );
    for (const pod of snapshot.pendingPods) {
      const nodeName = placements.get(podKey(pod));
      const node = nodeName && snapshot.nodeObjects.get(nodeName);
      if (!node) continue;
      const zone = snapshot.nodes.find(
        candidate => candidate.name === nodeName,
      )!.zone;
      const podIp = context.names.podIp(zoneIndex(context.cluster.zones, zone));
      context.store.update(
        'pods',
        bindPod(pod, node.metadata.name, hostIp(node), podIp, now),
      );
    }
    if (placements.size > 0)
      record(context, 'PodsScheduled', { pods: placements.size });
    return placements.size;
  }

  function setDrifted(
    context: ClusterContext,
    claimName: string,
    drifted: boolean,
    now: number,
  ) {
    const claim = context.store.get('nodeclaims', claimName);
    if (!claim) return;
    const status = (claim.status ?? {}) as {
      conditions?: Array<{ type: string }>;
    };
    const others = (status.conditions ?? []).filter(
      condition => condition.type !== 'Drifted',
    );
    const conditions = drifted
      ? [
          ...others,
          {
            type: 'Drifted',
            status: 'True',
            reason: 'RequirementsDrifted',
            message: 'NodeClaim no longer satisfies its NodePool requirements',
            lastTransitionTime: kubeTime(now),
          },
        ]
      : others;
    context.store.update('nodeclaims', {
      ...claim,
      status: { ...status, conditions },
    });
  }

  function markDrift(
    context: ClusterContext,
    snapshot: ClusterSnapshot,
    now: number,
  ): boolean {
    const { drifted, undrifted } = detectDrift(snapshot.pools, snapshot.nodes);
    const mark = (node: KarpenterNode, isDrifted: boolean) => {
      setDrifted(context, node.nodeClaim!, isDrifted, now);
      record(context, isDrifted ? 'NodeDrifted' : 'NodeDriftResolved', {
        node: node.name,
        nodeClaim: node.nodeClaim,
        nodePool: node.nodePool,
        zoneId: node.zone.id,
      });
    };
    drifted.forEach(node => mark(node, true));
    undrifted.forEach(node => mark(node, false));
    return drifted.length + undrifted.length > 0;
  }

  /** Launch the replacement, evict the pods (their ReplicaSets recreate them), remove the old node. */
  function replace(
    context: ClusterContext,
    snapshot: ClusterSnapshot,
    replacement: Replacement,
  ) {
    const { store, names, cluster } = context;
    const old = replacement.node;
    const created = createNode(context, {
      zoneIndex: zoneIndex(cluster.zones, replacement.zone),
      instanceType: replacement.instanceType.name,
      nodePool: snapshot.poolObjects.get(replacement.pool.name),
    });
    const pods = snapshot.podsByNode.get(old.name) ?? [];
    for (const pod of pods) {
      store.delete('pods', pod.metadata.name, pod.metadata.namespace);
      const labels = pod.metadata.labels ?? {};
      // A StatefulSet recreates the pod under its name; a ReplicaSet draws a new one.
      const owners = pod.metadata.ownerReferences as
        | Array<{ kind?: string }>
        | undefined;
      const name = owners?.some(owner => owner.kind === 'StatefulSet')
        ? pod.metadata.name
        : names.pod(
            labels.app ?? pod.metadata.name,
            labels['pod-template-hash'] ?? 'replaced',
          );
      store.create('pods', replacementPod(pod, name));
    }
    if (old.nodeClaim) store.delete('nodeclaims', old.nodeClaim);
    store.delete('nodes', old.name);
    record(context, 'NodeReplaced', {
      node: old.name,
      nodeClaim: old.nodeClaim,
      nodePool: old.nodePool,
      zoneId: old.zone.id,
      replacement: created.metadata.name,
      replacementZoneId: replacement.zone.id,
      podsEvicted: pods.length,
    });
  }

  function launch(
    context: ClusterContext,
    snapshot: ClusterSnapshot,
    planned: Launch,
  ) {
    const created = createNode(context, {
      zoneIndex: zoneIndex(context.cluster.zones, planned.zone),
      instanceType: planned.instanceType.name,
      nodePool: snapshot.poolObjects.get(planned.pool.name),
    });
    record(context, 'NodeLaunched', {
      node: created.metadata.name,
      nodePool: planned.pool.name,
      zoneId: planned.zone.id,
      instanceType: planned.instanceType.name,
    });
  }

  function runRound(context: ClusterContext, now: number) {
    const { store, cluster, spec } = context;
    const zones = cluster.zones;
    const before = quiet.get(context);
    if (before && before.resourceVersion === store.resourceVersion()) return;
    const read = () => readSnapshot(store, zones);
    let snapshot = read();
    if (bindPending(context, snapshot, now) > 0) snapshot = read();
    if (spec.karpenter) {
      if (markDrift(context, snapshot, now)) snapshot = read();
      const avoidZoneId = options.karpenterAvoidZone(context);
      const replacements = planReplacements({
        now,
        pools: snapshot.pools,
        nodes: snapshot.nodes,
        zones,
        replaceAfterMs: options.replaceAfterMs,
        avoidZoneId,
      });
      replacements.forEach(replacement =>
        replace(context, snapshot, replacement),
      );
      if (replacements.length > 0) {
        snapshot = read();
        if (bindPending(context, snapshot, now) > 0) snapshot = read();
      }
      const launches = planLaunches({
        pools: snapshot.pools,
        zones,
        nodes: snapshot.nodes,
        pendingPods: snapshot.pendingPods.map(toSchedulablePod),
        avoidZoneId,
      });
      launches.forEach(planned => launch(context, snapshot, planned));
      if (launches.length > 0) {
        snapshot = read();
        bindPending(context, snapshot, now);
        snapshot = read();
      }
    }
    // Drifted nodes wait on time (replacement delay, budget windows): keep looking.
    const waiting = snapshot.nodes.some(
      node => node.driftedSince !== undefined,
    );
    if (waiting) quiet.delete(context);
    else quiet.set(context, { resourceVersion: store.resourceVersion() });
  }

  let next = options.clock.now() + options.roundMs;
  const unsubscribe = options.clock.onAdvance(now => {
    for (; next <= now; next += options.roundMs) {
      for (const context of options.clusters()) runRound(context, next);
    }
  });

  return { runRound, stop: unsubscribe };
}
