import {
  assessWorkloads,
  sumPodRequests,
  type KubernetesReadinessFacts,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { KubernetesClusterState } from '@fleet-resilience/plugin-fleet-resilience-node';
import {
  allowedZones,
  reduceKubernetesState,
  reduceNodePool,
} from './reduceKubernetesState';

const A = { name: 'us-east-1a', id: 'use1-az1' };
const B = { name: 'us-east-1b', id: 'use1-az2' };
const C = { name: 'us-east-1c', id: 'use1-az4' };
const GiB = 2 ** 30;

describe('allowedZones', () => {
  it('applies In and NotIn on zone names and zone IDs, all requirements together', () => {
    expect(
      allowedZones(
        [
          {
            key: 'topology.kubernetes.io/zone',
            operator: 'In',
            values: ['us-east-1a', 'us-east-1b'],
          },
        ],
        [A, B, C],
      ),
    ).toEqual([A, B]);
    expect(
      allowedZones(
        [
          {
            key: 'topology.k8s.aws/zone-id',
            operator: 'NotIn',
            values: ['use1-az1'],
          },
        ],
        [A, B, C],
      ),
    ).toEqual([B, C]);
    expect(
      allowedZones(
        [
          {
            key: 'topology.kubernetes.io/zone',
            operator: 'In',
            values: ['us-east-1a', 'us-east-1b'],
          },
          {
            key: 'topology.k8s.aws/zone-id',
            operator: 'NotIn',
            values: ['use1-az2'],
          },
        ],
        [A, B, C],
      ),
    ).toEqual([A]);
  });

  it('allows every zone with Exists or no zone requirement, none with DoesNotExist', () => {
    expect(
      allowedZones(
        [{ key: 'topology.kubernetes.io/zone', operator: 'Exists' }],
        [A, B],
      ),
    ).toEqual([A, B]);
    expect(
      allowedZones(
        [
          {
            key: 'karpenter.sh/capacity-type',
            operator: 'In',
            values: ['spot'],
          },
        ],
        [A, B],
      ),
    ).toEqual([A, B]);
    expect(
      allowedZones(
        [{ key: 'topology.kubernetes.io/zone', operator: 'DoesNotExist' }],
        [A, B],
      ),
    ).toEqual([]);
  });
});

describe('reduceNodePool', () => {
  it('keeps the zone requirements, the allowed zones and the zone annotations only', () => {
    expect(
      reduceNodePool(
        {
          name: 'default',
          resourceVersion: '42',
          requirements: [
            {
              key: 'karpenter.sh/capacity-type',
              operator: 'In',
              values: ['on-demand'],
            },
            {
              key: 'topology.k8s.aws/zone-id',
              operator: 'In',
              values: ['use1-az1', 'use1-az4'],
            },
          ],
          annotations: {
            'zonal-autoshift.eks.amazonaws.com/away-zones': 'us-east-1b',
            'fleet-resilience.io/original-requirements': '[]',
            'karpenter.sh/nodepool-hash': 'x',
          },
          weight: 50,
          raw: {},
        },
        [A, B, C],
      ),
    ).toEqual({
      name: 'default',
      resourceVersion: '42',
      zoneRequirements: [
        {
          key: 'topology.k8s.aws/zone-id',
          operator: 'In',
          values: ['use1-az1', 'use1-az4'],
        },
      ],
      allowedZones: [A, C],
      unrestricted: false,
      weight: 50,
      zoneAnnotations: {
        'zonal-autoshift.eks.amazonaws.com/away-zones': 'us-east-1b',
        'fleet-resilience.io/original-requirements': '[]',
      },
    });
  });
});

describe('reduceKubernetesState', () => {
  const node = (
    name: string,
    zone: typeof A | undefined,
    cpu: number,
    unschedulable = false,
  ) => ({
    name,
    ...(zone ? { zone } : {}),
    allocatable: { cpuMillicores: cpu, memoryBytes: 16 * GiB },
    unschedulable,
  });
  const state: KubernetesClusterState = {
    nodes: [
      node('a1', A, 4000),
      node('b1', B, 4000),
      node('c1', C, 4000, true),
    ],
    pods: [
      {
        nodeName: 'a1',
        phase: 'Running',
        requests: { cpuMillicores: 3000, memoryBytes: 4 * GiB },
      },
      {
        nodeName: 'b1',
        phase: 'Running',
        requests: { cpuMillicores: 1000, memoryBytes: 4 * GiB },
      },
      { phase: 'Pending', requests: { cpuMillicores: 500, memoryBytes: GiB } },
      {
        nodeName: 'a1',
        phase: 'Succeeded',
        requests: { cpuMillicores: 9000, memoryBytes: GiB },
      },
    ],
    nodePools: [
      {
        name: 'default',
        resourceVersion: '1',
        requirements: [
          {
            key: 'topology.kubernetes.io/zone',
            operator: 'In',
            values: ['us-east-1a', 'us-east-1d'],
          },
        ],
        annotations: {},
        raw: {},
      },
    ],
    nodeClaimCount: 3,
    zones: [A, B, C],
    karpenter: { installed: true, version: '1.12.0', nativeZonalShift: true },
    problems: [
      { source: 'kubernetes', resource: 'pods/x', message: 'bad quantity' },
    ],
  };

  it('computes capacity, totals and the N-1 verdict with the common math', () => {
    const snapshot = reduceKubernetesState(
      'arn:x',
      state,
      [],
      '2026-11-22T08:00:00.000Z',
    );
    // Requests: 3000 + 1000 + 500 (pending) = 4500m; Succeeded pods hold nothing.
    // Schedulable capacity: a1 + b1 = 8000m (c1 is cordoned). Losing a or b leaves 4000m < 4500m.
    expect(snapshot.totals).toEqual({
      nodeCount: 3,
      schedulableNodeCount: 2,
      podCount: 3,
      pendingPodCount: 1,
      allocatable: { cpuMillicores: 12000, memoryBytes: 48 * GiB },
      requested: { cpuMillicores: 4500, memoryBytes: 9 * GiB },
    });
    expect(snapshot.assessment.verdict).toBe('at-risk');
    expect(snapshot.assessment.bindingZone?.zone).toEqual(A);
    expect(snapshot.assessment.bindingZone?.cpu.remaining).toBe(4000);
    expect(snapshot.capacity.zones.map(z => [z.zone.id, z.podCount])).toEqual([
      ['use1-az1', 1],
      ['use1-az2', 1],
      ['use1-az4', 0],
    ]);
    expect(snapshot.nodePools[0].allowedZones).toEqual([A]);
    expect(snapshot.karpenter).toEqual({
      installed: true,
      version: '1.12.0',
      nativeZonalShift: true,
      nodeClaimCount: 3,
    });
    expect(snapshot.problems).toEqual(state.problems);
    expect(snapshot.nodeZones).toEqual([A, B, C]);
  });

  it('keeps the workloads assessed for readiness, never the facts; none when the read had none', () => {
    const spread = {
      kind: 'Deployment' as const,
      namespace: 'shop',
      desiredReplicas: 3,
      readyWithoutZone: 0,
      podCount: 3,
      zoneSpread: 'topology-spread' as const,
    };
    const readiness: KubernetesReadinessFacts = {
      workloads: [
        {
          ...spread,
          name: 'web',
          readyByZone: { 'us-east-1a': 1, 'us-east-1b': 1, 'us-east-1c': 1 },
        },
        { ...spread, name: 'cart', readyByZone: { 'us-east-1a': 3 } },
      ],
      dns: {},
      unknownOwnerPods: 2,
      unreadable: ['poddisruptionbudgets.policy'],
    };
    const snapshot = reduceKubernetesState(
      'arn:x',
      { ...state, readiness },
      [],
      '2026-11-22T08:00:00.000Z',
    );
    expect(snapshot.workloads).toEqual(assessWorkloads(readiness));
    expect(snapshot.workloads).toMatchObject({
      workloadCount: 2,
      atRiskCount: 1,
      unknownOwnerPods: 2,
      unreadable: ['poddisruptionbudgets.policy'],
    });
    expect(snapshot.workloads?.atRisk.map(w => w.name)).toEqual(['cart']);
    expect(
      reduceKubernetesState('arn:x', state, [], '2026-11-22T08:00:00.000Z'),
    ).not.toHaveProperty('workloads');
  });

  it('counts unzoned nodes in the totals and names NodePool zones from the subnets too', () => {
    const snapshot = reduceKubernetesState(
      'arn:x',
      { ...state, nodes: [node('x', undefined, 2000)], pods: [], zones: [] },
      [A, { name: 'us-east-1d', id: 'use1-az6' }],
      '2026-11-22T08:00:00.000Z',
    );
    expect(snapshot.totals.nodeCount).toBe(1);
    expect(snapshot.totals.allocatable.cpuMillicores).toBe(2000);
    expect(snapshot.nodeZones).toEqual([]);
    expect(snapshot.nodePools[0].allowedZones).toEqual([
      A,
      { name: 'us-east-1d', id: 'use1-az6' },
    ]);
    expect(snapshot.assessment.verdict).toBe('survives');
  });

  it('gives the same snapshot from the reader’s sums per node as from the pods', () => {
    const at = '2026-11-22T08:00:00.000Z';
    const { pods, ...rest } = state;
    const fromSums = reduceKubernetesState(
      'arn:x',
      { ...rest, podRequests: sumPodRequests(pods!) },
      [],
      at,
    );
    expect(fromSums).toEqual(reduceKubernetesState('arn:x', state, [], at));
    expect(fromSums.totals.requested.cpuMillicores).toBe(4500);
    // Sums win over pods when a state has both.
    expect(
      reduceKubernetesState(
        'arn:x',
        { ...state, podRequests: sumPodRequests([]) },
        [],
        at,
      ).totals.podCount,
    ).toBe(0);
  });
});
