import {
  MAX_LISTED_WORKLOADS,
  type KubernetesReadinessFacts,
  type WorkloadFacts,
} from './types';
import { assessWorkloads } from './workloads';

function workload(
  name: string,
  overrides: Partial<WorkloadFacts> = {},
): WorkloadFacts {
  return {
    kind: 'Deployment',
    namespace: 'apps',
    name,
    desiredReplicas: 2,
    readyByZone: { a: 1, b: 1 },
    readyWithoutZone: 0,
    podCount: 2,
    zoneSpread: 'topology-spread',
    ...overrides,
  };
}

function facts(workloads: WorkloadFacts[]): KubernetesReadinessFacts {
  return {
    workloads,
    dns: { autoscaler: 'hpa' },
    unknownOwnerPods: 4,
    unreadable: ['statefulsets.apps'],
  };
}

describe('assessWorkloads', () => {
  it('counts each risk and lists the flagged workloads worst first', () => {
    const result = assessWorkloads(
      facts([
        workload('unspread', { zoneSpread: 'none' }),
        workload('fine'),
        workload('single', { desiredReplicas: 1, readyByZone: { a: 1 } }),
        workload('below', {
          desiredReplicas: 3,
          readyByZone: { a: 2, b: 1 },
          disruptionBudget: { name: 'p', minAvailable: 2 },
        }),
        workload('zoned', { readyByZone: { a: 2 } }),
        workload('also-zoned', { readyByZone: { b: 2 }, kind: 'StatefulSet' }),
      ]),
    );
    expect(result.workloadCount).toBe(6);
    expect(result.atRiskCount).toBe(3);
    expect(result.singleReplicaCount).toBe(1);
    expect(result.noZoneSpreadCount).toBe(1);
    expect(result.atRisk.map(w => w.name)).toEqual([
      'also-zoned',
      'zoned',
      'below',
      'single',
      'unspread',
    ]);
    expect(result.truncated).toBe(false);
  });

  it('carries the DNS, unknown owners and unreadable lists through', () => {
    const result = assessWorkloads(facts([]));
    expect(result.dns).toEqual({ autoscaler: 'hpa' });
    expect(result.unknownOwnerPods).toBe(4);
    expect(result.unreadable).toEqual(['statefulsets.apps']);
    expect(result.atRisk).toEqual([]);
    expect(result.workloadCount).toBe(0);
  });

  it(`lists at most ${MAX_LISTED_WORKLOADS} flagged workloads and says so`, () => {
    const many = Array.from({ length: MAX_LISTED_WORKLOADS + 1 }, (_, i) =>
      workload(`w${String(i).padStart(3, '0')}`, { readyByZone: { a: 2 } }),
    );
    const result = assessWorkloads(facts(many));
    expect(result.atRisk).toHaveLength(MAX_LISTED_WORKLOADS);
    expect(result.truncated).toBe(true);
    expect(result.atRiskCount).toBe(MAX_LISTED_WORKLOADS + 1);
  });
});
