/**
 * The reconciler's store: where each cluster's reconciliation stands (read by
 * any replica for the API, written by the one replica that reconciles) and
 * the kicks any replica writes to have a cluster reconciled at once. Tables
 * in migrations/20261201000100_reconciler.js (and the `degraded` column of
 * 20261207000100); every query uses bindings. The NodePools' stored originals
 * are in `NodePoolOriginalsStore` (`originals`), on the same client.
 */
import type {
  ClusterReconcileStatus,
  NodePoolReconcileResult,
  ReconcileMode,
  ReconcileState,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { Knex } from 'knex';
import {
  whereClusterIn,
  ALL_CLUSTERS,
  type ClusterAccess,
} from './clusterAccessSql';
import { NodePoolOriginalsStore } from './NodePoolOriginalsStore';

/** A cluster's reconcile status with what only the reconciler needs. */
export interface ReconcileRecord extends ClusterReconcileStatus {
  /** Nodes the reconciler marked do-not-disrupt (keep-nodes). */
  markedNodes: string[];
  /** Passes in a row that did not converge (retry backoff). */
  failures: number;
  /** The backend instance that made the last pass. */
  replicaId?: string;
}

/** A request to reconcile a cluster at once. */
export interface ReconcileKick {
  clusterArn: string;
  kickId: string;
  requestedAt: string;
}

interface StatusRow {
  cluster_arn: string;
  account_id: string;
  region: string;
  name: string;
  mode: string;
  mode_reason: string | null;
  away_zone_ids: string;
  state: string;
  node_pools: string;
  marked_nodes: string;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  degraded?: string | null;
  failures: number | string;
  replica_id: string | null;
  updated_at: string;
}

interface KickRow {
  cluster_arn: string;
  kick_id: string;
  requested_at: string;
}

function parseArray<T>(text: string): T[] {
  try {
    const value = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

function recordFromRow(row: StatusRow): ReconcileRecord {
  const markedNodes = parseArray<string>(row.marked_nodes);
  const degraded = parseArray<string>(row.degraded ?? '[]');
  return {
    cluster: {
      arn: row.cluster_arn,
      accountId: row.account_id,
      region: row.region,
      name: row.name,
    },
    mode: row.mode as ReconcileMode,
    ...(row.mode_reason ? { modeReason: row.mode_reason } : {}),
    awayZoneIds: parseArray<string>(row.away_zone_ids),
    state: row.state as ReconcileState,
    nodePools: parseArray<NodePoolReconcileResult>(row.node_pools),
    markedNodeCount: markedNodes.length,
    markedNodes,
    ...(row.last_attempt_at ? { lastAttemptAt: row.last_attempt_at } : {}),
    ...(row.last_success_at ? { lastSuccessAt: row.last_success_at } : {}),
    ...(row.last_error ? { lastError: row.last_error } : {}),
    ...(degraded.length > 0 ? { degraded } : {}),
    failures: Number(row.failures) || 0,
    ...(row.replica_id ? { replicaId: row.replica_id } : {}),
  };
}

function rowFromRecord(record: ReconcileRecord, updatedAt: string): StatusRow {
  return {
    cluster_arn: record.cluster.arn,
    account_id: record.cluster.accountId,
    region: record.cluster.region,
    name: record.cluster.name,
    mode: record.mode,
    mode_reason: record.modeReason ?? null,
    away_zone_ids: JSON.stringify([...record.awayZoneIds].sort()),
    state: record.state,
    node_pools: JSON.stringify(record.nodePools),
    marked_nodes: JSON.stringify([...record.markedNodes].sort()),
    last_attempt_at: record.lastAttemptAt ?? null,
    last_success_at: record.lastSuccessAt ?? null,
    last_error: record.lastError ?? null,
    degraded:
      record.degraded && record.degraded.length > 0
        ? JSON.stringify(record.degraded)
        : null,
    failures: record.failures,
    replica_id: record.replicaId ?? null,
    updated_at: updatedAt,
  };
}

/** The API's view: the record without the reconciler's bookkeeping. */
export function toClusterReconcileStatus(
  record: ReconcileRecord,
): ClusterReconcileStatus {
  const { markedNodes: _m, failures: _f, replicaId: _r, ...status } = record;
  return status;
}

export class ReconcileStore {
  readonly #db: Knex;
  /** Each narrowed NodePool's original zone requirements. */
  readonly originals: NodePoolOriginalsStore;

  /** `db`: the plugin's client, migrated (see `migrations.ts`). */
  constructor(db: Knex) {
    this.#db = db;
    this.originals = new NodePoolOriginalsStore(db);
  }

  /**
   * The statuses of the clusters of `access` (every cluster by default: the
   * reconciler reads all), in the given states if any, ordered by ARN.
   */
  async list(
    options: {
      access?: ClusterAccess;
      states?: ReadonlySet<ReconcileState>;
    } = {},
  ): Promise<ReconcileRecord[]> {
    const query = this.#db<StatusRow>('reconcile_status');
    whereClusterIn(
      this.#db,
      query,
      'cluster_arn',
      options.access ?? ALL_CLUSTERS,
    );
    if (options.states) {
      query.whereIn('state', [...options.states]);
    }
    const rows: StatusRow[] = await query.select().orderBy('cluster_arn');
    return rows.map(recordFromRow);
  }

  /** One cluster's status; undefined when there is none or the cluster is not among `access`. */
  async get(
    clusterArn: string,
    access: ClusterAccess = ALL_CLUSTERS,
  ): Promise<ReconcileRecord | undefined> {
    const query = this.#db<StatusRow>('reconcile_status').where(
      'cluster_arn',
      clusterArn,
    );
    whereClusterIn(this.#db, query, 'cluster_arn', access);
    const row: StatusRow | undefined = await query.first();
    return row ? recordFromRow(row) : undefined;
  }

  async put(record: ReconcileRecord, updatedAt: string): Promise<void> {
    const row = rowFromRecord(record, updatedAt);
    await this.#db('reconcile_status')
      .insert(row)
      .onConflict('cluster_arn')
      .merge();
  }

  /** Removes the status of clusters no longer in the inventory. */
  async retainOnly(clusterArns: readonly string[]): Promise<number> {
    const keep = new Set(clusterArns);
    const rows: Array<{ cluster_arn: string }> = await this.#db(
      'reconcile_status',
    ).select('cluster_arn');
    const gone = rows.map(r => r.cluster_arn).filter(arn => !keep.has(arn));
    for (let i = 0; i < gone.length; i += 200) {
      await this.#db('reconcile_status')
        .whereIn('cluster_arn', gone.slice(i, i + 200))
        .delete();
    }
    return gone.length;
  }

  /** Records a request to reconcile the cluster at once (replaces an older one). */
  async kick(kick: ReconcileKick): Promise<void> {
    await this.#db('reconcile_kicks')
      .insert({
        cluster_arn: kick.clusterArn,
        kick_id: kick.kickId,
        requested_at: kick.requestedAt,
      })
      .onConflict('cluster_arn')
      .merge();
  }

  async listKicks(): Promise<ReconcileKick[]> {
    const rows: KickRow[] = await this.#db<KickRow>('reconcile_kicks').select();
    return rows.map(row => ({
      clusterArn: row.cluster_arn,
      kickId: row.kick_id,
      requestedAt: row.requested_at,
    }));
  }

  /** Removes a kick once handled, unless a newer one replaced it meanwhile. */
  async deleteKick(kick: ReconcileKick): Promise<void> {
    await this.#db('reconcile_kicks')
      .where({ cluster_arn: kick.clusterArn, kick_id: kick.kickId })
      .delete();
  }
}
