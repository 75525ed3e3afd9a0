/**
 * The practice runs ARC starts by itself, and how alarms end them. AWS: with
 * zonal autoshift ENABLED and a practice-run configuration, ARC starts a
 * 30-minute practice run "about weekly", never in blocked dates or windows
 * (only in allowed windows when there are some), never while a blocking
 * alarm or an outcome alarm is in ALARM, and not while another shift or an
 * autoshift is active; an outcome alarm going into ALARM during the run ends
 * it FAILED, a blocking alarm INTERRUPTED.
 *
 * The simulator's schedule (documented in the README): each resource has a
 * weekly slot (a minute of the week from a hash of its ARN); the first run is
 * due at the first slot after the resource became eligible, the next at the
 * first slot after the last run started. A due run that is blocked is tried
 * again at every clock step until it can start. The AZ rotates through the
 * resource's AZs week by week. A clock step of more than a week starts at
 * most one run per resource.
 */
import { createHash } from 'node:crypto';
import { AwsApiError } from '../aws/common/errors';
import type { AlarmStates } from './alarms';
import { conflictError } from './errors';
import { checkPracticeRunAllowed } from './practice';
import {
  PRACTICE_RUN_DURATION_MS,
  PRECEDENCE,
  type PracticeRunConfiguration,
} from './records';
import type { ArcState } from './state';
import type { ArcManagedResource } from './types';

export const WEEK_MS = 7 * 24 * 3_600_000;
export const SCHEDULED_RUN_COMMENT =
  'Zonal autoshift practice run started by ARC';

function hashOf(arn: string): number {
  return createHash('sha256').update(arn).digest().readUInt32BE(0);
}

/** The resource's minute of the week, as ms from the start of a week. */
export function weeklySlotOffset(arn: string): number {
  return (hashOf(arn) % (7 * 24 * 60)) * 60_000;
}

/** The first slot of `arn` strictly after `after`. */
export function nextSlot(arn: string, after: number): number {
  const offset = weeklySlotOffset(arn);
  const week = Math.floor((after - offset) / WEEK_MS) + 1;
  return week * WEEK_MS + offset;
}

/** Why a practice run cannot start now, as ARC's ConflictException; undefined when it can. */
export function practiceRunRefusal(
  config: PracticeRunConfiguration,
  now: number,
  alarms: AlarmStates,
): AwsApiError | undefined {
  try {
    checkPracticeRunAllowed(config, now);
  } catch (error) {
    if (error instanceof AwsApiError) return error;
    throw error;
  }
  if (alarms.anyInAlarm(config.blockingAlarms)) {
    return conflictError(
      'PracticeBlockingAlarmsRed',
      'A blocking alarm of the practice run configuration is in ALARM',
    );
  }
  if (alarms.anyInAlarm(config.outcomeAlarms)) {
    return conflictError(
      'PracticeOutcomeAlarmsRed',
      'An outcome alarm of the practice run configuration is in ALARM',
    );
  }
  return undefined;
}

/** Registered resources with autoshift ENABLED and a practice-run configuration. */
function practiceEligible(state: ArcState) {
  return state.configEntries().flatMap(([arn, config]) => {
    const resource = state.registered(arn);
    return resource &&
      config.zonalAutoshiftStatus === 'ENABLED' &&
      config.practiceRunConfiguration
      ? [{ resource, configuration: config.practiceRunConfiguration }]
      : [];
  });
}

export class PracticeRunScheduler {
  private enabled = true;
  private readonly eligibleSince = new Map<string, number>();
  private readonly lastStarted = new Map<string, number>();

  constructor(
    private readonly state: ArcState,
    private readonly alarms: AlarmStates,
    private readonly newId: () => string,
  ) {}

  isEnabled() {
    return this.enabled;
  }

  setEnabled(enabled: boolean) {
    this.enabled = enabled;
  }

  /** When the next scheduled run of `arn` is due, if it is eligible. */
  dueAt(arn: string): number | undefined {
    const since = this.eligibleSince.get(arn);
    if (since === undefined) return undefined;
    return nextSlot(arn, Math.max(since, this.lastStarted.get(arn) ?? since));
  }

  /** Ends running practice runs whose alarms fired, then starts the due ones. */
  settle() {
    this.evaluateAlarms();
    const now = this.state.now();
    const eligible = new Set<string>();
    for (const { resource, configuration } of practiceEligible(this.state)) {
      eligible.add(resource.arn);
      if (!this.eligibleSince.has(resource.arn)) {
        this.eligibleSince.set(resource.arn, now);
        continue;
      }
      if (this.enabled && now >= this.dueAt(resource.arn)!) {
        this.tryStart(resource, configuration, now);
      }
    }
    for (const arn of [...this.eligibleSince.keys()]) {
      if (!eligible.has(arn)) this.eligibleSince.delete(arn);
    }
  }

  /** An outcome alarm in ALARM ends a running practice run FAILED; a blocking alarm, INTERRUPTED. */
  evaluateAlarms() {
    for (const shift of this.state.allActiveShifts()) {
      if (shift.shiftType !== 'PRACTICE_RUN') continue;
      const config = this.state.config(
        shift.resourceIdentifier,
      ).practiceRunConfiguration;
      if (!config) continue;
      if (this.alarms.anyInAlarm(config.blockingAlarms)) {
        this.state.endPracticeRun(shift, 'INTERRUPTED');
      } else if (this.alarms.anyInAlarm(config.outcomeAlarms)) {
        this.state.endPracticeRun(shift, 'FAILED');
      }
    }
  }

  private tryStart(
    resource: ArcManagedResource,
    config: PracticeRunConfiguration,
    now: number,
  ) {
    if (resource.zoneIds.length === 0) return;
    if (practiceRunRefusal(config, now, this.alarms)) return;
    if (this.state.blocker(resource.arn, PRECEDENCE.PRACTICE_RUN)) return;
    const week = Math.floor(now / WEEK_MS);
    const zone =
      resource.zoneIds[(week + hashOf(resource.arn)) % resource.zoneIds.length];
    this.state.startShift(resource, {
      zonalShiftId: this.newId(),
      awayFrom: zone,
      comment: SCHEDULED_RUN_COMMENT,
      shiftType: 'PRACTICE_RUN',
      expiryTime: now + PRACTICE_RUN_DURATION_MS,
    });
    this.lastStarted.set(resource.arn, now);
  }
}
