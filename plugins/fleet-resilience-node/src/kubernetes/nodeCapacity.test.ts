import { capacityNodeFrom, zonesOfNodes } from './nodeCapacity';

const GI = 2 ** 30;

function node(
  overrides: {
    labels?: Record<string, string>;
    spec?: object;
    status?: object;
    name?: string;
  } = {},
) {
  return {
    metadata: {
      name: overrides.name ?? 'ip-10-0-1-10.ec2.internal',
      labels: overrides.labels ?? {
        'topology.kubernetes.io/zone': 'us-east-1a',
        'topology.k8s.aws/zone-id': 'use1-az1',
      },
    },
    spec: overrides.spec ?? {},
    status: overrides.status ?? {
      allocatable: { cpu: '3920m', memory: '15391Mi', pods: '58' },
      conditions: [
        { type: 'MemoryPressure', status: 'False' },
        { type: 'Ready', status: 'True' },
      ],
    },
  };
}

describe('capacityNodeFrom', () => {
  it('reads zone from both labels, allocatable, cordon and readiness', () => {
    expect(capacityNodeFrom(node({ spec: { unschedulable: true } }))).toEqual({
      ok: true,
      value: {
        name: 'ip-10-0-1-10.ec2.internal',
        zone: { name: 'us-east-1a', id: 'use1-az1' },
        allocatable: { cpuMillicores: 3920, memoryBytes: 15391 * 2 ** 20 },
        unschedulable: true,
        ready: true,
      },
    });
  });

  it('has no zone unless both labels are there', () => {
    const result = capacityNodeFrom(
      node({ labels: { 'topology.kubernetes.io/zone': 'us-east-1a' } }),
    );
    expect(result.ok && result.value.zone).toBeUndefined();
  });

  it('is not ready when the Ready condition is False or Unknown, and unknown without it', () => {
    const withReady = (status: string) =>
      capacityNodeFrom(
        node({
          status: {
            allocatable: { cpu: '1', memory: '1Gi' },
            conditions: [{ type: 'Ready', status }],
          },
        }),
      );
    expect(
      withReady('False').ok &&
        (withReady('False') as { value: { ready?: boolean } }).value.ready,
    ).toBe(false);
    const unknown = withReady('Unknown');
    expect(unknown.ok && unknown.value.ready).toBe(false);
    const none = capacityNodeFrom(
      node({ status: { allocatable: { cpu: '2', memory: '4Gi' } } }),
    );
    expect(none.ok && 'ready' in none.value).toBe(false);
    expect(none.ok && none.value.allocatable).toEqual({
      cpuMillicores: 2000,
      memoryBytes: 4 * GI,
    });
  });

  it('counts a node that reports no allocatable yet as zero', () => {
    const result = capacityNodeFrom(node({ status: {} }));
    expect(result.ok && result.value.allocatable).toEqual({
      cpuMillicores: 0,
      memoryBytes: 0,
    });
  });

  it.each<[string, unknown, string]>([
    [
      'a bad quantity',
      node({ status: { allocatable: { cpu: 'lots', memory: '1Gi' } } }),
      'Invalid quantity',
    ],
    [
      'a quantity that is not a string',
      node({ status: { allocatable: { cpu: 4 } } }),
      'not a quantity',
    ],
    ['no name', { metadata: {}, status: {} }, 'metadata.name is missing'],
    [
      'labels that are not strings',
      node({ labels: { a: 1 } as unknown as Record<string, string> }),
      'metadata.labels.a',
    ],
    ['not an object', 'node', 'Node is not an object'],
  ])(
    'turns a node with %s into a problem naming it',
    (_what, object, message) => {
      const result = capacityNodeFrom(object);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.problem).toMatchObject({
        source: 'kubernetes',
        message: expect.stringContaining(message),
      });
    },
  );

  it('names the node in its problem', () => {
    const result = capacityNodeFrom(
      node({ name: 'bad-node', status: { allocatable: { cpu: 'x' } } }),
    );
    expect(!result.ok && result.problem.resource).toBe('Node/bad-node');
  });
});

describe('zonesOfNodes', () => {
  const at = (name: string, id: string) => ({
    name: `${name}-${id}`,
    zone: { name, id },
    allocatable: { cpuMillicores: 0, memoryBytes: 0 },
    unschedulable: false,
  });

  it('lists each AZ once, ordered by name', () => {
    expect(
      zonesOfNodes([
        at('us-east-1c', 'use1-az4'),
        at('us-east-1a', 'use1-az1'),
        at('us-east-1a', 'use1-az1'),
      ]),
    ).toEqual({
      zones: [
        { name: 'us-east-1a', id: 'use1-az1' },
        { name: 'us-east-1c', id: 'use1-az4' },
      ],
      problems: [],
    });
  });

  it('reports and drops a mapping the nodes disagree on', () => {
    const result = zonesOfNodes([
      at('us-east-1a', 'use1-az1'),
      at('us-east-1a', 'use1-az2'),
      at('us-east-1b', 'use1-az6'),
    ]);
    expect(result.zones).toEqual([{ name: 'us-east-1b', id: 'use1-az6' }]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0].message).toContain('us-east-1a');
  });

  it('also catches one ID under two names', () => {
    const result = zonesOfNodes([
      at('us-east-1a', 'use1-az1'),
      at('us-east-1b', 'use1-az1'),
    ]);
    expect(result.zones).toEqual([]);
    expect(result.problems).toHaveLength(2);
  });
});
