import { CapacityNode, CapacityPod, computeClusterCapacity } from './capacity';
import {
  assessSurvivability,
  maxUtilisationForEqualZones,
} from './survivability';
import { Zone } from './zones';

const Gi = 1024 ** 3;
const A: Zone = { name: 'us-east-1a', id: 'use1-az1' };
const B: Zone = { name: 'us-east-1b', id: 'use1-az2' };
const C: Zone = { name: 'us-east-1c', id: 'use1-az3' };

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

/** A running pod; only the total of all requests matters to the N-1 test. */
function requests(
  cpuMillicores: number,
  memoryBytes: number,
  nodeName = 'node-1',
): CapacityPod {
  return {
    nodeName,
    phase: 'Running',
    requests: { cpuMillicores, memoryBytes },
  };
}

function pending(cpuMillicores: number, memoryBytes: number): CapacityPod {
  return { phase: 'Pending', requests: { cpuMillicores, memoryBytes } };
}

function assess(nodes: CapacityNode[], pods: CapacityPod[]) {
  return assessSurvivability(computeClusterCapacity(nodes, pods));
}

describe('assessSurvivability', () => {
  describe('uneven AZs', () => {
    // 12 + 6 + 6 cores; memory 64 + 32 + 32 GiB.
    const nodes = () => [
      node(A, 12000, 64 * Gi),
      node(B, 6000, 32 * Gi),
      node(C, 6000, 32 * Gi),
    ];

    it('reports what each loss leaves, and the largest AZ binds', () => {
      const result = assess(nodes(), [requests(10000, 8 * Gi)]);
      expect(result.verdict).toBe('survives');
      // Losing A leaves 6000 + 6000 = 12000m for 10000m requested.
      expect(result.zoneLosses[0]).toEqual({
        zone: A,
        cpu: {
          remaining: 12000,
          requested: 10000,
          headroom: 2000,
          coverage: 1.2,
          sufficient: true,
        },
        memory: {
          remaining: 64 * Gi,
          requested: 8 * Gi,
          headroom: 56 * Gi,
          coverage: 8,
          sufficient: true,
        },
        survives: true,
      });
      // Losing B (or C) leaves 12000 + 6000 = 18000m.
      expect(result.zoneLosses[1].cpu.remaining).toBe(18000);
      expect(result.zoneLosses[1].cpu.coverage).toBe(1.8);
      expect(result.zoneLosses[2].zone).toEqual(C);
      expect(result.bindingZone).toBe(result.zoneLosses[0]);
      expect(result.reason).toBe(
        'Any one AZ can be lost: losing us-east-1a (use1-az1), the tightest case, leaves 120% of the CPU and 800% of the memory your pods request.',
      );
    });

    it('fails the exact test where the equal-size rule of thumb passes', () => {
      // 13000m of 24000m is 54%, under the 66.7% rule for three AZs, but
      // losing A leaves 12000m < 13000m: 12/13 = 92.3%.
      expect(13000 / 24000).toBeLessThan(maxUtilisationForEqualZones(3));
      const result = assess(nodes(), [requests(13000, 8 * Gi)]);
      expect(result.verdict).toBe('at-risk');
      expect(result.zoneLosses.map(loss => loss.survives)).toEqual([
        false,
        true,
        true,
      ]);
      expect(result.zoneLosses[0].cpu.headroom).toBe(-1000);
      expect(result.bindingZone?.zone).toEqual(A);
      expect(result.reason).toBe(
        'Losing us-east-1a (use1-az1) leaves 92% of the CPU your pods request; 1 of 3 AZs cannot be lost.',
      );
    });

    it('judges the binding AZ on the scarcer resource, not on size', () => {
      // A: 8000m/8Gi, B: 4000m/20Gi, C: 4000m/8Gi; requests 6000m/15Gi.
      // Lowest coverage per loss: A min(8000/6000, 28/15) = 1.33,
      // B min(12000/6000, 16/15) = 1.07, C min(12000/6000, 28/15) = 1.87.
      const result = assess(
        [node(A, 8000, 8 * Gi), node(B, 4000, 20 * Gi), node(C, 4000, 8 * Gi)],
        [requests(6000, 15 * Gi)],
      );
      expect(result.bindingZone?.zone).toEqual(B);
      expect(result.bindingZone?.memory.coverage).toBeCloseTo(16 / 15, 12);
      expect(result.verdict).toBe('survives');
    });
  });

  describe('two AZs: at most 50% utilisation', () => {
    const nodes = () => [node(A, 4000, 16 * Gi), node(B, 4000, 16 * Gi)];

    it('survives at exactly 50%, with no headroom left', () => {
      const result = assess(nodes(), [requests(4000, 16 * Gi)]);
      expect(result.verdict).toBe('survives');
      for (const loss of result.zoneLosses) {
        expect(loss.cpu).toMatchObject({ headroom: 0, coverage: 1 });
        expect(loss.memory).toMatchObject({ headroom: 0, coverage: 1 });
      }
    });

    it('is at risk one millicore above 50%', () => {
      const result = assess(nodes(), [requests(4001, 1 * Gi)]);
      expect(result.verdict).toBe('at-risk');
      // 4000/4001 = 99.97%, shown rounded down so it never reads 100%.
      expect(result.reason).toBe(
        'Losing us-east-1a (use1-az1) leaves 99% of the CPU your pods request; 2 of 2 AZs cannot be lost.',
      );
      // Both losses are equally tight: the first AZ is named.
      expect(result.bindingZone).toBe(result.zoneLosses[0]);
    });
  });

  describe('three equal AZs: at most 66.7% utilisation', () => {
    const nodes = () => [
      node(A, 1000, 3 * Gi),
      node(B, 1000, 3 * Gi),
      node(C, 1000, 3 * Gi),
    ];

    it('survives at exactly two thirds of CPU and memory', () => {
      const result = assess(nodes(), [requests(2000, 6 * Gi)]);
      expect(result.verdict).toBe('survives');
      expect(result.zoneLosses.map(loss => loss.cpu.headroom)).toEqual([
        0, 0, 0,
      ]);
      expect(result.zoneLosses.map(loss => loss.memory.headroom)).toEqual([
        0, 0, 0,
      ]);
    });

    it('is at risk just above two thirds of CPU', () => {
      const result = assess(nodes(), [requests(2001, 6 * Gi)]);
      expect(result.verdict).toBe('at-risk');
      expect(result.zoneLosses.every(loss => !loss.cpu.sufficient)).toBe(true);
      expect(result.zoneLosses.every(loss => loss.memory.sufficient)).toBe(
        true,
      );
    });

    it('is at risk one byte above two thirds of memory', () => {
      const result = assess(nodes(), [requests(2000, 6 * Gi + 1)]);
      expect(result.verdict).toBe('at-risk');
      expect(result.zoneLosses.every(loss => !loss.memory.sufficient)).toBe(
        true,
      );
      expect(result.reason).toContain('of the memory');
      expect(result.reason).not.toContain('CPU');
    });
  });

  describe('memory-bound and CPU-bound failures', () => {
    // 4000m and 8Gi per AZ: any loss leaves 8000m and 16Gi.
    const nodes = () => [
      node(A, 4000, 8 * Gi),
      node(B, 4000, 8 * Gi),
      node(C, 4000, 8 * Gi),
    ];

    it('fails on memory alone when CPU is plentiful', () => {
      const result = assess(nodes(), [requests(2000, 20 * Gi)]);
      expect(result.verdict).toBe('at-risk');
      expect(result.bindingZone?.cpu.sufficient).toBe(true);
      expect(result.bindingZone?.memory).toEqual({
        remaining: 16 * Gi,
        requested: 20 * Gi,
        headroom: -4 * Gi,
        coverage: 0.8,
        sufficient: false,
      });
      expect(result.reason).toBe(
        'Losing us-east-1a (use1-az1) leaves 80% of the memory your pods request; 3 of 3 AZs cannot be lost.',
      );
    });

    it('fails on CPU alone when memory is plentiful', () => {
      // 8000/9000 = 88.9%.
      const result = assess(nodes(), [requests(9000, 4 * Gi)]);
      expect(result.bindingZone?.cpu.sufficient).toBe(false);
      expect(result.bindingZone?.memory.sufficient).toBe(true);
      expect(result.reason).toBe(
        'Losing us-east-1a (use1-az1) leaves 88% of the CPU your pods request; 3 of 3 AZs cannot be lost.',
      );
    });

    it('names both resources when both fall short', () => {
      const result = assess(nodes(), [requests(9000, 20 * Gi)]);
      expect(result.reason).toContain('88% of the CPU and 80% of the memory');
    });
  });

  describe('cordoned and NotReady nodes', () => {
    it('do not count as capacity outside the lost AZ', () => {
      // A: 4000m schedulable + 4000m cordoned; B and C: 4000m each.
      // Losing B leaves 4000 (A, schedulable part) + 4000 (C) = 8000m,
      // not 12000m: the cordoned node would accept none of B's pods.
      const nodes = [
        node(A, 4000, 16 * Gi),
        node(A, 4000, 16 * Gi, { unschedulable: true }),
        node(B, 4000, 16 * Gi),
        node(C, 4000, 16 * Gi),
      ];
      const result = assess(nodes, [requests(8500, 1 * Gi)]);
      expect(result.zoneLosses[1].cpu.remaining).toBe(8000);
      expect(result.verdict).toBe('at-risk');
      expect(assess(nodes, [requests(8000, 1 * Gi)]).verdict).toBe('survives');
    });

    it('do not count as memory outside the lost AZ either', () => {
      // Same layout in memory: losing B leaves 16Gi (A, schedulable part)
      // + 16Gi (C) = 32Gi, short of 33Gi.
      const nodes = [
        node(A, 4000, 16 * Gi),
        node(A, 4000, 16 * Gi, { unschedulable: true }),
        node(B, 4000, 16 * Gi),
        node(C, 4000, 16 * Gi),
      ];
      const result = assess(nodes, [requests(1000, 33 * Gi)]);
      expect(result.zoneLosses[1].memory.remaining).toBe(32 * Gi);
      expect(result.verdict).toBe('at-risk');
    });

    it('treat a NotReady node like a cordoned one', () => {
      const nodes = [
        node(A, 4000, 16 * Gi, { ready: false }),
        node(B, 4000, 16 * Gi),
        node(C, 4000, 16 * Gi),
      ];
      // Losing B leaves only C's 4000m; losing A leaves B + C = 8000m.
      const result = assess(nodes, [requests(5000, 1 * Gi)]);
      expect(result.zoneLosses.map(loss => loss.cpu.remaining)).toEqual([
        8000, 4000, 4000,
      ]);
      expect(result.verdict).toBe('at-risk');
    });

    it('answer whether a cluster shifted away from one AZ can lose another', () => {
      // During a zonal shift EKS cordons every node of the away AZ (A).
      const nodes = [
        node(A, 4000, 16 * Gi, { unschedulable: true }),
        node(B, 4000, 16 * Gi),
        node(C, 4000, 16 * Gi),
      ];
      // Losing A costs nothing more; losing B or C leaves 4000m.
      const fits = assess(nodes, [requests(4000, 1 * Gi)]);
      expect(fits.zoneLosses.map(loss => loss.cpu.remaining)).toEqual([
        8000, 4000, 4000,
      ]);
      expect(fits.verdict).toBe('survives');
      expect(assess(nodes, [requests(4001, 1 * Gi)]).verdict).toBe('at-risk');
    });
  });

  describe('pending pods', () => {
    it('count toward the demand that must fit', () => {
      // Losing either AZ leaves 4000m; bound 3000m fits, plus 1500m pending
      // does not: 4000/4500 = 88.9%.
      const nodes = [node(A, 4000, 16 * Gi), node(B, 4000, 16 * Gi)];
      const bound = requests(3000, 1 * Gi, nodes[0].name);
      expect(assess(nodes, [bound]).verdict).toBe('survives');
      const result = assess(nodes, [bound, pending(1500, 0)]);
      expect(result.verdict).toBe('at-risk');
      expect(result.bindingZone?.cpu.requested).toBe(4500);
      expect(result.reason).toContain('88% of the CPU');
    });
  });

  describe('zero requests', () => {
    it('survives without dividing by zero', () => {
      const result = assess(
        [node(A, 4000, 16 * Gi), node(B, 2000, 8 * Gi)],
        [{ ...requests(500, 1 * Gi), phase: 'Succeeded' }],
      );
      expect(result.verdict).toBe('survives');
      expect(result.reason).toBe(
        'Pods request no CPU or memory, so losing an AZ leaves nothing to reschedule.',
      );
      expect(result.bindingZone).toBeUndefined();
      expect(result.zoneLosses[0].cpu).toEqual({
        remaining: 2000,
        requested: 0,
        headroom: 2000,
        coverage: undefined,
        sufficient: true,
      });
    });

    it('survives even with a single AZ, since nothing needs rescheduling', () => {
      expect(assess([node(A, 4000, 16 * Gi)], []).verdict).toBe('survives');
    });

    it('leaves coverage undefined only for the resource nobody requests', () => {
      const result = assess(
        [node(A, 4000, 16 * Gi), node(B, 4000, 16 * Gi)],
        [requests(0, 2 * Gi)],
      );
      expect(result.bindingZone?.cpu.coverage).toBeUndefined();
      expect(result.bindingZone?.memory.coverage).toBe(8); // 16Gi / 2Gi
      expect(result.reason).toBe(
        'Any one AZ can be lost: losing us-east-1a (use1-az1), the tightest case, leaves 800% of the memory your pods request.',
      );
    });
  });

  describe('single AZ', () => {
    it('is at risk: losing the AZ leaves nothing', () => {
      const result = assess(
        [node(A, 16000, 64 * Gi), node(A, 16000, 64 * Gi)],
        [requests(1000, 1 * Gi)],
      );
      expect(result.verdict).toBe('at-risk');
      expect(result.bindingZone?.cpu).toMatchObject({
        remaining: 0,
        coverage: 0,
      });
      expect(result.reason).toBe(
        'All nodes are in one AZ, us-east-1a (use1-az1): losing it leaves no capacity for your pods.',
      );
    });
  });

  describe('unknown', () => {
    it('when no node is reported', () => {
      for (const pods of [[], [pending(100, 1 * Gi)]]) {
        const result = assess([], pods);
        expect(result.verdict).toBe('unknown');
        expect(result.reason).toBe('No nodes were reported for this cluster.');
      }
    });

    it('when no node has zone labels', () => {
      const result = assess(
        [node(undefined, 4000, 16 * Gi), node(undefined, 4000, 16 * Gi)],
        [requests(100, 1 * Gi)],
      );
      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('None of the 2 nodes has zone labels.');
    });

    it('when the cluster fails only without its unlabelled schedulable nodes', () => {
      // Without the unlabelled node, losing A or B leaves 4000m < 6000m;
      // with it (wherever it is), it might not.
      const result = assess(
        [
          node(A, 4000, 16 * Gi),
          node(B, 4000, 16 * Gi),
          node(undefined, 4000, 16 * Gi),
        ],
        [requests(6000, 1 * Gi)],
      );
      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe(
        'Counting only nodes with zone labels, losing us-east-1a (use1-az1) leaves 66% of the CPU your pods request; 1 schedulable node without zone labels may make up the difference.',
      );
    });
  });

  it('survives when it passes even without the unlabelled nodes', () => {
    const result = assess(
      [
        node(A, 4000, 16 * Gi),
        node(B, 4000, 16 * Gi),
        node(undefined, 4000, 16 * Gi),
      ],
      [requests(3000, 1 * Gi)],
    );
    expect(result.verdict).toBe('survives');
  });

  it('is at risk when the only unlabelled node is cordoned', () => {
    const result = assess(
      [
        node(A, 4000, 16 * Gi),
        node(B, 4000, 16 * Gi),
        node(undefined, 4000, 16 * Gi, { unschedulable: true }),
      ],
      [requests(6000, 1 * Gi)],
    );
    expect(result.verdict).toBe('at-risk');
  });
});

describe('maxUtilisationForEqualZones', () => {
  it.each([
    [1, 0],
    [2, 1 / 2],
    [3, 2 / 3],
    [4, 3 / 4],
  ])('allows (N-1)/N for N = %d', (zoneCount, limit) => {
    expect(maxUtilisationForEqualZones(zoneCount)).toBe(limit);
  });

  it.each([[0], [-1], [1.5], [NaN]])('rejects %p AZs', zoneCount => {
    expect(() => maxUtilisationForEqualZones(zoneCount)).toThrow(RangeError);
  });
});
