/**
 * The `audit_events` table. Rows are inserted and listed, never deleted.
 * An attempt that calls ARC is recorded in two steps: its intent (outcome
 * `pending`) is inserted before the call, then that row is updated, once,
 * to its outcome (conditional on it still being pending, so of two writers
 * one wins). A row that is not pending is never updated; resolving an
 * intent leaves its actor and channel as the intent recorded them.
 */
import { randomUUID } from 'node:crypto';
import type {
  AuditAction,
  AuditChannel,
  AuditOutcome,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { Knex } from 'knex';
import type { AuditEventRecord, PageRequest } from '../domain/records';
import {
  whereClusterIn,
  ALL_CLUSTERS,
  type ClusterAccess,
} from './clusterAccessSql';
import { countOf, type Db } from './clusterReads';
import { auditEventFromRow, auditEventToRow, type AuditEventRow } from './rows';
import { toJson } from './rows/values';

export interface AuditFilter {
  clusterArns?: string[];
  actions?: AuditAction[];
  outcomes?: AuditOutcome[];
  /** Rows recorded before the channel was (null) match none. */
  channels?: AuditChannel[];
}

/** A pending intent, with the Idempotency-Key its request held, if any. */
export interface PendingIntent {
  event: AuditEventRecord;
  idempotencyKey?: string;
}

/**
 * Appends one audit event through the given client or transaction; an
 * intent names the Idempotency-Key its request holds.
 */
export async function insertAuditEvent(
  db: Db,
  event: AuditEventRecord,
  idempotencyKey?: string,
): Promise<void> {
  await db<AuditEventRow>('audit_events').insert({
    ...auditEventToRow(event),
    ...(idempotencyKey ? { idempotency_key: idempotencyKey } : {}),
  });
}

/**
 * Gives the pending intent with the event's ID the event's outcome, inputs
 * and error; false when there is no such pending intent (it was resolved
 * already, or never written).
 */
export async function resolveAuditIntent(
  db: Db,
  event: AuditEventRecord,
  resolvedAt: string,
): Promise<boolean> {
  const updated = await db<AuditEventRow>('audit_events')
    .where({ id: event.id, outcome: 'pending' })
    .update({
      outcome: event.outcome,
      inputs: toJson(event.inputs),
      error_message: event.errorMessage ?? null,
      resolved_at: resolvedAt,
    });
  return updated === 1;
}

/**
 * Records an attempt's outcome: resolves its pending intent, or, when there
 * is none (no intent was written, or another writer resolved it first),
 * appends the event as a row of its own so that no outcome is lost.
 */
export async function settleAuditEvent(
  db: Db,
  event: AuditEventRecord,
  resolvedAt: string,
): Promise<void> {
  if (await resolveAuditIntent(db, event, resolvedAt)) {
    return;
  }
  const existing = await db<AuditEventRow>('audit_events')
    .where('id', event.id)
    .first('id');
  await insertAuditEvent(db, existing ? { ...event, id: randomUUID() } : event);
}

export class AuditStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  async append(event: AuditEventRecord): Promise<void> {
    await insertAuditEvent(this.#db, event);
  }

  /** The outcome of an attempt whose intent may have been written (see settleAuditEvent). */
  async settle(event: AuditEventRecord, now: Date): Promise<void> {
    await settleAuditEvent(this.#db, event, now.toISOString());
  }

  /** Pending intents written before `before`, oldest first. */
  async pendingIntents(
    before: string,
    limit: number,
  ): Promise<PendingIntent[]> {
    const rows: AuditEventRow[] = await this.#db<AuditEventRow>('audit_events')
      .where('outcome', 'pending')
      .andWhere('time', '<', before)
      .orderBy([
        { column: 'time', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(limit);
    return rows.map(row => ({
      event: auditEventFromRow(row),
      ...(row.idempotency_key ? { idempotencyKey: row.idempotency_key } : {}),
    }));
  }

  /** Whether a request with this Idempotency-Key left an intent still pending. */
  async hasPendingIntent(idempotencyKey: string): Promise<boolean> {
    const row = await this.#db<AuditEventRow>('audit_events')
      .where({ idempotency_key: idempotencyKey, outcome: 'pending' })
      .first('id');
    return row !== undefined;
  }

  /**
   * Newest first; ties by id. Only rows about clusters of `access` (the
   * caller's read decision, as SQL): the count and the page alike. Under a
   * conditional decision a row about a cluster no longer in the inventory is
   * left out, as its cluster can no longer be decided on.
   */
  async list(
    filter: AuditFilter,
    page: PageRequest,
    access: ClusterAccess = ALL_CLUSTERS,
  ): Promise<{ items: AuditEventRecord[]; totalCount: number }> {
    const query = this.#db<AuditEventRow>('audit_events');
    whereClusterIn(this.#db, query, 'cluster_arn', access);
    if (filter.clusterArns?.length) {
      query.whereIn('cluster_arn', filter.clusterArns);
    }
    if (filter.actions?.length) {
      query.whereIn('action', filter.actions);
    }
    if (filter.outcomes?.length) {
      query.whereIn('outcome', filter.outcomes);
    }
    if (filter.channels?.length) {
      query.whereIn('channel', filter.channels);
    }
    const [count] = await query.clone().count({ count: '*' });
    const rows: AuditEventRow[] = await query
      .clone()
      .select('*')
      .orderBy([
        { column: 'time', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(page.limit)
      .offset(page.offset);
    return { items: rows.map(auditEventFromRow), totalCount: countOf(count) };
  }
}
