import { AwsApiError } from './errors';

/**
 * Reading request members the way AWS front ends do: a member of the wrong
 * JSON type is a SerializationException, a missing required member or a
 * value outside its constraints a ValidationException whose message has
 * AWS's "1 validation error detected" form.
 */

export type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function serializationError(member: string, expected: string): AwsApiError {
  return new AwsApiError(
    'SerializationException',
    `Cannot deserialize member '${member}': expected ${expected}`,
  );
}

/**
 * The one-constraint validation error AWS services send (EKS names it
 * InvalidParameterException, most services ValidationException).
 */
export function validationError(
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

/** Parses a JSON request body; an empty body is an empty input structure. */
export function parseJsonBody(body: Buffer): JsonObject {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AwsApiError(
      'SerializationException',
      'The request body is not valid JSON',
    );
  }
  if (!isObject(parsed)) {
    throw new AwsApiError(
      'SerializationException',
      'The request body must be a JSON object',
    );
  }
  return parsed;
}

export function optionalString(
  input: JsonObject,
  member: string,
): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw serializationError(member, 'a string');
  return value;
}

export function requiredString(
  input: JsonObject,
  member: string,
  validationName = member,
): string {
  const value = optionalString(input, member);
  if (value === undefined)
    throw validationError(validationName, value, 'Member must not be null');
  return value;
}

export function optionalInteger(
  input: JsonObject,
  member: string,
): number | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw serializationError(member, 'an integer');
  }
  return value;
}

export function optionalBoolean(
  input: JsonObject,
  member: string,
): boolean | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw serializationError(member, 'a boolean');
  return value;
}

export function optionalStringList(
  input: JsonObject,
  member: string,
): string[] | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some(item => typeof item !== 'string')) {
    throw serializationError(member, 'a list of strings');
  }
  return value as string[];
}

export function optionalObjectList(
  input: JsonObject,
  member: string,
): JsonObject[] | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every(isObject)) {
    throw serializationError(member, 'a list of structures');
  }
  return value as JsonObject[];
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
    throw validationError(
      member,
      value,
      `Member must have value greater than or equal to ${min}`,
    );
  }
  if (value > max) {
    throw validationError(
      member,
      value,
      `Member must have value less than or equal to ${max}`,
    );
  }
}
