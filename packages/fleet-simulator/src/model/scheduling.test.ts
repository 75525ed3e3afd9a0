import {
  fits,
  schedulePods,
  type SchedulableNode,
  type SchedulablePod,
} from './scheduling';

const A = { name: 'us-east-1a', id: 'use1-az1' };
const B = { name: 'us-east-1b', id: 'use1-az2' };

function node(
  name: string,
  zone: typeof A,
  overrides: Partial<SchedulableNode> = {},
): SchedulableNode {
  return {
    name,
    zone,
    labels: { 'topology.kubernetes.io/zone': zone.name },
    taints: [],
    unschedulable: false,
    free: { milliCpu: 2000, memory: 4 * 2 ** 30, pods: 10 },
    ...overrides,
  };
}

function pod(
  key: string,
  milliCpu = 500,
  extra: Partial<SchedulablePod> = {},
): SchedulablePod {
  return {
    key,
    app: 'web',
    requests: { milliCpu, memory: 2 ** 28 },
    tolerations: [],
    ...extra,
  };
}

describe('fits', () => {
  it('needs room, a schedulable node, a matching selector and tolerated taints', () => {
    expect(fits(pod('p'), node('n', A))).toBe(true);
    expect(fits(pod('p', 2500), node('n', A))).toBe(false);
    expect(fits(pod('p'), node('n', A, { unschedulable: true }))).toBe(false);
    expect(
      fits(
        pod('p', 500, {
          nodeSelector: { 'topology.kubernetes.io/zone': 'us-east-1b' },
        }),
        node('n', A),
      ),
    ).toBe(false);
    const tainted = node('n', A, {
      taints: [{ key: 'dedicated', effect: 'NoSchedule' }],
    });
    expect(fits(pod('p'), tainted)).toBe(false);
    expect(fits(pod('p', 500, { tolerations: ['dedicated'] }), tainted)).toBe(
      true,
    );
    expect(
      fits(
        pod('p'),
        node('n', A, { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] }),
      ),
    ).toBe(true);
    expect(
      fits(
        pod('p'),
        node('n', A, { free: { milliCpu: 2000, memory: 2 ** 32, pods: 0 } }),
      ),
    ).toBe(false);
  });
});

describe('schedulePods', () => {
  it('spreads an app over zones and leaves what does not fit pending', () => {
    const nodes = [node('a1', A), node('a2', A), node('b1', B)];
    const placements = schedulePods(
      ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'].map(
        key => pod(key),
      ),
      nodes,
    );
    const zoneOf = (name: string) =>
      nodes.find(n => n.name === name)!.zone.name;
    const perZone = [...placements.values()].map(zoneOf);
    expect(placements.size).toBe(12);
    expect(perZone.filter(zone => zone === 'us-east-1b')).toHaveLength(4);
    expect(placements.has('13')).toBe(false);
    expect(nodes.every(n => n.free.milliCpu === 0)).toBe(true);
  });

  it('skips cordoned nodes', () => {
    const nodes = [node('a1', A, { unschedulable: true }), node('b1', B)];
    expect([...schedulePods([pod('1'), pod('2')], nodes).values()]).toEqual([
      'b1',
      'b1',
    ]);
  });
});
