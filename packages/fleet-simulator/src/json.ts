/** Plain-JSON helpers: request bodies, the Kubernetes store, patches and queries. */

export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

export type JsonObject = { [key: string]: JsonValue };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function copy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value))
    return value.map(item => (item === undefined ? null : copy(item)));
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) result[key] = copy(member);
  }
  return result;
}

/**
 * A deep copy of plain JSON data that, like a trip over the wire, drops
 * `undefined` members (a walk, several times faster than a JSON round trip).
 */
export function cloneJson<T>(value: T): T {
  return copy(value) as T;
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return (
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => jsonEqual(item, b[index]))
    );
  }
  if (!isJsonObject(a) || !isJsonObject(b)) return false;
  const keys = Object.keys(a).filter(key => a[key] !== undefined);
  const otherKeys = Object.keys(b).filter(key => b[key] !== undefined);
  return (
    keys.length === otherKeys.length &&
    keys.every(key => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]))
  );
}
