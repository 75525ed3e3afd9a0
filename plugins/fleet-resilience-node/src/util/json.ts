/** Narrowing helpers for JSON read from the outside world. */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON value that may arrive already parsed or as a JSON-encoded string. */
export function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return JSON.parse(value);
}
