/**
 * The AWS side of a cluster's readiness: zonal shift (EKS), zonal autoshift,
 * practice runs and their outcome (ARC).
 */
import { check } from './check';
import { newestFirst, plural } from './text';
import type {
  ClusterReadinessInput,
  ReadinessCheck,
  ReadinessCheckVerdict,
} from './types';

const ZONAL_SHIFT_FIX =
  'Turn on zonal shift for the cluster (EKS UpdateClusterConfig with zonalShiftConfig.enabled true); ARC then lists it as a managed resource.';
const ZONAL_SHIFT_FIRST = 'Turn on zonal shift for the cluster first.';
const AUTOSHIFT_FIX =
  'Enable zonal autoshift (ARC UpdateZonalAutoshiftConfiguration) so that AWS shifts the cluster away from an impaired AZ on your behalf.';
const PRACTICE_RUNS_FIX =
  'Configure practice runs (ARC CreatePracticeRunConfiguration) with an outcome alarm that watches your application, and blocked windows or dates when a shift would hurt.';

function updateEvidence(input: ClusterReadinessInput): string[] {
  const update = input.pendingUpdate;
  if (!update) return [];
  const lines = [
    `EKS update ${update.updateId} (${update.type}) ${update.status} since ${update.startedAt}.`,
  ];
  for (const error of update.errors ?? []) lines.push(`EKS: ${error}`);
  return lines;
}

/** `zonal-shift`: EKS `zonalShiftConfig.enabled`. */
export function zonalShiftCheck(input: ClusterReadinessInput): ReadinessCheck {
  const updates = updateEvidence(input);
  if (input.zonalShiftEnabled === undefined) {
    return check(
      'zonal-shift',
      'unknown',
      ['EKS has not described the cluster yet.', ...updates],
      ZONAL_SHIFT_FIX,
      'enable-zonal-shift',
    );
  }
  return input.zonalShiftEnabled
    ? check('zonal-shift', 'pass', [
        'EKS: zonalShiftConfig.enabled is true.',
        ...updates,
      ])
    : check(
        'zonal-shift',
        'fail',
        [
          'EKS: zonalShiftConfig.enabled is false: neither you nor AWS can shift the cluster away from an AZ.',
          ...updates,
        ],
        ZONAL_SHIFT_FIX,
        'enable-zonal-shift',
      );
}

/**
 * Why ARC cannot say anything of the cluster, or undefined when it can:
 * zonal shift off (ARC lists only clusters with it on) or unknown, or ARC
 * does not list it (not read yet).
 */
function arcMissing(input: ClusterReadinessInput) {
  if (input.zonalShiftEnabled === false) {
    return {
      verdict: 'warn' as const,
      line: 'Zonal shift is off, so ARC does not manage the cluster.',
    };
  }
  if (input.zonalShiftEnabled === undefined) {
    return {
      verdict: 'unknown' as const,
      line: 'Not known whether zonal shift is on.',
    };
  }
  if (!input.arc) {
    return {
      verdict: 'unknown' as const,
      line: 'ARC does not list the cluster as a managed resource (yet).',
    };
  }
  return undefined;
}

function hasPracticeRunConfiguration(arc: ClusterReadinessInput['arc']) {
  return (
    arc?.practiceRunStatus === 'ENABLED' ||
    arc?.practiceRunConfiguration !== undefined
  );
}

/** `zonal-autoshift`: ARC `zonalAutoshiftStatus`. */
export function autoshiftCheck(input: ClusterReadinessInput): ReadinessCheck {
  const missing = arcMissing(input);
  if (missing) {
    return check(
      'zonal-autoshift',
      missing.verdict,
      [missing.line],
      input.zonalShiftEnabled === false
        ? `${ZONAL_SHIFT_FIRST} ${AUTOSHIFT_FIX}`
        : AUTOSHIFT_FIX,
    );
  }
  const status = input.arc!.zonalAutoshiftStatus;
  if (status === 'ENABLED') {
    return check('zonal-autoshift', 'pass', [
      'ARC: zonal autoshift is ENABLED.',
    ]);
  }
  if (status === 'DISABLED') {
    const configured = hasPracticeRunConfiguration(input.arc);
    return check(
      'zonal-autoshift',
      'warn',
      [
        'ARC: zonal autoshift is DISABLED: AWS will not shift the cluster away from an impaired AZ.',
      ],
      configured
        ? AUTOSHIFT_FIX
        : `Configure practice runs first (ARC requires them). ${AUTOSHIFT_FIX}`,
      configured ? 'enable-autoshift' : undefined,
    );
  }
  return check(
    'zonal-autoshift',
    'unknown',
    ['ARC did not report the autoshift status.'],
    AUTOSHIFT_FIX,
  );
}

function alarmsText(count: number, kind: string) {
  return plural(count, `${kind} alarm`);
}

/** `practice-runs`: ARC `practiceRunStatus` and the configuration. */
export function practiceRunsCheck(
  input: ClusterReadinessInput,
): ReadinessCheck {
  const missing = arcMissing(input);
  if (missing) {
    return check(
      'practice-runs',
      missing.verdict,
      [missing.line],
      input.zonalShiftEnabled === false
        ? `${ZONAL_SHIFT_FIRST} ${PRACTICE_RUNS_FIX}`
        : PRACTICE_RUNS_FIX,
    );
  }
  const arc = input.arc!;
  const config = arc.practiceRunConfiguration;
  if (config) {
    const lines = [
      `ARC: practice runs configured with ${alarmsText(
        config.outcomeAlarms.length,
        'outcome',
      )} and ${alarmsText(config.blockingAlarms?.length ?? 0, 'blocking')}.`,
    ];
    if (config.blockedWindows?.length) {
      lines.push(`Blocked windows (UTC): ${config.blockedWindows.join(', ')}.`);
    }
    if (config.allowedWindows?.length) {
      lines.push(`Allowed windows (UTC): ${config.allowedWindows.join(', ')}.`);
    }
    if (config.blockedDates?.length) {
      lines.push(`Blocked dates: ${config.blockedDates.join(', ')}.`);
    }
    return check('practice-runs', 'pass', lines);
  }
  if (arc.practiceRunStatus === 'ENABLED') {
    return check('practice-runs', 'pass', [
      'ARC: practice runs are configured (the configuration itself was not read).',
    ]);
  }
  if (
    arc.practiceRunStatus === 'DISABLED' &&
    arc.zonalAutoshiftStatus !== 'ENABLED'
  ) {
    return check(
      'practice-runs',
      'warn',
      [
        'ARC: no practice-run configuration: nothing tests regularly that the cluster copes without one AZ.',
      ],
      PRACTICE_RUNS_FIX,
      'configure-practice-runs',
    );
  }
  // ARC requires a configuration while autoshift is on: the facts disagree.
  return check(
    'practice-runs',
    'unknown',
    ['ARC did not report the practice-run configuration.'],
    PRACTICE_RUNS_FIX,
  );
}

const OUTCOME_FIX: Record<string, string> = {
  FAILED:
    'An outcome alarm went into ALARM while traffic was shifted away from one AZ: find out what failed in that AZ loss (capacity, spread, dependencies) and fix it.',
  CAPACITY_CHECK_FAILED:
    'ARC found the capacity of the other AZs unbalanced and did not run the practice: add capacity so that every AZ can take the load.',
  INTERRUPTED:
    'A blocking alarm or another shift ended the practice run early; check the blocking alarm and let the next run complete.',
};

const OUTCOME_VERDICT: Partial<Record<string, ReadinessCheckVerdict>> = {
  SUCCEEDED: 'pass',
  INTERRUPTED: 'warn',
  FAILED: 'fail',
  CAPACITY_CHECK_FAILED: 'fail',
};

const WAIT_FOR_RUN =
  'Wait for the next practice run (ARC starts one about weekly), or start one on demand (ARC StartPracticeRun).';

/**
 * `practice-run-outcome`: the newest practice run with a final outcome.
 * FAILED or CAPACITY_CHECK_FAILED fail, INTERRUPTED warns, SUCCEEDED passes.
 * None yet: unknown when practice runs are configured (ARC runs them about
 * weekly), a warning when they are not (none will come).
 */
export function practiceRunOutcomeCheck(
  input: ClusterReadinessInput,
): ReadinessCheck {
  const runs = [...input.practiceRuns].sort(newestFirst);
  const lines: string[] = [];
  const active = runs.find(run => run.status === 'ACTIVE');
  if (active) {
    lines.push(
      `A practice run away from ${active.awayFrom} is in progress since ${active.startTime}.`,
    );
  }
  const last = runs.find(
    run => run.status !== 'ACTIVE' && run.outcome && run.outcome !== 'PENDING',
  );
  if (last) {
    const outcome = last.outcome!;
    lines.unshift(
      `Practice run ${last.zonalShiftId} away from ${last.awayFrom}, started ${last.startTime}: ${outcome}.`,
    );
    const verdict = OUTCOME_VERDICT[outcome] ?? 'fail';
    return check('practice-run-outcome', verdict, lines, OUTCOME_FIX[outcome]);
  }
  const ended = runs.filter(run => run.status !== 'ACTIVE').length;
  if (ended > 0) {
    lines.push(
      `ARC reported no outcome for ${plural(ended, 'ended practice run')}.`,
    );
    return check('practice-run-outcome', 'unknown', lines, WAIT_FOR_RUN);
  }
  if (hasPracticeRunConfiguration(input.arc)) {
    lines.push('No practice run has ended yet; ARC starts one about weekly.');
    return check('practice-run-outcome', 'unknown', lines, WAIT_FOR_RUN);
  }
  if (
    input.zonalShiftEnabled === undefined ||
    (input.zonalShiftEnabled && !input.arc)
  ) {
    lines.push('No practice run is known, and ARC has not been read.');
    return check(
      'practice-run-outcome',
      'unknown',
      lines,
      'Wait for the next refresh to read ARC.',
    );
  }
  lines.push('No practice run has run: none are configured.');
  return check(
    'practice-run-outcome',
    'warn',
    lines,
    input.zonalShiftEnabled
      ? PRACTICE_RUNS_FIX
      : `${ZONAL_SHIFT_FIRST} ${PRACTICE_RUNS_FIX}`,
  );
}
