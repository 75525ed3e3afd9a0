import {
  CapacityNode,
  CapacityPod,
  ClusterCapacity,
  computeClusterCapacity,
} from './capacity';
import {
  assessShiftImpact,
  capacityWithoutZone,
  nodePoolsBlockedBy,
  ShiftImpactNodePool,
} from './shiftImpact';
import { assessSurvivability, assessZoneLoss } from './survivability';
import { Zone } from './zones';

const Gi = 1024 ** 3;
const A: Zone = { name: 'us-east-1a', id: 'use1-az1' };
const B: Zone = { name: 'us-east-1b', id: 'use1-az2' };
const C: Zone = { name: 'us-east-1c', id: 'use1-az3' };
const ZONES = [A, B, C];

let nodeNumber = 0;
function node(
  zone: Zone | undefined,
  cpuMillicores: number,
  memoryBytes: number,
  flags: Partial<Pick<CapacityNode, 'unschedulable' | 'ready'>> = {},
): CapacityNode {
  nodeNumber += 1;
  return {
    name: `node-${nodeNumber}`,
    zone,
    allocatable: { cpuMillicores, memoryBytes },
    unschedulable: false,
    ...flags,
  };
}

/** Requests of running pods; only their total matters here. */
function requests(cpuMillicores: number, memoryBytes: number): CapacityPod {
  return {
    nodeName: 'node-x',
    phase: 'Running',
    requests: { cpuMillicores, memoryBytes },
  };
}

/** 8 cores and 32 GiB in each of A, B and C. */
function threeZones(
  flags: Partial<Record<string, Pick<CapacityNode, 'unschedulable'>>> = {},
): CapacityNode[] {
  return ZONES.map(zone => node(zone, 8000, 32 * Gi, flags[zone.id]));
}

function capacity(nodes: CapacityNode[], pods: CapacityPod[]) {
  return computeClusterCapacity(nodes, pods);
}

const pool = (
  name: string,
  allowedZones: Zone[],
  unrestricted = false,
): ShiftImpactNodePool => ({ name, allowedZones, unrestricted });

function impact(
  cap: ClusterCapacity | undefined,
  awayFrom: string,
  options: { zones?: Zone[]; nodePools?: ShiftImpactNodePool[] } = {},
) {
  return assessShiftImpact({
    capacity: cap,
    zones: options.zones ?? ZONES,
    awayFrom,
    nodePools: options.nodePools ?? [],
  });
}

describe('capacityWithoutZone', () => {
  it("counts the AZ's nodes as cordoned and keeps everything else", () => {
    const before = capacity(threeZones(), [requests(1000, Gi)]);
    const copy = JSON.parse(JSON.stringify(before));
    const after = capacityWithoutZone(before, B.id);
    expect(after.zones[1]).toEqual({
      ...before.zones[1],
      schedulableNodeCount: 0,
      schedulableAllocatable: { cpuMillicores: 0, memoryBytes: 0 },
    });
    expect(after.zones[1].allocatable).toEqual(before.zones[1].allocatable);
    expect(after.zones[1].nodeCount).toBe(1);
    expect([after.zones[0], after.zones[2]]).toEqual([
      before.zones[0],
      before.zones[2],
    ]);
    expect(after.totalRequested).toEqual(before.totalRequested);
    expect(before).toEqual(copy); // not modified
  });

  it('changes nothing for an AZ without nodes', () => {
    const before = capacity(threeZones(), [requests(1000, Gi)]);
    expect(capacityWithoutZone(before, 'use1-az9')).toEqual(before);
  });

  it('equals the capacity Kubernetes reports once EKS cordoned the AZ', () => {
    const read = capacity(threeZones(), [requests(1000, Gi)]);
    const cordoned = capacity(threeZones({ [B.id]: { unschedulable: true } }), [
      requests(1000, Gi),
    ]);
    // Node names differ between the two reads; the totals do not.
    expect(capacityWithoutZone(read, B.id)).toEqual(cordoned);
    expect(capacityWithoutZone(cordoned, B.id)).toEqual(cordoned);
  });
});

describe('assessShiftImpact', () => {
  it('survives when the other AZs hold every request', () => {
    // 16 of 24 cores and 64 of 96 GiB remain for 12 cores and 40 GiB.
    const result = impact(
      capacity(threeZones(), [requests(12000, 40 * Gi)]),
      B.id,
    );
    expect(result.verdict).toBe('survives');
    expect(result.awayFrom).toEqual(B);
    expect(result.reason).toBe(
      'Shifting away from us-east-1b (use1-az2) leaves 133% of the CPU and 160% of the memory your pods request: enough to run everything.',
    );
    expect(result.zoneLoss).toEqual({
      zone: B,
      cpu: {
        remaining: 16000,
        requested: 12000,
        headroom: 4000,
        coverage: 16000 / 12000,
        sufficient: true,
      },
      memory: {
        remaining: 64 * Gi,
        requested: 40 * Gi,
        headroom: 24 * Gi,
        coverage: 1.6,
        sufficient: true,
      },
      survives: true,
    });
  });

  it('is at risk on CPU and says which resource is short', () => {
    // 16 cores remain for 19.6 cores: 81%.
    const result = impact(
      capacity(threeZones(), [requests(19600, 10 * Gi)]),
      B.id,
    );
    expect(result.verdict).toBe('at-risk');
    expect(result.zoneLoss?.cpu.sufficient).toBe(false);
    expect(result.zoneLoss?.memory.sufficient).toBe(true);
    expect(result.reason).toBe(
      'Shifting away from us-east-1b (use1-az2) leaves 81% of the CPU your pods request: not enough CPU.',
    );
  });

  it('is at risk on memory alone', () => {
    // 64 GiB remain for 80 GiB: 80%; CPU is plentiful.
    const result = impact(
      capacity(threeZones(), [requests(1000, 80 * Gi)]),
      A.id,
    );
    expect(result.verdict).toBe('at-risk');
    expect(result.reason).toBe(
      'Shifting away from us-east-1a (use1-az1) leaves 80% of the memory your pods request: not enough memory.',
    );
  });

  it('names both resources when both are short', () => {
    const result = impact(
      capacity(threeZones(), [requests(20000, 80 * Gi)]),
      C.id,
    );
    expect(result.verdict).toBe('at-risk');
    expect(result.reason).toBe(
      'Shifting away from us-east-1c (use1-az3) leaves 80% of the CPU and 80% of the memory your pods request: not enough CPU or memory.',
    );
  });

  it('binds on the AZ shifted away from, not on the tightest one', () => {
    // A holds 16 cores, B and C 4 each: losing A fails, losing B does not.
    const cap = capacity(
      [node(A, 16000, 64 * Gi), node(B, 4000, 16 * Gi), node(C, 4000, 16 * Gi)],
      [requests(12000, 8 * Gi)],
    );
    expect(assessSurvivability(cap).verdict).toBe('at-risk');
    expect(impact(cap, B.id).verdict).toBe('survives');
    expect(impact(cap, A.id).verdict).toBe('at-risk');
  });

  it('is unknown without capacity data, and still names blocked NodePools', () => {
    const result = impact(undefined, B.id, {
      nodePools: [pool('b-only', [B])],
    });
    expect(result).toEqual({
      awayFrom: B,
      verdict: 'unknown',
      reason:
        'The Kubernetes API of this cluster has not been read yet, so the effect of shifting away from us-east-1b (use1-az2) is unknown.',
      blockedNodePools: ['b-only'],
    });
  });

  it('is unknown for an AZ the cluster does not have', () => {
    const result = impact(capacity(threeZones(), [requests(1, 1)]), 'use1-az9');
    expect(result).toEqual({
      awayFrom: { id: 'use1-az9', name: 'use1-az9' },
      verdict: 'unknown',
      reason:
        'use1-az9 is not an AZ of this cluster, so the effect of shifting away from it is unknown.',
      blockedNodePools: [],
    });
  });

  it('is unknown when no node is reported', () => {
    const result = impact(capacity([], [requests(1000, Gi)]), B.id);
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe(
      'No nodes were reported for this cluster, so the effect of shifting away from us-east-1b (use1-az2) is unknown.',
    );
  });

  it('takes the AZ by name too, and its name from the capacity when the zone list lacks it', () => {
    const cap = capacity(threeZones(), [requests(1000, Gi)]);
    expect(impact(cap, 'us-east-1b').awayFrom).toEqual(B);
    expect(impact(cap, B.id, { zones: [] }).awayFrom).toEqual(B);
    expect(impact(cap, B.id, { zones: [] }).verdict).toBe('survives');
  });

  it('counts nothing lost for an AZ of the cluster that has no nodes', () => {
    // Subnets in C, nodes only in A and B.
    const cap = capacity(
      [node(A, 8000, 32 * Gi), node(B, 8000, 32 * Gi)],
      [requests(12000, 16 * Gi)],
    );
    const result = impact(cap, C.id);
    expect(result.verdict).toBe('survives');
    expect(result.zoneLoss?.cpu.remaining).toBe(16000);
    expect(result.reason).toBe(
      'Shifting away from us-east-1c (use1-az3), which has no nodes, leaves 133% of the CPU and 400% of the memory your pods request: enough to run everything.',
    );
    expect(result.afterShift).toEqual({
      ...assessSurvivability(cap),
      reason: expect.any(String),
    });
  });

  describe('a two-AZ cluster', () => {
    const zones = [A, B];
    const nodes = () => [node(A, 8000, 32 * Gi), node(B, 8000, 32 * Gi)];

    it('survives the shift at exactly 50%, but cannot lose the other AZ meanwhile', () => {
      const result = impact(
        capacity(nodes(), [requests(8000, 32 * Gi)]),
        A.id,
        {
          zones,
        },
      );
      expect(result.verdict).toBe('survives');
      expect(result.afterShift?.verdict).toBe('at-risk');
      // Losing B as well leaves nothing.
      expect(result.afterShift?.bindingZone?.zone).toEqual(B);
      expect(result.afterShift?.bindingZone?.cpu.remaining).toBe(0);
    });

    it('is at risk one millicore above 50%', () => {
      const result = impact(capacity(nodes(), [requests(8001, Gi)]), A.id, {
        zones,
      });
      expect(result.verdict).toBe('at-risk');
      expect(result.reason).toMatch(
        /leaves 99% of the CPU your pods request: not enough CPU\.$/,
      );
    });
  });

  it('is at risk when every node is in the AZ shifted away from', () => {
    const cap = capacity(
      [node(A, 8000, 32 * Gi), node(A, 8000, 32 * Gi)],
      [requests(1000, Gi)],
    );
    const result = impact(cap, A.id);
    expect(result.verdict).toBe('at-risk');
    expect(result.reason).toBe(
      'Every schedulable node is in us-east-1a (use1-az1): shifting away from it leaves no capacity for your pods.',
    );
    expect(result.zoneLoss?.cpu.remaining).toBe(0);
    expect(result.afterShift?.verdict).toBe('at-risk');
    // Shifting away from an AZ without nodes loses nothing.
    expect(impact(cap, B.id).verdict).toBe('survives');
  });

  describe('nodes without zone labels', () => {
    it('make a shortfall unknown when they are schedulable', () => {
      const cap = capacity(
        [...threeZones(), node(undefined, 8000, 32 * Gi)],
        [requests(19600, Gi)],
      );
      const result = impact(cap, B.id);
      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe(
        'Counting only nodes with zone labels, shifting away from us-east-1b (use1-az2) leaves 81% of the CPU your pods request; 1 schedulable node without zone labels may make up the difference.',
      );
    });

    it('do not matter when the zoned nodes suffice', () => {
      const cap = capacity(
        [...threeZones(), node(undefined, 8000, 32 * Gi)],
        [requests(12000, Gi)],
      );
      expect(impact(cap, B.id).verdict).toBe('survives');
    });

    it('do not help when they are cordoned', () => {
      const cap = capacity(
        [
          ...threeZones(),
          node(undefined, 8000, 32 * Gi, { unschedulable: true }),
        ],
        [requests(19600, Gi)],
      );
      expect(impact(cap, B.id).verdict).toBe('at-risk');
    });
  });

  it('survives when pods request nothing, even with one AZ', () => {
    const cap = capacity([node(A, 8000, 32 * Gi)], []);
    const result = impact(cap, A.id);
    expect(result.verdict).toBe('survives');
    expect(result.reason).toBe(
      'Your pods request no CPU or memory: shifting away from us-east-1a (use1-az1) leaves nothing to reschedule.',
    );
  });

  it('does not count cordoned or NotReady nodes of the other AZs as capacity', () => {
    const cap = capacity(
      [
        ...threeZones({ [C.id]: { unschedulable: true } }),
        node(A, 8000, 32 * Gi, { ready: false }),
      ],
      [requests(12000, Gi)],
    );
    // Only A's ready node remains: 8 of 12 cores.
    expect(impact(cap, B.id).verdict).toBe('at-risk');
    expect(impact(cap, B.id).zoneLoss?.cpu.remaining).toBe(8000);
  });

  describe('before and after the cordon is read', () => {
    const pods = () => [requests(19600, 10 * Gi)];

    it.each([
      ['at risk', 19600],
      ['survives', 12000],
    ])('gives the same answer (%s)', (_name, cpu) => {
      const before = capacity(threeZones(), [requests(cpu, 10 * Gi)]);
      const after = capacity(threeZones({ [B.id]: { unschedulable: true } }), [
        requests(cpu, 10 * Gi),
      ]);
      const nodePools = [pool('b-only', [B]), pool('any', [A, B, C])];
      expect(impact(after, B.id, { nodePools })).toEqual(
        impact(before, B.id, { nodePools }),
      );
    });

    it('afterShift is N-1 of the cordoned capacity, and says so', () => {
      const before = capacity(threeZones(), pods());
      const after = capacity(
        threeZones({ [B.id]: { unschedulable: true } }),
        pods(),
      );
      const result = impact(before, B.id);
      const plain = assessSurvivability(after);
      expect(result.afterShift).toEqual({
        ...plain,
        reason: `N-1 while traffic is shifted away from us-east-1b (use1-az2): computed with that AZ counted as lost (EKS cordons its nodes), so it tells whether one more AZ could be lost. ${plain.reason}`,
      });
      // The zone loss is the after-shift assessment's own outcome for B.
      expect(result.zoneLoss).toEqual(
        plain.zoneLosses.find(l => l.zone.id === B.id),
      );
    });
  });

  it('gives afterShift a different verdict than the shift itself when a second loss hurts', () => {
    // Losing B leaves 16 of 24 cores for 10: fine. Losing A too leaves 8.
    const result = impact(capacity(threeZones(), [requests(10000, Gi)]), B.id);
    expect(result.verdict).toBe('survives');
    expect(result.afterShift?.verdict).toBe('at-risk');
    expect(result.afterShift?.reason).toMatch(
      /^N-1 while traffic is shifted away from us-east-1b \(use1-az2\): computed with that AZ counted as lost/,
    );
  });

  it('lists the NodePools that can launch only in the AZ', () => {
    const nodePools = [
      pool('b-only', [B]),
      pool('a-and-b', [A, B]),
      pool('unrestricted', [B], true),
      pool('nowhere', []),
      pool('a-only', [A]),
    ];
    expect(
      impact(capacity(threeZones(), []), B.id, { nodePools }).blockedNodePools,
    ).toEqual(['b-only']);
    expect(
      impact(capacity(threeZones(), []), 'us-east-1a', { nodePools })
        .blockedNodePools,
    ).toEqual(['a-only']);
  });
});

describe('nodePoolsBlockedBy', () => {
  it('keeps the pools whose only allowed AZ is the shifted one', () => {
    const pools = [pool('b', [B]), pool('ab', [A, B]), pool('c', [C])];
    expect(nodePoolsBlockedBy(pools, B.id)).toEqual([pools[0]]);
  });

  it('never blocks an unrestricted pool, even one listing only that AZ', () => {
    expect(nodePoolsBlockedBy([pool('u', [B], true)], B.id)).toEqual([]);
    expect(nodePoolsBlockedBy([pool('u', [A, B, C], true)], B.id)).toEqual([]);
  });

  it('does not count a pool allowed in no AZ as blocked by the shift', () => {
    expect(nodePoolsBlockedBy([pool('none', [])], B.id)).toEqual([]);
  });
});

describe('assessZoneLoss', () => {
  it('matches the assessment for every AZ, and loses nothing for others', () => {
    const cap = capacity(
      [node(A, 16000, 64 * Gi), node(B, 4000, 16 * Gi), node(C, 4000, 16 * Gi)],
      [requests(12000, 8 * Gi)],
    );
    const assessment = assessSurvivability(cap);
    for (const outcome of assessment.zoneLosses) {
      expect(assessZoneLoss(cap, outcome.zone)).toEqual(outcome);
    }
    const other = assessZoneLoss(cap, { name: 'us-east-1d', id: 'use1-az4' });
    expect(other.cpu.remaining).toBe(24000);
    expect(other.zone).toEqual({ name: 'us-east-1d', id: 'use1-az4' });
  });
});
