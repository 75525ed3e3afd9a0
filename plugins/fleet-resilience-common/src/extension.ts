/**
 * Extending a zonal shift: the `expiresIn` to send ARC so that the shift ends
 * later by a given time, never earlier. Pure: the clock is an input.
 *
 * ARC's UpdateZonalShift takes no expiry time, only `expiresIn`, which ARC
 * converts to an expiry time counted from when it handles the call ("20h
 * means the zonal shift expires in 20 hours"; API 2022-10-30), at most 72
 * hours. Sending the extension itself (`1h` to add an hour) would set the
 * expiry to an hour from now: a shift ending in 2 h would be shortened. So
 * the extension is added to the current expiry and the result counted from
 * now.
 *
 * Minutes are rounded up: ARC handles the call a moment after `now`, so the
 * new expiry lands at or up to a minute after current expiry + extendBy.
 */
import { expiresInToMilliseconds } from './validation';

const MINUTE_MS = 60_000;
/** ARC's longest `expiresIn`. */
const MAX_MINUTES = 72 * 60;

/**
 * What {@link planExtension} needs.
 *
 * @public
 */
export interface ExtensionRequest {
  /** The shift's expiry as ARC reports it now (ISO 8601). */
  currentExpiry: string;
  /** Epoch milliseconds or a Date. */
  now: number | Date;
  /** The time to add, in the `expiresIn` grammar (`30m`, `2h`). */
  extendBy: string;
}

/**
 * The ARC update that extends a shift, or why it cannot be extended.
 *
 * @public
 */
export type ExtensionPlan =
  | {
      ok: true;
      /** For UpdateZonalShift: whole minutes from now, or whole hours when exact. */
      expiresIn: string;
      /** Current expiry + extendBy (ISO 8601); ARC's may be up to a minute later. */
      newExpiry: string;
    }
  | { ok: false; problem: string };

/** `45 min`, `2 h`, `1 h 30 min`. */
function spell(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return [
    hours > 0 ? `${hours} h` : '',
    rest > 0 || hours === 0 ? `${rest} min` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** ARC's grammar: `90m`, or `2h` when the minutes make whole hours. */
function expiresInOf(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}

/**
 * Plans extending a shift by `extendBy`: refuses a shift past its expiry
 * (it has ended) and an expiry beyond ARC's 72 hours from now, saying how
 * much can still be added.
 *
 * @public
 */
export function planExtension(request: ExtensionRequest): ExtensionPlan {
  let extendMs: number;
  try {
    extendMs = expiresInToMilliseconds(request.extendBy);
  } catch (error) {
    return {
      ok: false,
      problem: (error as Error).message.replace(/^expiresIn /, 'extendBy '),
    };
  }
  const current = Date.parse(request.currentExpiry);
  if (Number.isNaN(current)) {
    return {
      ok: false,
      problem: `the shift's current expiry ${JSON.stringify(
        request.currentExpiry,
      )} is not a time`,
    };
  }
  const now = +request.now;
  if (!Number.isFinite(now)) {
    return { ok: false, problem: 'the current time is not a valid time' };
  }
  if (current <= now) {
    return {
      ok: false,
      problem: `the shift has ended (it expired at ${new Date(
        current,
      ).toISOString()}): there is nothing to extend; start a new shift instead`,
    };
  }
  const minutesLeft = Math.ceil((current - now) / MINUTE_MS);
  const minutes = minutesLeft + extendMs / MINUTE_MS;
  if (minutes > MAX_MINUTES) {
    const most = MAX_MINUTES - minutesLeft;
    return {
      ok: false,
      problem: `adding ${spell(
        extendMs / MINUTE_MS,
      )} would end the shift ${spell(
        minutes,
      )} from now, and ARC allows at most 72 h from now; ${
        most > 0
          ? `at most ${spell(most)} (${expiresInOf(most)}) can be added now`
          : 'it already ends 72 h from now, so nothing can be added now'
      }`,
    };
  }
  return {
    ok: true,
    expiresIn: expiresInOf(minutes),
    newExpiry: new Date(current + extendMs).toISOString(),
  };
}
