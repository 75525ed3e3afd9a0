/**
 * The `action_idempotency` table: one row per Idempotency-Key, inserted
 * before the action runs (the key is unique), so of concurrent requests with
 * one key, on one replica or several, exactly one holds the claim. Rows in,
 * rows out: what a request does with a key it did not win is decided in
 * actions/idempotency.ts.
 */
import type { Knex } from 'knex';
import type { Db } from './clusterReads';

/** The stored state of one idempotency key. */
export interface IdempotencyRecord {
  key: string;
  actor: string;
  requestHash: string;
  state: 'pending' | 'done';
  /**
   * Done: the HTTP status and JSON body of the first answer. Pending: the
   * status a success will be answered with, when the claim named it.
   */
  statusCode?: number;
  responseBody?: string;
  createdAt: string;
  /** When the owner last claimed it (a stale pending claim can be taken over). */
  updatedAt: string;
}

/** A claim on an idempotency key, to complete or release. */
export interface IdempotencyClaim {
  key: string;
  token: string;
}

/** The first answer to a key's request, which retries replay. */
export interface IdempotencyAnswer {
  statusCode: number;
  responseBody: string;
}

interface IdempotencyRow {
  key: string;
  actor: string;
  operation: string;
  request_hash: string;
  claim_token: string;
  state: 'pending' | 'done';
  status_code: number | string | null;
  response_body: string | null;
  created_at: string;
  updated_at: string;
}

function idempotencyFromRow(row: IdempotencyRow): IdempotencyRecord {
  return {
    key: row.key,
    actor: row.actor,
    requestHash: row.request_hash,
    state: row.state,
    ...(row.status_code !== null
      ? { statusCode: Number(row.status_code) }
      : {}),
    ...(row.response_body !== null ? { responseBody: row.response_body } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Stores the answer retries with the claim's key replay, through the given
 * client or transaction (the outcome of an action completes its claim in the
 * transaction that records it).
 */
export async function completeIdempotencyClaim(
  db: Db,
  claim: IdempotencyClaim,
  answer: IdempotencyAnswer,
  now: string,
): Promise<void> {
  await db<IdempotencyRow>('action_idempotency')
    .where({ key: claim.key, claim_token: claim.token })
    .update({
      state: 'done',
      status_code: answer.statusCode,
      response_body: answer.responseBody,
      updated_at: now,
    });
}

/**
 * Renews a claim's lease through the given client or transaction: true when
 * the claim is still this token's, pending, and was last renewed at or after
 * `notBefore` (its lease has not run out, so no other request could have
 * taken it over); its claim time is then `now`.
 */
export async function renewIdempotencyClaim(
  db: Db,
  claim: IdempotencyClaim,
  now: string,
  notBefore: string,
): Promise<boolean> {
  const updated = await db<IdempotencyRow>('action_idempotency')
    .where({ key: claim.key, claim_token: claim.token, state: 'pending' })
    .andWhere('updated_at', '>=', notBefore)
    .update({ updated_at: now });
  return updated === 1;
}

/**
 * Settles a pending key whose holder is gone, by the key alone (the intent
 * resolver does not know the claim's token; no request takes a key over
 * while its intent is pending): with the answer retries replay, or, without
 * one, by giving the key up so that a retry runs again.
 */
export async function settleIdempotencyKey(
  db: Db,
  key: string,
  answer: IdempotencyAnswer | undefined,
  now: string,
): Promise<void> {
  const pending = db<IdempotencyRow>('action_idempotency').where({
    key,
    state: 'pending',
  });
  if (answer) {
    await pending.update({
      state: 'done',
      status_code: answer.statusCode,
      response_body: answer.responseBody,
      updated_at: now,
    });
  } else {
    await pending.delete();
  }
}

export class IdempotencyStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /**
   * Inserts the key's record unless it exists; `claimed` tells whether this
   * request's insert won. Otherwise the existing record is returned.
   */
  async claim(input: {
    key: string;
    actor: string;
    operation: string;
    requestHash: string;
    token: string;
    now: string;
    /** The status a success will be answered with. */
    answerStatus?: number;
  }): Promise<{ claimed: boolean; record?: IdempotencyRecord }> {
    await this.#db<IdempotencyRow>('action_idempotency')
      .insert({
        key: input.key,
        actor: input.actor,
        operation: input.operation,
        request_hash: input.requestHash,
        claim_token: input.token,
        state: 'pending',
        status_code: input.answerStatus ?? null,
        response_body: null,
        created_at: input.now,
        updated_at: input.now,
      })
      .onConflict('key')
      .ignore();
    const row = await this.#row(input.key);
    if (row?.claim_token === input.token) {
      return { claimed: true };
    }
    return {
      claimed: false,
      record: row ? idempotencyFromRow(row) : undefined,
    };
  }

  async get(key: string): Promise<IdempotencyRecord | undefined> {
    const row = await this.#row(key);
    return row ? idempotencyFromRow(row) : undefined;
  }

  /**
   * Takes over a pending claim whose owner stopped (compare-and-set on its
   * claim time: of several takers, one wins).
   */
  async takeOver(
    record: IdempotencyRecord,
    token: string,
    now: string,
  ): Promise<boolean> {
    const updated = await this.#db<IdempotencyRow>('action_idempotency')
      .where({
        key: record.key,
        state: 'pending',
        updated_at: record.updatedAt,
      })
      .update({ claim_token: token, updated_at: now });
    return updated === 1;
  }

  /** The lease heartbeat of a claim's holder (see renewIdempotencyClaim). */
  async renew(
    claim: IdempotencyClaim,
    now: string,
    notBefore: string,
  ): Promise<boolean> {
    return renewIdempotencyClaim(this.#db, claim, now, notBefore);
  }

  /**
   * Whether the claim is still this token's, pending, and was renewed at or
   * after `notBefore` (read only).
   */
  async verify(claim: IdempotencyClaim, notBefore: string): Promise<boolean> {
    const row = await this.#db<IdempotencyRow>('action_idempotency')
      .where({ key: claim.key, claim_token: claim.token, state: 'pending' })
      .andWhere('updated_at', '>=', notBefore)
      .first('key');
    return row !== undefined;
  }

  /** Stores the answer retries with the key replay. */
  async complete(
    claim: IdempotencyClaim,
    answer: IdempotencyAnswer,
    now: Date,
  ): Promise<void> {
    await completeIdempotencyClaim(this.#db, claim, answer, now.toISOString());
  }

  /** Gives a claim up (the call failed in a way a retry should repeat). */
  async release(claim: IdempotencyClaim): Promise<void> {
    await this.#db<IdempotencyRow>('action_idempotency')
      .where({ key: claim.key, claim_token: claim.token, state: 'pending' })
      .delete();
  }

  /** Drops keys created before `before` (a day is plenty for retries). */
  async prune(before: string): Promise<number> {
    return this.#db<IdempotencyRow>('action_idempotency')
      .where('created_at', '<', before)
      .delete();
  }

  async #row(key: string): Promise<IdempotencyRow | undefined> {
    return this.#db<IdempotencyRow>('action_idempotency')
      .where('key', key)
      .first();
  }
}
