import type { ClusterReadinessSummary } from '../api/readiness';
import {
  autoshiftCheck,
  practiceRunOutcomeCheck,
  practiceRunsCheck,
  zonalShiftCheck,
} from './awsChecks';
import {
  capacityCheck,
  clusterDnsCheck,
  singleReplicaCheck,
  workloadSpreadCheck,
} from './kubernetesChecks';
import type {
  ClusterReadiness,
  ClusterReadinessInput,
  ReadinessCheck,
  ReadinessCheckVerdict,
  ReadinessVerdict,
} from './types';
import { newestFirst } from './text';

/** Newest first, as {@link ClusterReadiness.recentPracticeRuns} lists them. */
const RECENT_PRACTICE_RUNS = 5;

function verdictOf(checks: ReadinessCheck[]): ReadinessVerdict {
  if (checks.some(c => c.verdict === 'fail')) return 'not-ready';
  if (checks.some(c => c.verdict === 'warn')) return 'at-risk';
  if (checks.every(c => c.verdict === 'pass')) return 'ready';
  return 'unknown';
}

const POINTS: Record<ReadinessCheckVerdict, number> = {
  pass: 1,
  warn: 0.5,
  fail: 0,
  unknown: 0,
};

/** Passing checks count 1, warnings 1/2, failures and unknowns 0; of all checks. */
function scoreOf(checks: ReadinessCheck[]): number {
  const points = checks.reduce((total, c) => total + POINTS[c.verdict], 0);
  return Math.round((100 * points) / checks.length);
}

/**
 * A cluster's readiness: the checks of {@link READINESS_CHECK_IDS} in that
 * order, its verdict and score.
 *
 * @remarks
 * The verdict is `not-ready` when a check fails, `at-risk` when one warns,
 * `ready` when all pass and `unknown` otherwise. The score counts a passing
 * check 1 and a warning 1/2, over all 8 checks, so facts not read yet lower
 * it. Missing facts (undefined) make checks `unknown`, never `pass`.
 *
 * @public
 */
export function assessClusterReadiness(
  input: ClusterReadinessInput,
): ClusterReadiness {
  const checks = [
    zonalShiftCheck(input),
    autoshiftCheck(input),
    practiceRunsCheck(input),
    practiceRunOutcomeCheck(input),
    capacityCheck(input.survivability),
    workloadSpreadCheck(input.workloads),
    singleReplicaCheck(input.workloads),
    clusterDnsCheck(input.workloads),
  ];
  const readiness: ClusterReadiness = {
    verdict: verdictOf(checks),
    score: scoreOf(checks),
    checks,
    recentPracticeRuns: [...input.practiceRuns]
      .sort(newestFirst)
      .slice(0, RECENT_PRACTICE_RUNS),
  };
  if (input.workloads) readiness.workloads = input.workloads;
  if (input.arc?.practiceRunConfiguration) {
    readiness.practiceRunConfiguration = input.arc.practiceRunConfiguration;
  }
  if (input.pendingUpdate) readiness.pendingUpdate = input.pendingUpdate;
  return readiness;
}

/**
 * The list's summary of a cluster's readiness.
 *
 * @public
 */
export function readinessSummaryOf(
  readiness: ClusterReadiness,
): ClusterReadinessSummary {
  const ids = (verdict: ReadinessCheck['verdict']) =>
    readiness.checks.filter(c => c.verdict === verdict).map(c => c.id);
  return {
    verdict: readiness.verdict,
    score: readiness.score,
    failing: ids('fail'),
    warning: ids('warn'),
    workloadsAtRisk: readiness.workloads?.atRiskCount ?? 0,
  };
}
