/**
 * The EC2 instance types simulated nodes can have, with what the kubelet
 * reports: capacity, and allocatable after the EKS AMI's kube-reserved
 * (CPU: 6% of the first core, 1% of the second, 0.5% of the next two, 0.25%
 * above four; memory: 255Mi + 11Mi per pod) and the 100Mi eviction threshold.
 */

export interface InstanceType {
  name: string;
  vcpu: number;
  memoryGiB: number;
  /** EKS max pods (ENI-based). */
  maxPods: number;
  architecture: 'amd64' | 'arm64';
}

const TYPES: InstanceType[] = [
  {
    name: 't3.medium',
    vcpu: 2,
    memoryGiB: 4,
    maxPods: 17,
    architecture: 'amd64',
  },
  {
    name: 'm5.large',
    vcpu: 2,
    memoryGiB: 8,
    maxPods: 29,
    architecture: 'amd64',
  },
  {
    name: 'm5.xlarge',
    vcpu: 4,
    memoryGiB: 16,
    maxPods: 58,
    architecture: 'amd64',
  },
  {
    name: 'm5.2xlarge',
    vcpu: 8,
    memoryGiB: 32,
    maxPods: 58,
    architecture: 'amd64',
  },
  {
    name: 'm5.4xlarge',
    vcpu: 16,
    memoryGiB: 64,
    maxPods: 234,
    architecture: 'amd64',
  },
  {
    name: 'm6i.xlarge',
    vcpu: 4,
    memoryGiB: 16,
    maxPods: 58,
    architecture: 'amd64',
  },
  {
    name: 'm6i.2xlarge',
    vcpu: 8,
    memoryGiB: 32,
    maxPods: 58,
    architecture: 'amd64',
  },
  {
    name: 'm7g.xlarge',
    vcpu: 4,
    memoryGiB: 16,
    maxPods: 58,
    architecture: 'arm64',
  },
  {
    name: 'c5.xlarge',
    vcpu: 4,
    memoryGiB: 8,
    maxPods: 58,
    architecture: 'amd64',
  },
  {
    name: 'c5.2xlarge',
    vcpu: 8,
    memoryGiB: 16,
    maxPods: 58,
    architecture: 'amd64',
  },
  {
    name: 'r5.xlarge',
    vcpu: 4,
    memoryGiB: 32,
    maxPods: 58,
    architecture: 'amd64',
  },
  {
    name: 'r5.2xlarge',
    vcpu: 8,
    memoryGiB: 64,
    maxPods: 58,
    architecture: 'amd64',
  },
];

export const DEFAULT_INSTANCE_TYPE = 'm5.xlarge';

export const INSTANCE_TYPE_NAMES = TYPES.map(type => type.name);

export function instanceType(name: string): InstanceType | undefined {
  return TYPES.find(type => type.name === name);
}

const MI = 2 ** 20;

export interface NodeResources {
  capacity: { milliCpu: number; memory: number; pods: number };
  allocatable: { milliCpu: number; memory: number; pods: number };
}

function reservedMilliCpu(vcpu: number): number {
  const cores = (from: number, to: number) =>
    Math.max(0, Math.min(vcpu, to) - from);
  return Math.round(
    cores(0, 1) * 60 +
      cores(1, 2) * 10 +
      cores(2, 4) * 5 +
      cores(4, Infinity) * 2.5,
  );
}

export function nodeResources(type: InstanceType): NodeResources {
  const milliCpu = type.vcpu * 1000;
  const memory = type.memoryGiB * 1024 * MI;
  return {
    capacity: { milliCpu, memory, pods: type.maxPods },
    allocatable: {
      milliCpu: milliCpu - reservedMilliCpu(type.vcpu),
      memory: memory - (255 + 11 * type.maxPods) * MI - 100 * MI,
      pods: type.maxPods,
    },
  };
}
