/**
 * The reconciler's own copy of each narrowed NodePool's original zone
 * requirements (table `reconcile_nodepool_originals`, migration
 * 20261207000100): written before a NodePool is first narrowed, cleared once
 * it is restored. The NodePool's annotations hold the same facts; this copy
 * is what the plan trusts when they were removed or edited. Rows in, rows
 * out: the common package's `planStoredNodePool` decides what is written.
 * Every query uses bindings.
 */
import type { StoredNodePoolOriginal } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { Knex } from 'knex';

interface OriginalRow {
  cluster_arn: string;
  node_pool: string;
  original_zone_requirements: string;
  away_zone_ids: string;
  recorded_at: string;
  updated_at: string;
}

function awayZoneIdsOf(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value)
      ? value.filter((id): id is string => typeof id === 'string')
      : [];
  } catch {
    return [];
  }
}

function originalOf(row: OriginalRow): StoredNodePoolOriginal {
  return {
    originalZoneRequirements: row.original_zone_requirements,
    awayZoneIds: awayZoneIdsOf(row.away_zone_ids),
  };
}

export class NodePoolOriginalsStore {
  readonly #db: Knex;

  /** `db`: the plugin's client, migrated (see `migrations.ts`). */
  constructor(db: Knex) {
    this.#db = db;
  }

  /** The stored originals of one cluster, by NodePool name. */
  async list(clusterArn: string): Promise<Map<string, StoredNodePoolOriginal>> {
    const rows: OriginalRow[] = await this.#db<OriginalRow>(
      'reconcile_nodepool_originals',
    )
      .where('cluster_arn', clusterArn)
      .select();
    return new Map(rows.map(row => [row.node_pool, originalOf(row)]));
  }

  async get(
    clusterArn: string,
    nodePool: string,
  ): Promise<StoredNodePoolOriginal | undefined> {
    const row: OriginalRow | undefined = await this.#db<OriginalRow>(
      'reconcile_nodepool_originals',
    )
      .where({ cluster_arn: clusterArn, node_pool: nodePool })
      .first();
    return row ? originalOf(row) : undefined;
  }

  /** Stores (or replaces) a NodePool's original; `recorded_at` is kept on a replace. */
  async put(
    clusterArn: string,
    nodePool: string,
    original: StoredNodePoolOriginal,
    now: string,
  ): Promise<void> {
    await this.#db('reconcile_nodepool_originals')
      .insert({
        cluster_arn: clusterArn,
        node_pool: nodePool,
        original_zone_requirements: original.originalZoneRequirements,
        away_zone_ids: JSON.stringify([...original.awayZoneIds].sort()),
        recorded_at: now,
        updated_at: now,
      })
      .onConflict(['cluster_arn', 'node_pool'])
      .merge(['original_zone_requirements', 'away_zone_ids', 'updated_at']);
  }

  async clear(clusterArn: string, nodePool: string): Promise<void> {
    await this.#db('reconcile_nodepool_originals')
      .where({ cluster_arn: clusterArn, node_pool: nodePool })
      .delete();
  }

  /** Removes the originals of NodePools that no longer exist in the cluster. */
  async retainNodePools(
    clusterArn: string,
    nodePools: readonly string[],
  ): Promise<number> {
    const keep = new Set(nodePools);
    const stored = await this.list(clusterArn);
    const gone = [...stored.keys()].filter(name => !keep.has(name));
    for (let i = 0; i < gone.length; i += 200) {
      await this.#db('reconcile_nodepool_originals')
        .where('cluster_arn', clusterArn)
        .whereIn('node_pool', gone.slice(i, i + 200))
        .delete();
    }
    return gone.length;
  }
}
