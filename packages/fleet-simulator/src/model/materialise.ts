/**
 * Fills a cluster's KubeStore from its spec: the Karpenter Deployment,
 * NodePools, Nodes (with a NodeClaim each when Karpenter launched them) and
 * the workloads' pods, placed by the scheduler (Pending where nothing fits).
 */
import { DEFAULT_INSTANCE_TYPE, instanceType } from './instanceTypes';
import type { ClusterNames } from './naming';
import { templateHash } from './naming';
import {
  buildKarpenterDeployment,
  buildKarpenterPod,
  buildNodeClaim,
  buildNodePool,
} from './karpenterObjects';
import { buildNode } from './nodeObjects';
import { nodeAllocatable } from './objectReaders';
import { kubeTime } from './objects';
import { bindPod, buildPod, buildWorkload, templateLabels } from './podObjects';
import { schedulePods, type SchedulableNode } from './scheduling';
import { nodeTaints, podKey, toSchedulablePod } from './snapshot';
import type { ClusterSpec } from './spec';
import type { KubeObject, KubeStore, SimCluster } from './types';
import {
  buildAutoscaler,
  buildDisruptionBudget,
  materialisedWorkloads,
} from './workloadObjects';

/**
 * One materialised cluster as the in-cluster controllers see it.
 *
 * @public
 */
export interface ClusterContext {
  cluster: SimCluster;
  spec: ClusterSpec;
  store: KubeStore;
  names: ClusterNames;
  now: () => number;
}

/** Creates a node (and its NodeClaim for a NodePool node); returns the stored node. */
export function createNode(
  context: ClusterContext,
  params: {
    zoneIndex: number;
    instanceType: string;
    nodePool?: KubeObject;
    nodeGroup?: string;
    doNotDisrupt?: boolean;
  },
): KubeObject {
  const { cluster, names, store } = context;
  const type =
    instanceType(params.instanceType) ?? instanceType(DEFAULT_INSTANCE_TYPE)!;
  const { name, ip } = names.node(params.zoneIndex);
  const poolTaints = (
    params.nodePool?.spec as
      | { template?: { spec?: { taints?: [] } } }
      | undefined
  )?.template?.spec?.taints;
  const node = store.create(
    'nodes',
    buildNode({
      name,
      region: cluster.region,
      zone: cluster.zones[params.zoneIndex],
      instanceType: type,
      instanceId: names.instanceId(),
      privateIp: ip,
      kubernetesVersion: cluster.version,
      nodePool: params.nodePool?.metadata.name,
      nodeGroup: params.nodeGroup,
      doNotDisrupt: params.doNotDisrupt,
      taints: poolTaints,
      now: context.now(),
    }),
  );
  if (params.nodePool) {
    store.create(
      'nodeclaims',
      buildNodeClaim({
        name: names.nodeClaim(params.nodePool.metadata.name),
        node,
        nodePool: params.nodePool,
        now: context.now(),
      }),
    );
  }
  return node;
}

/** The node as the scheduler sees it when nothing runs on it yet. */
function emptyNode(
  node: KubeObject,
  cluster: SimCluster,
  zoneIndex: number,
): SchedulableNode {
  return {
    name: node.metadata.name,
    zone: cluster.zones[zoneIndex],
    labels: node.metadata.labels ?? {},
    taints: nodeTaints(node),
    unschedulable: false,
    free: nodeAllocatable(node),
  };
}

/** The chart's selector labels of the Karpenter Deployment. */
function karpenterSelector(deployment: KubeObject): Record<string, string> {
  return (
    (deployment.spec as { selector?: { matchLabels?: Record<string, string> } })
      .selector?.matchLabels ?? {}
  );
}

/** The Karpenter Deployment's replicas as its ReplicaSet creates them (Pending). */
function karpenterPodsOf(
  deployment: KubeObject,
  names: ClusterNames,
): KubeObject[] {
  const { name, namespace } = deployment.metadata;
  const hash = templateHash(namespace ?? 'kube-system', name);
  const replicas = (deployment.spec as { replicas?: number }).replicas ?? 1;
  return Array.from({ length: replicas }, () =>
    buildKarpenterPod(deployment, names.pod(name, hash), hash),
  );
}

export function materialiseCluster(context: ClusterContext): void {
  const { cluster, spec, store, names } = context;
  const karpenter = spec.karpenter
    ? store.create(
        'deployments',
        buildKarpenterDeployment(
          spec.karpenter,
          cluster.name,
          cluster.endpoint,
        ),
      )
    : undefined;
  const pools = new Map<string, KubeObject>();
  for (const pool of spec.nodePools ?? []) {
    pools.set(pool.name, store.create('nodepools', buildNodePool(pool)));
  }
  const schedulable: SchedulableNode[] = [];
  const ips = new Map<string, string>();
  for (const group of spec.nodes ?? []) {
    const zoneIndex = cluster.zones.findIndex(zone => zone.name === group.zone);
    const poolSpec = spec.nodePools?.find(pool => pool.name === group.nodePool);
    for (let i = 0; i < group.count; i++) {
      const node = createNode(context, {
        zoneIndex,
        instanceType:
          group.instanceType ??
          poolSpec?.instanceTypes?.[0] ??
          DEFAULT_INSTANCE_TYPE,
        nodePool: group.nodePool ? pools.get(group.nodePool) : undefined,
        nodeGroup: group.nodePool ? undefined : group.nodeGroup ?? 'default',
        doNotDisrupt: group.doNotDisrupt,
      });
      schedulable.push(emptyNode(node, cluster, zoneIndex));
      const status = node.status as { addresses: Array<{ address: string }> };
      ips.set(node.metadata.name, status.addresses[0].address);
    }
  }
  const pods: KubeObject[] = [];
  const karpenterPods = karpenter ? karpenterPodsOf(karpenter, names) : [];
  pods.push(...karpenterPods);
  const workloads = materialisedWorkloads(spec.workloads ?? []).map(
    workload => {
      const namespace = workload.namespace ?? 'default';
      const hash = templateHash(namespace, workload.name);
      const params = {
        namespace,
        workload: workload.name,
        templateHash: hash,
        cpu: workload.cpu,
        memory: workload.memory,
        doNotDisrupt: workload.doNotDisrupt,
        nodeSelector: workload.nodeSelector,
        tolerations: workload.tolerations,
        kind: workload.kind,
        zoneSpread: workload.zoneSpread,
        zones: workload.zones,
        labels: workload.labels,
        args: workload.args,
        image: workload.image,
      };
      // A StatefulSet names its pods by ordinal; a ReplicaSet by a random suffix.
      const own = Array.from({ length: workload.replicas }, (_, ordinal) =>
        buildPod({
          ...params,
          name:
            workload.kind === 'StatefulSet'
              ? `${workload.name}-${ordinal}`
              : names.pod(workload.name, hash),
        }),
      );
      pods.push(...own);
      return { params, own, workload };
    },
  );
  const placements = schedulePods(pods.map(toSchedulablePod), schedulable);
  if (karpenter) {
    store.create(
      'poddisruptionbudgets',
      buildDisruptionBudget({
        workload: karpenter.metadata.name,
        namespace: karpenter.metadata.namespace!,
        selector: karpenterSelector(karpenter),
        pdb: { maxUnavailable: 1 },
        replicas: karpenterPods.length,
        ready: karpenterPods.filter(pod => placements.has(podKey(pod))).length,
        time: kubeTime(context.now()),
      }),
    );
  }
  for (const { params, own, workload } of workloads) {
    const ready = own.filter(pod => placements.has(podKey(pod))).length;
    const { replicas } = workload;
    const kind = workload.kind ?? 'Deployment';
    store.create(
      kind === 'StatefulSet' ? 'statefulsets' : 'deployments',
      buildWorkload({ ...params, name: params.workload, replicas, ready }),
    );
    if (workload.pdb) {
      store.create(
        'poddisruptionbudgets',
        buildDisruptionBudget({
          workload: workload.name,
          namespace: params.namespace,
          selector: templateLabels(params),
          pdb: workload.pdb,
          replicas,
          ready,
          time: kubeTime(context.now()),
        }),
      );
    }
    if (workload.autoscaler === 'hpa') {
      store.create(
        'horizontalpodautoscalers',
        buildAutoscaler({
          workload: workload.name,
          namespace: params.namespace,
          kind,
          replicas,
        }),
      );
    }
  }
  const zoneIndexOf = new Map(
    schedulable.map(node => [node.name, cluster.zones.indexOf(node.zone)]),
  );
  for (const pod of pods) {
    const nodeName = placements.get(podKey(pod));
    store.create(
      'pods',
      nodeName
        ? bindPod(
            pod,
            nodeName,
            ips.get(nodeName)!,
            names.podIp(zoneIndexOf.get(nodeName)!),
            context.now(),
          )
        : pod,
    );
  }
}
