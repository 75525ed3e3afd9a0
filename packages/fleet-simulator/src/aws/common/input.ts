import { isJsonObject } from '../../json';
import { AwsApiError } from './errors';

/**
 * Reading request members the way AWS front ends do: a member of the wrong
 * JSON type is a SerializationException, a missing required member or a
 * value outside its constraints a ValidationException whose message has
 * AWS's "1 validation error detected" form. Services that word a refusal
 * differently (ARC) pass their own error builders.
 */

export type JsonObject = Record<string, unknown>;

/** Builds the refusal of a member whose JSON type is not `expected` (e.g. `a string`). */
export type WrongTypeError = (member: string, expected: string) => AwsApiError;

const isString = (value: unknown): value is string => typeof value === 'string';

export const serializationError: WrongTypeError = (member, expected) =>
  new AwsApiError(
    'SerializationException',
    `Cannot deserialize member '${member}': expected ${expected}`,
  );

/**
 * The one-constraint validation error AWS services send (EKS names it
 * InvalidParameterException, most services ValidationException).
 */
export function constraintError(
  member: string,
  value: unknown,
  constraint: string,
  type = 'ValidationException',
): AwsApiError {
  const shown =
    value === undefined || value === null ? 'null' : `'${String(value)}'`;
  return new AwsApiError(
    type,
    `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

/**
 * Parses a JSON request body; an empty body is an empty input structure.
 * Anything but a JSON object is refused with `errorType` (400).
 */
export function parseJsonBody(
  body: Buffer,
  errorType = 'SerializationException',
): JsonObject {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AwsApiError(errorType, 'The request body is not valid JSON');
  }
  if (!isJsonObject(parsed)) {
    throw new AwsApiError(errorType, 'The request body must be a JSON object');
  }
  return parsed;
}

/** A member's value when `accepts` its JSON type; undefined when absent or null. */
function optionalMember<T>(
  input: JsonObject,
  member: string,
  accepts: (value: unknown) => boolean,
  expected: string,
  wrongType: WrongTypeError,
): T | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (!accepts(value)) throw wrongType(member, expected);
  return value as T;
}

export function optionalString(
  input: JsonObject,
  member: string,
  wrongType: WrongTypeError = serializationError,
): string | undefined {
  return optionalMember(input, member, isString, 'a string', wrongType);
}

export function requiredString(
  input: JsonObject,
  member: string,
  validationName = member,
): string {
  const value = optionalString(input, member);
  if (value === undefined)
    throw constraintError(validationName, value, 'Member must not be null');
  return value;
}

export function optionalInteger(
  input: JsonObject,
  member: string,
): number | undefined {
  return optionalMember(
    input,
    member,
    value => typeof value === 'number' && Number.isInteger(value),
    'an integer',
    serializationError,
  );
}

export function optionalStringList(
  input: JsonObject,
  member: string,
): string[] | undefined {
  return optionalMember(
    input,
    member,
    value => Array.isArray(value) && value.every(isString),
    'a list of strings',
    serializationError,
  );
}

export function optionalObjectList(
  input: JsonObject,
  member: string,
): JsonObject[] | undefined {
  return optionalMember(
    input,
    member,
    value => Array.isArray(value) && value.every(isJsonObject),
    'a list of structures',
    serializationError,
  );
}

/** An integer query-string parameter (restJson1 `@httpQuery`). */
export function queryInteger(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return undefined;
  if (!/^-?\d+$/.test(raw)) throw serializationError(name, 'an integer');
  return Number(raw);
}

/** Checks an integer against an inclusive range, as a ValidationException. */
export function checkRange(
  member: string,
  value: number | undefined,
  min: number,
  max: number,
): void {
  if (value === undefined) return;
  if (value < min) {
    throw constraintError(
      member,
      value,
      `Member must have value greater than or equal to ${min}`,
    );
  }
  if (value > max) {
    throw constraintError(
      member,
      value,
      `Member must have value less than or equal to ${max}`,
    );
  }
}
