import * as input from '../aws/common/input';
import { pathLabel } from '../aws/common/routing';
import { validationError } from './errors';

type JsonObject = input.JsonObject;

const EXPIRES_IN = /^([1-9][0-9]*)(m|h)$/;
const MAX_EXPIRES_IN_MS = 72 * 3_600_000;
const AZ_ID = /^[a-z]{2,}[0-9]+-az[0-9]+$/;
const ARN = /^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/;
const ZONAL_SHIFT_ID = /^[A-Za-z0-9-]{6,36}$/;
const MAX_COMMENT = 128;

/** ARC refuses malformed input as a ValidationException, not a SerializationException. */
const wrongType: input.WrongTypeError = (member, expected) =>
  validationError(`'${member}' must be ${expected}`);

/** restJson1 body: empty means no members; anything but a JSON object is refused. */
export function parseJsonBody(body: Buffer): JsonObject {
  return input.parseJsonBody(body, 'ValidationException');
}

export function optionalString(
  body: JsonObject,
  member: string,
): string | undefined {
  return input.optionalString(body, member, wrongType);
}

export function requiredString(body: JsonObject, member: string): string {
  const value = optionalString(body, member);
  if (value === undefined) {
    throw validationError(`'${member}' is required`, 'MissingValue');
  }
  return value;
}

/** `expiresIn` (`30m`, `12h`, at most 72h) as milliseconds. */
export function parseExpiresIn(value: string): number {
  const match = EXPIRES_IN.exec(value);
  if (!match || value.length > 5) {
    throw validationError(
      `expiresIn '${value}' must be a whole number of minutes (m) or hours (h)`,
      'InvalidExpiresIn',
    );
  }
  const ms = Number(match[1]) * (match[2] === 'h' ? 3_600_000 : 60_000);
  if (ms > MAX_EXPIRES_IN_MS) {
    throw validationError(
      `expiresIn '${value}' is longer than 72 hours`,
      'InvalidExpiresIn',
    );
  }
  return ms;
}

/**
 * ARC's model (`ZonalShiftComment`: string, length 0..128, no pattern) takes
 * any character, NUL and other controls included; Smithy's length trait
 * counts Unicode scalar values (code points), not UTF-16 code units.
 */
export function checkComment(comment: string): string {
  if ([...comment].length > MAX_COMMENT) {
    throw validationError(
      `1 validation error detected: Value at 'comment' failed to satisfy constraint: Member must have length less than or equal to ${MAX_COMMENT}`,
    );
  }
  return comment;
}

/** An AZ ID such as `use1-az1`; an AZ name such as `us-east-1a` is refused. */
export function checkAzId(value: string): string {
  if (value.length > 20 || !AZ_ID.test(value)) {
    throw validationError(
      `'${value}' is not an Availability Zone ID (for example use1-az1)`,
      'InvalidAz',
    );
  }
  return value;
}

/** A resource identifier is an ARN of 8 to 1024 characters. */
export function checkResourceIdentifier(value: string): string {
  if (value.length < 8 || value.length > 1024 || !ARN.test(value)) {
    throw validationError(
      `'${value}' is not a valid resource identifier`,
      'InvalidResourceIdentifier',
    );
  }
  return value;
}

/** The ARN in a path label, URL-decoded. */
export function decodeResourceLabel(label: string): string {
  const decoded = pathLabel(label);
  if (decoded === undefined) {
    throw validationError(
      'The resource identifier is not correctly URL-encoded',
      'InvalidResourceIdentifier',
    );
  }
  return checkResourceIdentifier(decoded);
}

export function checkZonalShiftId(value: string): string {
  if (!ZONAL_SHIFT_ID.test(value)) {
    throw input.constraintError(
      'zonalShiftId',
      value,
      'Member must satisfy regular expression pattern: ^[A-Za-z0-9-]+$ with length 6 to 36',
    );
  }
  return value;
}

/** `maxResults` query parameter: an integer 1..100, or the default. */
export function parseMaxResults(
  params: URLSearchParams,
  defaultValue: number,
): number {
  const raw = params.get('maxResults');
  if (raw === null) return defaultValue;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 100) {
    throw input.constraintError(
      'maxResults',
      raw,
      'Member must be an integer between 1 and 100',
    );
  }
  return value;
}

/** An enum-valued query or body member. */
export function parseEnum<T extends string>(
  value: string | null | undefined,
  allowed: readonly T[],
  member: string,
): T | undefined {
  if (value === null || value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw validationError(
      `'${value}' is not a valid ${member}; expected one of ${allowed.join(
        ', ',
      )}`,
      'InvalidStatus',
    );
  }
  return value as T;
}
