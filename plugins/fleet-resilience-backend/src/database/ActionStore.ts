/**
 * What the shift actions store: the audit trail (append-only: this class has
 * no update or delete of audit rows), idempotency keys, and the portal's own
 * shifts written at once after ARC accepted them, so the API and the
 * reconciler see them before the next refresh. Knex builder and bound values
 * only; every outcome is written in one transaction.
 */
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type {
  AuditAction,
  AuditOutcome,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { Knex } from 'knex';
import type { IdempotencyRecord } from '../actions/idempotency';
import { shiftStateAfterAction } from '../domain/shiftStateAfterAction';
import type { ClusterCapacity } from '@fleet-resilience/plugin-fleet-resilience-common';
import { countOf, latestSnapshots, nodePoolsOf, type Db } from './clusterReads';
import { writeActionShift } from './arcState';
import { rebuildDocuments } from './rebuildDocuments';
import type {
  AuditEventRecord,
  NodePoolRecord,
  PageRequest,
  ShiftRecord,
  StoredShift,
} from '../domain/records';
import {
  auditEventFromRow,
  auditEventToRow,
  shiftFromRow,
  type AuditEventRow,
  type ShiftRow,
} from './rows';

const MIGRATIONS_DIRECTORY = resolvePackagePath(
  '@fleet-resilience/plugin-fleet-resilience-backend',
  'migrations',
);

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

/** A claim on an idempotency key, to complete or release. */
export interface IdempotencyClaim {
  key: string;
  token: string;
}

export interface AuditFilter {
  clusterArns?: string[];
  actions?: AuditAction[];
  outcomes?: AuditOutcome[];
}

/** One action's outcome, written all at once. */
export interface ActionOutcome {
  audit: AuditEventRecord;
  /** The shift as ARC answered a successful action. */
  shift?: ShiftRecord;
  /** Completes the claim with the answer retries replay. */
  idempotency?: IdempotencyClaim & { statusCode: number; responseBody: string };
}

export class ActionStore {
  readonly #db: Knex;

  /** Runs the plugin's migrations (the same directory as FleetStore's) unless skipped. */
  static async create(database: DatabaseService): Promise<ActionStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    }
    return new ActionStore(client);
  }

  constructor(db: Knex) {
    this.#db = db;
  }

  // ---------------------------------------------------------------- idempotency

  /**
   * Inserts the key's record unless it exists; `claimed` tells whether this
   * request's insert won. Otherwise the existing record is returned.
   */
  async claimIdempotencyKey(input: {
    key: string;
    actor: string;
    operation: string;
    requestHash: string;
    token: string;
    now: string;
  }): Promise<{ claimed: boolean; record?: IdempotencyRecord }> {
    await this.#db<IdempotencyRow>('action_idempotency')
      .insert({
        key: input.key,
        actor: input.actor,
        operation: input.operation,
        request_hash: input.requestHash,
        claim_token: input.token,
        state: 'pending',
        status_code: null,
        response_body: null,
        created_at: input.now,
        updated_at: input.now,
      })
      .onConflict('key')
      .ignore();
    const row = await this.#idempotencyRow(input.key);
    if (row?.claim_token === input.token) {
      return { claimed: true };
    }
    return {
      claimed: false,
      record: row ? idempotencyFromRow(row) : undefined,
    };
  }

  async getIdempotencyRecord(
    key: string,
  ): Promise<IdempotencyRecord | undefined> {
    const row = await this.#idempotencyRow(key);
    return row ? idempotencyFromRow(row) : undefined;
  }

  /**
   * Takes over a pending claim whose owner stopped (compare-and-set on its
   * claim time: of several takers, one wins).
   */
  async takeOverIdempotencyKey(
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

  /** Gives a claim up (the call failed in a way a retry should repeat). */
  async releaseIdempotencyKey(claim: IdempotencyClaim): Promise<void> {
    await this.#db<IdempotencyRow>('action_idempotency')
      .where({ key: claim.key, claim_token: claim.token, state: 'pending' })
      .delete();
  }

  /** Drops keys created before `before` (a day is plenty for retries). */
  async pruneIdempotencyKeys(before: string): Promise<number> {
    return this.#db<IdempotencyRow>('action_idempotency')
      .where('created_at', '<', before)
      .delete();
  }

  async #idempotencyRow(key: string): Promise<IdempotencyRow | undefined> {
    return this.#db<IdempotencyRow>('action_idempotency')
      .where('key', key)
      .first();
  }

  /** Stores the answer retries with the key replay. */
  async completeIdempotencyKey(
    claim: IdempotencyClaim,
    statusCode: number,
    responseBody: string,
    now: Date,
  ): Promise<void> {
    await this.#completeIdempotencyKey(
      this.#db,
      { ...claim, statusCode, responseBody },
      now.toISOString(),
    );
  }

  async #completeIdempotencyKey(
    db: Db,
    claim: NonNullable<ActionOutcome['idempotency']>,
    now: string,
  ): Promise<void> {
    await db<IdempotencyRow>('action_idempotency')
      .where({ key: claim.key, claim_token: claim.token })
      .update({
        state: 'done',
        status_code: claim.statusCode,
        response_body: claim.responseBody,
        updated_at: now,
      });
  }

  // ---------------------------------------------------------------- outcomes

  /**
   * Writes one action's outcome in one transaction: the audit event, the
   * shift with the cluster's new shift state (on success), and the answer
   * for the idempotency key.
   */
  async recordOutcome(outcome: ActionOutcome, now: Date): Promise<void> {
    await this.#db.transaction(async tx => {
      if (outcome.shift) {
        await this.#applyShift(tx, outcome.shift, outcome.audit.action, now);
      }
      await tx('audit_events').insert(auditEventToRow(outcome.audit));
      if (outcome.idempotency) {
        await this.#completeIdempotencyKey(
          tx,
          outcome.idempotency,
          now.toISOString(),
        );
      }
    });
  }

  /** Appends one audit event; audit events are never updated or deleted. */
  async appendAuditEvent(event: AuditEventRecord): Promise<void> {
    await this.#db('audit_events').insert(auditEventToRow(event));
  }

  async #applyShift(
    tx: Knex.Transaction,
    shift: ShiftRecord,
    action: AuditAction,
    now: Date,
  ): Promise<void> {
    const present = await writeActionShift(tx, {
      shift,
      action,
      seenAt: now.toISOString(),
      decide: ({ cluster, resource, storedShifts, autoshifts }) =>
        shiftStateAfterAction({
          cluster: { ...cluster.ref, zones: cluster.zones },
          resource,
          storedShifts,
          changed: shift,
          activeAutoshifts: autoshifts.filter(a => a.status === 'ACTIVE'),
        }),
    });
    if (present) {
      await rebuildDocuments(tx, [shift.resourceIdentifier]);
    }
  }

  // ---------------------------------------------------------------- reads

  async getShift(zonalShiftId: string): Promise<StoredShift | undefined> {
    const row: ShiftRow | undefined = await this.#db<ShiftRow>('shifts')
      .where('zonal_shift_id', zonalShiftId)
      .first();
    return row ? shiftFromRow(row) : undefined;
  }

  /**
   * What the impact of a shift needs per cluster: the latest capacity (absent
   * until Kubernetes was read) and the NodePools.
   */
  async shiftImpactInputs(
    arns: readonly string[],
  ): Promise<
    Map<string, { capacity?: ClusterCapacity; nodePools: NodePoolRecord[] }>
  > {
    const snapshots = await latestSnapshots(this.#db, arns);
    const nodePools = await nodePoolsOf(this.#db, arns);
    return new Map(
      arns.map(arn => [
        arn,
        {
          capacity: snapshots.get(arn)?.capacity,
          nodePools: nodePools.get(arn) ?? [],
        },
      ]),
    );
  }

  /** Newest first; ties by id. */
  async listAuditEvents(
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
