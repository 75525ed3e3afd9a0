import {
  computeClusterCapacity,
  sumPodRequests,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { capacityNodeFrom } from './nodeCapacity';
import { PodPageFold } from './podPages';
import { capacityPodFrom } from './podRequests';
import { readinessFactsFrom } from './readinessFacts';

const MI = 2 ** 20;

const node = (name: string, zone: string, zoneId: string) => ({
  metadata: {
    name,
    labels: {
      'topology.kubernetes.io/zone': zone,
      'topology.k8s.aws/zone-id': zoneId,
    },
  },
  status: { allocatable: { cpu: '4', memory: '16Gi' } },
});
const NODES = [
  node('a1', 'us-east-1a', 'use1-az1'),
  node('b1', 'us-east-1b', 'use1-az2'),
];

const WEB = {
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    replicas: 6,
    template: { metadata: { labels: { app: 'web' } }, spec: {} },
  },
};

let podNumber = 0;
function pod(options: {
  node?: string;
  cpu?: string;
  owned?: boolean;
  phase?: string;
  ready?: boolean;
}) {
  podNumber += 1;
  return {
    metadata: {
      name: `web-7d9f8c6b5-${podNumber}`,
      namespace: 'shop',
      labels: { 'pod-template-hash': '7d9f8c6b5' },
      ...(options.owned === false
        ? {}
        : {
            ownerReferences: [
              { kind: 'ReplicaSet', name: 'web-7d9f8c6b5', controller: true },
            ],
          }),
    },
    spec: {
      ...(options.node ? { nodeName: options.node } : {}),
      containers: [
        {
          name: 'web',
          resources: {
            requests: { cpu: options.cpu ?? '250m', memory: '1Gi' },
          },
        },
      ],
    },
    status: {
      phase: options.phase ?? (options.node ? 'Running' : 'Pending'),
      conditions: [
        {
          type: 'Ready',
          status:
            options.ready ?? options.node !== undefined ? 'True' : 'False',
        },
      ],
    },
  };
}

const PODS = [
  pod({ node: 'a1' }),
  pod({ node: 'a1', cpu: '500m' }),
  pod({ node: 'b1' }),
  pod({ node: 'b1', ready: false }),
  pod({ node: 'gone' }), // a node that was not (or no longer) listed
  pod({}), // pending
  pod({ node: 'a1', cpu: 'lots' }), // does not validate
  pod({ node: 'b1', owned: false }), // running, owner unknown
  pod({ node: 'a1', phase: 'Succeeded', ready: false }), // holds nothing
];

function fold(pageSize: number): PodPageFold {
  const pods = new PodPageFold();
  for (let i = 0; i < PODS.length; i += pageSize) {
    pods.add(PODS.slice(i, i + pageSize));
  }
  return pods;
}

const capacityNodes = NODES.map(n => {
  const result = capacityNodeFrom(n);
  if (!result.ok) throw new Error('fixture node does not validate');
  return result.value;
});
const readiness = (pods: PodPageFold | readonly unknown[]) =>
  readinessFactsFrom({
    nodes: NODES,
    pods: pods instanceof PodPageFold ? pods.workloads : pods,
    deployments: [WEB],
    statefulSets: [],
    disruptionBudgets: [],
    autoscalers: [],
    unreadable: [],
  });

describe('PodPageFold', () => {
  it('folds pods spread over several pages into what the whole list gives', () => {
    // What the reader computed from the whole list before it folded pages.
    const valid = PODS.map(capacityPodFrom).flatMap(r =>
      r.ok ? [r.value] : [],
    );
    const whole = computeClusterCapacity(capacityNodes, valid);
    const expectedReadiness = readiness(PODS);
    for (const pageSize of [1, 2, 4, PODS.length]) {
      const pods = fold(pageSize);
      expect(pods.requests).toEqual(sumPodRequests(valid));
      expect(computeClusterCapacity(capacityNodes, pods.requests)).toEqual(
        whole,
      );
      expect(readiness(pods)).toEqual(expectedReadiness);
      expect(pods.problems).toHaveLength(1);
    }
  });

  it('sums requests per node: two pods on a1, a pending pod apart, a finished one only counted by phase', () => {
    const { requests } = fold(3);
    expect(requests.byNode.get('a1')).toEqual({
      podCount: 2,
      requested: { cpuMillicores: 750, memoryBytes: 2048 * MI },
    });
    expect(requests.pending).toEqual({
      podCount: 1,
      requested: { cpuMillicores: 250, memoryBytes: 1024 * MI },
    });
    expect(requests.phaseCounts).toEqual({
      Running: 6,
      Pending: 1,
      Succeeded: 1,
    });
  });

  it('keeps pods on an unknown node as unzoned demand, ready but in no AZ', () => {
    const pods = fold(2);
    expect(pods.requests.byNode.get('gone')).toEqual({
      podCount: 1,
      requested: { cpuMillicores: 250, memoryBytes: 1024 * MI },
    });
    const capacity = computeClusterCapacity(capacityNodes, pods.requests);
    expect(capacity.unzoned).toMatchObject({
      nodeCount: 0,
      podCount: 1,
      requested: { cpuMillicores: 250, memoryBytes: 1024 * MI },
    });
    expect(capacity.zones.map(z => [z.zone.name, z.podCount])).toEqual([
      ['us-east-1a', 2],
      ['us-east-1b', 3],
    ]);
    expect(readiness(pods).workloads).toEqual([
      expect.objectContaining({
        name: 'web',
        // Ready: a1 x3 (the invalid pod too), b1 x1; gone's pod has no AZ.
        readyByZone: { 'us-east-1a': 3, 'us-east-1b': 1 },
        readyWithoutZone: 1,
        podCount: 8,
      }),
    ]);
    expect(readiness(pods).unknownOwnerPods).toBe(1);
  });

  it('turns a pod that does not validate into a problem, leaves it out of the sums, and still counts it for its workload', () => {
    const pods = fold(4);
    expect(pods.problems).toEqual([
      {
        source: 'kubernetes',
        resource: `Pod/shop/${PODS[6].metadata.name}`,
        message: expect.stringContaining('Invalid quantity "lots"'),
      },
    ]);
    const onA1 = PODS.filter(
      p => p.spec.nodeName === 'a1' && p.status.phase === 'Running',
    );
    expect(onA1).toHaveLength(3);
    expect(pods.requests.byNode.get('a1')?.podCount).toBe(2);
    expect(readiness(pods).workloads[0].podCount).toBe(8);
  });
});
