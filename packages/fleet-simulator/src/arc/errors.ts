import { jsonResponse, type SimResponse } from '../http';

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

/** An error the API answers in restJson1 form; thrown before any state changes. */
export class ArcApiError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = type;
  }
}

/**
 * A ValidationException. Constraint failures the model has no reason for
 * (comment length, maxResults range, unparsable JSON) carry none.
 */
export function validationError(message: string, reason?: ValidationReason) {
  return new ArcApiError(
    'ValidationException',
    400,
    message,
    reason ? { reason } : {},
  );
}

export function conflictError(
  reason: ConflictReason,
  message: string,
  zonalShiftId?: string,
) {
  return new ArcApiError(
    'ConflictException',
    409,
    message,
    zonalShiftId ? { reason, zonalShiftId } : { reason },
  );
}

export function notFoundError(message: string) {
  return new ArcApiError('ResourceNotFoundException', 404, message);
}

/** A path and method pair the API does not have. */
export function unknownOperationError(method: string, path: string) {
  return new ArcApiError(
    'UnknownOperationException',
    404,
    `No operation for ${method} ${path}`,
  );
}

/** restJson1 error: the type in `x-amzn-errortype`, the members in the JSON body. */
export function renderArcError(
  type: string,
  message: string,
  status: number,
  extra: Record<string, unknown> = {},
): SimResponse {
  return jsonResponse(status, { message, ...extra }, 'application/json', {
    'x-amzn-errortype': type,
  });
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
