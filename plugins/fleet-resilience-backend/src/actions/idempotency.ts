/**
 * Idempotency of the mutating routes, decided purely from the stored record
 * of a key. The store inserts the record first (the key is unique), so of two
 * concurrent requests with one key, on one replica or two, exactly one wins
 * the insert and calls ARC; the other reads the winner's record and waits,
 * replays, or is refused.
 */
import { createHash } from 'node:crypto';
import { InputError } from '@backstage/errors';

/** 1 to 128 characters of `[A-Za-z0-9._:-]` (see IDEMPOTENCY_KEY_HEADER). */
const KEY = /^[A-Za-z0-9._:-]{1,128}$/;

/** The stored state of one idempotency key. */
export interface IdempotencyRecord {
  key: string;
  actor: string;
  requestHash: string;
  state: 'pending' | 'done';
  /** Done: the HTTP status and JSON body of the first answer. */
  statusCode?: number;
  responseBody?: string;
  createdAt: string;
  /** When the owner last claimed it (a stale pending claim can be taken over). */
  updatedAt: string;
}

export type IdempotencyDecision =
  /** The record is ours to work on (no record, or a dead owner's stale claim). */
  | { kind: 'proceed' }
  /** The first call finished: answer with its response. */
  | { kind: 'replay'; statusCode: number; responseBody: string }
  /** The first call is still running: wait and look again. */
  | { kind: 'wait' }
  /** The key was used by someone else or for another request. */
  | { kind: 'reject'; message: string };

/** The header's value, checked; undefined when absent. */
export function parseIdempotencyKey(value: unknown): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || !KEY.test(value)) {
    throw new InputError(
      'Invalid Idempotency-Key header: expected 1 to 128 characters of letters, digits, ".", "_", ":" or "-"',
    );
  }
  return value;
}

/** JSON with object keys sorted, so equal requests hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : Number(a > b)));
    return `{${entries
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 of what identifies a request: route, target and body. */
export function requestHash(request: {
  operation: string;
  target: string;
  body: unknown;
}): string {
  return createHash('sha256')
    .update(canonicalJson([request.operation, request.target, request.body]))
    .digest('hex');
}

/**
 * What to do with a request carrying a key whose record is `existing`.
 * `leaseMs`: how long a pending claim is trusted before another request may
 * take it over (its owner crashed or was restarted mid-call).
 */
export function decideIdempotency(
  existing: IdempotencyRecord | undefined,
  request: { actor: string; requestHash: string },
  now: Date,
  leaseMs: number,
): IdempotencyDecision {
  if (!existing) {
    return { kind: 'proceed' };
  }
  if (existing.actor !== request.actor) {
    return {
      kind: 'reject',
      message: `Idempotency-Key '${existing.key}' was already used by another user; use a new key for a new request`,
    };
  }
  if (existing.requestHash !== request.requestHash) {
    return {
      kind: 'reject',
      message: `Idempotency-Key '${existing.key}' was already used for a different request (another cluster, shift or body); use a new key for a new request`,
    };
  }
  if (
    existing.state === 'done' &&
    existing.statusCode !== undefined &&
    existing.responseBody !== undefined
  ) {
    return {
      kind: 'replay',
      statusCode: existing.statusCode,
      responseBody: existing.responseBody,
    };
  }
  const claimedAt = Date.parse(existing.updatedAt);
  if (Number.isNaN(claimedAt) || now.getTime() - claimedAt > leaseMs) {
    return { kind: 'proceed' };
  }
  return { kind: 'wait' };
}
