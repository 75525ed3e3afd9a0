/**
 * Words and colours of AZ readiness: verdicts, checks, fixes, and the fleet
 * summary's headline.
 */
import type {
  FleetReadinessSummary,
  PracticeRunOutcome,
  ReadinessCheckId,
  ReadinessCheckVerdict,
  ReadinessFix,
  ReadinessVerdict,
} from '@fleet-resilience/plugin-fleet-resilience-common';

export const READINESS_VERDICT_TEXT: Record<ReadinessVerdict, string> = {
  ready: 'Ready',
  'at-risk': 'At risk',
  'not-ready': 'Not ready',
  unknown: 'Readiness unknown',
};

// White text on each reaches 4.5:1.
export const READINESS_VERDICT_COLOUR: Record<ReadinessVerdict, string> = {
  ready: '#1b7837',
  'at-risk': '#8a4b00',
  'not-ready': '#a50026',
  unknown: '#616161',
};

export const CHECK_VERDICT_TEXT: Record<ReadinessCheckVerdict, string> = {
  pass: 'Passes',
  warn: 'Warning',
  fail: 'Fails',
  unknown: 'Unknown',
};

export const CHECK_VERDICT_COLOUR: Record<ReadinessCheckVerdict, string> = {
  pass: READINESS_VERDICT_COLOUR.ready,
  warn: READINESS_VERDICT_COLOUR['at-risk'],
  fail: READINESS_VERDICT_COLOUR['not-ready'],
  unknown: '#757575',
};

/** Short names of the checks, for filters and the fleet summary. */
export const CHECK_TEXT: Record<ReadinessCheckId, string> = {
  'zonal-shift': 'Zonal shift enabled',
  'zonal-autoshift': 'Zonal autoshift enabled',
  'practice-runs': 'Practice runs configured',
  'practice-run-outcome': 'Last practice run',
  'capacity-n-1': 'N-1 capacity',
  'workload-spread': 'Workloads spread over AZs',
  'single-replica': 'No single-replica workloads',
  'cluster-dns': 'Cluster DNS spread and autoscaled',
};

/** What a fix button says. */
export const FIX_TEXT: Record<ReadinessFix, string> = {
  'enable-zonal-shift': 'Enable zonal shift',
  'enable-autoshift': 'Enable zonal autoshift',
  'disable-autoshift': 'Disable zonal autoshift',
  'configure-practice-runs': 'Configure practice runs',
};

/** What a fix does on the AWS side, in one sentence. */
export const FIX_EFFECT: Record<ReadinessFix, string> = {
  'enable-zonal-shift':
    'EKS updates the cluster’s configuration (UpdateClusterConfig, zonalShiftConfig.enabled true); the portal follows the update until it completes, usually within minutes. ARC then lists the cluster and zonal shifts become possible.',
  'enable-autoshift':
    'ARC turns on zonal autoshift: it shifts traffic away from an AZ when AWS detects an impairment there, and runs weekly practice runs.',
  'disable-autoshift':
    'ARC turns off zonal autoshift: it no longer shifts traffic on its own, and practice runs stop.',
  'configure-practice-runs':
    'ARC creates (or updates) the practice-run configuration: the alarms that judge and block practice runs, and when they may not start.',
};

/** The fixes the fleet dialog offers (disabling is per cluster only). */
export const FLEET_FIXES: ReadinessFix[] = [
  'enable-zonal-shift',
  'enable-autoshift',
  'configure-practice-runs',
];

export const PRACTICE_RUN_OUTCOME_TEXT: Record<PracticeRunOutcome, string> = {
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed (an outcome alarm went into ALARM)',
  INTERRUPTED: 'Interrupted',
  PENDING: 'Running',
  CAPACITY_CHECK_FAILED: 'Not started: capacity check failed',
};

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** One line of the fleet summary and the filter it links to. */
export interface SummaryLine {
  text: string;
  filter: { readiness?: ReadinessVerdict; check?: ReadinessCheckId };
}

/**
 * The fleet summary's headline: what most needs doing first ("31 clusters
 * not enabled for zonal shift", "212 workloads at risk"), each with the
 * filter that lists those clusters. Lines with nothing to report are left
 * out.
 */
export function summaryLines(summary: FleetReadinessSummary): SummaryLine[] {
  const lines: SummaryLine[] = [];
  const failing = (id: ReadinessCheckId) => summary.checks[id]?.fail ?? 0;
  const notEnabled = failing('zonal-shift');
  if (notEnabled > 0) {
    lines.push({
      text: `${plural(
        notEnabled,
        'cluster',
        'clusters',
      )} not enabled for zonal shift`,
      filter: { check: 'zonal-shift' },
    });
  }
  const noAutoshift =
    (summary.checks['zonal-autoshift']?.warn ?? 0) + failing('zonal-autoshift');
  if (noAutoshift > 0) {
    lines.push({
      text: `${plural(
        noAutoshift,
        'cluster',
        'clusters',
      )} without zonal autoshift`,
      filter: { check: 'zonal-autoshift' },
    });
  }
  const failedRuns = failing('practice-run-outcome');
  if (failedRuns > 0) {
    lines.push({
      text: `${plural(
        failedRuns,
        'cluster',
        'clusters',
      )} whose last practice run failed`,
      filter: { check: 'practice-run-outcome' },
    });
  }
  if (summary.workloadsAtRisk > 0) {
    lines.push({
      text: `${plural(
        summary.workloadsAtRisk,
        'workload',
        'workloads',
      )} at risk in ${plural(
        failing('workload-spread'),
        'cluster',
        'clusters',
      )}`,
      filter: { check: 'workload-spread' },
    });
  }
  if (summary.singleReplicaWorkloads > 0) {
    lines.push({
      text: `${plural(
        summary.singleReplicaWorkloads,
        'single-replica workload',
        'single-replica workloads',
      )}`,
      filter: { check: 'single-replica' },
    });
  }
  return lines;
}
