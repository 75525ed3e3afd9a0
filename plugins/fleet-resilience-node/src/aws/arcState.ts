import {
  InvalidClusterArnError,
  parseEksClusterArn,
  type PracticeRunConfiguration as CommonPracticeRunConfiguration,
  type ZonalShift,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  AutoshiftSummary,
  ManagedResourceSummary,
  PracticeRunConfiguration,
  PracticeRunOutcome,
  ZonalShiftSummary,
} from '../arc/types';
import type { ArcRegionState, ManagedResourceState } from '../sources/types';

/**
 * ARC client results -> the common shapes (ISO times). ARC also manages load
 * balancers; only EKS clusters are kept.
 */

export function isEksClusterArn(arn: string | undefined): arn is string {
  return isEksClusterIn(arn);
}

/**
 * Whether `arn` is an EKS cluster, and (when given) one of `accountId` in
 * `region`: ARC only manages an account's own resources in its region, so
 * anything else in an answer is not trusted.
 */
export function isEksClusterIn(
  arn: string | undefined,
  scope?: { accountId: string; region: string },
): arn is string {
  if (arn === undefined) return false;
  try {
    const ref = parseEksClusterArn(arn);
    return (
      scope === undefined ||
      (ref.accountId === scope.accountId && ref.region === scope.region)
    );
  } catch (error) {
    if (error instanceof InvalidClusterArnError) return false;
    throw error;
  }
}

function isoTime(value: Date, what: string): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new Error(`ARC returned ${what} that is not a time`);
  }
  return value.toISOString();
}

/**
 * The AZ traffic is shifted away from now: the APPLIED zonal shift (customer
 * shift, practice run or FIS), else the APPLIED autoshift, else the one AZ
 * whose applied weight is 0 while others carry traffic.
 */
export function appliedAwayFrom(
  resource: ManagedResourceSummary,
): string | undefined {
  const shift = resource.zonalShifts?.find(s => s.appliedStatus === 'APPLIED');
  if (shift) return shift.awayFrom;
  const autoshift = resource.autoshifts?.find(
    a => a.appliedStatus === 'APPLIED',
  );
  if (autoshift) return autoshift.awayFrom;
  const weights = Object.entries(resource.appliedWeights ?? {});
  const drained = weights.filter(([, weight]) => weight === 0);
  return drained.length === 1 && weights.some(([, weight]) => weight > 0)
    ? drained[0][0]
    : undefined;
}

export function managedResourceState(
  resource: ManagedResourceSummary,
  scope?: { accountId: string; region: string },
): ManagedResourceState | undefined {
  if (!isEksClusterIn(resource.arn, scope)) return undefined;
  const awayFrom = appliedAwayFrom(resource);
  return {
    arn: resource.arn,
    availabilityZones: [...(resource.availabilityZones ?? [])],
    appliedWeights: { ...(resource.appliedWeights ?? {}) },
    ...(resource.zonalAutoshiftStatus
      ? { zonalAutoshiftStatus: resource.zonalAutoshiftStatus }
      : {}),
    ...(resource.practiceRunStatus
      ? { practiceRunStatus: resource.practiceRunStatus }
      : {}),
    ...(awayFrom !== undefined ? { appliedAwayFrom: awayFrom } : {}),
  };
}

const PRACTICE_RUN_OUTCOMES: readonly PracticeRunOutcome[] = [
  'PENDING',
  'SUCCEEDED',
  'INTERRUPTED',
  'FAILED',
  'CAPACITY_CHECK_FAILED',
];

/**
 * ARC reports the type only in ListZonalShifts; a shift without one is a
 * customer shift. A practice run's outcome is kept when it is one the model
 * knows (an unknown one is left out rather than shown as something it is not).
 */
export function zonalShiftFromSummary(summary: ZonalShiftSummary): ZonalShift {
  return {
    zonalShiftId: summary.zonalShiftId,
    resourceIdentifier: summary.resourceIdentifier,
    awayFrom: summary.awayFrom,
    status: summary.status,
    shiftType: summary.shiftType ?? 'ZONAL_SHIFT',
    startTime: isoTime(
      summary.startTime,
      `zonal shift ${summary.zonalShiftId} startTime`,
    ),
    expiryTime: isoTime(
      summary.expiryTime,
      `zonal shift ${summary.zonalShiftId} expiryTime`,
    ),
    comment: summary.comment ?? '',
    ...(summary.practiceRunOutcome &&
    PRACTICE_RUN_OUTCOMES.includes(summary.practiceRunOutcome)
      ? { practiceRunOutcome: summary.practiceRunOutcome }
      : {}),
  };
}

export function autoshiftFromSummary(
  summary: AutoshiftSummary,
): ArcRegionState['autoshifts'][number] {
  return {
    awayFrom: summary.awayFrom,
    startTime: isoTime(
      summary.startTime,
      `autoshift away from ${summary.awayFrom} startTime`,
    ),
    ...(summary.endTime
      ? {
          endTime: isoTime(
            summary.endTime,
            `autoshift away from ${summary.awayFrom} endTime`,
          ),
        }
      : {}),
    status: summary.status,
  };
}

const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every(item => typeof item === 'string')
    ? [...value]
    : undefined;

function alarms(
  value: unknown,
): CommonPracticeRunConfiguration['outcomeAlarms'] {
  if (!Array.isArray(value)) return [];
  return value.flatMap(alarm =>
    alarm?.type === 'CLOUDWATCH' && typeof alarm.alarmIdentifier === 'string'
      ? [
          {
            type: 'CLOUDWATCH' as const,
            alarmIdentifier: alarm.alarmIdentifier,
          },
        ]
      : [],
  );
}

/**
 * GetManagedResource's `practiceRunConfiguration` in the common shape; only
 * members ARC sent (empty lists included) are set. Undefined when ARC sent none.
 */
export function practiceRunConfigurationOf(
  config: PracticeRunConfiguration | undefined,
): CommonPracticeRunConfiguration | undefined {
  if (!config || typeof config !== 'object') return undefined;
  const blockingAlarms =
    config.blockingAlarms === undefined
      ? undefined
      : alarms(config.blockingAlarms);
  const blockedWindows = strings(config.blockedWindows);
  const blockedDates = strings(config.blockedDates);
  const allowedWindows = strings(config.allowedWindows);
  return {
    outcomeAlarms: alarms(config.outcomeAlarms),
    ...(blockingAlarms ? { blockingAlarms } : {}),
    ...(blockedWindows ? { blockedWindows } : {}),
    ...(blockedDates ? { blockedDates } : {}),
    ...(allowedWindows ? { allowedWindows } : {}),
  };
}
