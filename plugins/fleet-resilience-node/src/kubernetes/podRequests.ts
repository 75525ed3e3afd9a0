import {
  parseCpuMillicores,
  parseMemoryBytes,
  type CapacityPod,
  type PodPhase,
  type ResourceAmounts,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { isRecord } from '../util/json';
import {
  InvalidObjectError,
  optionalRecord,
  readObject,
  requiredName,
  type ObjectResult,
} from './objectResult';

const PHASES = new Set<PodPhase>([
  'Pending',
  'Running',
  'Succeeded',
  'Failed',
  'Unknown',
]);

const none = (): ResourceAmounts => ({ cpuMillicores: 0, memoryBytes: 0 });
const plus = (a: ResourceAmounts, b: ResourceAmounts): ResourceAmounts => ({
  cpuMillicores: a.cpuMillicores + b.cpuMillicores,
  memoryBytes: a.memoryBytes + b.memoryBytes,
});
const max = (a: ResourceAmounts, b: ResourceAmounts): ResourceAmounts => ({
  cpuMillicores: Math.max(a.cpuMillicores, b.cpuMillicores),
  memoryBytes: Math.max(a.memoryBytes, b.memoryBytes),
});

/** CPU and memory of a resource list (`requests`, `overhead`); absent ones count 0. */
function amounts(value: unknown, path: string): ResourceAmounts {
  const list = optionalRecord(value, path);
  const read = (resource: 'cpu' | 'memory', parse: (q: string) => number) => {
    const quantity = list?.[resource];
    if (quantity === undefined || quantity === null) return 0;
    if (typeof quantity !== 'string')
      throw new InvalidObjectError(`${path}.${resource} is not a quantity`);
    return parse(quantity);
  };
  return {
    cpuMillicores: read('cpu', parseCpuMillicores),
    memoryBytes: read('memory', parseMemoryBytes),
  };
}

interface Container {
  requests: ResourceAmounts;
  /** An init container with `restartPolicy: Always` (a sidecar) keeps running. */
  sidecar: boolean;
}

function containers(value: unknown, path: string): Container[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new InvalidObjectError(`${path} is not a list`);
  return value.map((container: unknown, index) => {
    if (!isRecord(container))
      throw new InvalidObjectError(`${path}[${index}] is not an object`);
    const resources = optionalRecord(
      container.resources,
      `${path}[${index}].resources`,
    );
    return {
      requests: amounts(
        resources?.requests,
        `${path}[${index}].resources.requests`,
      ),
      sidecar: container.restartPolicy === 'Always',
    };
  });
}

/**
 * What the scheduler reserves for a pod, per resource: the larger of (app
 * containers + sidecars) and, for each ordinary init container, its own
 * request plus the sidecars started before it; then the pod overhead.
 */
export function effectiveRequests(
  app: readonly Container[],
  init: readonly Container[],
  overhead: ResourceAmounts,
): ResourceAmounts {
  let sidecars = none();
  let initPeak = none();
  for (const container of init) {
    if (container.sidecar) {
      sidecars = plus(sidecars, container.requests);
    } else {
      initPeak = max(initPeak, plus(container.requests, sidecars));
    }
  }
  const running = app.reduce(
    (sum, container) => plus(sum, container.requests),
    sidecars,
  );
  return plus(max(running, initPeak), overhead);
}

/** A Pod reduced to its node, phase and effective requests. */
export function capacityPodFrom(pod: unknown): ObjectResult<CapacityPod> {
  return readObject('Pod', pod, object => {
    requiredName(object);
    const spec = optionalRecord(object.spec, 'spec') ?? {};
    const status = optionalRecord(object.status, 'status');
    const phase = status?.phase ?? 'Pending';
    if (typeof phase !== 'string' || !PHASES.has(phase as PodPhase)) {
      throw new InvalidObjectError(
        `status.phase '${String(phase)}' is not a pod phase`,
      );
    }
    if (
      spec.nodeName !== undefined &&
      spec.nodeName !== null &&
      typeof spec.nodeName !== 'string'
    ) {
      throw new InvalidObjectError('spec.nodeName is not a string');
    }
    const nodeName =
      typeof spec.nodeName === 'string' && spec.nodeName !== ''
        ? spec.nodeName
        : undefined;
    return {
      ...(nodeName ? { nodeName } : {}),
      phase: phase as PodPhase,
      requests: effectiveRequests(
        containers(spec.containers, 'spec.containers'),
        containers(spec.initContainers, 'spec.initContainers'),
        amounts(spec.overhead, 'spec.overhead'),
      ),
    };
  });
}
