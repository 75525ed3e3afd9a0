/** Readers of the few object fields the simulated controllers act on. */
import {
  instanceType as lookupInstanceType,
  type InstanceType,
} from './instanceTypes';
import { DO_NOT_DISRUPT, type Taint } from './objects';
import { bytes, milliCpu } from './quantity';
import {
  INSTANCE_TYPE_LABEL,
  type NodeSelectorRequirement,
} from './requirements';
import type { KubeObject } from './types';

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
