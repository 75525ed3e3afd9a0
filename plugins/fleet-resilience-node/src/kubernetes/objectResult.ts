import { InvalidQuantityError } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { InventoryProblem } from '../sources/types';
import { isRecord, type JsonRecord } from '../util/json';

export const KUBERNETES_SOURCE = 'kubernetes';

/** A Kubernetes object read into a domain value, or why it was skipped. */
export type ObjectResult<T> =
  | { ok: true; value: T }
  | { ok: false; problem: InventoryProblem };

/** Thrown inside the readers of this folder; becomes a problem, never escapes. */
export class InvalidObjectError extends Error {}

export function kubernetesProblem(
  resource: string | undefined,
  message: string,
): InventoryProblem {
  return {
    source: KUBERNETES_SOURCE,
    ...(resource ? { resource } : {}),
    message,
  };
}

/** `kind/namespace/name` or `kind/name`, best effort, for problems. */
export function objectName(kind: string, object: unknown): string {
  const metadata =
    isRecord(object) && isRecord(object.metadata) ? object.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '?';
  return typeof metadata.namespace === 'string'
    ? `${kind}/${metadata.namespace}/${name}`
    : `${kind}/${name}`;
}

export function record(value: unknown, path: string): JsonRecord {
  if (!isRecord(value))
    throw new InvalidObjectError(`${path} is not an object`);
  return value;
}

export function optionalRecord(
  value: unknown,
  path: string,
): JsonRecord | undefined {
  return value === undefined || value === null
    ? undefined
    : record(value, path);
}

/** A label/annotation map: every value a string. */
export function stringMap(
  value: unknown,
  path: string,
): Record<string, string> {
  const map = optionalRecord(value, path) ?? {};
  for (const [key, item] of Object.entries(map)) {
    if (typeof item !== 'string')
      throw new InvalidObjectError(`${path}.${key} is not a string`);
  }
  return map as Record<string, string>;
}

export function requiredName(object: JsonRecord): string {
  const metadata = record(object.metadata, 'metadata');
  if (typeof metadata.name !== 'string' || metadata.name === '') {
    throw new InvalidObjectError('metadata.name is missing');
  }
  return metadata.name;
}

/** Runs `read`, turning an InvalidObjectError (or a bad quantity) into a problem about `kind` `object`. */
export function readObject<T>(
  kind: string,
  object: unknown,
  read: (object: JsonRecord) => T,
): ObjectResult<T> {
  try {
    return { ok: true, value: read(record(object, kind)) };
  } catch (error) {
    if (
      error instanceof InvalidObjectError ||
      error instanceof InvalidQuantityError
    ) {
      return {
        ok: false,
        problem: kubernetesProblem(
          objectName(kind, object),
          `${kind} skipped: ${error.message}`,
        ),
      };
    }
    throw error;
  }
}
