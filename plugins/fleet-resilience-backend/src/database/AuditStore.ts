/**
 * The `audit_events` table, append-only: rows are inserted and listed, never
 * updated or deleted (an event with a known ID is refused by the key).
 */
import type {
  AuditAction,
  AuditOutcome,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { Knex } from 'knex';
import type { AuditEventRecord, PageRequest } from '../domain/records';
import { countOf, type Db } from './clusterReads';
import { auditEventFromRow, auditEventToRow, type AuditEventRow } from './rows';

export interface AuditFilter {
  clusterArns?: string[];
  actions?: AuditAction[];
  outcomes?: AuditOutcome[];
}

/** Appends one audit event through the given client or transaction. */
export async function insertAuditEvent(
  db: Db,
  event: AuditEventRecord,
): Promise<void> {
  await db<AuditEventRow>('audit_events').insert(auditEventToRow(event));
}

export class AuditStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  async append(event: AuditEventRecord): Promise<void> {
    await insertAuditEvent(this.#db, event);
  }

  /** Newest first; ties by id. */
  async list(
    filter: AuditFilter,
    page: PageRequest,
  ): Promise<{ items: AuditEventRecord[]; totalCount: number }> {
    const query = this.#db<AuditEventRow>('audit_events');
    if (filter.clusterArns?.length) {
      query.whereIn('cluster_arn', filter.clusterArns);
    }
    if (filter.actions?.length) {
      query.whereIn('action', filter.actions);
    }
    if (filter.outcomes?.length) {
      query.whereIn('outcome', filter.outcomes);
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
