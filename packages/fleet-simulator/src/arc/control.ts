import { AwsApiError } from '../aws/common/errors';
import { ArcControlError } from './errors';
import {
  PRECEDENCE,
  type AutoshiftRecord,
  type PracticeRunOutcome,
  type ShiftStatus,
  type ShiftType,
} from './records';
import type { ArcState } from './state';
import type { ArcManagedResource } from './types';
import { checkAzId } from './validation';
import { autoshiftSummaryJson, zonalShiftSummaryJson } from './wire';

/**
 * An autoshift as ListAutoshifts shows it (epoch-second times), plus the
 * resources it shifts.
 *
 * @public
 */
export interface ArcAutoshiftView {
  /** AZ ID. */
  awayFrom: string;
  startTime: number;
  /** Set once the autoshift has ended. */
  endTime?: number;
  status: 'ACTIVE' | 'COMPLETED';
  /** ARNs of the resources it shifts. */
  resources: string[];
}

/**
 * A shift as ListZonalShifts shows it (epoch-second times).
 *
 * @public
 */
export interface ArcShiftView {
  zonalShiftId: string;
  resourceIdentifier: string;
  /** AZ ID. */
  awayFrom: string;
  expiryTime: number;
  startTime: number;
  comment: string;
  status: ShiftStatus;
  shiftType: ShiftType;
  /** Practice runs only. */
  practiceRunOutcome?: PracticeRunOutcome;
}

/**
 * Starts an ARC zonal autoshift away from an AZ.
 *
 * @public
 */
export interface StartAutoshiftInput {
  /** AZ ID. */
  awayFrom: string;
  /** Default: every registered resource in that AZ with zonal autoshift ENABLED. */
  resourceArns?: string[];
}

/**
 * Starts an FIS experiment's zonal shift of one resource.
 *
 * @public
 */
export interface StartFisExperimentInput {
  resourceArn: string;
  awayFrom: string;
  durationMs: number;
}

function checkZoneId(zoneId: string) {
  try {
    checkAzId(zoneId);
  } catch (error) {
    if (error instanceof AwsApiError)
      throw new ArcControlError('Invalid', error.message);
    throw error;
  }
}

function registeredResource(state: ArcState, arn: string): ArcManagedResource {
  const resource = state.registered(arn);
  if (!resource) {
    throw new ArcControlError(
      'NotFound',
      `${arn} is not a resource registered with ARC`,
    );
  }
  return resource;
}

function checkInZone(resource: ArcManagedResource, zoneId: string) {
  if (!resource.zoneIds.includes(zoneId)) {
    throw new ArcControlError('Invalid', `${resource.arn} is not in ${zoneId}`);
  }
}

function autoshiftView(autoshift: AutoshiftRecord): ArcAutoshiftView {
  return {
    ...autoshiftSummaryJson(autoshift),
    resources: [...autoshift.resources],
  };
}

/** What AWS does when its telemetry sees an AZ impaired. */
export function startAutoshift(
  state: ArcState,
  input: StartAutoshiftInput,
): ArcAutoshiftView {
  checkZoneId(input.awayFrom);
  if (state.activeAutoshiftAwayFrom(input.awayFrom)) {
    throw new ArcControlError(
      'Conflict',
      `An autoshift away from ${input.awayFrom} is in progress`,
    );
  }
  const inZone = state.registeredInZone(input.awayFrom);
  let resources: ArcManagedResource[];
  if (input.resourceArns) {
    resources = input.resourceArns.map(arn => registeredResource(state, arn));
    resources.forEach(resource => checkInZone(resource, input.awayFrom));
  } else {
    resources = inZone.filter(
      r => state.config(r.arn).zonalAutoshiftStatus === 'ENABLED',
    );
  }
  const region = resources[0]?.region ?? inZone[0]?.region;
  if (!region) {
    throw new ArcControlError(
      'NotFound',
      `No registered resource is in ${input.awayFrom}`,
    );
  }
  return autoshiftView(state.startAutoshift(input.awayFrom, region, resources));
}

export function endAutoshift(
  state: ArcState,
  awayFrom: string,
): ArcAutoshiftView {
  const autoshift = state.activeAutoshiftAwayFrom(awayFrom);
  if (!autoshift) {
    throw new ArcControlError(
      'NotFound',
      `No autoshift away from ${awayFrom} is in progress`,
    );
  }
  state.completeAutoshift(autoshift);
  return autoshiftView(autoshift);
}

/**
 * The FIS action `aws:arc:start-zonal-autoshift`: it fails to start against a
 * customer shift, an autoshift or another experiment, and interrupts a practice run.
 */
export function startFisExperiment(
  state: ArcState,
  newId: () => string,
  input: StartFisExperimentInput,
): ArcShiftView {
  checkZoneId(input.awayFrom);
  if (!Number.isFinite(input.durationMs) || input.durationMs <= 0) {
    throw new ArcControlError(
      'Invalid',
      'durationMs must be a positive number',
    );
  }
  const resource = registeredResource(state, input.resourceArn);
  checkInZone(resource, input.awayFrom);
  const blocker = state.blocker(resource.arn, PRECEDENCE.FIS_EXPERIMENT);
  if (blocker) {
    const what =
      blocker.kind === 'shift'
        ? `${blocker.shift.shiftType} ${blocker.shift.zonalShiftId}`
        : 'an autoshift';
    throw new ArcControlError(
      'Conflict',
      `${resource.arn} has ${what} in effect`,
    );
  }
  const shift = state.startShift(resource, {
    zonalShiftId: newId(),
    awayFrom: input.awayFrom,
    comment: 'Started by an AWS FIS experiment',
    shiftType: 'FIS_EXPERIMENT',
    expiryTime: state.now() + input.durationMs,
  });
  return zonalShiftSummaryJson(shift, state.now());
}

/** Stopping the experiment early: the shift ends CANCELED. */
export function endFisExperiment(
  state: ArcState,
  zonalShiftId: string,
): ArcShiftView {
  const shift = state.shift(zonalShiftId);
  if (!shift || shift.shiftType !== 'FIS_EXPERIMENT') {
    throw new ArcControlError(
      'NotFound',
      `No FIS experiment shift ${zonalShiftId}`,
    );
  }
  if (shift.status !== 'ACTIVE') {
    throw new ArcControlError(
      'Conflict',
      `FIS experiment shift ${zonalShiftId} is ${shift.status}`,
    );
  }
  state.cancelShift(shift);
  return zonalShiftSummaryJson(shift, state.now());
}
