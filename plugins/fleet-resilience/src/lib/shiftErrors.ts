/**
 * Turns a failed shift action into words: ARC's conflict and validation
 * reasons get an explanation of what happened and what to do.
 */

/** ARC `reason` values and what they mean to the person who clicked. */
export const ARC_REASON_EXPLANATIONS: Readonly<Record<string, string>> = {
  ZonalShiftAlreadyExists:
    'A zonal shift is already active for this cluster. Extend or revert it instead of starting another.',
  SimultaneousZonalShiftsConflict:
    'Another zonal shift is active for this cluster from a different AZ; ARC allows only one customer shift at a time.',
  ZonalShiftStatusNotActive:
    'The shift is no longer active (it expired or was cancelled). Refresh to see the current state.',
  ZonalAutoshiftActive:
    'ARC zonal autoshift is active for this cluster; a manual change is not possible until it ends.',
  PracticeConfigurationAlreadyExists:
    'A practice run configuration already exists for this cluster.',
  AutoShiftEnabled:
    'Zonal autoshift is enabled for this cluster, which blocks this change.',
  PracticeConfigurationDoesNotExist:
    'The cluster has no practice run configuration.',
  ZonalAutoshiftDisabled: 'Zonal autoshift is disabled for this cluster.',
  InvalidExpiresIn: 'ARC rejected the duration: use 1m to 72h, e.g. 30m or 2h.',
  InvalidAz:
    'ARC does not recognise that AZ ID for this cluster in this account.',
  UnsupportedAz: 'ARC does not support zonal shifts from that AZ.',
  InvalidResourceIdentifier:
    'ARC does not recognise the cluster: zonal shift may not be enabled on it.',
  ZonalShiftNotFound: 'ARC has no such zonal shift.',
};

/** A failed action, ready to show. */
export interface ShiftErrorDescription {
  /** HTTP status when the backend answered. */
  status?: number;
  /** The error's own message. */
  message: string;
  /** ARC's reason, when the backend passed it on. */
  reason?: string;
  /** What the reason means, when it is a known one. */
  explanation?: string;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * Reads an error thrown by the client (a `ResponseError` carrying the
 * backend's `{ error: { name, message, ... } }` body) or anything else.
 */
export function describeShiftError(error: unknown): ShiftErrorDescription {
  const outer = asRecord(error);
  const body = asRecord(outer?.body);
  const remote = asRecord(body?.error) ?? asRecord(outer?.cause);
  const status =
    typeof outer?.statusCode === 'number' ? outer.statusCode : undefined;
  const message =
    (typeof remote?.message === 'string' && remote.message) ||
    (typeof outer?.message === 'string' && outer.message) ||
    String(error);

  let reason =
    typeof remote?.reason === 'string' ? (remote.reason as string) : undefined;
  if (!reason) {
    reason = Object.keys(ARC_REASON_EXPLANATIONS).find(known =>
      message.includes(known),
    );
  }
  let explanation = reason ? ARC_REASON_EXPLANATIONS[reason] : undefined;
  if (!explanation && status === 403) {
    explanation = 'You are not allowed to do this on this cluster.';
  } else if (!explanation && status === 409) {
    explanation =
      'ARC refused the change because it conflicts with the cluster’s current shift state. Refresh and try again.';
  }
  return { status, message, reason, explanation };
}
