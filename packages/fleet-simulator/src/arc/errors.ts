import { AwsApiError } from '../aws/common/errors';

/** `ValidationExceptionReason` values of the ARC zonal shift API model. */
export type ValidationReason =
  | 'InvalidExpiresIn'
  | 'InvalidStatus'
  | 'MissingValue'
  | 'InvalidToken'
  | 'InvalidResourceIdentifier'
  | 'InvalidAz'
  | 'UnsupportedAz'
  | 'InvalidAlarmCondition'
  | 'InvalidConditionType'
  | 'InvalidPracticeBlocker'
  | 'FISExperimentUpdateNotAllowed'
  | 'AutoshiftUpdateNotAllowed'
  | 'UnsupportedPracticeCancelShiftType'
  | 'InvalidPracticeAllowedWindow'
  | 'InvalidPracticeWindows';

/** `ConflictExceptionReason` values of the ARC zonal shift API model. */
export type ConflictReason =
  | 'ZonalShiftAlreadyExists'
  | 'ZonalShiftStatusNotActive'
  | 'SimultaneousZonalShiftsConflict'
  | 'PracticeConfigurationAlreadyExists'
  | 'AutoShiftEnabled'
  | 'PracticeConfigurationDoesNotExist'
  | 'ZonalAutoshiftActive'
  | 'PracticeOutcomeAlarmsRed'
  | 'PracticeBlockingAlarmsRed'
  | 'PracticeInBlockedDates'
  | 'PracticeInBlockedWindows'
  | 'PracticeOutsideAllowedWindows';

/*
 * The API's errors are AwsApiErrors, thrown before any state changes and
 * rendered in restJson1 form (type in `x-amzn-errortype`, members in the body).
 */

/**
 * A ValidationException. Constraint failures the model has no reason for
 * (comment length, maxResults range, unparsable JSON) carry none.
 */
export function validationError(message: string, reason?: ValidationReason) {
  return new AwsApiError(
    'ValidationException',
    message,
    400,
    reason ? { reason } : {},
  );
}

export function conflictError(
  reason: ConflictReason,
  message: string,
  zonalShiftId?: string,
) {
  return new AwsApiError(
    'ConflictException',
    message,
    409,
    zonalShiftId ? { reason, zonalShiftId } : { reason },
  );
}

export function notFoundError(message: string) {
  return new AwsApiError('ResourceNotFoundException', message, 404);
}

/** Thrown by the control methods (startAutoshift, ...): the control API maps `code` to HTTP. */
export class ArcControlError extends Error {
  constructor(
    readonly code: 'NotFound' | 'Conflict' | 'Invalid',
    message: string,
  ) {
    super(message);
    this.name = 'ArcControlError';
  }
}
