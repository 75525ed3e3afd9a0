/**
 * Idempotency of the mutating routes. The store inserts a key's record first
 * (the key is unique), so of two concurrent requests with one key, on one
 * replica or two, exactly one wins the insert and calls ARC; the other reads
 * the winner's record and waits, replays, or is refused. What to do with
 * another request's record is decided purely (decideIdempotency);
 * runIdempotently is the loop around the store.
 *
 * A claim is a lease: its holder renews it while it works (a heartbeat at a
 * third of the lease), and right before calling ARC it checks, in the
 * transaction that writes the attempt's intent, that the claim is still its
 * own and the lease has not run out (the fence). A holder that stalled past
 * its lease (a long GC pause, a hung call) and was taken over therefore
 * never calls ARC: of two replicas, one calls ARC per key.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { AuditStore } from '../database/AuditStore';
import type {
  IdempotencyClaim,
  IdempotencyRecord,
  IdempotencyStore,
} from '../database/IdempotencyStore';
import { UncertainArcError } from './arcErrors';

const POLL_MS = 100;
/** Keys are kept a day: enough for any retry. */
const KEY_RETENTION_MS = 24 * 3600_000;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export type IdempotencyDecision =
  /** The record is ours to work on (no record, or a dead owner's stale claim). */
  | { kind: 'proceed' }
  /** The first call finished: answer with its response. */
  | { kind: 'replay'; statusCode: number; responseBody: string }
  /** The first call is still running: wait and look again. */
  | { kind: 'wait' }
  /**
   * The first call's holder is gone, and whether ARC applied its change is
   * not known yet (its intent is pending): wait for the intent resolver,
   * never run it again meanwhile.
   */
  | { kind: 'unresolved' }
  /** The key was used by someone else or for another request. */
  | { kind: 'reject'; message: string };

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
 * `intentPending`: the key's request left an audit intent still pending
 * (ARC may have applied it): then the key is never taken over.
 */
export function decideIdempotency(
  existing: IdempotencyRecord | undefined,
  request: { actor: string; requestHash: string },
  now: Date,
  leaseMs: number,
  intentPending = false,
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
    return intentPending ? { kind: 'unresolved' } : { kind: 'proceed' };
  }
  return { kind: 'wait' };
}

/**
 * The oldest claim time at which a claim is still valid at `now`: a claim
 * renewed earlier may have been taken over (decideIdempotency proceeds when
 * more than `leaseMs` passed).
 */
export function leaseCutoff(now: Date, leaseMs: number): string {
  return new Date(now.getTime() - leaseMs).toISOString();
}

/** Where keys are kept, and how long to wait for and trust another request's claim. */
export interface IdempotencyKeys {
  store: Pick<
    IdempotencyStore,
    'claim' | 'takeOver' | 'release' | 'prune' | 'renew'
  >;
  /** Whether a key's request left an audit intent pending. */
  intents: Pick<AuditStore, 'hasPendingIntent'>;
  /** How long a request waits for another one holding the same key. */
  waitMs: number;
  /** After this long a pending claim is taken to be abandoned. */
  leaseMs: number;
  now: () => Date;
  logger: LoggerService;
}

/**
 * A request's Idempotency-Key, with the HTTP status its route answers a
 * success with: stored with the answer, so a retry on any replica (one
 * running an older version too) replays the same answer.
 */
export interface RequestKey {
  key: string;
  answerStatus: number;
}

/** A request to run once per key: who asks, and what identifies the request. */
export interface IdempotentRequest {
  actor: string;
  operation: string;
  target: string;
  body: unknown;
}

/** A won claim: the action completes it with its answer, or it is released. */
export interface KeyClaim extends IdempotencyClaim {
  answerStatus: number;
  /** The lease: the fence before ARC is called checks the claim is this recent. */
  leaseMs: number;
}

type ClaimAttempt =
  | { kind: 'claimed' }
  | { kind: 'replay'; responseBody: string }
  | { kind: 'wait' }
  | { kind: 'unresolved' };

async function tryClaim(
  keys: IdempotencyKeys,
  key: string,
  request: IdempotentRequest & {
    requestHash: string;
    token: string;
    answerStatus: number;
  },
  now: Date,
): Promise<ClaimAttempt> {
  const { actor, operation, requestHash: hash, token, answerStatus } = request;
  const attempt = await keys.store.claim({
    key,
    actor,
    operation,
    requestHash: hash,
    token,
    now: now.toISOString(),
    answerStatus,
  });
  if (attempt.claimed) {
    return { kind: 'claimed' };
  }
  const same = { actor, requestHash: hash };
  let decision = decideIdempotency(attempt.record, same, now, keys.leaseMs);
  if (decision.kind === 'proceed' && attempt.record) {
    // A stale claim: taken over only if its request left no pending intent.
    decision = decideIdempotency(
      attempt.record,
      same,
      now,
      keys.leaseMs,
      await keys.intents.hasPendingIntent(key),
    );
  }
  switch (decision.kind) {
    case 'reject':
      throw new ConflictError(decision.message);
    case 'replay':
      return { kind: 'replay', responseBody: decision.responseBody };
    case 'proceed': {
      // A stale claim: of several takers, one wins. No record: it was
      // released since the insert; try again.
      const tookOver =
        attempt.record !== undefined &&
        (await keys.store.takeOver(attempt.record, token, now.toISOString()));
      return { kind: tookOver ? 'claimed' : 'wait' };
    }
    case 'unresolved':
      return { kind: 'unresolved' };
    default:
      return { kind: 'wait' };
  }
}

/**
 * Runs `act` once per idempotency key: claims the key first, replays a
 * finished call's answer (its body with `replayed: true`), waits briefly for
 * a running one. Without a key, `act` runs with no claim. `act` completes
 * the claim with its answer; when it fails, the claim is given up, so a
 * retry runs again.
 */
export async function runIdempotently<T>(
  keys: IdempotencyKeys,
  requestKey: RequestKey | undefined,
  request: IdempotentRequest,
  act: (claim?: KeyClaim) => Promise<T>,
): Promise<T> {
  if (!requestKey) {
    return act();
  }
  const { key, answerStatus } = requestKey;
  const claiming = { ...request, requestHash: requestHash(request) };
  const token = randomUUID();
  const deadline = Date.now() + keys.waitMs;
  for (;;) {
    const now = keys.now();
    const attempt = await tryClaim(
      keys,
      key,
      { ...claiming, token, answerStatus },
      now,
    );
    if (attempt.kind === 'replay') {
      return { ...JSON.parse(attempt.responseBody), replayed: true } as T;
    }
    if (attempt.kind === 'claimed') {
      pruneOldKeys(keys, now);
      return runClaimed(
        keys,
        { key, token, answerStatus, leaseMs: keys.leaseMs },
        act,
      );
    }
    if (Date.now() >= deadline) {
      throw new ConflictError(
        attempt.kind === 'unresolved'
          ? `The first request with Idempotency-Key '${key}' got no answer from ARC, so whether it was applied is not known yet; it is being checked against ARC. Retry in a minute to get its outcome`
          : `A request with Idempotency-Key '${key}' is still in progress; retry shortly to get its answer`,
      );
    }
    await sleep(POLL_MS);
  }
}

/**
 * Renews the claim's lease every third of it while `act` runs. A renewal
 * that finds the claim gone or expired is logged: the fence before the ARC
 * call then refuses to call ARC.
 */
function heartbeat(keys: IdempotencyKeys, claim: KeyClaim): () => void {
  let stopped = false;
  const beat = () => {
    const now = keys.now();
    keys.store
      .renew(claim, now.toISOString(), leaseCutoff(now, keys.leaseMs))
      .then(renewed => {
        if (!renewed && !stopped) {
          keys.logger.warn(
            `Idempotency key ${claim.key}: the claim was lost (finished, or taken over after its lease ran out)`,
          );
        }
      })
      .catch(e =>
        keys.logger.warn(`Could not renew idempotency key ${claim.key}: ${e}`),
      );
  };
  const timer = setInterval(beat, Math.max(10, Math.floor(keys.leaseMs / 3)));
  timer.unref?.();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

async function runClaimed<T>(
  keys: IdempotencyKeys,
  claim: KeyClaim,
  act: (claim: KeyClaim) => Promise<T>,
): Promise<T> {
  const stop = heartbeat(keys, claim);
  try {
    return await act(claim);
  } catch (error) {
    if (error instanceof UncertainArcError && error.intentId) {
      // ARC may have applied it: the key waits for the intent's resolution
      // (which settles it), so no retry calls ARC again meanwhile.
      throw error;
    }
    await keys.store
      .release(claim)
      .catch(e =>
        keys.logger.warn(
          `Could not release idempotency key ${claim.key}: ${e}`,
        ),
      );
    throw error;
  } finally {
    stop();
  }
}

/** In the background: a failure only leaves old keys a little longer. */
function pruneOldKeys(keys: IdempotencyKeys, now: Date): void {
  keys.store
    .prune(new Date(now.getTime() - KEY_RETENTION_MS).toISOString())
    .catch(e => keys.logger.warn(`Could not prune idempotency keys: ${e}`));
}
