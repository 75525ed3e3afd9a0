/**
 * Which zones ARC applies a shift away from, now. Pure: the clock is an input.
 *
 * ARC applies at most one shift to a resource at a time:
 * - a shift is a candidate while its status is ACTIVE (or unknown, as for an
 *   autoshift listed on the resource) and its `expiryTime` is later than now.
 *   ARC sends no event when a manual shift expires, so the expiry time, not a
 *   stored status, decides: a record still saying ACTIVE after its expiry is
 *   over. CANCELED, EXPIRED and COMPLETED are never applied; an expiry time
 *   that is not a time is not trusted to be in the future.
 * - among candidates the one ARC marked APPLIED wins (ARC's own word);
 *   otherwise the precedence: a customer's shift (or an FIS experiment's) beats
 *   an autoshift, which beats a practice run; among equals the one away from
 *   the AZ ARC reports as applied, then the newest.
 * - if ARC marked every shift and none APPLIED, ARC applies nothing; if the
 *   one it marked APPLIED has expired since, the next in line applies.
 */
import type { ZonalShiftStatus, ZonalShiftType } from './zonalShift';

/**
 * What {@link appliedShift} needs of a shift: a stored {@link ZonalShift}, a
 * shift of ARC's managed resource (`appliedStatus`), or an autoshift (no
 * expiry: it lasts until ARC ends it).
 *
 * @public
 */
export interface ShiftLike {
  awayFrom: string;
  /** Missing means a customer's shift (ARC reports the type only in ListZonalShifts). */
  shiftType?: ZonalShiftType;
  /** ARC's ListZonalShifts status, or an autoshift's ACTIVE / COMPLETED. */
  status?: ZonalShiftStatus | 'COMPLETED';
  /** From GetManagedResource / ListManagedResources. */
  appliedStatus?: 'APPLIED' | 'NOT_APPLIED';
  /** ISO 8601. */
  startTime?: string;
  /** ISO 8601; missing for an autoshift. */
  expiryTime?: string;
}

/**
 * ARC's precedence of shift types, higher wins.
 *
 * @public
 */
export const SHIFT_TYPE_PRECEDENCE: Readonly<Record<ZonalShiftType, number>> = {
  ZONAL_SHIFT: 3,
  FIS_EXPERIMENT: 3,
  ZONAL_AUTOSHIFT: 2,
  PRACTICE_RUN: 1,
};

/** @public */
export interface AppliedShiftOptions {
  /** Epoch ms or a Date; without it the status alone decides (no expiry check). */
  now?: number | Date;
  /** The AZ ID ARC reports it applies for the resource, to break ties. */
  appliedAwayFrom?: string;
}

function epochMs(time: string | undefined): number | undefined {
  if (time === undefined) return undefined;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Whether a shift may be applied at `now` (status and expiry only).
 *
 * @public
 */
export function isShiftLive(shift: ShiftLike, now?: number | Date): boolean {
  if (shift.status !== undefined && shift.status !== 'ACTIVE') {
    return false;
  }
  if (now === undefined || shift.expiryTime === undefined) {
    return true;
  }
  const expiry = epochMs(shift.expiryTime);
  return expiry !== undefined && expiry > +now;
}

function precedence(shift: ShiftLike): number {
  return SHIFT_TYPE_PRECEDENCE[shift.shiftType ?? 'ZONAL_SHIFT'] ?? 0;
}

/**
 * The shift ARC applies to one resource at `now`, if any (see the file comment).
 *
 * @public
 */
export function appliedShift<T extends ShiftLike>(
  shifts: readonly T[],
  options: AppliedShiftOptions = {},
): T | undefined {
  const { now, appliedAwayFrom } = options;
  const live = shifts.filter(shift => isShiftLive(shift, now));
  if (
    shifts.length > 0 &&
    shifts.every(shift => shift.appliedStatus === 'NOT_APPLIED')
  ) {
    return undefined; // ARC said what it applies: nothing.
  }
  let best: T | undefined;
  const score = (shift: T): number[] => [
    shift.appliedStatus === 'APPLIED' ? 1 : 0,
    precedence(shift),
    shift.appliedStatus === 'NOT_APPLIED' ? 0 : 1,
    shift.awayFrom === appliedAwayFrom ? 1 : 0,
    epochMs(shift.startTime) ?? -Infinity,
    epochMs(shift.expiryTime) ?? Infinity,
  ];
  for (const shift of live) {
    if (!best || compareScores(score(shift), score(best)) > 0) {
      best = shift;
    }
  }
  return best;
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] > b[i] ? 1 : -1;
  }
  return 0;
}

/**
 * Zone IDs ARC applies a shift away from at `now`: none or one (ARC applies
 * one shift per resource). What the reconciler excludes from NodePools.
 *
 * @public
 */
export function appliedAwayZoneIds(
  shifts: readonly ShiftLike[],
  now: number | Date,
  options: { appliedAwayFrom?: string } = {},
): string[] {
  const shift = appliedShift(shifts, { ...options, now });
  return shift ? [shift.awayFrom] : [];
}

/**
 * When the answer of {@link appliedAwayZoneIds} can next change by time alone
 * (the earliest future expiry of a live shift), in epoch ms.
 *
 * @public
 */
export function nextShiftExpiry(
  shifts: readonly ShiftLike[],
  now: number | Date,
): number | undefined {
  const times = shifts
    .filter(shift => isShiftLive(shift, now))
    .map(shift => epochMs(shift.expiryTime))
    .filter((time): time is number => time !== undefined);
  return times.length > 0 ? Math.min(...times) : undefined;
}
