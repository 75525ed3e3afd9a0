/**
 * Column values to and from records. SQLite returns booleans as 0/1 and
 * PostgreSQL as booleans; JSON columns hold text this store wrote itself.
 */

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Parses JSON this store wrote itself. */
export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

export function fromOptionalJson<T>(text: string | null): T | undefined {
  return text === null ? undefined : fromJson<T>(text);
}

export function optional<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

export function toBoolean(value: boolean | number | null): boolean | undefined {
  return value === null ? undefined : Boolean(value);
}
