import type {
  ReadinessCheck,
  ReadinessCheckId,
  ReadinessCheckVerdict,
  ReadinessFix,
} from './types';

/**
 * The title of each readiness check, as {@link ReadinessCheck.title} has it.
 *
 * @public
 */
export const READINESS_CHECK_TITLES: Record<ReadinessCheckId, string> = {
  'zonal-shift': 'Zonal shift enabled',
  'zonal-autoshift': 'Zonal autoshift enabled',
  'practice-runs': 'Practice runs configured',
  'practice-run-outcome': 'Last practice run',
  'capacity-n-1': 'Capacity to lose one AZ (N-1)',
  'workload-spread': 'Workloads survive the loss of one AZ',
  'single-replica': 'No single-replica workloads',
  'cluster-dns': 'Cluster DNS spread and autoscaled',
};

/**
 * One check. `fix` is dropped when the check passes (nothing to fix), and
 * so is `portalFix`.
 */
export function check(
  id: ReadinessCheckId,
  verdict: ReadinessCheckVerdict,
  evidence: string[],
  fix?: string,
  portalFix?: ReadinessFix,
): ReadinessCheck {
  const result: ReadinessCheck = {
    id,
    title: READINESS_CHECK_TITLES[id],
    verdict,
    evidence,
  };
  if (verdict !== 'pass' && fix) result.fix = fix;
  if (verdict !== 'pass' && portalFix) result.portalFix = portalFix;
  return result;
}

/** The worst of some verdicts: fail, then warn, then unknown, then pass. */
export function worstVerdict(
  verdicts: ReadinessCheckVerdict[],
): ReadinessCheckVerdict {
  for (const verdict of ['fail', 'warn', 'unknown'] as const) {
    if (verdicts.includes(verdict)) return verdict;
  }
  return 'pass';
}
