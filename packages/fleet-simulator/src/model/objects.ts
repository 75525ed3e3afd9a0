/**
 * Builders of the Kubernetes objects a simulated cluster holds, shaped as an
 * EKS cluster with Karpenter shows them, and readers of the few fields the
 * simulated controllers act on. Pure: no store, no clock.
 */
import {
  DEFAULT_INSTANCE_TYPE,
  instanceType as lookupInstanceType,
  nodeResources,
  type InstanceType,
} from './instanceTypes';
import { bytes, formatMemory, formatMilliCpu, milliCpu } from './quantity';
import {
  INSTANCE_TYPE_LABEL,
  NODEPOOL_LABEL,
  ZONE_ID_LABEL,
  ZONE_LABEL,
  type NodeSelectorRequirement,
} from './requirements';
import type {
  DisruptionBudgetSpec,
  KarpenterSpec,
  NodePoolSpec,
  TaintSpec,
} from './spec';
import type { KubeObject, SimZone } from './types';
import { supportsNativeZonalShift } from './versions';

export const DO_NOT_DISRUPT = 'karpenter.sh/do-not-disrupt';
export const NODEGROUP_LABEL = 'eks.amazonaws.com/nodegroup';
export const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';
export const DISRUPTED_TAINT = 'karpenter.sh/disrupted';
export const KARPENTER_DEPLOYMENT = 'karpenter';
/** Karpenter's own env name for `settings.enableZonalShift` (flag `--enable-zonal-shift`). */
export const ZONAL_SHIFT_ENV = 'ENABLE_ZONAL_SHIFT';
export const ZONAL_SHIFT_ARG = '--enable-zonal-shift';

/** Kubernetes timestamps: RFC 3339 in UTC, whole seconds. */
export function kubeTime(epochMillis: number): string {
  return new Date(epochMillis).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

export interface NodeParams {
  name: string;
  region: string;
  zone: SimZone;
  instanceType: InstanceType;
  /** EC2 instance ID, `i-` + 17 hex. */
  instanceId: string;
  privateIp: string;
  kubernetesVersion: string;
  nodePool?: string;
  nodeGroup?: string;
  doNotDisrupt?: boolean;
  taints?: TaintSpec[];
  now: number;
}

export function instanceLabels(type: InstanceType): Record<string, string> {
  const [family, size] = type.name.split('.');
  return {
    [INSTANCE_TYPE_LABEL]: type.name,
    'karpenter.k8s.aws/instance-family': family,
    'karpenter.k8s.aws/instance-category': family.replace(/\d.*$/, ''),
    'karpenter.k8s.aws/instance-size': size,
    'karpenter.k8s.aws/instance-cpu': String(type.vcpu),
    'kubernetes.io/arch': type.architecture,
  };
}

function nodeLabels(params: NodeParams): Record<string, string> {
  return {
    'kubernetes.io/hostname': params.name,
    'kubernetes.io/os': 'linux',
    'topology.kubernetes.io/region': params.region,
    [ZONE_LABEL]: params.zone.name,
    [ZONE_ID_LABEL]: params.zone.id,
    ...instanceLabels(params.instanceType),
    ...(params.nodePool
      ? {
          [NODEPOOL_LABEL]: params.nodePool,
          'karpenter.sh/capacity-type': 'on-demand',
          'karpenter.sh/registered': 'true',
          'karpenter.sh/initialized': 'true',
        }
      : {
          [NODEGROUP_LABEL]: params.nodeGroup ?? 'default',
          'eks.amazonaws.com/capacityType': 'ON_DEMAND',
        }),
  };
}

function resourceList(resources: {
  milliCpu: number;
  memory: number;
  pods: number;
}) {
  return {
    cpu: formatMilliCpu(resources.milliCpu),
    memory: formatMemory(resources.memory),
    pods: String(resources.pods),
    'ephemeral-storage': '83873772Ki',
  };
}

export function providerId(zone: SimZone, instanceId: string): string {
  return `aws:///${zone.name}/${instanceId}`;
}

export function buildNode(params: NodeParams): KubeObject {
  const resources = nodeResources(params.instanceType);
  const time = kubeTime(params.now);
  const taints = (params.taints ?? []).map(taint => ({ ...taint }));
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: params.name,
      labels: nodeLabels(params),
      annotations: {
        'alpha.kubernetes.io/provided-node-ip': params.privateIp,
        ...(params.doNotDisrupt ? { [DO_NOT_DISRUPT]: 'true' } : {}),
      },
      ...(params.nodePool ? { finalizers: ['karpenter.sh/termination'] } : {}),
    },
    spec: {
      providerID: providerId(params.zone, params.instanceId),
      ...(taints.length ? { taints } : {}),
    },
    status: {
      capacity: resourceList(resources.capacity),
      allocatable: resourceList(resources.allocatable),
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
          lastHeartbeatTime: time,
          lastTransitionTime: time,
        },
      ],
      addresses: [
        { type: 'InternalIP', address: params.privateIp },
        { type: 'Hostname', address: params.name },
      ],
      nodeInfo: {
        architecture: params.instanceType.architecture,
        operatingSystem: 'linux',
        osImage: 'Amazon Linux 2023.7.20250512',
        kubeletVersion: `v${params.kubernetesVersion}.0-eks-1a2b3c4`,
        containerRuntimeVersion: 'containerd://1.7.27',
      },
    },
  };
}

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

export interface PodParams {
  name: string;
  namespace: string;
  workload: string;
  templateHash: string;
  cpu: string;
  memory: string;
  doNotDisrupt?: boolean;
  nodeSelector?: Record<string, string>;
  tolerations?: string[];
}

/** A Pending pod of a Deployment's ReplicaSet; `bindPod` places it. */
export function buildPod(params: PodParams): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: params.name,
      namespace: params.namespace,
      labels: {
        app: params.workload,
        'pod-template-hash': params.templateHash,
      },
      ...(params.doNotDisrupt
        ? { annotations: { [DO_NOT_DISRUPT]: 'true' } }
        : {}),
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `${params.workload}-${params.templateHash}`,
          uid: '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      containers: [
        {
          name: params.workload,
          image: `public.ecr.aws/docker/library/${params.workload}:latest`,
          resources: { requests: { cpu: params.cpu, memory: params.memory } },
        },
      ],
      ...(params.nodeSelector ? { nodeSelector: params.nodeSelector } : {}),
      ...(params.tolerations?.length
        ? {
            tolerations: params.tolerations.map(key => ({
              key,
              operator: 'Exists',
            })),
          }
        : {}),
      schedulerName: 'default-scheduler',
    },
    status: {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: '0/0 nodes are available: no node fits the pod',
        },
      ],
      qosClass: 'Burstable',
    },
  };
}

/** The pod after the scheduler bound it to `node` and it started. */
export function bindPod(
  pod: KubeObject,
  nodeName: string,
  hostIp: string,
  podIp: string,
  now: number,
): KubeObject {
  const time = kubeTime(now);
  return {
    ...pod,
    spec: { ...(pod.spec as object), nodeName },
    status: {
      phase: 'Running',
      hostIP: hostIp,
      podIP: podIp,
      startTime: time,
      conditions: [
        'PodScheduled',
        'Initialized',
        'ContainersReady',
        'Ready',
      ].map(type => ({
        type,
        status: 'True',
        lastTransitionTime: time,
      })),
      qosClass: 'Burstable',
    },
  };
}

/** A fresh Pending copy of an evicted pod, as its ReplicaSet would create it. */
export function replacementPod(pod: KubeObject, name: string): KubeObject {
  const { nodeName: _nodeName, ...spec } = pod.spec as Record<string, unknown>;
  return {
    apiVersion: pod.apiVersion,
    kind: pod.kind,
    metadata: {
      name,
      namespace: pod.metadata.namespace,
      labels: pod.metadata.labels,
      ...(pod.metadata.annotations
        ? { annotations: pod.metadata.annotations }
        : {}),
      ownerReferences: pod.metadata.ownerReferences,
    },
    spec,
    status: {
      phase: 'Pending',
      conditions: [
        { type: 'PodScheduled', status: 'False', reason: 'Unschedulable' },
      ],
      qosClass: 'Burstable',
    },
  };
}

/** A workload's Deployment; its status counts the pods running when the cluster was built. */
export function buildWorkloadDeployment(
  params: PodParams & { replicas: number; ready: number },
): KubeObject {
  const labels = { app: params.workload };
  const pod = buildPod(params);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: params.workload,
      namespace: params.namespace,
      labels,
      annotations: { 'deployment.kubernetes.io/revision': '1' },
    },
    spec: {
      replicas: params.replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: {
          labels,
          ...(pod.metadata.annotations
            ? { annotations: pod.metadata.annotations }
            : {}),
        },
        spec: pod.spec,
      },
    },
    status: {
      observedGeneration: 1,
      replicas: params.replicas,
      updatedReplicas: params.replicas,
      readyReplicas: params.ready,
      availableReplicas: params.ready,
      ...(params.ready < params.replicas
        ? { unavailableReplicas: params.replicas - params.ready }
        : {}),
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

// Readers of the fields the scheduler and Karpenter model act on.

export interface NodePoolTemplate {
  nodeClassRef: unknown;
  requirements: NodeSelectorRequirement[];
  taints?: Taint[];
}

export function nodePoolTemplate(nodePool: KubeObject): NodePoolTemplate {
  const spec = nodePool.spec as
    | { template?: { spec?: Partial<NodePoolTemplate> } }
    | undefined;
  const template = spec?.template?.spec ?? {};
  return {
    nodeClassRef: template.nodeClassRef,
    requirements: Array.isArray(template.requirements)
      ? template.requirements
      : [],
    taints: template.taints,
  };
}

export function podRequests(pod: KubeObject): {
  milliCpu: number;
  memory: number;
} {
  const containers =
    (
      pod.spec as {
        containers?: Array<{
          resources?: { requests?: Record<string, string> };
        }>;
      }
    )?.containers ?? [];
  let cpu = 0;
  let memory = 0;
  for (const container of containers) {
    const requests = container.resources?.requests ?? {};
    cpu += requests.cpu ? safe(() => milliCpu(requests.cpu)) : 0;
    memory += requests.memory ? safe(() => bytes(requests.memory)) : 0;
  }
  return { milliCpu: cpu, memory };
}

// Objects written through the API may carry anything; a bad quantity counts as 0.
function safe(read: () => number): number {
  try {
    return read();
  } catch {
    return 0;
  }
}

export function nodeAllocatable(node: KubeObject): {
  milliCpu: number;
  memory: number;
  pods: number;
} {
  const allocatable =
    (node.status as { allocatable?: Record<string, string> })?.allocatable ??
    {};
  return {
    milliCpu: allocatable.cpu ? safe(() => milliCpu(allocatable.cpu)) : 0,
    memory: allocatable.memory ? safe(() => bytes(allocatable.memory)) : 0,
    pods: Number(allocatable.pods ?? 110),
  };
}

export function instanceTypeOf(node: KubeObject): InstanceType | undefined {
  const name = node.metadata.labels?.[INSTANCE_TYPE_LABEL];
  return name ? lookupInstanceType(name) : undefined;
}

export function isDoNotDisrupt(object: KubeObject): boolean {
  return object.metadata.annotations?.[DO_NOT_DISRUPT] === 'true';
}
