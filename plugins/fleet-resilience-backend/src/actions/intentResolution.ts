/**
 * What became of an attempt whose intent is still pending long after it was
 * written (the backend stopped, or lost ARC's answer, between the ARC call
 * and the outcome): decided from ARC's own list of the cluster's shifts.
 * Pure; the IntentResolver fetches and applies.
 *
 * - start: ARC has a customer zonal shift on that cluster away from that AZ,
 *   with that comment, started at or after the intent (and before the
 *   holder's lease ran out): success, with that shift. None: the start was
 *   not applied (failure).
 * - update: ARC's shift has the comment and the expiry that were asked (an
 *   expiry as `expiresIn`, or the `arcExpiresIn` an `extendBy` became,
 *   counted from some moment within the call's window): success; otherwise
 *   not applied.
 * - cancel: ARC lists the shift as CANCELED: success; otherwise not applied.
 *
 * Never a silent shift: a shift ARC holds is either matched to the intent
 * (success, and stored) or the intent fails and the shift remains ARC's, as
 * any shift started outside the portal, shown by the next refresh.
 */
import {
  expiresInToMilliseconds,
  type AuditEvent,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { ZonalShiftSummary } from '@fleet-resilience/plugin-fleet-resilience-node';

/** How far ARC's clock may be behind ours. */
export const CLOCK_SKEW_MS = 10_000;

export type IntentResolution =
  | { outcome: 'success'; shift: ZonalShiftSummary; note: string }
  | { outcome: 'failure'; errorMessage: string };

const STOPPED =
  'the backend stopped or lost ARC’s answer before it recorded the outcome';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

function durationMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  try {
    return expiresInToMilliseconds(value);
  } catch {
    return undefined;
  }
}

const notApplied = (why: string): IntentResolution => ({
  outcome: 'failure',
  errorMessage: `Not applied: ${why} (${STOPPED}; resolved against ARC)`,
});

function resolveStart(
  intent: AuditEvent,
  shifts: readonly ZonalShiftSummary[],
  windowMs: number,
): IntentResolution {
  const awayFrom = text(intent.inputs.awayFrom);
  if (!awayFrom) {
    return notApplied('the intent names no AZ, so no shift can be its');
  }
  const comment = text(intent.inputs.comment);
  const from = Date.parse(intent.time) - CLOCK_SKEW_MS;
  const to = Date.parse(intent.time) + windowMs + CLOCK_SKEW_MS;
  const found = shifts
    .filter(
      s =>
        s.resourceIdentifier === intent.cluster.arn &&
        s.awayFrom === awayFrom &&
        (s.shiftType ?? 'ZONAL_SHIFT') === 'ZONAL_SHIFT' &&
        (comment === undefined || s.comment === comment) &&
        s.startTime.getTime() >= from &&
        s.startTime.getTime() <= to,
    )
    .sort((a, b) => a.startTime.getTime() - b.startTime.getTime())[0];
  if (!found) {
    return notApplied(
      `ARC has no zonal shift of this cluster away from ${awayFrom} started after this attempt`,
    );
  }
  return {
    outcome: 'success',
    shift: found,
    note: `ARC applied it (${STOPPED}; resolved against ARC)`,
  };
}

function resolveUpdate(
  intent: AuditEvent,
  shift: ZonalShiftSummary,
  windowMs: number,
): IntentResolution {
  const problems: string[] = [];
  const comment = text(intent.inputs.comment);
  if (comment !== undefined && shift.comment !== comment) {
    problems.push('the comment is not the one asked');
  }
  const asked = durationMs(
    text(intent.inputs.arcExpiresIn) ?? text(intent.inputs.expiresIn),
  );
  if (asked !== undefined) {
    const at = Date.parse(intent.time) + asked;
    const expiry = shift.expiryTime.getTime();
    if (expiry < at - CLOCK_SKEW_MS || expiry > at + windowMs + CLOCK_SKEW_MS) {
      problems.push(
        `its expiry (${shift.expiryTime.toISOString()}) is not the one asked`,
      );
    }
  }
  if (problems.length > 0) {
    return notApplied(
      `ARC's zonal shift ${shift.zonalShiftId} (${
        shift.status
      }): ${problems.join('; ')}`,
    );
  }
  return {
    outcome: 'success',
    shift,
    note: `ARC's shift is as asked (${STOPPED}; resolved against ARC)`,
  };
}

/**
 * The outcome of a pending intent, from every shift ARC lists for its
 * cluster. `windowMs`: how long after the intent its call could have
 * reached ARC (the holder's lease).
 */
export function resolveIntent(
  intent: AuditEvent,
  shifts: readonly ZonalShiftSummary[],
  windowMs: number,
): IntentResolution {
  if (intent.action === 'shift.start') {
    return resolveStart(intent, shifts, windowMs);
  }
  const id = text(intent.inputs.zonalShiftId);
  const shift = id
    ? shifts.find(
        s =>
          s.zonalShiftId === id && s.resourceIdentifier === intent.cluster.arn,
      )
    : undefined;
  if (!id || !shift) {
    return notApplied(
      id
        ? `ARC lists no zonal shift ${id} for this cluster`
        : 'the intent names no zonal shift',
    );
  }
  if (intent.action === 'shift.update') {
    return resolveUpdate(intent, shift, windowMs);
  }
  return shift.status === 'CANCELED'
    ? {
        outcome: 'success',
        shift,
        note: `ARC lists the shift as canceled (${STOPPED}; resolved against ARC)`,
      }
    : notApplied(`ARC lists zonal shift ${id} as ${shift.status}`);
}
