import { findZone, Zone } from './zones';

/**
 * One thing wrong with an input: which field, and what is wrong with it.
 * `field` is `input` when the problem is not with a single field.
 *
 * @public
 */
export interface ValidationProblem {
  field: string;
  message: string;
}

/**
 * Either the normalised value, or every problem found.
 *
 * @public
 */
export type ValidationResult<T> =
  | { ok: true; value: T }
  | { ok: false; problems: ValidationProblem[] };

/**
 * A start-shift request as received, e.g. from an HTTP body.
 *
 * @public
 */
export interface StartShiftInput {
  /** AZ ID (`use1-az1`) or AZ name (`us-east-1a`) of the cluster. */
  awayFrom?: unknown;
  /** `30m`, `2h`: from 1 minute to 72 hours. */
  expiresIn?: unknown;
  /**
   * 1 to 128 characters after trimming, one line of plain text (see
   * {@link plainTextProblem}).
   */
  comment?: unknown;
}

/**
 * A valid start-shift request, ready for ARC's StartZonalShift.
 *
 * @public
 */
export interface StartShiftRequest {
  /** AZ ID, whichever form the input used. */
  awayFrom: string;
  expiresIn: string;
  /** Trimmed. */
  comment: string;
}

/**
 * An update-shift request as received: a new expiry (`expiresIn` or
 * `extendBy`), a new comment, or both.
 * `null` counts as absent.
 *
 * @public
 */
export interface UpdateShiftInput {
  /** A new duration counted from now (ARC's meaning); may shorten the shift. */
  expiresIn?: unknown;
  /**
   * Time to add to the current expiry (`30m`, `2h`): an extension never
   * shortens. Exclusive with `expiresIn`; the new expiry may be at most 72
   * hours from now.
   */
  extendBy?: unknown;
  comment?: unknown;
}

/**
 * A valid update-shift request, ready for ARC's UpdateZonalShift.
 *
 * @public
 */
export interface UpdateShiftRequest {
  expiresIn?: string;
  /** Validated duration to add to the current expiry. */
  extendBy?: string;
  comment?: string;
}

/**
 * Longest zonal shift comment ARC accepts.
 *
 * @public
 */
export const MAX_SHIFT_COMMENT_LENGTH = 128;

const MAX_EXPIRES_IN_MINUTES = 72 * 60;
// ARC's own pattern: no zero, no leading zeros, no spaces, only m and h.
const EXPIRES_IN = /^([1-9][0-9]*)(m|h)$/;

type FieldCheck<T> = { value: T } | { problem: string };

function checkExpiresIn(
  expiresIn: unknown,
): FieldCheck<{ text: string; minutes: number }> {
  if (expiresIn === undefined || expiresIn === null || expiresIn === '') {
    return { problem: 'is required, e.g. 30m or 2h' };
  }
  if (typeof expiresIn !== 'string') {
    return { problem: 'must be a string such as 30m or 2h' };
  }
  const match = EXPIRES_IN.exec(expiresIn);
  if (!match) {
    return {
      problem: `"${expiresIn}" must be a whole number of minutes or hours from 1m to 72h, such as 30m or 2h, without spaces or leading zeros`,
    };
  }
  const minutes = Number(match[1]) * (match[2] === 'h' ? 60 : 1);
  if (minutes > MAX_EXPIRES_IN_MINUTES) {
    return {
      problem: `"${expiresIn}" is longer than ARC's maximum of 72h (4320m)`,
    };
  }
  return { value: { text: expiresIn, minutes } };
}

/**
 * Characters a line of text for people must not hold: the C0 controls (NUL,
 * tab, newline included), DEL and the C1 controls (`\p{Cc}`); the line and
 * paragraph separators; the bidirectional embedding, override and isolate
 * controls (they make a stored or logged text read differently from what it
 * is); and unpaired surrogates (not text, and not storable as UTF-8).
 */
const NOT_PLAIN_TEXT =
  /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]|\p{Surrogate}/u;

/**
 * Why `text` is not one line of plain text, or undefined when it is. The
 * message names the first offending character by code point and position
 * (1-based, in characters), e.g. "must be one line of plain text ...; found
 * U+0000 at character 5". For any free-text field that goes to ARC or to
 * storage.
 *
 * @public
 */
export function plainTextProblem(text: string): string | undefined {
  const match = NOT_PLAIN_TEXT.exec(text);
  if (!match) {
    return undefined;
  }
  const codePoint = match[0].codePointAt(0) ?? 0;
  const position = [...text.slice(0, match.index)].length + 1;
  const name = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  return `must be one line of plain text without control or bidirectional formatting characters; found ${name} at character ${position}`;
}

function checkComment(comment: unknown): FieldCheck<string> {
  if (
    comment !== undefined &&
    comment !== null &&
    typeof comment !== 'string'
  ) {
    return { problem: 'must be a string' };
  }
  const trimmed = (comment ?? '').trim();
  if (trimmed === '') {
    return { problem: 'is required: say why traffic is shifted' };
  }
  const textProblem = plainTextProblem(trimmed);
  if (textProblem) {
    return { problem: textProblem };
  }
  // UTF-16 code units: never fewer than the characters ARC may count, so
  // what passes here also passes there.
  if (trimmed.length > MAX_SHIFT_COMMENT_LENGTH) {
    return {
      problem: `must be at most ${MAX_SHIFT_COMMENT_LENGTH} characters after trimming; it has ${trimmed.length}`,
    };
  }
  return { value: trimmed };
}

function checkAwayFrom(
  awayFrom: unknown,
  zones: readonly Zone[],
): FieldCheck<string> {
  if (awayFrom === undefined || awayFrom === null || awayFrom === '') {
    return { problem: 'is required: the AZ ID or AZ name to shift away from' };
  }
  if (typeof awayFrom !== 'string') {
    return { problem: 'must be a string' };
  }
  const zone = findZone(zones, awayFrom);
  if (zone) {
    return { value: zone.id };
  }
  if (zones.length === 0) {
    return {
      problem: `"${awayFrom}" cannot be checked: the cluster's AZs are unknown`,
    };
  }
  const valid = zones.map(z => `${z.id} (${z.name})`).join(', ');
  return {
    problem: `"${awayFrom}" is not an AZ of this cluster; choose one of ${valid}`,
  };
}

function problemsOf(
  checks: Record<string, FieldCheck<unknown> | undefined>,
): ValidationProblem[] {
  return Object.entries(checks).flatMap(([field, check]) =>
    check && 'problem' in check ? [{ field, message: check.problem }] : [],
  );
}

/**
 * Validates a start-shift request against the cluster's AZs and normalises it:
 * the AZ becomes its ID, the comment is trimmed.
 *
 * @public
 */
export function validateStartShift(
  input: StartShiftInput,
  zones: readonly Zone[],
): ValidationResult<StartShiftRequest> {
  const awayFrom = checkAwayFrom(input.awayFrom, zones);
  const expiresIn = checkExpiresIn(input.expiresIn);
  const comment = checkComment(input.comment);
  if ('value' in awayFrom && 'value' in expiresIn && 'value' in comment) {
    return {
      ok: true,
      value: {
        awayFrom: awayFrom.value,
        expiresIn: expiresIn.value.text,
        comment: comment.value,
      },
    };
  }
  return { ok: false, problems: problemsOf({ awayFrom, expiresIn, comment }) };
}

/**
 * Validates an update-shift request: at least one of `expiresIn`, `extendBy`
 * and `comment`, each valid when given; `expiresIn` (a new duration from
 * now) and `extendBy` (time added to the current expiry) exclude each other.
 *
 * @public
 */
export function validateUpdateShift(
  input: UpdateShiftInput,
): ValidationResult<UpdateShiftRequest> {
  const given = (value: unknown) => value !== undefined && value !== null;
  if (
    !given(input.expiresIn) &&
    !given(input.extendBy) &&
    !given(input.comment)
  ) {
    return {
      ok: false,
      problems: [
        {
          field: 'input',
          message: 'give extendBy or a new expiresIn, a new comment, or both',
        },
      ],
    };
  }
  const expiresIn = given(input.expiresIn)
    ? checkExpiresIn(input.expiresIn)
    : undefined;
  // The same grammar and bounds as expiresIn: no extension can exceed 72h.
  const extendBy = given(input.extendBy)
    ? checkExpiresIn(input.extendBy)
    : undefined;
  const comment = given(input.comment)
    ? checkComment(input.comment)
    : undefined;
  const problems = problemsOf({ expiresIn, extendBy, comment });
  if (expiresIn && extendBy) {
    problems.unshift({
      field: 'expiresIn, extendBy',
      message:
        'give one of them: extendBy adds time to the current expiry, expiresIn sets a new expiry counted from now',
    });
  }
  if (problems.length > 0) {
    return { ok: false, problems };
  }
  const value: UpdateShiftRequest = {};
  if (expiresIn && 'value' in expiresIn) {
    value.expiresIn = expiresIn.value.text;
  }
  if (extendBy && 'value' in extendBy) {
    value.extendBy = extendBy.value.text;
  }
  if (comment && 'value' in comment) {
    value.comment = comment.value;
  }
  return { ok: true, value };
}

/**
 * Converts a valid `expiresIn` (`30m`, `2h`) to milliseconds.
 *
 * @throws RangeError when `expiresIn` is not valid for ARC.
 * @public
 */
export function expiresInToMilliseconds(expiresIn: string): number {
  const check = checkExpiresIn(expiresIn);
  if ('problem' in check) {
    throw new RangeError(`expiresIn ${check.problem}`);
  }
  return check.value.minutes * 60_000;
}

/**
 * Joins problems into one sentence for an error message:
 * `awayFrom: ...; comment: ...`.
 *
 * @public
 */
export function formatValidationProblems(
  problems: readonly ValidationProblem[],
): string {
  return problems.map(p => `${p.field}: ${p.message}`).join('; ');
}
