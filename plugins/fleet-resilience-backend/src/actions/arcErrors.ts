/**
 * ARC's answers to a shift action, as Backstage errors the portal can show.
 * Pure. ARC's `reason` (e.g. `ZonalShiftAlreadyExists`) is kept in the
 * message so the user learns why ARC refused, not just that it did.
 */
import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { ArcZonalShiftError } from '@fleet-resilience/plugin-fleet-resilience-node';

/** What the user is told per ARC conflict reason, when there is more to say. */
const CONFLICT_HINTS: Record<string, string> = {
  ZonalShiftAlreadyExists:
    'a zonal shift is already active for this cluster: extend or cancel it instead of starting another',
  SimultaneousZonalShiftsConflict:
    'another shift (a practice run or FIS experiment) is active for this cluster',
  ZonalAutoshiftActive: 'an autoshift is in progress for this cluster',
  ZonalShiftStatusNotActive:
    'the zonal shift is no longer active (it expired or was canceled)',
};

/** ARC failed mid-call: the change may have been made or not. */
const UNCERTAIN = (action: string) =>
  `ARC did not confirm the request to ${action} (it failed even after retries), so it may or may not have happened: check the cluster's shift state before trying again. Sending the same request again is safe: it is idempotent`;

function describe(error: ArcZonalShiftError): string {
  const reason = error.reason ? ` (${error.reason})` : '';
  return `${error.name}${reason}: ${error.message}`;
}

/**
 * Maps an ARC client failure to a Backstage error: conflicts 409, validation
 * 400, not found 404; throttling, server faults and network failures (already
 * retried by the client) 503; anything else is returned as it is.
 */
export function mapArcError(error: unknown, action: string): Error {
  if (error instanceof ArcZonalShiftError) {
    if (error.name === 'ConflictException' || error.statusCode === 409) {
      const hint = error.reason ? CONFLICT_HINTS[error.reason] : undefined;
      const shift = error.zonalShiftId
        ? ` Shift in the way: ${error.zonalShiftId}.`
        : '';
      return new ConflictError(
        `ARC refused to ${action}${hint ? `: ${hint}` : ''} [${describe(
          error,
        )}].${shift}`,
      );
    }
    if (error.name === 'ValidationException' || error.statusCode === 400) {
      return new InputError(
        `ARC rejected the request to ${action} [${describe(error)}]`,
      );
    }
    if (
      error.name === 'ResourceNotFoundException' ||
      error.statusCode === 404
    ) {
      return new NotFoundError(`ARC does not know it [${describe(error)}]`);
    }
    if (error.name === 'AccessDeniedException' || error.statusCode === 403) {
      return new ServiceUnavailableError(
        `The backend's AWS identity may not ${action} (check its IAM policy) [${describe(
          error,
        )}]`,
      );
    }
    // A throttled request was not carried out; a server fault may have been
    // carried out before it failed, so the user must not read "nothing happened".
    if (error.name === 'ThrottlingException' || error.statusCode === 429) {
      return new ServiceUnavailableError(
        `ARC is throttling requests: it did not ${action}, even after retries [${describe(
          error,
        )}]. Nothing changed; try again in a minute`,
      );
    }
    if (error.retryable) {
      return new ServiceUnavailableError(
        `${UNCERTAIN(action)} [${describe(error)}]`,
      );
    }
    return new ServiceUnavailableError(
      `ARC failed to ${action} [${describe(error)}]`,
    );
  }
  if (
    error instanceof TypeError &&
    /fetch failed|network/i.test(error.message)
  ) {
    return new ServiceUnavailableError(
      `${UNCERTAIN(action)} [${error.message}]`,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
