/**
 * Reads of clusters and what hangs off them, batched per chunk of ARNs. Each
 * takes the connection or transaction to read through (on SQLite a
 * transaction holds the only connection).
 */
import type { Knex } from 'knex';
import type { Zone } from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  ArcResourceRecord,
  AutoshiftRecord,
  ClusterFilter,
  ClusterSortField,
  NodePoolRecord,
  ResilienceAppRecord,
  StoredCluster,
  StoredShift,
  StoredSnapshot,
} from '../domain/records';
import {
  arcResourceFromRow,
  autoshiftFromRow,
  clusterFromRow,
  mergeZones,
  nodePoolFromRow,
  resilienceAppFromRow,
  shiftFromRow,
  snapshotFromRow,
  type ArcResourceRow,
  type AutoshiftRow,
  type ClusterRow,
  type ClusterZoneRow,
  type NodePoolRow,
  type ResilienceAppRow,
  type ShiftRow,
  type SnapshotRow,
} from './rows';
import { whereAccessible, type ClusterAccess } from './clusterAccessSql';

export type Db = Knex | Knex.Transaction;

// Values per IN list, well under SQLite's and PostgreSQL's bound-parameter limits.
export const CHUNK = 200;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

export function dedupe<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) {
    seen.set(key(item), item);
  }
  return [...seen.values()];
}

export function countOf(row: { count?: number | string } | undefined): number {
  return Number(row?.count ?? 0);
}

function group<T>(
  items: readonly T[],
  key: (item: T) => string,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item)) ?? [];
    list.push(item);
    groups.set(key(item), list);
  }
  return groups;
}

export const SORT_COLUMNS: Record<ClusterSortField, string> = {
  name: 'c.name',
  account: 'c.account_id',
  region: 'c.region',
  version: 'c.version_sort',
  verdict: 'c.verdict_rank',
  shiftState: 'c.shift_state',
  lastSeen: 'c.last_seen_at',
  readiness: 'c.readiness_rank',
};

/**
 * Orders a query on `clusters as c` by a sort field, ties by ARN: clusters
 * without a version last; by readiness worst first (in ascending order),
 * then by score. Walks `clusters_readiness_rank_idx` for readiness.
 */
export function orderClusters(
  builder: Knex.QueryBuilder,
  sort: { field: ClusterSortField; order: 'asc' | 'desc' },
): Knex.QueryBuilder {
  const column = SORT_COLUMNS[sort.field];
  if (sort.field === 'version') {
    // knex's `nulls` option drops the column on SQLite; the other sort
    // columns are never null.
    builder.orderByRaw('?? is null', [column]);
  }
  builder.orderBy(column, sort.order);
  if (sort.field === 'readiness') {
    builder.orderBy('c.readiness_score', sort.order);
  }
  return builder.orderBy('c.arn', 'asc');
}

/** A check "fails or warns" for the list's `check` filter. */
const FLAGGED_CHECK_VERDICTS = ['fail', 'warn'];

/** `%`, `_` and the escape character itself match literally. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, c => `\\${c}`)}%`;
}

/**
 * The clusters (`c`) matching a filter, among those of `access` (the
 * caller's permission, as SQL); every value is bound.
 */
export function filteredClusters(
  db: Db,
  filter: ClusterFilter,
  access: ClusterAccess,
): Knex.QueryBuilder {
  const query = whereAccessible(db, db('clusters as c'), access);
  if (filter.accountIds?.length) {
    query.whereIn('c.account_id', filter.accountIds);
  }
  if (filter.regions?.length) {
    query.whereIn('c.region', filter.regions);
  }
  if (filter.versions?.length) {
    query.whereIn('c.version', filter.versions);
  }
  if (filter.shiftStates?.length) {
    query.whereIn('c.shift_state', filter.shiftStates);
  }
  if (filter.verdicts?.length) {
    query.whereIn('c.verdict', filter.verdicts);
  }
  if (filter.freshness?.length) {
    query.whereIn('c.freshness', filter.freshness);
  }
  if (filter.ownerRefs?.length) {
    query.whereIn('c.owner_ref', filter.ownerRefs);
  }
  if (filter.readiness?.length) {
    query.whereIn('c.readiness', filter.readiness);
  }
  if (filter.checks?.length) {
    query.whereIn(
      'c.arn',
      db('cluster_readiness_checks')
        .select('cluster_arn')
        .whereIn('check_id', filter.checks)
        .whereIn('verdict', FLAGGED_CHECK_VERDICTS),
    );
  }
  const zones = filter.zones;
  if (zones?.length) {
    query.whereIn(
      'c.arn',
      db('cluster_zones')
        .select('cluster_arn')
        .whereIn('zone_name', zones)
        .orWhereIn('zone_id', zones),
    );
  }
  if (filter.nameContains) {
    query.whereRaw('lower(c.name) like ? escape ?', [
      likePattern(filter.nameContains),
      '\\',
    ]);
  }
  return query;
}

/** Zones of the given clusters (subnets and nodes), ordered by name. */
export async function zonesOf(
  db: Db,
  arns: readonly string[],
): Promise<Map<string, Zone[]>> {
  const byCluster = new Map<string, Zone[]>();
  for (const chunk of chunks(arns, 500)) {
    const rows: ClusterZoneRow[] = await db<ClusterZoneRow>('cluster_zones')
      .whereIn('cluster_arn', chunk)
      .select('cluster_arn', 'zone_id', 'zone_name');
    for (const [arn, list] of group(rows, row => row.cluster_arn)) {
      byCluster.set(
        arn,
        mergeZones(list.map(row => ({ name: row.zone_name, id: row.zone_id }))),
      );
    }
  }
  return byCluster;
}

/** Cluster rows of a query on `clusters as c`, parsed, with zones and the lowest Resilience Hub score. */
export async function selectClusters(
  db: Db,
  query: Knex.QueryBuilder,
): Promise<StoredCluster[]> {
  const scores = db('resilience_app_clusters as l')
    .join('resilience_apps as a', 'a.app_arn', 'l.app_arn')
    .groupBy('l.cluster_arn')
    .select('l.cluster_arn')
    .min({ score: 'a.resiliency_score' })
    .as('s');
  const rows: Array<ClusterRow & { score: number | string | null }> =
    await query
      .leftJoin(scores, 's.cluster_arn', 'c.arn')
      .select('c.*', 's.score');
  const zones = await zonesOf(
    db,
    rows.map(row => row.arn),
  );
  return rows.map(row =>
    clusterFromRow(row, zones.get(row.arn) ?? [], row.score),
  );
}

/** The latest snapshot of each cluster. */
export async function latestSnapshots(
  db: Db,
  arns: readonly string[],
): Promise<Map<string, StoredSnapshot>> {
  const result = new Map<string, StoredSnapshot>();
  for (const chunk of chunks(arns)) {
    const rows: SnapshotRow[] = await db<SnapshotRow>(
      'capacity_snapshots',
    ).whereIn(
      'id',
      db('capacity_snapshots')
        .max('id')
        .whereIn('cluster_arn', chunk)
        .groupBy('cluster_arn'),
    );
    for (const row of rows) {
      result.set(row.cluster_arn, snapshotFromRow(row));
    }
  }
  return result;
}

export async function nodePoolsOf(
  db: Db,
  arns: readonly string[],
): Promise<Map<string, NodePoolRecord[]>> {
  const result = new Map<string, NodePoolRecord[]>();
  for (const chunk of chunks(arns)) {
    const rows: NodePoolRow[] = await db<NodePoolRow>('node_pools')
      .whereIn('cluster_arn', chunk)
      .orderBy([
        { column: 'cluster_arn', order: 'asc' },
        { column: 'name', order: 'asc' },
      ]);
    for (const [arn, list] of group(rows, row => row.cluster_arn)) {
      result.set(arn, list.map(nodePoolFromRow));
    }
  }
  return result;
}

/** Shifts of each cluster, newest first. */
export async function shiftsOf(
  db: Db,
  arns: readonly string[],
): Promise<Map<string, StoredShift[]>> {
  const result = new Map<string, StoredShift[]>();
  for (const chunk of chunks(arns)) {
    const rows: ShiftRow[] = await db<ShiftRow>('shifts')
      .whereIn('cluster_arn', chunk)
      .orderBy([
        { column: 'start_time', order: 'desc' },
        { column: 'zonal_shift_id', order: 'asc' },
      ]);
    for (const [arn, list] of group(rows, row => row.cluster_arn)) {
      result.set(arn, list.map(shiftFromRow));
    }
  }
  return result;
}

export async function arcResourcesOf(
  db: Db,
  arns: readonly string[],
): Promise<Map<string, ArcResourceRecord>> {
  const result = new Map<string, ArcResourceRecord>();
  for (const chunk of chunks(arns)) {
    const rows: ArcResourceRow[] = await db<ArcResourceRow>(
      'arc_resources',
    ).whereIn('arn', chunk);
    for (const row of rows) {
      result.set(row.arn, arcResourceFromRow(row));
    }
  }
  return result;
}

/** Autoshifts by `<account>/<region>`, newest first. */
export async function autoshiftsOf(
  db: Db,
  scopes: ReadonlyArray<{ accountId: string; region: string }>,
): Promise<Map<string, AutoshiftRecord[]>> {
  const accounts = [...new Set(scopes.map(s => s.accountId))];
  const regions = [...new Set(scopes.map(s => s.region))];
  if (accounts.length === 0) {
    return new Map();
  }
  const rows: AutoshiftRow[] = await db<AutoshiftRow>('autoshifts')
    .whereIn('account_id', accounts)
    .whereIn('region', regions)
    .orderBy('start_time', 'desc');
  return new Map(
    [...group(rows, row => `${row.account_id}/${row.region}`)].map(
      ([key, list]) => [key, list.map(autoshiftFromRow)],
    ),
  );
}

/** The Resilience Hub apps holding each cluster, by name. */
export async function resilienceAppsOf(
  db: Db,
  arns: readonly string[],
): Promise<Map<string, ResilienceAppRecord[]>> {
  const result = new Map<string, ResilienceAppRecord[]>();
  for (const chunk of chunks(arns)) {
    const rows: Array<ResilienceAppRow & { cluster_arn: string }> = await db(
      'resilience_apps as a',
    )
      .join('resilience_app_clusters as l', 'l.app_arn', 'a.app_arn')
      .whereIn('l.cluster_arn', chunk)
      .orderBy([
        { column: 'a.name', order: 'asc' },
        { column: 'a.app_arn', order: 'asc' },
      ])
      .select('a.*', 'l.cluster_arn');
    for (const [arn, list] of group(rows, row => row.cluster_arn)) {
      result.set(
        arn,
        list.map(row => resilienceAppFromRow(row, [arn])),
      );
    }
  }
  return result;
}
