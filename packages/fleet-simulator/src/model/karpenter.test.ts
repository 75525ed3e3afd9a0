import { instanceType } from './instanceTypes';
import {
  allowedDisruptions,
  chooseZone,
  detectDrift,
  plannedNode,
  planLaunches,
  planReplacements,
  type KarpenterNode,
  type PoolView,
} from './karpenter';
import { ZONE_ID_LABEL, ZONE_LABEL } from './requirements';
import type { SchedulablePod } from './scheduling';

const ZONES = [
  { name: 'us-east-1a', id: 'use1-az1' },
  { name: 'us-east-1b', id: 'use1-az2' },
  { name: 'us-east-1c', id: 'use1-az4' },
];
const [A, B, C] = ZONES;
const M5 = instanceType('m5.xlarge')!;
const R5 = instanceType('r5.2xlarge')!;
const NOW = Date.parse('2026-11-23T12:00:00Z');
const MINUTE = 60_000;

function pool(overrides: Partial<PoolView> = {}): PoolView {
  return {
    name: 'default',
    requirements: [],
    taints: [],
    instanceTypes: [M5],
    limits: {},
    weight: 0,
    ...overrides,
  };
}

function node(
  name: string,
  zone: (typeof ZONES)[number],
  overrides: Partial<KarpenterNode> = {},
): KarpenterNode {
  return {
    ...plannedNode(
      pool({ name: overrides.nodePool ?? 'default' }),
      zone,
      M5,
      name,
    ),
    nodeClaim: `claim-${name}`,
    ...overrides,
  };
}

function pod(
  key: string,
  milliCpu: number,
  extra: Partial<SchedulablePod> = {},
): SchedulablePod {
  return {
    key,
    app: 'web',
    requests: { milliCpu, memory: 2 ** 30 },
    tolerations: [],
    ...extra,
  };
}

describe('detectDrift', () => {
  it('marks nodes outside the requirements and clears nodes admitted again', () => {
    const pools = [
      pool({
        requirements: [
          {
            key: ZONE_LABEL,
            operator: 'In',
            values: ['us-east-1a', 'us-east-1b'],
          },
        ],
      }),
    ];
    const nodes = [
      node('a', A),
      node('c', C),
      node('b-was-drifted', B, { driftedSince: NOW - MINUTE }),
      node('c-already', C, { driftedSince: NOW - MINUTE }),
    ];
    const { drifted, undrifted } = detectDrift(pools, nodes);
    expect(drifted.map(n => n.name)).toEqual(['c']);
    expect(undrifted.map(n => n.name)).toEqual(['b-was-drifted']);
  });

  it('reads zone-ID requirements and ignores nodes without a NodeClaim or NodePool', () => {
    const pools = [
      pool({
        requirements: [
          { key: ZONE_ID_LABEL, operator: 'NotIn', values: ['use1-az2'] },
        ],
      }),
    ];
    const nodes = [
      node('b', B),
      node('b-mng', B, { nodePool: undefined, nodeClaim: undefined }),
    ];
    expect(detectDrift(pools, nodes).drifted.map(n => n.name)).toEqual(['b']);
  });
});

describe('allowedDisruptions', () => {
  it('defaults to 10% of the pool, rounded up', () => {
    expect(allowedDisruptions(pool(), 9, NOW)).toBe(1);
    expect(allowedDisruptions(pool(), 11, NOW)).toBe(2);
  });

  it('takes the most restrictive active budget, counts or percentages', () => {
    expect(
      allowedDisruptions(
        pool({ budgets: [{ nodes: '50%' }, { nodes: '3' }] }),
        10,
        NOW,
      ),
    ).toBe(3);
    expect(
      allowedDisruptions(pool({ budgets: [{ nodes: '0' }] }), 10, NOW),
    ).toBe(0);
  });

  it('applies scheduled budgets only inside their window and only for their reasons', () => {
    // NOW is Monday 12:00 UTC: inside a 09:00 + 8h window.
    const blockDuringBusinessHours = pool({
      budgets: [
        {
          nodes: '0',
          schedule: '0 9 * * 1-5',
          duration: '8h',
          reasons: ['Drifted'],
        },
      ],
    });
    expect(allowedDisruptions(blockDuringBusinessHours, 10, NOW)).toBe(0);
    expect(
      allowedDisruptions(blockDuringBusinessHours, 10, NOW + 6 * 60 * MINUTE),
    ).toBe(Infinity);
    expect(
      allowedDisruptions(blockDuringBusinessHours, 10, NOW, 'Underutilized'),
    ).toBe(Infinity);
  });
});

describe('chooseZone', () => {
  it('picks the allowed zone with the fewest nodes of the pool, avoiding a shifted zone', () => {
    const p = pool({
      requirements: [
        { key: ZONE_ID_LABEL, operator: 'NotIn', values: ['use1-az4'] },
      ],
    });
    const nodes = [node('a1', A), node('a2', A), node('b1', B)];
    expect(chooseZone(p, ZONES, nodes, undefined)).toEqual(B);
    expect(chooseZone(p, ZONES, nodes, 'use1-az2')).toEqual(A);
    expect(
      chooseZone(
        pool({
          requirements: [
            { key: ZONE_LABEL, operator: 'In', values: ['us-east-1c'] },
          ],
        }),
        ZONES,
        nodes,
        'use1-az4',
      ),
    ).toBeUndefined();
  });
});

describe('planReplacements', () => {
  const replaceAfterMs = 5 * MINUTE;
  const onlyAB = pool({
    requirements: [
      { key: ZONE_LABEL, operator: 'In', values: ['us-east-1a', 'us-east-1b'] },
    ],
    budgets: [{ nodes: '100%' }],
  });

  it('replaces drifted nodes once the delay has passed, in allowed zones', () => {
    const nodes = [
      node('a', A),
      node('c-old', C, { driftedSince: NOW - replaceAfterMs }),
      node('c-new', C, { driftedSince: NOW - replaceAfterMs + 1 }),
    ];
    const plan = planReplacements({
      now: NOW,
      pools: [onlyAB],
      nodes,
      zones: ZONES,
      replaceAfterMs,
    });
    expect(
      plan.map(r => [r.node.name, r.zone.name, r.instanceType.name]),
    ).toEqual([['c-old', 'us-east-1b', 'm5.xlarge']]);
  });

  it('leaves do-not-disrupt nodes and nodes in the avoided zone alone', () => {
    const nodes = [
      node('c-protected', C, {
        driftedSince: NOW - replaceAfterMs,
        doNotDisrupt: true,
      }),
      node('b-drifted', B, { driftedSince: NOW - replaceAfterMs }),
    ];
    const narrow = pool({
      ...onlyAB,
      requirements: [
        { key: ZONE_LABEL, operator: 'In', values: ['us-east-1a'] },
      ],
    });
    const plan = planReplacements({
      now: NOW,
      pools: [narrow],
      nodes,
      zones: ZONES,
      replaceAfterMs,
      avoidZoneId: 'use1-az2',
    });
    expect(plan).toEqual([]);
    const unshifted = planReplacements({
      now: NOW,
      pools: [narrow],
      nodes,
      zones: ZONES,
      replaceAfterMs,
    });
    expect(unshifted.map(r => r.node.name)).toEqual(['b-drifted']);
  });

  it('stops at the disruption budget and spreads replacements over zones', () => {
    const nodes = ['c1', 'c2', 'c3', 'c4'].map((name, i) =>
      node(name, C, { driftedSince: NOW - replaceAfterMs - i }),
    );
    const twoAtATime = pool({ ...onlyAB, budgets: [{ nodes: '2' }] });
    const plan = planReplacements({
      now: NOW,
      pools: [twoAtATime],
      nodes,
      zones: ZONES,
      replaceAfterMs,
    });
    expect(plan.map(r => r.node.name)).toEqual(['c4', 'c3']);
    expect(plan.map(r => r.zone.name)).toEqual(['us-east-1a', 'us-east-1b']);
  });

  it('does not replace beyond the NodePool limits', () => {
    const nodes = [node('c', C, { driftedSince: NOW - replaceAfterMs })];
    const limited = pool({ ...onlyAB, limits: { milliCpu: 4000 } });
    expect(
      planReplacements({
        now: NOW,
        pools: [limited],
        nodes,
        zones: ZONES,
        replaceAfterMs,
      }),
    ).toEqual([]);
    const roomy = pool({ ...onlyAB, limits: { milliCpu: 8000 } });
    expect(
      planReplacements({
        now: NOW,
        pools: [roomy],
        nodes,
        zones: ZONES,
        replaceAfterMs,
      }),
    ).toHaveLength(1);
  });
});

describe('planLaunches', () => {
  it('packs pending pods onto as few new nodes as fit, from the heaviest pool', () => {
    const light = pool({ name: 'light', weight: 1 });
    const heavy = pool({ name: 'heavy', weight: 50, instanceTypes: [R5] });
    const pods = [pod('p1', 3000), pod('p2', 3000), pod('p3', 3000)];
    const launches = planLaunches({
      pools: [light, heavy],
      zones: ZONES,
      nodes: [],
      pendingPods: pods,
    });
    expect(launches.map(l => [l.pool.name, l.instanceType.name])).toEqual([
      ['heavy', 'r5.2xlarge'],
      ['heavy', 'r5.2xlarge'],
    ]);
    expect(launches.map(l => l.zone.name)).toEqual([
      'us-east-1a',
      'us-east-1b',
    ]);
  });

  it('honours taints, nodeSelectors, limits and the avoided zone', () => {
    const tainted = pool({
      name: 'gpu',
      weight: 100,
      taints: [{ key: 'gpu', effect: 'NoSchedule' }],
    });
    const general = pool({ name: 'general', limits: { milliCpu: 4000 } });
    const pinned = pod('pinned', 500, {
      nodeSelector: { [ZONE_LABEL]: 'us-east-1b' },
    });
    const launches = planLaunches({
      pools: [tainted, general],
      zones: ZONES,
      nodes: [],
      pendingPods: [pinned, pod('too-many', 3800)],
      avoidZoneId: 'use1-az1',
    });
    // `pinned` goes to general in 1b; `too-many` does not fit it and general is at its limit.
    expect(launches.map(l => [l.pool.name, l.zone.name])).toEqual([
      ['general', 'us-east-1b'],
    ]);
    const tolerant = pod('tolerant', 500, { tolerations: ['gpu'] });
    const launchesForTolerant = planLaunches({
      pools: [tainted, general],
      zones: ZONES,
      nodes: [],
      pendingPods: [tolerant],
      avoidZoneId: 'use1-az1',
    });
    expect(launchesForTolerant.map(l => [l.pool.name, l.zone.name])).toEqual([
      ['gpu', 'us-east-1b'],
    ]);
  });
});
