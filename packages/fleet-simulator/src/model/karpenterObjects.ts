/** Builders of Karpenter's objects: NodeClaims, NodePools and the controller's Deployment. */
import { DEFAULT_INSTANCE_TYPE } from './instanceTypes';
import { nodePoolTemplate } from './objectReaders';
import {
  KARPENTER_DEPLOYMENT,
  kubeTime,
  ZONAL_SHIFT_ARG,
  ZONAL_SHIFT_ENV,
  type Taint,
} from './objects';
import {
  INSTANCE_TYPE_LABEL,
  ZONE_LABEL,
  type NodeSelectorRequirement,
} from './requirements';
import type { DisruptionBudgetSpec, KarpenterSpec, NodePoolSpec } from './spec';
import type { KubeObject } from './types';
import { supportsNativeZonalShift } from './versions';

export function buildNodeClaim(params: {
  name: string;
  node: KubeObject;
  nodePool: KubeObject;
  now: number;
}): KubeObject {
  const node = params.node;
  const labels = node.metadata.labels ?? {};
  const status = node.status as {
    capacity: Record<string, string>;
    allocatable: Record<string, string>;
  };
  const nodeSpec = node.spec as { providerID: string; taints?: Taint[] };
  const poolSpec = nodePoolTemplate(params.nodePool);
  const time = kubeTime(params.now);
  const condition = (type: string) => ({
    type,
    status: 'True',
    reason: type,
    message: '',
    lastTransitionTime: time,
  });
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodeClaim',
    metadata: {
      name: params.name,
      labels: { ...labels },
      annotations: { 'karpenter.k8s.aws/ec2nodeclass-hash-version': 'v4' },
      finalizers: ['karpenter.sh/termination'],
      ownerReferences: [
        {
          apiVersion: 'karpenter.sh/v1',
          kind: 'NodePool',
          name: params.nodePool.metadata.name,
          uid: params.nodePool.metadata.uid ?? '',
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      nodeClassRef: poolSpec.nodeClassRef,
      requirements: poolSpec.requirements,
      ...(poolSpec.taints?.length ? { taints: poolSpec.taints } : {}),
      expireAfter: '720h',
      resources: { requests: { cpu: '0', memory: '0', pods: '0' } },
    },
    status: {
      nodeName: node.metadata.name,
      providerID: nodeSpec.providerID,
      imageID: 'ami-0123456789abcdef0',
      capacity: status.capacity,
      allocatable: status.allocatable,
      conditions: ['Launched', 'Registered', 'Initialized', 'Ready'].map(
        condition,
      ),
    },
  };
}

function budgetObject(budget: DisruptionBudgetSpec) {
  return {
    nodes: budget.nodes,
    ...(budget.schedule ? { schedule: budget.schedule } : {}),
    ...(budget.duration ? { duration: budget.duration } : {}),
    ...(budget.reasons ? { reasons: budget.reasons } : {}),
  };
}

export function buildNodePool(spec: NodePoolSpec): KubeObject {
  const requirements: NodeSelectorRequirement[] = [
    ...(spec.requirements ?? []),
    {
      key: INSTANCE_TYPE_LABEL,
      operator: 'In',
      values: spec.instanceTypes ?? [DEFAULT_INSTANCE_TYPE],
    },
    {
      key: 'karpenter.sh/capacity-type',
      operator: 'In',
      values: ['on-demand'],
    },
  ];
  const disruption = spec.disruption ?? {};
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: {
      name: spec.name,
      annotations: { 'karpenter.sh/nodepool-hash-version': 'v3' },
    },
    spec: {
      template: {
        spec: {
          nodeClassRef: {
            group: 'karpenter.k8s.aws',
            kind: 'EC2NodeClass',
            name: 'default',
          },
          requirements,
          ...(spec.taints?.length ? { taints: spec.taints } : {}),
          expireAfter: '720h',
        },
      },
      disruption: {
        consolidationPolicy:
          disruption.consolidationPolicy ?? 'WhenEmptyOrUnderutilized',
        consolidateAfter: disruption.consolidateAfter ?? '0s',
        budgets: (disruption.budgets ?? [{ nodes: '10%' }]).map(budgetObject),
      },
      ...(spec.limits && (spec.limits.cpu || spec.limits.memory)
        ? {
            limits: {
              ...(spec.limits.cpu ? { cpu: spec.limits.cpu } : {}),
              ...(spec.limits.memory ? { memory: spec.limits.memory } : {}),
            },
          }
        : {}),
      ...(spec.weight !== undefined ? { weight: spec.weight } : {}),
    },
  };
}

export function buildKarpenterDeployment(
  spec: KarpenterSpec,
  clusterName: string,
  clusterEndpoint: string,
): KubeObject {
  const labels = {
    'app.kubernetes.io/name': 'karpenter',
    'app.kubernetes.io/instance': 'karpenter',
  };
  const nativeSupport = supportsNativeZonalShift(spec.version);
  const enabled = spec.nativeZonalShift ?? false;
  const byArg = spec.zonalShiftSetting === 'arg';
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: KARPENTER_DEPLOYMENT,
      namespace: spec.namespace ?? 'kube-system',
      labels: {
        ...labels,
        'app.kubernetes.io/version': spec.version,
        'app.kubernetes.io/managed-by': 'Helm',
        'helm.sh/chart': `karpenter-${spec.version}`,
      },
      annotations: { 'deployment.kubernetes.io/revision': '1' },
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: 'karpenter',
          priorityClassName: 'system-cluster-critical',
          // The chart's defaults, but its node affinity (karpenter.sh/nodepool
          // DoesNotExist): the simulated clusters run Karpenter's pods on their nodes.
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: ZONE_LABEL,
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: labels },
            },
          ],
          tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }],
          containers: [
            {
              name: 'controller',
              image: `public.ecr.aws/karpenter/controller:${spec.version}`,
              ...(nativeSupport && byArg && enabled
                ? { args: [`${ZONAL_SHIFT_ARG}=true`] }
                : {}),
              env: [
                { name: 'CLUSTER_NAME', value: clusterName },
                { name: 'CLUSTER_ENDPOINT', value: clusterEndpoint },
                { name: 'BATCH_MAX_DURATION', value: '10s' },
                { name: 'BATCH_IDLE_DURATION', value: '1s' },
                ...(nativeSupport && !byArg
                  ? [{ name: ZONAL_SHIFT_ENV, value: String(enabled) }]
                  : []),
              ],
            },
          ],
        },
      },
    },
    status: {
      observedGeneration: 1,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
    },
  };
}

/**
 * A Pending pod of the Karpenter Deployment's ReplicaSet. The chart sets no
 * resource requests by default, so its pods do not change a cluster's
 * requested capacity.
 */
export function buildKarpenterPod(
  deployment: KubeObject,
  name: string,
  templateHash: string,
): KubeObject {
  const template = (deployment.spec as { template: KubeObject }).template;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: deployment.metadata.namespace,
      labels: {
        ...template.metadata.labels,
        'pod-template-hash': templateHash,
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `${deployment.metadata.name}-${templateHash}`,
          uid: '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: { ...(template.spec as object), schedulerName: 'default-scheduler' },
    status: {
      phase: 'Pending',
      conditions: [
        { type: 'PodScheduled', status: 'False', reason: 'Unschedulable' },
      ],
      qosClass: 'BestEffort',
    },
  };
}
