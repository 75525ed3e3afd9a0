/**
 * What the readiness fixes write: the EKS updates the portal follows
 * (`readiness_updates`), ARC's answer on the cluster's `arc_resources` row,
 * and each outcome with its audit event, its idempotency answer and the
 * cluster's documents rebuilt, in one transaction. Rows in, rows out: the
 * decisions are ReadinessActions' and the follower's.
 */
import type { PendingClusterUpdate } from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  EksClusterUpdate,
  ManagedResourceState,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { Knex } from 'knex';
import { resolveAuditIntent, settleAuditEvent } from '../database/AuditStore';
import {
  whereAccessible,
  type ClusterAccess,
} from '../database/clusterAccessSql';
import { arcResourcesOf, selectClusters } from '../database/clusterReads';
import {
  completeIdempotencyClaim,
  type IdempotencyAnswer,
  type IdempotencyClaim,
} from '../database/IdempotencyStore';
import { writeArcResourceSettings } from '../database/arcState';
import { rebuildDocuments } from '../database/rebuildDocuments';
import {
  auditEventFromRow,
  readinessUpdateFromRow,
  type AuditEventRow,
  type ReadinessUpdateRow,
} from '../database/rows';
import type {
  AuditEventRecord,
  ReadinessUpdateRecord,
  StoredCluster,
} from '../domain/records';

/** An EKS update the portal follows, as stored (its errors, none when there are none). */
export type FollowedUpdate = Omit<
  ReadinessUpdateRecord,
  'checkedAt' | 'errors'
> & {
  errors: string[];
};

const TABLE = 'readiness_updates';
const TERMINAL = new Set(['Successful', 'Failed', 'Cancelled']);

export const isTerminalUpdate = (status: string) => TERMINAL.has(status);

function fromRow(row: ReadinessUpdateRow): FollowedUpdate {
  // The follower needs no checkedAt, and reads a missing errors as none.
  const {
    checkedAt: _checkedAt,
    errors,
    ...update
  } = readinessUpdateFromRow(row);
  return { ...update, errors: errors ?? [] };
}

/** The public shape of a followed update. */
export function pendingUpdateOf(update: FollowedUpdate): PendingClusterUpdate {
  return {
    updateId: update.updateId,
    type: update.type,
    status: update.status,
    startedAt: update.startedAt,
    ...(update.errors.length > 0 ? { errors: update.errors } : {}),
  };
}

/** One outcome: its audit event, the key's answer and what else it writes. */
export interface ReadinessOutcome {
  cluster: StoredCluster['ref'];
  /** Settles the attempt's intent (or appends the event); none: left pending. */
  audit?: AuditEventRecord;
  idempotency?: { claim: IdempotencyClaim; answer: IdempotencyAnswer };
  /** An EKS update to follow (a new row; one already stored is left as it is). */
  startedUpdate?: {
    update: EksClusterUpdate;
    actor: string;
    auditEventId: string;
  };
  /** ARC's answer for the cluster's managed resource (the row, if ARC listed it). */
  arc?: Pick<
    ManagedResourceState,
    'zonalAutoshiftStatus' | 'practiceRunStatus' | 'practiceRunConfiguration'
  >;
}

/**
 * The named clusters the caller may read, each with what the store holds of
 * its readiness on AWS, and which of them the caller may configure: two
 * decisions applied in SQL.
 */
export type FleetReadinessClusters = (
  arns: readonly string[],
  read: ClusterAccess,
  configure: ClusterAccess,
) => Promise<{
  clusters: Array<{
    cluster: StoredCluster;
    arc?: Pick<
      ManagedResourceState,
      'zonalAutoshiftStatus' | 'practiceRunStatus' | 'practiceRunConfiguration'
    >;
    pendingUpdate?: PendingClusterUpdate;
  }>;
  configurable: Set<string>;
}>;

export class ReadinessRecords {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /** Writes an outcome and rebuilds the cluster's documents, in one transaction. */
  async record(outcome: ReadinessOutcome, now: Date): Promise<void> {
    const at = now.toISOString();
    const { cluster } = outcome;
    await this.#db.transaction(async tx => {
      if (outcome.audit) {
        await settleAuditEvent(tx, outcome.audit, at);
      }
      if (outcome.startedUpdate) {
        const { update, actor, auditEventId } = outcome.startedUpdate;
        await tx<ReadinessUpdateRow>(TABLE)
          .insert({
            update_id: update.id,
            cluster_arn: cluster.arn,
            account_id: cluster.accountId,
            region: cluster.region,
            cluster_name: cluster.name,
            update_type: update.type.slice(0, 64),
            status: update.status,
            errors: update.errors.length ? JSON.stringify(update.errors) : null,
            started_at: update.createdAt ?? at,
            finished_at: isTerminalUpdate(update.status) ? at : null,
            checked_at: at,
            actor: actor.slice(0, 255),
            audit_event_id: auditEventId,
          })
          // A retry with the same client request token gets the same update.
          .onConflict('update_id')
          .ignore();
      }
      if (outcome.arc) {
        // Not stored yet (ARC listed it after the last refresh): the next read adds it.
        await writeArcResourceSettings(tx, cluster.arn, outcome.arc, at);
      }
      if (outcome.idempotency) {
        const { claim, answer } = outcome.idempotency;
        await completeIdempotencyClaim(tx, claim, answer, at);
      }
      await rebuildDocuments(tx, [cluster.arn]);
    });
  }

  readonly fleetClusters: FleetReadinessClusters = async (
    arns,
    read,
    configure,
  ) => {
    const db = this.#db;
    const named = () => db('clusters as c').whereIn('c.arn', [...arns]);
    const clusters = await selectClusters(
      db,
      whereAccessible(db, named(), read),
    );
    const present = clusters.map(c => c.ref.arn);
    const configurable: Array<{ arn: string }> = await whereAccessible(
      db,
      whereAccessible(db, named(), read),
      configure,
    ).select('c.arn');
    const arc = await arcResourcesOf(db, present);
    const rows: ReadinessUpdateRow[] = await db<ReadinessUpdateRow>(TABLE)
      .whereIn('cluster_arn', present)
      .andWhere('status', 'InProgress');
    const pending = new Map(rows.map(row => [row.cluster_arn, fromRow(row)]));
    return {
      clusters: clusters.map(cluster => {
        const resource = arc.get(cluster.ref.arn);
        const update = pending.get(cluster.ref.arn);
        return {
          cluster,
          ...(resource
            ? {
                arc: {
                  zonalAutoshiftStatus: resource.zonalAutoshiftStatus,
                  practiceRunStatus: resource.practiceRunStatus,
                  practiceRunConfiguration: resource.practiceRunConfiguration,
                },
              }
            : {}),
          ...(update ? { pendingUpdate: pendingUpdateOf(update) } : {}),
        };
      }),
      configurable: new Set(configurable.map(row => row.arn)),
    };
  };

  /** Updates still in progress, oldest first. */
  async inProgress(limit: number): Promise<FollowedUpdate[]> {
    const rows: ReadinessUpdateRow[] = await this.#db<ReadinessUpdateRow>(TABLE)
      .where('status', 'InProgress')
      .orderBy([
        { column: 'started_at', order: 'asc' },
        { column: 'update_id', order: 'asc' },
      ])
      .limit(limit);
    return rows.map(fromRow);
  }

  /** The cluster's latest followed update, if any. */
  async latest(clusterArn: string): Promise<FollowedUpdate | undefined> {
    const row = await this.#db<ReadinessUpdateRow>(TABLE)
      .where('cluster_arn', clusterArn)
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'update_id', order: 'desc' },
      ])
      .first();
    return row ? fromRow(row) : undefined;
  }

  /** The update the intent of this audit event started, if it was stored. */
  async byAuditEvent(
    auditEventId: string,
  ): Promise<FollowedUpdate | undefined> {
    const row = await this.#db<ReadinessUpdateRow>(TABLE)
      .where('audit_event_id', auditEventId)
      .first();
    return row ? fromRow(row) : undefined;
  }

  /** DescribeUpdate answered: still in progress. */
  async checked(updateId: string, now: Date): Promise<void> {
    await this.#db<ReadinessUpdateRow>(TABLE)
      .where({ update_id: updateId, status: 'InProgress' })
      .update({ checked_at: now.toISOString() });
  }

  /**
   * The update ended: its row, the outcome of the intent that started it
   * (its inputs kept, `more` added) and the cluster's documents, in one
   * transaction, only while the row is still InProgress (of two followers,
   * one writes). False when another was first.
   */
  async finish(
    followed: FollowedUpdate,
    update: EksClusterUpdate,
    result: {
      outcome: 'success' | 'failure';
      more: Record<string, string>;
      errorMessage?: string;
    },
    now: Date,
  ): Promise<boolean> {
    const at = now.toISOString();
    return this.#db.transaction(async tx => {
      const updated = await tx<ReadinessUpdateRow>(TABLE)
        .where({ update_id: followed.updateId, status: 'InProgress' })
        .update({
          status: update.status,
          errors: update.errors.length ? JSON.stringify(update.errors) : null,
          finished_at: at,
          checked_at: at,
        });
      if (updated !== 1) {
        return false;
      }
      const row: AuditEventRow | undefined = followed.auditEventId
        ? await tx<AuditEventRow>('audit_events')
            .where({ id: followed.auditEventId, outcome: 'pending' })
            .first()
        : undefined;
      if (row) {
        const intent = auditEventFromRow(row);
        await resolveAuditIntent(
          tx,
          {
            ...intent,
            outcome: result.outcome,
            inputs: { ...intent.inputs, ...result.more },
            ...(result.errorMessage
              ? { errorMessage: result.errorMessage.slice(0, 2000) }
              : {}),
          },
          at,
        );
      }
      await rebuildDocuments(tx, [followed.cluster.arn]);
      return true;
    });
  }
}
