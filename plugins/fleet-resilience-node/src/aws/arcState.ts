import {
  InvalidClusterArnError,
  parseEksClusterArn,
  type ZonalShift,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  AutoshiftSummary,
  ManagedResourceSummary,
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

/** ARC reports the type only in ListZonalShifts; a shift without one is a customer shift. */
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
