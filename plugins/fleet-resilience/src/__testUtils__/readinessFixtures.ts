/**
 * Readiness payloads for component tests, written out by hand as the
 * backend would answer them.
 */
import type {
  ClusterReadiness,
  FleetReadinessSummary,
  ReadinessCheck,
  WorkloadAssessment,
} from '@fleet-resilience/plugin-fleet-resilience-common';

export function checksFixture(
  overrides: Partial<
    Record<ReadinessCheck['id'], Partial<ReadinessCheck>>
  > = {},
): ReadinessCheck[] {
  const base: ReadinessCheck[] = [
    {
      id: 'zonal-shift',
      title: 'Zonal shift enabled',
      verdict: 'fail',
      evidence: ['EKS zonalShiftConfig.enabled is false'],
      fix: 'Turn on zonal shift for the cluster (EKS UpdateClusterConfig).',
      portalFix: 'enable-zonal-shift',
    },
    {
      id: 'zonal-autoshift',
      title: 'Zonal autoshift enabled',
      verdict: 'warn',
      evidence: ['ARC does not list the cluster'],
      fix: 'Enable zonal autoshift.',
      portalFix: 'enable-autoshift',
    },
    {
      id: 'practice-runs',
      title: 'Practice runs configured',
      verdict: 'warn',
      evidence: ['No practice-run configuration'],
      fix: 'Configure practice runs with an outcome alarm.',
      portalFix: 'configure-practice-runs',
    },
    {
      id: 'practice-run-outcome',
      title: 'Last practice run succeeded',
      verdict: 'unknown',
      evidence: ['No practice run yet'],
    },
    {
      id: 'capacity-n-1',
      title: 'Capacity to lose one AZ',
      verdict: 'pass',
      evidence: ['Losing any one AZ leaves enough CPU and memory'],
    },
    {
      id: 'workload-spread',
      title: 'Workloads spread across AZs',
      verdict: 'fail',
      evidence: ['1 workload has all ready replicas in one AZ'],
      fix: 'Add a topology spread constraint on topology.kubernetes.io/zone.',
    },
    {
      id: 'single-replica',
      title: 'No single-replica workloads',
      verdict: 'warn',
      evidence: ['1 workload runs one replica'],
      fix: 'Run at least two replicas.',
    },
    {
      id: 'cluster-dns',
      title: 'Cluster DNS spread and autoscaled',
      verdict: 'pass',
      evidence: ['coredns: 2 ready replicas in 2 AZs, autoscaled (hpa)'],
    },
  ];
  return base.map(check => ({ ...check, ...overrides[check.id] }));
}

export const ONE_ZONE_WORKLOAD: WorkloadAssessment = {
  kind: 'Deployment',
  namespace: 'payments',
  name: 'ledger',
  desiredReplicas: 3,
  readyReplicas: 3,
  readyByZone: { 'us-east-1a': 3 },
  risks: ['one-zone', 'zone-loss-below-budget'],
  worstZone: 'us-east-1a',
  leftAfterWorstZone: 0,
  required: 2,
  requiredFrom: 'half-of-desired',
  reason: '3 of 3 ready replicas in us-east-1a',
};

export const SINGLE_REPLICA_WORKLOAD: WorkloadAssessment = {
  kind: 'StatefulSet',
  namespace: 'payments',
  name: 'cache',
  desiredReplicas: 1,
  readyReplicas: 1,
  readyByZone: { 'us-east-1b': 1 },
  risks: ['single-replica'],
  worstZone: 'us-east-1b',
  leftAfterWorstZone: 0,
  required: 1,
  requiredFrom: 'half-of-desired',
  reason: 'One replica desired',
};

export function readinessFixture(
  overrides: Partial<ClusterReadiness> = {},
): ClusterReadiness {
  return {
    verdict: 'not-ready',
    score: 38,
    checks: checksFixture(),
    workloads: {
      workloadCount: 12,
      atRiskCount: 1,
      singleReplicaCount: 1,
      noZoneSpreadCount: 0,
      atRisk: [ONE_ZONE_WORKLOAD, SINGLE_REPLICA_WORKLOAD],
      truncated: false,
      dns: { autoscaler: 'hpa' },
      unknownOwnerPods: 0,
      unreadable: [],
    },
    recentPracticeRuns: [],
    ...overrides,
  };
}

export function fleetSummaryFixture(
  overrides: Partial<FleetReadinessSummary> = {},
): FleetReadinessSummary {
  const counts = (pass: number, warn: number, fail: number, unknown = 0) => ({
    pass,
    warn,
    fail,
    unknown,
  });
  return {
    clusterCount: 12,
    byVerdict: { ready: 2, 'at-risk': 4, 'not-ready': 5, unknown: 1 },
    checks: {
      'zonal-shift': counts(9, 0, 3),
      'zonal-autoshift': counts(5, 4, 0, 3),
      'practice-runs': counts(5, 4, 0, 3),
      'practice-run-outcome': counts(4, 0, 1, 7),
      'capacity-n-1': counts(10, 1, 1),
      'workload-spread': counts(8, 0, 4),
      'single-replica': counts(6, 6, 0),
      'cluster-dns': counts(11, 1, 0),
    },
    workloadsAtRisk: 17,
    singleReplicaWorkloads: 9,
    ...overrides,
  };
}
