import { epochSeconds, restJson1 } from '../aws/common/protocols';
import {
  PRACTICE_RUN_REPORTED_EXPIRY_MS,
  type AppliedShift,
  type AutoshiftRecord,
  type ShiftRecord,
} from './records';
import type { ArcAutoshiftView, ArcShiftView } from './control';
import type { ArcState } from './state';
import type { ArcManagedResource } from './types';

/**
 * restJson1 without request IDs: the ARC emulator's responses have never
 * carried one, and callers compare whole responses.
 */
export const arcJson = restJson1({ requestId: false });

/**
 * AWS reports a running practice run's expiryTime as one minute ahead while
 * it runs 30 minutes; once ended it is the end time.
 */
function reportedExpiry(shift: ShiftRecord, now: number): number {
  if (shift.shiftType !== 'PRACTICE_RUN') return shift.expiryTime;
  if (shift.status !== 'ACTIVE') return shift.endTime!;
  return Math.min(now + PRACTICE_RUN_REPORTED_EXPIRY_MS, shift.expiryTime);
}

/** The members every zonal shift shape has (`ZonalShiftInResource` has no status). */
function shiftFields(shift: ShiftRecord, now: number) {
  return {
    zonalShiftId: shift.zonalShiftId,
    resourceIdentifier: shift.resourceIdentifier,
    awayFrom: shift.awayFrom,
    expiryTime: epochSeconds(reportedExpiry(shift, now)),
    startTime: epochSeconds(shift.startTime),
    comment: shift.comment,
  };
}

/** `ZonalShift` (Start/Update/Cancel) and the practice run responses. */
export function zonalShiftJson(shift: ShiftRecord, now: number) {
  return { ...shiftFields(shift, now), status: shift.status };
}

function typeFields(shift: ShiftRecord) {
  return {
    shiftType: shift.shiftType,
    ...(shift.practiceRunOutcome
      ? { practiceRunOutcome: shift.practiceRunOutcome }
      : {}),
  };
}

export function zonalShiftSummaryJson(
  shift: ShiftRecord,
  now: number,
): ArcShiftView {
  return { ...zonalShiftJson(shift, now), ...typeFields(shift) };
}

function isApplied(
  applied: AppliedShift | undefined,
  candidate: ShiftRecord | AutoshiftRecord,
) {
  return (
    (applied?.kind === 'shift' && applied.shift === candidate) ||
    (applied?.kind === 'autoshift' && applied.autoshift === candidate)
  );
}

function appliedStatus(
  applied: AppliedShift | undefined,
  candidate: ShiftRecord | AutoshiftRecord,
) {
  return isApplied(applied, candidate) ? 'APPLIED' : 'NOT_APPLIED';
}

export function autoshiftSummaryJson(
  autoshift: AutoshiftRecord,
): Omit<ArcAutoshiftView, 'resources'> {
  return {
    awayFrom: autoshift.awayFrom,
    startTime: epochSeconds(autoshift.startTime),
    ...(autoshift.endTime !== undefined
      ? { endTime: epochSeconds(autoshift.endTime) }
      : {}),
    status: autoshift.status,
  };
}

/** The members GetManagedResource and ListManagedResources share. */
function resourceShiftsJson(state: ArcState, resource: ArcManagedResource) {
  const now = state.now();
  const applied = state.applied(resource.arn);
  const awayFrom = state.appliedAwayFrom(resource.arn);
  const config = state.config(resource.arn);
  return {
    arn: resource.arn,
    name: resource.name,
    appliedWeights: Object.fromEntries(
      resource.zoneIds.map(zoneId => [zoneId, zoneId === awayFrom ? 0 : 1]),
    ),
    zonalShifts: state.activeShifts(resource.arn).map(shift => ({
      appliedStatus: appliedStatus(applied, shift),
      ...shiftFields(shift, now),
      ...typeFields(shift),
    })),
    autoshifts: state.activeAutoshifts(resource.arn).map(autoshift => ({
      appliedStatus: appliedStatus(applied, autoshift),
      awayFrom: autoshift.awayFrom,
      startTime: epochSeconds(autoshift.startTime),
    })),
    zonalAutoshiftStatus: config.zonalAutoshiftStatus,
  };
}

export function managedResourceJson(
  state: ArcState,
  resource: ArcManagedResource,
) {
  const config = state.config(resource.arn);
  return {
    ...resourceShiftsJson(state, resource),
    ...(config.practiceRunConfiguration
      ? { practiceRunConfiguration: config.practiceRunConfiguration }
      : {}),
  };
}

export function managedResourceSummaryJson(
  state: ArcState,
  resource: ArcManagedResource,
) {
  const config = state.config(resource.arn);
  return {
    ...resourceShiftsJson(state, resource),
    availabilityZones: resource.zoneIds,
    practiceRunStatus: config.practiceRunConfiguration ? 'ENABLED' : 'DISABLED',
  };
}
