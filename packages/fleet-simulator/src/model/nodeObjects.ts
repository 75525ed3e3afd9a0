/** Builders of a simulated cluster's Nodes, labelled as EKS and Karpenter label them. */
import { nodeResources, type InstanceType } from './instanceTypes';
import { formatMemory, formatMilliCpu } from './quantity';
import {
  INSTANCE_TYPE_LABEL,
  NODEPOOL_LABEL,
  ZONE_ID_LABEL,
  ZONE_LABEL,
} from './requirements';
import type { TaintSpec } from './spec';
import type { KubeObject, SimZone } from './types';
import { DO_NOT_DISRUPT, kubeTime, NODEGROUP_LABEL } from './objects';

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
