/**
 * Reads of whole clusters: one cluster, every cluster (for the ingestion and
 * the reconciler), the filtered, sorted and paged list, the stored API
 * documents and the freshness counts. Writes nothing. The reads the HTTP API
 * serves take the caller's {@link ClusterAccess}: the permission filter is
 * part of the query, so pages and counts are exact.
 */
import type { Knex } from 'knex';
import type { KubernetesStatus } from '../domain/clusterDocuments';
import type { FleetReadinessSummary } from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  ClusterFilter,
  ClusterListQuery,
  FreshnessCounts,
  StoredCluster,
} from '../domain/records';
import {
  ALL_CLUSTERS,
  whereAccessible,
  type ClusterAccess,
} from './clusterAccessSql';
import {
  countOf,
  filteredClusters,
  orderClusters,
  selectClusters,
} from './clusterReads';
import { countReadiness } from './readinessCounts';
import { optional, type ClusterRow } from './rows';

/** A cluster's stored documents and its Kubernetes status, for the HTTP API. */
export interface ClusterDocuments {
  arn: string;
  summary: string;
  detail: string;
  status: KubernetesStatus;
}

type StatusColumns = Pick<
  ClusterRow,
  | 'arn'
  | 'summary'
  | 'freshness'
  | 'k8s_last_attempt_at'
  | 'k8s_last_success_at'
  | 'k8s_last_error'
  | 'k8s_duration_ms'
>;

const SUMMARY_COLUMNS = [
  'c.arn',
  'c.summary',
  'c.freshness',
  'c.k8s_last_attempt_at',
  'c.k8s_last_success_at',
  'c.k8s_last_error',
  'c.k8s_duration_ms',
];

const DOCUMENT_COLUMNS = [
  'c.arn',
  'c.summary',
  'c.detail',
  'c.freshness',
  'c.k8s_last_attempt_at',
  'c.k8s_last_success_at',
  'c.k8s_last_error',
  'c.k8s_duration_ms',
];

function documentsFromRow(
  row: StatusColumns & { detail?: string | null },
): ClusterDocuments {
  return {
    arn: row.arn,
    summary: row.summary ?? '{}',
    detail: row.detail ?? '{}',
    status: {
      freshness: row.freshness as KubernetesStatus['freshness'],
      lastAttemptAt: optional(row.k8s_last_attempt_at),
      lastSuccessAt: optional(row.k8s_last_success_at),
      lastError: optional(row.k8s_last_error),
      durationMs:
        row.k8s_duration_ms === null ? undefined : Number(row.k8s_duration_ms),
    },
  };
}

/** `items` in the order of `keys` (rows missing from `items` are skipped). */
function inOrder<T>(
  keys: readonly string[],
  items: readonly T[],
  key: (item: T) => string,
): T[] {
  const byKey = new Map(items.map(item => [key(item), item]));
  return keys.flatMap(k => {
    const item = byKey.get(k);
    return item ? [item] : [];
  });
}

export class ClusterQueries {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /**
   * One cluster; undefined when unknown or not among `access` (every
   * cluster by default: the ingestion, reconciler and actions read all).
   */
  async getCluster(
    arn: string,
    access: ClusterAccess = ALL_CLUSTERS,
  ): Promise<StoredCluster | undefined> {
    const [cluster] = await selectClusters(
      this.#db,
      whereAccessible(
        this.#db,
        this.#db('clusters as c').where('c.arn', arn),
        access,
      ),
    );
    return cluster;
  }

  /** Every cluster (for the ingestion), ordered by ARN. */
  async listAllClusters(): Promise<StoredCluster[]> {
    return selectClusters(this.#db, this.#db('clusters as c').orderBy('c.arn'));
  }

  /**
   * Filtered, sorted (nulls last, ties by ARN) and paged clusters of
   * `access`, parsed.
   */
  async listClusters(
    query: ClusterListQuery,
    access: ClusterAccess,
  ): Promise<{ items: StoredCluster[]; totalCount: number }> {
    const { arns, totalCount } = await this.#pageArns(query, access);
    const clusters = await selectClusters(
      this.#db,
      this.#db('clusters as c').whereIn('c.arn', arns),
    );
    return { items: inOrder(arns, clusters, c => c.ref.arn), totalCount };
  }

  /**
   * The same page as {@link ClusterQueries.listClusters}, as stored summary
   * documents, in one round trip: the page is sorted on narrow rows (walking
   * the sort index where there is one), then joined to its documents, with
   * the total count. The access filter is inside the page and the count.
   */
  async listClusterDocuments(
    query: ClusterListQuery,
    access: ClusterAccess,
  ): Promise<{ items: ClusterDocuments[]; totalCount: number }> {
    const sorted = (builder: Knex.QueryBuilder) =>
      orderClusters(builder, query.sort);
    const page = sorted(
      filteredClusters(this.#db, query.filter, access).select('c.arn'),
    )
      .limit(query.page.limit)
      .offset(query.page.offset);
    const total = filteredClusters(this.#db, query.filter, access).count('*');
    const rows: Array<StatusColumns & { total_count: number | string }> =
      await sorted(
        this.#db
          .with('page', page)
          .from('page as p')
          .join('clusters as c', 'c.arn', 'p.arn')
          .select(SUMMARY_COLUMNS)
          .select(this.#db.raw('(?) as total_count', [total])),
      );
    if (rows.length === 0) {
      const { totalCount } = await this.#pageArns(
        { ...query, page: { limit: 1, offset: 0 } },
        access,
      );
      return { items: [], totalCount };
    }
    return {
      items: rows.map(documentsFromRow),
      totalCount: Number(rows[0].total_count),
    };
  }

  async #pageArns(
    query: ClusterListQuery,
    access: ClusterAccess,
  ): Promise<{ arns: string[]; totalCount: number }> {
    const base = filteredClusters(this.#db, query.filter, access);
    // A separate count: `count(*) over ()` would make SQLite read every row
    // before the limit instead of walking the sort index.
    const [count] = await base.clone().count({ count: '*' });
    const rows: Array<{ arn: string }> = await orderClusters(
      base.clone().select('c.arn'),
      query.sort,
    )
      .limit(query.page.limit)
      .offset(query.page.offset);
    return { arns: rows.map(row => row.arn), totalCount: countOf(count) };
  }

  /**
   * The read generation (migration `20261207000700_read_generation`): it
   * changes, in the writing transaction, with every write to the tables the
   * list and detail answer from, whichever replica writes. Read it before
   * the data: an answer read after it is at least as new as it.
   */
  async readGeneration(): Promise<number> {
    const row: { generation: number | string } | undefined = await this.#db(
      'fleet_read_generation',
    )
      .where('id', 1)
      .first('generation');
    if (!row) {
      throw new Error('fleet_read_generation has no row: migrations not run');
    }
    return Number(row.generation);
  }

  /** One cluster's documents; undefined when unknown or not among `access`. */
  async getClusterDocuments(
    arn: string,
    access: ClusterAccess,
  ): Promise<ClusterDocuments | undefined> {
    const row: StatusColumns | undefined = await whereAccessible(
      this.#db,
      this.#db('clusters as c').where('c.arn', arn),
      access,
    ).first(DOCUMENT_COLUMNS);
    return row ? documentsFromRow(row) : undefined;
  }

  /** How many clusters of `access` are fresh, stale or never read from Kubernetes. */
  async countByFreshness(access: ClusterAccess): Promise<FreshnessCounts> {
    const rows: Array<{ freshness: string; count: number | string }> =
      await whereAccessible(this.#db, this.#db('clusters as c'), access)
        .groupBy('c.freshness')
        .select('c.freshness as freshness')
        .count({ count: '*' });
    const counts: FreshnessCounts = { total: 0, fresh: 0, stale: 0, never: 0 };
    for (const row of rows) {
      const n = Number(row.count);
      counts.total += n;
      if (
        row.freshness === 'fresh' ||
        row.freshness === 'stale' ||
        row.freshness === 'never'
      ) {
        counts[row.freshness] += n;
      }
    }
    return counts;
  }

  /** The readiness of the clusters of `access` matching `filter`, counted in SQL. */
  async readinessSummary(
    filter: ClusterFilter,
    access: ClusterAccess,
  ): Promise<FleetReadinessSummary> {
    return countReadiness(this.#db, filter, access);
  }
}
