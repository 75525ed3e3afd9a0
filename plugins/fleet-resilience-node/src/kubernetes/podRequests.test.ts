import { capacityPodFrom } from './podRequests';

const MI = 2 ** 20;

function pod(spec: Record<string, unknown>, phase: string | null = 'Running') {
  return {
    metadata: { name: 'api-5d8f9-abcde', namespace: 'payments' },
    spec,
    status: phase === null ? {} : { phase },
  };
}

const container = (
  cpu?: string,
  memory?: string,
  extra: Record<string, unknown> = {},
) => ({
  name: 'c',
  resources: {
    requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) },
  },
  ...extra,
});

describe('capacityPodFrom', () => {
  it('sums the containers’ requests and keeps node and phase', () => {
    expect(
      capacityPodFrom(
        pod({
          nodeName: 'node-1',
          containers: [container('500m', '1Gi'), container('250m', '256Mi')],
        }),
      ),
    ).toEqual({
      ok: true,
      value: {
        nodeName: 'node-1',
        phase: 'Running',
        requests: { cpuMillicores: 750, memoryBytes: 1280 * MI },
      },
    });
  });

  it('takes the largest init container when it exceeds the containers, per resource', () => {
    const result = capacityPodFrom(
      pod({
        containers: [container('500m', '1Gi')],
        initContainers: [container('2', '128Mi'), container('100m', '512Mi')],
      }),
    );
    expect(result.ok && result.value.requests).toEqual({
      cpuMillicores: 2000,
      memoryBytes: 1024 * MI,
    });
  });

  it('adds sidecars (restartable init containers) to the containers and to later init containers', () => {
    const result = capacityPodFrom(
      pod({
        containers: [container('500m', '1Gi')],
        initContainers: [
          container('100m', '64Mi', { restartPolicy: 'Always' }),
          container('1', '2Gi'),
          container('200m', '128Mi', { restartPolicy: 'Always' }),
        ],
      }),
    );
    // running: 500 + 100 + 200 = 800m, 1024 + 64 + 128 Mi; init peak: 1000 + 100 = 1100m, 2048 + 64 Mi.
    expect(result.ok && result.value.requests).toEqual({
      cpuMillicores: 1100,
      memoryBytes: 2112 * MI,
    });
  });

  it('adds the pod overhead', () => {
    const result = capacityPodFrom(
      pod({
        containers: [container('1', '1Gi')],
        overhead: { cpu: '250m', memory: '160Mi' },
      }),
    );
    expect(result.ok && result.value.requests).toEqual({
      cpuMillicores: 1250,
      memoryBytes: 1184 * MI,
    });
  });

  it('counts missing requests as zero and a pod without node as pending demand', () => {
    const result = capacityPodFrom(
      pod({ containers: [{ name: 'c' }, container('100m')] }, 'Pending'),
    );
    expect(result).toEqual({
      ok: true,
      value: {
        phase: 'Pending',
        requests: { cpuMillicores: 100, memoryBytes: 0 },
      },
    });
  });

  it('reads a pod without a phase as Pending', () => {
    const result = capacityPodFrom(pod({ containers: [] }, null));
    expect(result.ok && result.value.phase).toBe('Pending');
  });

  it.each<[string, unknown, string]>([
    [
      'a bad quantity',
      pod({ containers: [container('1 core')] }),
      'Invalid quantity',
    ],
    [
      'a negative quantity',
      pod({ containers: [container('-1')] }),
      'must not be negative',
    ],
    [
      'an unknown phase',
      pod({ containers: [] }, 'Exploded'),
      'not a pod phase',
    ],
    [
      'containers that are not a list',
      pod({ containers: {} }),
      'spec.containers is not a list',
    ],
    [
      'a numeric nodeName',
      pod({ nodeName: 7, containers: [] }),
      'spec.nodeName',
    ],
  ])(
    'turns a pod with %s into a problem naming it',
    (_what, object, message) => {
      const result = capacityPodFrom(object);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.problem).toEqual({
        source: 'kubernetes',
        resource: 'Pod/payments/api-5d8f9-abcde',
        message: expect.stringContaining(message),
      });
    },
  );
});
