/**
 * ARC's answers to a shift action, as Backstage errors the portal can show.
 * Pure. The message is classified: what happened, in our words, with ARC's
 * error type and `reason` code (e.g. `ZonalShiftAlreadyExists`) so the user
 * learns why ARC refused; ARC's own text (which may name the backend's IAM
 * role, account or request IDs) is only for the log (arcErrorDetails).
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

/**
 * ARC failed mid-call (a timeout, a server fault, a lost connection), so it
 * is unknown whether it applied the change: a 503 like the others, and the
 * attempt's intent stays pending until it is resolved against ARC.
 */
export class UncertainArcError extends ServiceUnavailableError {
  /** The attempt's audit intent, left pending (set by the shift steps). */
  intentId?: string;
}

/** ARC failed mid-call: the change may have been made or not. */
const UNCERTAIN = (action: string) =>
  `ARC did not confirm the request to ${action} (it failed even after retries), so it may or may not have happened: check the cluster's shift state before trying again. Sending the same request again is safe: it is idempotent`;

/** An error type or reason code as ARC names them; anything else is not shown. */
const CODE = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
const code = (value: string | undefined) =>
  value !== undefined && CODE.test(value) ? value : undefined;

/** `ConflictException, reason ZonalShiftAlreadyExists`: the classification only. */
function classify(error: ArcZonalShiftError): string {
  const type = code(error.name) ?? `HTTP ${error.statusCode}`;
  const reason = code(error.reason);
  return reason ? `${type}, reason ${reason}` : type;
}

/** The shift ID ARC names in a conflict, if it looks like one. */
const SHIFT_ID = /^[A-Za-z0-9-]{1,64}$/;

/** A timeout of the ARC client (per attempt or overall): the call may have been applied. */
function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return (
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    (error instanceof Error && /timed? ?out|deadline/i.test(error.message))
  );
}

/**
 * ARC's own words about a failure, for the log only: the error type, reason
 * and message as ARC answered them.
 */
export function arcErrorDetails(error: unknown): string {
  if (error instanceof ArcZonalShiftError) {
    const reason = error.reason ? ` (${error.reason})` : '';
    return `${error.name}${reason} HTTP ${error.statusCode}: ${error.message}`;
  }
  return error instanceof Error
    ? `${error.name}: ${error.message}`
    : String(error);
}

/**
 * Maps an ARC client failure to a Backstage error: conflicts 409, validation
 * 400, not found 404; access denied, throttling, server faults, timeouts and
 * network failures (already retried by the client) 503; anything else is
 * returned as it is.
 */
export function mapArcError(error: unknown, action: string): Error {
  if (error instanceof ArcZonalShiftError) {
    if (error.name === 'ConflictException' || error.statusCode === 409) {
      const reason = code(error.reason);
      const hint = reason ? CONFLICT_HINTS[reason] : undefined;
      const shift =
        error.zonalShiftId && SHIFT_ID.test(error.zonalShiftId)
          ? ` Shift in the way: ${error.zonalShiftId}.`
          : '';
      return new ConflictError(
        `ARC refused to ${action}${hint ? `: ${hint}` : ''} (${classify(
          error,
        )}).${shift}`,
      );
    }
    if (error.name === 'ValidationException' || error.statusCode === 400) {
      return new InputError(
        `ARC rejected the request to ${action} as invalid (${classify(error)})`,
      );
    }
    if (
      error.name === 'ResourceNotFoundException' ||
      error.statusCode === 404
    ) {
      return new NotFoundError(
        `ARC does not know the cluster or the shift (${classify(error)})`,
      );
    }
    if (error.name === 'AccessDeniedException' || error.statusCode === 403) {
      return new ServiceUnavailableError(
        `ARC refused to ${action}: access denied for the backend's AWS identity; check its IAM policy (${classify(
          error,
        )})`,
      );
    }
    // A throttled request was not carried out; a server fault may have been
    // carried out before it failed, so the user must not read "nothing happened".
    if (error.name === 'ThrottlingException' || error.statusCode === 429) {
      return new ServiceUnavailableError(
        `ARC is throttling requests: it did not ${action}, even after retries (${classify(
          error,
        )}). Nothing changed; try again in a minute`,
      );
    }
    if (error.retryable) {
      return new UncertainArcError(`${UNCERTAIN(action)} (${classify(error)})`);
    }
    return new ServiceUnavailableError(
      `ARC failed to ${action} (${classify(error)})`,
    );
  }
  if (isTimeout(error)) {
    // A read that timed out (the client says so) changed nothing.
    if ((error as { mayHaveApplied?: unknown }).mayHaveApplied === false) {
      return new ServiceUnavailableError(
        `ARC did not answer in time, so the portal did not ${action}; nothing changed. Try again in a minute (timeout)`,
      );
    }
    return new UncertainArcError(
      `ARC did not answer in time. ${UNCERTAIN(action)} (timeout)`,
    );
  }
  if (
    error instanceof TypeError &&
    /fetch failed|network/i.test(error.message)
  ) {
    return new UncertainArcError(`${UNCERTAIN(action)} (network failure)`);
  }
  return error instanceof Error ? error : new Error(String(error));
}
