/**
 * What EKS does when ARC applies a zonal shift to a cluster: it cordons the
 * nodes in the AZ (`spec.unschedulable` plus the `node.kubernetes.io/unschedulable`
 * taint the node lifecycle controller adds) and, when no shift applies any
 * more, uncordons exactly the nodes it cordoned. Nodes someone else cordoned
 * stay as they are. Writes go through the KubeStore so watchers see them.
 */
import type { ArcFleetView, ArcManagedResource } from '../arc/types';
import type { EventLog } from './events';
import { kubeTime, UNSCHEDULABLE_TAINT, type Taint } from './objects';
import { isCordoned, nodeTaints, zoneOfNode } from './snapshot';
import type { KubeObject, KubeStore, SimCluster } from './types';

/**
 * The fleet as ARC sees it, with EKS's reaction to zonal shifts (cordoning the AZ's nodes).
 *
 * @public
 */
export interface EksZonalShift extends ArcFleetView {
  /** The AZ ID ARC currently applies for the cluster, if any. */
  awayZone(arn: string): string | undefined;
}

interface ClusterShiftState {
  awayFrom?: string;
  /** Nodes this behaviour cordoned, to uncordon when the shift ends. */
  cordoned: Set<string>;
}

export function toManagedResource(cluster: SimCluster): ArcManagedResource {
  return {
    arn: cluster.arn,
    name: cluster.name,
    accountId: cluster.accountId,
    region: cluster.region,
    zoneIds: cluster.zones.map(zone => zone.id),
    zonalShiftEnabled: cluster.zonalShiftEnabled,
  };
}

export function cordonedNode(node: KubeObject, now: number): KubeObject {
  const taints = nodeTaints(node).filter(
    taint => taint.key !== UNSCHEDULABLE_TAINT,
  );
  const taint: Taint = {
    key: UNSCHEDULABLE_TAINT,
    effect: 'NoSchedule',
    timeAdded: kubeTime(now),
  };
  return {
    ...node,
    spec: {
      ...(node.spec as object),
      unschedulable: true,
      taints: [...taints, taint],
    },
  };
}

export function uncordonedNode(node: KubeObject): KubeObject {
  const {
    unschedulable: _unschedulable,
    taints: _taints,
    ...spec
  } = node.spec as Record<string, unknown>;
  const taints = nodeTaints(node).filter(
    taint => taint.key !== UNSCHEDULABLE_TAINT,
  );
  return { ...node, spec: { ...spec, ...(taints.length ? { taints } : {}) } };
}

export function createEksZonalShift(options: {
  clusters: () => SimCluster[];
  cluster: (arn: string) => SimCluster | undefined;
  /** The fleet's account IDs in fleet order: ARC names the caller's account from them. */
  accountIds: () => string[];
  events: EventLog;
  now: () => number;
}): EksZonalShift {
  const states = new Map<string, ClusterShiftState>();

  function uncordon(cluster: SimCluster, store: KubeStore, names: Set<string>) {
    for (const name of names) {
      const node = store.get('nodes', name);
      if (!node || !isCordoned(node)) continue;
      store.update('nodes', uncordonedNode(node));
      options.events.record({
        source: 'simulator',
        type: 'NodeUncordoned',
        clusterArn: cluster.arn,
        detail: { node: name, zoneId: zoneOfNode(node, cluster.zones).id },
      });
    }
  }

  function cordon(
    cluster: SimCluster,
    store: KubeStore,
    zoneId: string,
    into: Set<string>,
  ) {
    for (const node of store.list('nodes')) {
      if (zoneOfNode(node, cluster.zones).id !== zoneId || isCordoned(node))
        continue;
      store.update('nodes', cordonedNode(node, options.now()));
      into.add(node.metadata.name);
      options.events.record({
        source: 'simulator',
        type: 'NodeCordoned',
        clusterArn: cluster.arn,
        detail: { node: node.metadata.name, zoneId },
      });
    }
  }

  return {
    listResources: () => options.clusters().map(toManagedResource),
    getResource(arn) {
      const cluster = options.cluster(arn);
      return cluster && toManagedResource(cluster);
    },
    accountIds: options.accountIds,
    onAppliedZoneChanged(arn, awayFrom) {
      const cluster = options.cluster(arn);
      if (!cluster) return;
      const state = states.get(arn) ?? { cordoned: new Set<string>() };
      states.set(arn, state);
      if (state.awayFrom === awayFrom) return;
      const store = cluster.kube;
      uncordon(cluster, store, state.cordoned);
      state.cordoned.clear();
      state.awayFrom = awayFrom;
      if (awayFrom) cordon(cluster, store, awayFrom, state.cordoned);
    },
    awayZone: arn => states.get(arn)?.awayFrom,
  };
}
