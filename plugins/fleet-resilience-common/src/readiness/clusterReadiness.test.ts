import type { SurvivabilityAssessment } from '../survivability';
import { assessClusterReadiness, readinessSummaryOf } from './clusterReadiness';
import {
  READINESS_CHECK_IDS,
  type ClusterReadinessInput,
  type PracticeRunRecord,
  type ReadinessCheckId,
  type WorkloadFacts,
  type WorkloadReadiness,
} from './types';
import { assessWorkloads } from './workloads';

const ALARM = {
  type: 'CLOUDWATCH' as const,
  alarmIdentifier: 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:x',
};

function survivability(
  verdict: SurvivabilityAssessment['verdict'],
): SurvivabilityAssessment {
  const zone = { name: 'us-east-1a', id: 'use1-az1' };
  const resource = {
    remaining: 8,
    requested: 10,
    headroom: -2,
    coverage: 0.8,
    sufficient: verdict !== 'at-risk',
  };
  return {
    verdict,
    reason: `N-1 says ${verdict}.`,
    zoneLosses: [
      {
        zone,
        cpu: resource,
        memory: resource,
        survives: verdict !== 'at-risk',
      },
    ],
  };
}

function dnsWorkload(overrides: Partial<WorkloadFacts> = {}): WorkloadFacts {
  return {
    kind: 'Deployment',
    namespace: 'kube-system',
    name: 'coredns',
    desiredReplicas: 2,
    readyByZone: { 'us-east-1a': 1, 'us-east-1b': 1 },
    readyWithoutZone: 0,
    podCount: 2,
    zoneSpread: 'topology-spread',
    ...overrides,
  };
}

function workloads(
  list: Array<Partial<WorkloadFacts>> = [],
  extra: Partial<Parameters<typeof assessWorkloads>[0]> = {},
): WorkloadReadiness {
  return assessWorkloads({
    workloads: list.map((w, i) => ({
      kind: 'Deployment',
      namespace: 'apps',
      name: `w${i}`,
      desiredReplicas: 3,
      readyByZone: { 'us-east-1a': 1, 'us-east-1b': 1, 'us-east-1c': 1 },
      readyWithoutZone: 0,
      podCount: 3,
      zoneSpread: 'topology-spread',
      ...w,
    })),
    dns: { workload: dnsWorkload(), autoscaler: 'hpa' },
    unknownOwnerPods: 0,
    unreadable: [],
    ...extra,
  });
}

function run(
  outcome: PracticeRunRecord['outcome'],
  startTime: string,
  status: PracticeRunRecord['status'] = 'EXPIRED',
): PracticeRunRecord {
  return {
    zonalShiftId: `run-${startTime}`,
    awayFrom: 'use1-az2',
    startTime,
    expiryTime: startTime,
    status,
    ...(outcome ? { outcome } : {}),
  };
}

/** Everything ready. */
const READY: ClusterReadinessInput = {
  zonalShiftEnabled: true,
  arc: {
    zonalAutoshiftStatus: 'ENABLED',
    practiceRunStatus: 'ENABLED',
    practiceRunConfiguration: { outcomeAlarms: [ALARM] },
  },
  practiceRuns: [run('SUCCEEDED', '2026-12-01T10:00:00Z')],
  survivability: survivability('survives'),
  workloads: workloads([{}]),
};

function checkOf(input: ClusterReadinessInput, id: ReadinessCheckId) {
  return assessClusterReadiness(input).checks.find(c => c.id === id)!;
}

describe('assessClusterReadiness', () => {
  it('passes every check of a ready cluster, in the contract order', () => {
    const readiness = assessClusterReadiness(READY);
    expect(readiness.checks.map(c => c.id)).toEqual([...READINESS_CHECK_IDS]);
    expect(readiness.checks.map(c => c.verdict)).toEqual(Array(8).fill('pass'));
    expect(readiness.verdict).toBe('ready');
    expect(readiness.score).toBe(100);
    expect(readiness.checks.every(c => c.fix === undefined)).toBe(true);
    expect(readiness.checks.every(c => c.title.length > 0)).toBe(true);
  });

  it('makes every check unknown, never pass, with nothing read', () => {
    const readiness = assessClusterReadiness({ practiceRuns: [] });
    expect(readiness.checks.map(c => c.verdict)).toEqual(
      Array(8).fill('unknown'),
    );
    expect(readiness.verdict).toBe('unknown');
    expect(readiness.score).toBe(0);
  });

  it.each<
    [string, ReadinessCheckId, Partial<ClusterReadinessInput>, string, string?]
  >([
    [
      'zonal shift off',
      'zonal-shift',
      { zonalShiftEnabled: false, arc: undefined },
      'fail',
      'enable-zonal-shift',
    ],
    [
      'zonal shift not described',
      'zonal-shift',
      { zonalShiftEnabled: undefined },
      'unknown',
      'enable-zonal-shift',
    ],
    [
      'autoshift disabled with practice runs',
      'zonal-autoshift',
      {
        arc: { zonalAutoshiftStatus: 'DISABLED', practiceRunStatus: 'ENABLED' },
      },
      'warn',
      'enable-autoshift',
    ],
    [
      'autoshift disabled without practice runs',
      'zonal-autoshift',
      {
        arc: {
          zonalAutoshiftStatus: 'DISABLED',
          practiceRunStatus: 'DISABLED',
        },
      },
      'warn',
      undefined,
    ],
    [
      'autoshift with zonal shift off',
      'zonal-autoshift',
      { zonalShiftEnabled: false, arc: undefined },
      'warn',
      undefined,
    ],
    [
      'autoshift, ARC not read',
      'zonal-autoshift',
      { arc: undefined },
      'unknown',
      undefined,
    ],
    [
      'autoshift status missing',
      'zonal-autoshift',
      { arc: { practiceRunStatus: 'ENABLED' } },
      'unknown',
      undefined,
    ],
    [
      'no practice-run configuration',
      'practice-runs',
      {
        arc: {
          zonalAutoshiftStatus: 'DISABLED',
          practiceRunStatus: 'DISABLED',
        },
      },
      'warn',
      'configure-practice-runs',
    ],
    [
      'practice runs by status only',
      'practice-runs',
      {
        arc: { zonalAutoshiftStatus: 'DISABLED', practiceRunStatus: 'ENABLED' },
      },
      'pass',
      undefined,
    ],
    [
      'autoshift on, practice runs DISABLED (ARC forbids)',
      'practice-runs',
      {
        arc: { zonalAutoshiftStatus: 'ENABLED', practiceRunStatus: 'DISABLED' },
      },
      'unknown',
      undefined,
    ],
    [
      'practice runs with zonal shift off',
      'practice-runs',
      { zonalShiftEnabled: false, arc: undefined },
      'warn',
      undefined,
    ],
    [
      'practice runs, ARC not read',
      'practice-runs',
      { arc: undefined },
      'unknown',
      undefined,
    ],
    [
      'last run FAILED',
      'practice-run-outcome',
      {
        practiceRuns: [
          run('SUCCEEDED', '2026-11-24T10:00:00Z'),
          run('FAILED', '2026-12-01T10:00:00Z'),
        ],
      },
      'fail',
      undefined,
    ],
    [
      'last run CAPACITY_CHECK_FAILED',
      'practice-run-outcome',
      { practiceRuns: [run('CAPACITY_CHECK_FAILED', '2026-12-01T10:00:00Z')] },
      'fail',
      undefined,
    ],
    [
      'last run INTERRUPTED',
      'practice-run-outcome',
      { practiceRuns: [run('INTERRUPTED', '2026-12-01T10:00:00Z')] },
      'warn',
      undefined,
    ],
    [
      'FAILED, then SUCCEEDED',
      'practice-run-outcome',
      {
        practiceRuns: [
          run('SUCCEEDED', '2026-12-01T10:00:00Z'),
          run('FAILED', '2026-11-24T10:00:00Z'),
        ],
      },
      'pass',
      undefined,
    ],
    [
      'one running after a failure',
      'practice-run-outcome',
      {
        practiceRuns: [
          run('PENDING', '2026-12-07T10:00:00Z', 'ACTIVE'),
          run('FAILED', '2026-11-30T10:00:00Z'),
        ],
      },
      'fail',
      undefined,
    ],
    [
      'none yet, configured',
      'practice-run-outcome',
      { practiceRuns: [] },
      'unknown',
      undefined,
    ],
    [
      'only a running one, configured',
      'practice-run-outcome',
      { practiceRuns: [run('PENDING', '2026-12-07T10:00:00Z', 'ACTIVE')] },
      'unknown',
      undefined,
    ],
    [
      'ended without outcome',
      'practice-run-outcome',
      { practiceRuns: [run(undefined, '2026-12-01T10:00:00Z')] },
      'unknown',
      undefined,
    ],
    [
      'none, not configured',
      'practice-run-outcome',
      {
        practiceRuns: [],
        arc: {
          zonalAutoshiftStatus: 'DISABLED',
          practiceRunStatus: 'DISABLED',
        },
      },
      'warn',
      undefined,
    ],
    [
      'none, zonal shift off',
      'practice-run-outcome',
      { practiceRuns: [], zonalShiftEnabled: false, arc: undefined },
      'warn',
      undefined,
    ],
    [
      'none, ARC not read',
      'practice-run-outcome',
      { practiceRuns: [], arc: undefined },
      'unknown',
      undefined,
    ],
    [
      'N-1 at risk',
      'capacity-n-1',
      { survivability: survivability('at-risk') },
      'fail',
      undefined,
    ],
    [
      'N-1 unknown',
      'capacity-n-1',
      { survivability: survivability('unknown') },
      'unknown',
      undefined,
    ],
    [
      'N-1 not read',
      'capacity-n-1',
      { survivability: undefined },
      'unknown',
      undefined,
    ],
    [
      'a one-zone workload',
      'workload-spread',
      { workloads: workloads([{ readyByZone: { 'us-east-1a': 3 } }]) },
      'fail',
      undefined,
    ],
    [
      'a workload below budget',
      'workload-spread',
      {
        workloads: workloads([
          {
            desiredReplicas: 4,
            readyByZone: { 'us-east-1a': 3, 'us-east-1b': 1 },
          },
        ]),
      },
      'fail',
      undefined,
    ],
    [
      'only unspread workloads',
      'workload-spread',
      { workloads: workloads([{ zoneSpread: 'none' }]) },
      'warn',
      undefined,
    ],
    [
      'no workloads at all',
      'workload-spread',
      { workloads: workloads([]) },
      'pass',
      undefined,
    ],
    [
      'unknown owners only',
      'workload-spread',
      { workloads: workloads([{}], { unknownOwnerPods: 7 }) },
      'pass',
      undefined,
    ],
    [
      'lists unreadable',
      'workload-spread',
      { workloads: workloads([{}], { unreadable: ['statefulsets.apps'] }) },
      'unknown',
      undefined,
    ],
    [
      'unreadable, yet one at risk',
      'workload-spread',
      {
        workloads: workloads([{ readyByZone: { 'us-east-1a': 3 } }], {
          unreadable: ['statefulsets.apps'],
        }),
      },
      'fail',
      undefined,
    ],
    [
      'workloads not read',
      'workload-spread',
      { workloads: undefined },
      'unknown',
      undefined,
    ],
    [
      'a single replica',
      'single-replica',
      {
        workloads: workloads([
          { desiredReplicas: 1, readyByZone: { 'us-east-1a': 1 } },
        ]),
      },
      'warn',
      undefined,
    ],
    [
      'single replica, lists unreadable',
      'single-replica',
      { workloads: workloads([{}], { unreadable: ['statefulsets.apps'] }) },
      'unknown',
      undefined,
    ],
    [
      'single replica, not read',
      'single-replica',
      { workloads: undefined },
      'unknown',
      undefined,
    ],
    [
      'DNS in one AZ',
      'cluster-dns',
      {
        workloads: workloads([], {
          dns: {
            workload: dnsWorkload({ readyByZone: { 'us-east-1a': 2 } }),
            autoscaler: 'hpa',
          },
        }),
      },
      'fail',
      undefined,
    ],
    [
      'DNS with one ready replica',
      'cluster-dns',
      {
        workloads: workloads([], {
          dns: {
            workload: dnsWorkload({ readyByZone: { 'us-east-1a': 1 } }),
            autoscaler: 'hpa',
          },
        }),
      },
      'fail',
      undefined,
    ],
    [
      'DNS below budget on AZ loss',
      'cluster-dns',
      {
        workloads: workloads([], {
          dns: {
            workload: dnsWorkload({
              desiredReplicas: 4,
              readyByZone: { 'us-east-1a': 3, 'us-east-1b': 1 },
            }),
            autoscaler: 'hpa',
          },
        }),
      },
      'fail',
      undefined,
    ],
    [
      'DNS not autoscaled',
      'cluster-dns',
      { workloads: workloads([], { dns: { workload: dnsWorkload() } }) },
      'warn',
      undefined,
    ],
    [
      'DNS by proportional autoscaler',
      'cluster-dns',
      {
        workloads: workloads([], {
          dns: { workload: dnsWorkload(), autoscaler: 'proportional' },
        }),
      },
      'pass',
      undefined,
    ],
    [
      'DNS without spread constraint',
      'cluster-dns',
      {
        workloads: workloads([], {
          dns: {
            workload: dnsWorkload({ zoneSpread: 'none' }),
            autoscaler: 'hpa',
          },
        }),
      },
      'warn',
      undefined,
    ],
    [
      'DNS autoscalers unreadable',
      'cluster-dns',
      {
        workloads: workloads([], {
          dns: { workload: dnsWorkload() },
          unreadable: ['horizontalpodautoscalers.autoscaling'],
        }),
      },
      'unknown',
      undefined,
    ],
    [
      'DNS not found',
      'cluster-dns',
      { workloads: workloads([], { dns: {} }) },
      'unknown',
      undefined,
    ],
    [
      'DNS not read',
      'cluster-dns',
      { workloads: undefined },
      'unknown',
      undefined,
    ],
  ])('%s: %s', (_case, id, change, verdict, portalFix) => {
    const c = checkOf({ ...READY, ...change }, id);
    expect(c.verdict).toBe(verdict);
    expect(c.portalFix).toBe(portalFix);
    expect(c.evidence.length).toBeGreaterThan(0);
    // A passing check has nothing to fix; every other one says how.
    expect(c.fix === undefined).toBe(verdict === 'pass');
  });

  it('gives per-AZ evidence for N-1', () => {
    const c = checkOf(
      { ...READY, survivability: survivability('at-risk') },
      'capacity-n-1',
    );
    expect(c.evidence).toEqual([
      'N-1 says at-risk.',
      'Losing us-east-1a (use1-az1) leaves 80% of the CPU and 80% of the memory requested: short.',
    ]);
  });

  it('names the workloads at risk and the pods of unknown owners', () => {
    const c = checkOf(
      {
        ...READY,
        workloads: workloads([{ readyByZone: { 'us-east-1a': 3 } }], {
          unknownOwnerPods: 2,
        }),
      },
      'workload-spread',
    );
    expect(c.evidence).toEqual([
      '1 workload: 1 at risk, 0 without zone spread.',
      'Deployment apps/w0: 3 of 3 ready replicas in us-east-1a.',
      '2 running pods of neither a Deployment nor a StatefulSet (bare pods, other controllers): not assessed.',
    ]);
  });

  it('shows the EKS update in the zonal shift evidence', () => {
    const c = checkOf(
      {
        ...READY,
        zonalShiftEnabled: false,
        pendingUpdate: {
          updateId: 'u-9',
          type: 'ZonalShiftConfigUpdate',
          status: 'Failed',
          startedAt: '2026-12-07T09:00:00Z',
          errors: ['Cluster is busy'],
        },
      },
      'zonal-shift',
    );
    expect(c.evidence).toContain(
      'EKS update u-9 (ZonalShiftConfigUpdate) Failed since 2026-12-07T09:00:00Z.',
    );
    expect(c.evidence).toContain('EKS: Cluster is busy');
  });

  it('is not-ready when one fails, at-risk when one only warns', () => {
    const failing = assessClusterReadiness({
      ...READY,
      zonalShiftEnabled: false,
    });
    expect(failing.verdict).toBe('not-ready');
    const warning = assessClusterReadiness({
      ...READY,
      workloads: workloads([{ zoneSpread: 'none' }]),
    });
    expect(warning.verdict).toBe('at-risk');
    // 7 passes and a warning: 7.5 of 8.
    expect(warning.score).toBe(94);
    const unknownOnly = assessClusterReadiness({
      ...READY,
      survivability: undefined,
    });
    expect(unknownOnly.verdict).toBe('unknown');
    expect(unknownOnly.score).toBe(88);
  });

  it('carries the runs newest first (at most 5), the configuration and the update', () => {
    const runs = ['01', '02', '03', '04', '05', '06'].map(d =>
      run('SUCCEEDED', `2026-11-${d}T10:00:00Z`),
    );
    const pendingUpdate = {
      updateId: 'u-1',
      type: 'ZonalShiftConfigUpdate',
      status: 'InProgress',
      startedAt: '2026-12-07T09:00:00Z',
    };
    const readiness = assessClusterReadiness({
      ...READY,
      practiceRuns: runs,
      pendingUpdate,
    });
    expect(
      readiness.recentPracticeRuns.map(r => r.startTime.slice(8, 10)),
    ).toEqual(['06', '05', '04', '03', '02']);
    expect(readiness.practiceRunConfiguration).toEqual({
      outcomeAlarms: [ALARM],
    });
    expect(readiness.pendingUpdate).toEqual(pendingUpdate);
    expect(readiness.workloads).toBe(READY.workloads);
  });
});

describe('readinessSummaryOf', () => {
  it('lists failing and warning checks in check order, and the workloads at risk', () => {
    const readiness = assessClusterReadiness({
      ...READY,
      zonalShiftEnabled: false,
      arc: undefined,
      practiceRuns: [],
      workloads: workloads([
        { readyByZone: { 'us-east-1a': 3 } },
        { readyByZone: { 'us-east-1b': 3 } },
        { desiredReplicas: 1, readyByZone: { 'us-east-1a': 1 } },
      ]),
    });
    expect(readinessSummaryOf(readiness)).toEqual({
      verdict: 'not-ready',
      score: readiness.score,
      failing: ['zonal-shift', 'workload-spread'],
      warning: [
        'zonal-autoshift',
        'practice-runs',
        'practice-run-outcome',
        'single-replica',
      ],
      workloadsAtRisk: 2,
    });
    // pass: capacity, DNS = 2 of 8; warnings: 4 × 0.5.
    expect(readiness.score).toBe(50);
  });

  it('counts no workloads at risk when none were read', () => {
    expect(
      readinessSummaryOf(assessClusterReadiness({ practiceRuns: [] }))
        .workloadsAtRisk,
    ).toBe(0);
  });
});
