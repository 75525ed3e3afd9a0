import {
  addPodRequests,
  CapacityNode,
  CapacityPod,
  computeClusterCapacity,
  emptyPodRequestSums,
  isSchedulable,
  sumPodRequests,
} from './capacity';

const Mi = 1024 ** 2;
const Gi = 1024 ** 3;
const zoneA = { name: 'us-east-1a', id: 'use1-az4' };
const zoneB = { name: 'us-east-1b', id: 'use1-az6' };
const zoneC = { name: 'us-east-1c', id: 'use1-az1' };

function node(
  name: string,
  zone: CapacityNode['zone'],
  cpuMillicores: number,
  memoryBytes: number,
  flags: Partial<Pick<CapacityNode, 'unschedulable' | 'ready'>> = {},
): CapacityNode {
  return {
    name,
    zone,
    allocatable: { cpuMillicores, memoryBytes },
    unschedulable: false,
    ...flags,
  };
}

function pod(
  nodeName: string | undefined,
  cpuMillicores: number,
  memoryBytes: number,
  phase: CapacityPod['phase'] = 'Running',
): CapacityPod {
  return { nodeName, phase, requests: { cpuMillicores, memoryBytes } };
}

describe('isSchedulable', () => {
  it('is true only for a ready node that is not cordoned', () => {
    expect(isSchedulable(node('n', zoneA, 1, 1))).toBe(true);
    expect(isSchedulable(node('n', zoneA, 1, 1, { ready: true }))).toBe(true);
    expect(isSchedulable(node('n', zoneA, 1, 1, { unschedulable: true }))).toBe(
      false,
    );
    expect(isSchedulable(node('n', zoneA, 1, 1, { ready: false }))).toBe(false);
  });
});

describe('computeClusterCapacity', () => {
  const nodes = [
    node('a1', zoneA, 4000, 16 * Gi),
    node('a2', zoneA, 2000, 8 * Gi, { unschedulable: true }),
    node('b1', zoneB, 4000, 16 * Gi, { ready: false }),
    node('c1', zoneC, 8000, 32 * Gi),
    node('c2', zoneC, 8000, 32 * Gi),
    node('x', undefined, 1000, 4 * Gi),
  ];
  const pods = [
    pod('a1', 500, 1 * Gi),
    pod('a2', 250, 512 * Mi), // a cordoned node keeps its pods
    pod('b1', 100, 128 * Mi, 'Pending'), // bound, containers not started yet
    pod('c1', 1000, 1 * Gi, 'Succeeded'), // finished: holds nothing
    pod('c2', 1000, 1 * Gi, 'Failed'), // finished: holds nothing
    pod('c1', 300, 256 * Mi, 'Unknown'), // node lost touch; may still run
    pod(undefined, 700, 2 * Gi, 'Pending'),
    pod(undefined, 700, 2 * Gi, 'Pending'),
    pod('deleted-node', 50, 64 * Mi),
    pod('x', 10, 16 * Mi),
  ];
  const capacity = computeClusterCapacity(nodes, pods);

  it('has one entry per AZ, ordered by AZ name', () => {
    expect(capacity.zones.map(z => z.zone)).toEqual([zoneA, zoneB, zoneC]);
  });

  it('separates cordoned capacity from schedulable capacity', () => {
    // a1 (4000m, 16Gi) is schedulable, cordoned a2 (2000m, 8Gi) is not.
    expect(capacity.zones[0]).toEqual({
      zone: zoneA,
      nodeCount: 2,
      schedulableNodeCount: 1,
      allocatable: { cpuMillicores: 6000, memoryBytes: 24 * Gi },
      schedulableAllocatable: { cpuMillicores: 4000, memoryBytes: 16 * Gi },
      podCount: 2,
      requested: { cpuMillicores: 750, memoryBytes: 1 * Gi + 512 * Mi },
    });
  });

  it('does not count a NotReady node as schedulable', () => {
    expect(capacity.zones[1]).toMatchObject({
      nodeCount: 1,
      schedulableNodeCount: 0,
      allocatable: { cpuMillicores: 4000, memoryBytes: 16 * Gi },
      schedulableAllocatable: { cpuMillicores: 0, memoryBytes: 0 },
      podCount: 1,
      requested: { cpuMillicores: 100, memoryBytes: 128 * Mi },
    });
  });

  it('ignores Succeeded and Failed pods but counts Unknown ones', () => {
    expect(capacity.zones[2]).toMatchObject({
      nodeCount: 2,
      schedulableNodeCount: 2,
      allocatable: { cpuMillicores: 16000, memoryBytes: 64 * Gi },
      podCount: 1,
      requested: { cpuMillicores: 300, memoryBytes: 256 * Mi },
    });
  });

  it('keeps nodes without zone labels, and pods on unknown nodes, apart', () => {
    // x holds one pod (10m); the pod on deleted-node (50m) has no known zone.
    expect(capacity.unzoned).toEqual({
      nodeCount: 1,
      schedulableNodeCount: 1,
      allocatable: { cpuMillicores: 1000, memoryBytes: 4 * Gi },
      schedulableAllocatable: { cpuMillicores: 1000, memoryBytes: 4 * Gi },
      podCount: 2,
      requested: { cpuMillicores: 60, memoryBytes: 80 * Mi },
    });
  });

  it('counts unscheduled pods as demand without a zone', () => {
    expect(capacity.pending).toEqual({
      podCount: 2,
      requested: { cpuMillicores: 1400, memoryBytes: 4 * Gi },
    });
  });

  it('totals the requests of every active pod, bound or pending', () => {
    // 500 + 250 + 100 + 300 + 700 + 700 + 50 + 10
    // 1Gi + 512Mi + 128Mi + 256Mi + 2Gi + 2Gi + 64Mi + 16Mi
    expect(capacity.totalRequested).toEqual({
      cpuMillicores: 2610,
      memoryBytes: 5 * Gi + 976 * Mi,
    });
  });

  it('keys AZs by ID, so nodes reporting the same ID share one AZ', () => {
    const { zones } = computeClusterCapacity(
      [node('n1', zoneA, 1000, 1 * Gi), node('n2', { ...zoneA }, 1000, 1 * Gi)],
      [],
    );
    expect(zones).toHaveLength(1);
    expect(zones[0].nodeCount).toBe(2);
  });

  it('is empty for an empty cluster', () => {
    const empty = computeClusterCapacity([], []);
    expect(empty.zones).toEqual([]);
    expect(empty.unzoned.nodeCount).toBe(0);
    expect(empty.pending.podCount).toBe(0);
    expect(empty.totalRequested).toEqual({ cpuMillicores: 0, memoryBytes: 0 });
  });

  it('does not modify or share the zone objects of its input', () => {
    const zone = { name: 'us-east-1a', id: 'use1-az4' };
    const result = computeClusterCapacity([node('n', zone, 1, 1)], []);
    result.zones[0].zone.name = 'changed';
    expect(zone.name).toBe('us-east-1a');
  });

  describe('from pods summed per node as they are read', () => {
    it('sums active pods per node name (unknown nodes too) and pending ones apart, and counts every phase', () => {
      const sums = sumPodRequests(pods);
      expect(sums.phaseCounts).toEqual({
        Running: 4,
        Pending: 3,
        Succeeded: 1,
        Failed: 1,
        Unknown: 1,
      });
      expect(sums.pending).toEqual({
        podCount: 2,
        requested: { cpuMillicores: 1400, memoryBytes: 4 * Gi },
      });
      // c2's only pod Failed: no entry; c1 keeps its Unknown pod only.
      expect([...sums.byNode.keys()]).toEqual([
        'a1',
        'a2',
        'b1',
        'c1',
        'deleted-node',
        'x',
      ]);
      expect(sums.byNode.get('c1')).toEqual({
        podCount: 1,
        requested: { cpuMillicores: 300, memoryBytes: 256 * Mi },
      });
      expect(sums.byNode.get('deleted-node')).toEqual({
        podCount: 1,
        requested: { cpuMillicores: 50, memoryBytes: 64 * Mi },
      });
    });

    it('gives the same capacity as the pods, whatever the order they were added in', () => {
      expect(computeClusterCapacity(nodes, sumPodRequests(pods))).toEqual(
        capacity,
      );
      const folded = emptyPodRequestSums();
      for (const each of [...pods].reverse()) addPodRequests(folded, each);
      expect(computeClusterCapacity(nodes, folded)).toEqual(capacity);
    });

    it('adds up several pods on one node', () => {
      const sums = sumPodRequests([...pods, pod('a1', 100, 1 * Gi)]);
      expect(sums.byNode.get('a1')).toEqual({
        podCount: 2,
        requested: { cpuMillicores: 600, memoryBytes: 2 * Gi },
      });
      expect(computeClusterCapacity(nodes, sums).zones[0]).toMatchObject({
        podCount: 3,
        requested: { cpuMillicores: 850, memoryBytes: 2 * Gi + 512 * Mi },
      });
    });

    it('does not change the sums it is given', () => {
      const sums = sumPodRequests(pods);
      const plain = () => JSON.stringify({ ...sums, byNode: [...sums.byNode] });
      const before = plain();
      computeClusterCapacity(nodes, sums).pending.requested.cpuMillicores = 0;
      computeClusterCapacity(nodes, sums).totalRequested.cpuMillicores = 0;
      expect(plain()).toEqual(before);
    });
  });
});
