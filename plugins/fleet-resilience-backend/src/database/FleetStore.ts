/**
 * The Fleet Resilience store on the Backstage database service. Every query
 * goes through the knex builder with bound values; every multi-row change
 * runs in one transaction, and a change to a cluster's data rebuilds its API
 * documents in the same transaction.
 */
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type { Zone } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { AccountRegion } from '@fleet-resilience/plugin-fleet-resilience-node';
import type { KubernetesStatus } from '../domain/clusterDocuments';
import {
  arcResourcesOf,
  autoshiftsOf,
  chunks,
  countOf,
  dedupe,
  filteredClusters,
  latestSnapshots,
  nodePoolsOf,
  resilienceAppsOf,
  selectClusters,
  SORT_COLUMNS,
  zonesOf,
  type Db,
} from './clusterReads';
import { replaceArcRegion } from './arcState';
import { rebuildDocuments } from './rebuildDocuments';
import type {
  AccountZoneRecord,
  ArcRegionRecord,
  ArcResourceRecord,
  AutoshiftRecord,
  ClusterActiveShiftSources,
  ClusterInventoryRecord,
  ClusterListQuery,
  EksDetailsRecord,
  FreshnessCounts,
  KubernetesRefreshTarget,
  KubernetesSnapshotRecord,
  NodePoolRecord,
  PageRequest,
  RefreshResultRecord,
  ResilienceAppRecord,
  ShiftFilter,
  StoredCluster,
  StoredRefreshResult,
  StoredShift,
  StoredSnapshot,
} from '../domain/records';
import {
  autoshiftFromRow,
  mergeZones,
  optional,
  refreshResultFromRow,
  shiftFromRow,
  snapshotFromRow,
  toJson,
  versionSortKey,
  type AutoshiftRow,
  type ClusterRow,
  type ClusterZoneRow,
  type RefreshResultRow,
  type ShiftRow,
  type SnapshotRow,
} from './rows';

const MIGRATIONS_DIRECTORY = resolvePackagePath(
  '@fleet-resilience/plugin-fleet-resilience-backend',
  'migrations',
);

const MAX_PROBLEMS_STORED = 50;

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

export interface FleetStoreOptions {
  /** Capacity snapshots kept per cluster (the latest is served). Default 10. */
  snapshotsPerCluster?: number;
}

export class FleetStore {
  readonly #db: Knex;
  readonly #snapshotsPerCluster: number;

  static async create(
    database: DatabaseService,
    options: FleetStoreOptions = {},
  ): Promise<FleetStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    }
    return new FleetStore(client, options);
  }

  private constructor(db: Knex, options: FleetStoreOptions) {
    this.#db = db;
    this.#snapshotsPerCluster = Math.max(1, options.snapshotsPerCluster ?? 10);
  }

  // ---------------------------------------------------------------- inventory

  /**
   * Upserts the clusters one inventory source reported and removes the
   * source's clusters it no longer reports, with everything stored about them,
   * except in the account/regions to `keep` (those the source could not read).
   * Only call with a successful read of the source.
   */
  async applyInventory(
    sourceId: string,
    clusters: readonly ClusterInventoryRecord[],
    seenAt: string,
    options: { keep?: readonly AccountRegion[] } = {},
  ): Promise<{ added: number; removed: number }> {
    const kept = new Set(
      (options.keep ?? []).map(s => `${s.accountId}/${s.region}`),
    );
    return this.#db.transaction(async tx => {
      const previous: Array<Pick<ClusterRow, 'arn' | 'account_id' | 'region'>> =
        await tx<ClusterRow>('clusters')
          .where('source_id', sourceId)
          .select('arn', 'account_id', 'region');
      const existing = new Set(previous.map(row => row.arn));
      const rows = clusters.map(cluster => ({
        arn: cluster.ref.arn,
        account_id: cluster.ref.accountId,
        region: cluster.ref.region,
        name: cluster.ref.name,
        source_id: sourceId,
        version: cluster.version ?? null,
        version_sort: versionSortKey(cluster.version),
        status: cluster.status ?? null,
        endpoint: cluster.endpoint ?? null,
        certificate_authority_data: cluster.certificateAuthorityData ?? null,
        tags: toJson(cluster.tags),
        owner: cluster.owner ?? null,
        system: cluster.system ?? null,
        first_seen_at: seenAt,
        last_seen_at: seenAt,
      }));
      for (const chunk of chunks(rows, 50)) {
        await tx('clusters')
          .insert(chunk)
          .onConflict('arn')
          .merge([
            'account_id',
            'region',
            'name',
            'source_id',
            'version',
            'version_sort',
            'status',
            'endpoint',
            'certificate_authority_data',
            'tags',
            'owner',
            'system',
            'last_seen_at',
          ]);
      }
      const seen = new Set(clusters.map(c => c.ref.arn));
      const gone = previous
        .filter(row => !kept.has(`${row.account_id}/${row.region}`))
        .map(row => row.arn)
        .filter(arn => !seen.has(arn));
      await this.#deleteClusters(tx, gone);

      const arns = clusters.map(c => c.ref.arn);
      for (const chunk of chunks(arns)) {
        await tx('cluster_zones')
          .whereIn('cluster_arn', chunk)
          .andWhere('origin', 'subnet')
          .delete();
      }
      const zoneRows: ClusterZoneRow[] = clusters.flatMap(cluster =>
        mergeZones(cluster.subnetZones).map(zone => ({
          cluster_arn: cluster.ref.arn,
          origin: 'subnet' as const,
          zone_id: zone.id,
          zone_name: zone.name,
        })),
      );
      for (const chunk of chunks(zoneRows)) {
        await tx('cluster_zones').insert(chunk);
      }
      await rebuildDocuments(tx, arns);
      return {
        added: arns.filter(arn => !existing.has(arn)).length,
        removed: gone.length,
      };
    });
  }

  async #deleteClusters(tx: Knex.Transaction, arns: readonly string[]) {
    for (const chunk of chunks(arns)) {
      await tx('cluster_zones').whereIn('cluster_arn', chunk).delete();
      await tx('capacity_snapshots').whereIn('cluster_arn', chunk).delete();
      await tx('node_pools').whereIn('cluster_arn', chunk).delete();
      await tx('refresh_results').whereIn('cluster_arn', chunk).delete();
      await tx('clusters').whereIn('arn', chunk).delete();
    }
  }

  /** Records AZ name <-> ID pairs; a pair seen again replaces the old one. */
  async upsertAccountZones(
    zones: readonly AccountZoneRecord[],
    seenAt: string,
  ): Promise<void> {
    const rows = dedupe(zones, z => `${z.accountId}/${z.zone.name}`).map(
      zone => ({
        account_id: zone.accountId,
        region: zone.region,
        zone_name: zone.zone.name,
        zone_id: zone.zone.id,
        updated_at: seenAt,
      }),
    );
    if (rows.length === 0) {
      return;
    }
    await this.#db.transaction(async tx => {
      for (const chunk of chunks(rows, 100)) {
        await tx('account_zones')
          .insert(chunk)
          .onConflict(['account_id', 'zone_name'])
          .merge(['region', 'zone_id', 'updated_at']);
      }
    });
  }

  async listAccountZones(accountId: string, region: string): Promise<Zone[]> {
    const rows: Array<{ zone_name: string; zone_id: string }> = await this.#db(
      'account_zones',
    )
      .where({ account_id: accountId, region })
      .orderBy('zone_name')
      .select('zone_name', 'zone_id');
    return rows.map(row => ({ name: row.zone_name, id: row.zone_id }));
  }

  // ---------------------------------------------------------------- ARC

  /**
   * Replaces ARC's state of one account and region: managed resources and
   * autoshifts are replaced, shifts upserted by ID (history is kept), and the
   * shift state of the region's clusters updated.
   */
  async applyArcRegion(record: ArcRegionRecord, seenAt: string): Promise<void> {
    await this.#db.transaction(async tx => {
      await rebuildDocuments(tx, await replaceArcRegion(tx, record, seenAt));
    });
  }

  async getArcResource(arn: string): Promise<ArcResourceRecord | undefined> {
    return (await arcResourcesOf(this.#db, [arn])).get(arn);
  }

  async listAutoshifts(
    accountId: string,
    region: string,
  ): Promise<AutoshiftRecord[]> {
    const key = `${accountId}/${region}`;
    return (
      (await autoshiftsOf(this.#db, [{ accountId, region }])).get(key) ?? []
    );
  }

  // ---------------------------------------------------------------- shifts

  async listShiftsOfCluster(
    arn: string,
    limit: number,
  ): Promise<StoredShift[]> {
    const rows: ShiftRow[] = await this.#db<ShiftRow>('shifts')
      .where('cluster_arn', arn)
      .orderBy([
        { column: 'start_time', order: 'desc' },
        { column: 'zonal_shift_id', order: 'asc' },
      ])
      .limit(limit);
    return rows.map(shiftFromRow);
  }

  async listShifts(
    filter: ShiftFilter,
    page: PageRequest,
  ): Promise<{ items: StoredShift[]; totalCount: number }> {
    const query = this.#db<ShiftRow>('shifts');
    if (filter.clusterArns?.length) {
      query.whereIn('cluster_arn', filter.clusterArns);
    }
    if (filter.statuses?.length) {
      query.whereIn('status', filter.statuses);
    }
    if (filter.types?.length) {
      query.whereIn('shift_type', filter.types);
    }
    if (filter.since) {
      query.where('start_time', '>=', filter.since);
    }
    const [count] = await query.clone().count({ count: '*' });
    const rows: ShiftRow[] = await query
      .clone()
      .select('*')
      .orderBy([
        { column: 'start_time', order: 'desc' },
        { column: 'zonal_shift_id', order: 'asc' },
      ])
      .limit(page.limit)
      .offset(page.offset);
    return { items: rows.map(shiftFromRow), totalCount: countOf(count) };
  }

  /**
   * What the fleet's active shifts are decided from: every cluster with a
   * stored ACTIVE shift, or in an account and region with an ACTIVE
   * autoshift, with its zones, ARC resource, ACTIVE shifts and the
   * autoshifts of its account and region; ordered by ARN. Whether each
   * applies (expiry, precedence, AZ) is decided by the caller.
   */
  async listActiveShiftSources(): Promise<ClusterActiveShiftSources[]> {
    const db = this.#db;
    const shiftRows: ShiftRow[] = await db<ShiftRow>('shifts').where(
      'status',
      'ACTIVE',
    );
    const autoshiftRows: AutoshiftRow[] = await db<AutoshiftRow>(
      'autoshifts',
    ).where('status', 'ACTIVE');
    const scopes = dedupe(
      autoshiftRows.map(row => ({
        accountId: row.account_id,
        region: row.region,
      })),
      scope => `${scope.accountId}/${scope.region}`,
    );
    type RefRow = Pick<ClusterRow, 'arn' | 'account_id' | 'region' | 'name'>;
    const columns = ['arn', 'account_id', 'region', 'name'];
    const clusterRows: RefRow[] = [];
    for (const chunk of chunks([
      ...new Set(shiftRows.map(row => row.cluster_arn)),
    ])) {
      clusterRows.push(
        ...(await db('clusters').whereIn('arn', chunk).select(columns)),
      );
    }
    for (const scope of scopes) {
      clusterRows.push(
        ...(await db('clusters')
          .where({ account_id: scope.accountId, region: scope.region })
          .select(columns)),
      );
    }
    const clusters = dedupe(clusterRows, row => row.arn).sort((a, b) =>
      a.arn < b.arn ? -1 : Number(a.arn > b.arn),
    );
    if (clusters.length === 0) {
      return [];
    }
    const arns = clusters.map(row => row.arn);
    const zones = await zonesOf(db, arns);
    const resources = await arcResourcesOf(db, arns);
    const accountZoneRows: Array<{
      account_id: string;
      region: string;
      zone_name: string;
      zone_id: string;
    }> = [];
    for (const chunk of chunks([
      ...new Set(clusters.map(row => row.account_id)),
    ])) {
      accountZoneRows.push(
        ...(await db('account_zones')
          .whereIn('account_id', chunk)
          .select('account_id', 'region', 'zone_name', 'zone_id')),
      );
    }
    const scopeOf = (row: { account_id: string; region: string }) =>
      `${row.account_id}/${row.region}`;
    return clusters.map(row => ({
      ref: {
        arn: row.arn,
        accountId: row.account_id,
        region: row.region,
        name: row.name,
      },
      zones: zones.get(row.arn) ?? [],
      accountZones: mergeZones(
        accountZoneRows
          .filter(zone => scopeOf(zone) === scopeOf(row))
          .map(zone => ({ name: zone.zone_name, id: zone.zone_id })),
      ),
      ...(resources.has(row.arn) ? { resource: resources.get(row.arn) } : {}),
      shifts: shiftRows
        .filter(shift => shift.cluster_arn === row.arn)
        .map(shiftFromRow),
      autoshifts: autoshiftRows
        .filter(autoshift => scopeOf(autoshift) === scopeOf(row))
        .map(autoshiftFromRow),
    }));
  }

  // ---------------------------------------------------------------- Resilience Hub

  /** Replaces the Resilience Hub applications of one account and region. */
  async applyResilienceApps(
    accountId: string,
    region: string,
    apps: readonly ResilienceAppRecord[],
    seenAt: string,
  ): Promise<void> {
    await this.#db.transaction(async tx => {
      const previous: Array<{ app_arn: string }> = await tx('resilience_apps')
        .where({ account_id: accountId, region })
        .select('app_arn');
      const unique = dedupe(apps, app => app.appArn);
      const appArns = [
        ...previous.map(row => row.app_arn),
        ...unique.map(app => app.appArn),
      ];
      const affected: string[] = [];
      for (const chunk of chunks(appArns)) {
        const links: Array<{ cluster_arn: string }> = await tx(
          'resilience_app_clusters',
        )
          .whereIn('app_arn', chunk)
          .select('cluster_arn');
        affected.push(...links.map(link => link.cluster_arn));
        await tx('resilience_app_clusters').whereIn('app_arn', chunk).delete();
        await tx('resilience_apps').whereIn('app_arn', chunk).delete();
      }
      for (const chunk of chunks(unique, 50)) {
        await tx('resilience_apps').insert(
          chunk.map(app => ({
            app_arn: app.appArn,
            account_id: accountId,
            region,
            name: app.name,
            resiliency_score: app.resiliencyScore ?? null,
            compliance_status: app.complianceStatus ?? null,
            az_compliance: app.azCompliance ? toJson(app.azCompliance) : null,
            assessed_at: app.assessedAt ?? null,
            updated_at: seenAt,
          })),
        );
      }
      const links = dedupe(
        unique.flatMap(app =>
          app.clusterArns.map(clusterArn => ({
            app_arn: app.appArn,
            cluster_arn: clusterArn,
          })),
        ),
        link => `${link.app_arn} ${link.cluster_arn}`,
      );
      for (const chunk of chunks(links, 100)) {
        await tx('resilience_app_clusters').insert(chunk);
      }
      await rebuildDocuments(tx, [
        ...affected,
        ...links.map(link => link.cluster_arn),
      ]);
    });
  }

  async listResilienceAppsOfCluster(
    clusterArn: string,
  ): Promise<ResilienceAppRecord[]> {
    return (
      (await resilienceAppsOf(this.#db, [clusterArn])).get(clusterArn) ?? []
    );
  }

  // ---------------------------------------------------------------- EKS

  async applyEksDetails(
    details: readonly EksDetailsRecord[],
    checkedAt: string,
  ): Promise<void> {
    await this.#db.transaction(async tx => {
      for (const detail of details) {
        await tx('clusters')
          .where('arn', detail.arn)
          .update({
            zonal_shift_enabled: detail.zonalShiftEnabled,
            platform_version: detail.platformVersion ?? null,
            ...(detail.status ? { status: detail.status } : {}),
            eks_checked_at: checkedAt,
          });
      }
      await rebuildDocuments(
        tx,
        details.map(detail => detail.arn),
      );
    });
  }

  // ---------------------------------------------------------------- Kubernetes

  async listKubernetesTargets(): Promise<KubernetesRefreshTarget[]> {
    const rows: Array<
      Pick<
        ClusterRow,
        | 'arn'
        | 'account_id'
        | 'region'
        | 'name'
        | 'endpoint'
        | 'certificate_authority_data'
      >
    > = await this.#db<ClusterRow>('clusters')
      .orderBy('arn')
      .select(
        'arn',
        'account_id',
        'region',
        'name',
        'endpoint',
        'certificate_authority_data',
      );
    const zones = await zonesOf(
      this.#db,
      rows.map(row => row.arn),
    );
    return rows.map(row => ({
      ref: {
        arn: row.arn,
        accountId: row.account_id,
        region: row.region,
        name: row.name,
      },
      endpoint: optional(row.endpoint),
      certificateAuthorityData: optional(row.certificate_authority_data),
      zones: zones.get(row.arn) ?? [],
    }));
  }

  /**
   * Stores one successful Kubernetes read: a new snapshot (older ones beyond
   * the history bound are dropped), the NodePools, the node zones and the
   * cluster's summary columns, all or nothing.
   */
  async applyKubernetesSnapshot(
    snapshot: KubernetesSnapshotRecord,
    result: RefreshResultRecord,
  ): Promise<void> {
    const arn = snapshot.arn;
    await this.#db.transaction(async tx => {
      const exists = await tx('clusters').where('arn', arn).first('arn');
      if (!exists) {
        return; // removed from the inventory while it was being read
      }
      await tx('capacity_snapshots').insert({
        cluster_arn: arn,
        captured_at: snapshot.capturedAt,
        capacity: toJson(snapshot.capacity),
        assessment: toJson(snapshot.assessment),
      });
      const old: Array<{ id: number }> = await tx('capacity_snapshots')
        .where('cluster_arn', arn)
        .orderBy('id', 'desc')
        .offset(this.#snapshotsPerCluster)
        .limit(1000)
        .select('id');
      if (old.length > 0) {
        await tx('capacity_snapshots')
          .whereIn(
            'id',
            old.map(row => row.id),
          )
          .delete();
      }

      await tx('node_pools').where('cluster_arn', arn).delete();
      for (const chunk of chunks(
        dedupe(snapshot.nodePools, p => p.name),
        50,
      )) {
        await tx('node_pools').insert(
          chunk.map((pool: NodePoolRecord) => ({
            cluster_arn: arn,
            name: pool.name,
            resource_version: pool.resourceVersion,
            zone_requirements: toJson(pool.zoneRequirements),
            allowed_zones: toJson(pool.allowedZones),
            unrestricted: pool.unrestricted,
            weight: pool.weight ?? null,
            zone_annotations: toJson(pool.zoneAnnotations),
            updated_at: snapshot.capturedAt,
          })),
        );
      }

      await tx('cluster_zones')
        .where({ cluster_arn: arn, origin: 'node' })
        .delete();
      const zoneRows = mergeZones(snapshot.nodeZones).map(zone => ({
        cluster_arn: arn,
        origin: 'node',
        zone_id: zone.id,
        zone_name: zone.name,
      }));
      if (zoneRows.length > 0) {
        await tx('cluster_zones').insert(zoneRows);
      }

      // The verdict columns are written with the documents, below: while a
      // shift applies they hold its after-shift N-1, not the snapshot's.
      await tx('clusters')
        .where('arn', arn)
        .update({
          capacity_totals: toJson(snapshot.totals),
          capacity_captured_at: snapshot.capturedAt,
          freshness: 'fresh',
          k8s_last_attempt_at: result.startedAt,
          k8s_last_success_at: result.startedAt,
          k8s_last_error: null,
          k8s_duration_ms: Math.round(result.durationMs),
          karpenter: toJson(snapshot.karpenter),
          k8s_problems: toJson(snapshot.problems.slice(0, MAX_PROBLEMS_STORED)),
        });
      await this.#writeRefreshResult(tx, result);
      await rebuildDocuments(tx, [arn]);
    });
  }

  /** A failed Kubernetes read: the last data stays, marked stale. */
  async applyKubernetesFailure(result: RefreshResultRecord): Promise<void> {
    if (!result.clusterArn) {
      throw new Error('A Kubernetes refresh result needs a cluster ARN');
    }
    const arn = result.clusterArn;
    await this.#db.transaction(async tx => {
      // The documents leave out the health: nothing to rebuild.
      const updated = await tx('clusters')
        .where('arn', arn)
        .update({
          freshness: 'stale',
          k8s_last_attempt_at: result.startedAt,
          k8s_last_error: result.errorMessage ?? 'unknown error',
          k8s_duration_ms: Math.round(result.durationMs),
        });
      if (updated > 0) {
        await this.#writeRefreshResult(tx, result);
      }
    });
  }

  async getLatestSnapshot(arn: string): Promise<StoredSnapshot | undefined> {
    return (await latestSnapshots(this.#db, [arn])).get(arn);
  }

  async listSnapshots(arn: string): Promise<StoredSnapshot[]> {
    const rows: SnapshotRow[] = await this.#db<SnapshotRow>(
      'capacity_snapshots',
    )
      .where('cluster_arn', arn)
      .orderBy('id', 'desc');
    return rows.map(snapshotFromRow);
  }

  async listNodePools(arn: string): Promise<NodePoolRecord[]> {
    return (await nodePoolsOf(this.#db, [arn])).get(arn) ?? [];
  }

  // ---------------------------------------------------------------- refresh results

  async recordRefreshResult(result: RefreshResultRecord): Promise<void> {
    await this.#writeRefreshResult(this.#db, result);
  }

  async #writeRefreshResult(
    db: Db,
    result: RefreshResultRecord,
  ): Promise<void> {
    const row = {
      source: result.source,
      cluster_arn: result.clusterArn ?? '',
      started_at: result.startedAt,
      finished_at: result.finishedAt,
      ok: result.ok,
      error_message: result.ok ? null : result.errorMessage ?? 'unknown error',
      duration_ms: Math.max(0, Math.round(result.durationMs)),
      last_success_at: result.ok ? result.startedAt : null,
    };
    const merge = [
      'started_at',
      'finished_at',
      'ok',
      'error_message',
      'duration_ms',
      ...(result.ok ? ['last_success_at'] : []),
    ];
    await db('refresh_results')
      .insert(row)
      .onConflict(['source', 'cluster_arn'])
      .merge(merge);
  }

  async listRefreshResults(options: {
    clusterArn?: string;
  }): Promise<StoredRefreshResult[]> {
    const rows: RefreshResultRow[] = await this.#db<RefreshResultRow>(
      'refresh_results',
    )
      .where('cluster_arn', options.clusterArn ?? '')
      .orderBy('source');
    return rows.map(refreshResultFromRow);
  }

  /** Whether some cluster's Kubernetes API has not been tried yet (new in the inventory). */
  async hasClustersNotYetReadFromKubernetes(): Promise<boolean> {
    const row = await this.#db('clusters')
      .whereNull('k8s_last_attempt_at')
      .first('arn');
    return row !== undefined;
  }

  async countByFreshness(): Promise<FreshnessCounts> {
    const rows: Array<{ freshness: string; count: number | string }> =
      await this.#db('clusters')
        .groupBy('freshness')
        .select('freshness')
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

  // ---------------------------------------------------------------- clusters

  async getCluster(arn: string): Promise<StoredCluster | undefined> {
    const [cluster] = await selectClusters(
      this.#db,
      this.#db('clusters as c').where('c.arn', arn),
    );
    return cluster;
  }

  /** Every cluster (for the ingestion), ordered by ARN. */
  async listAllClusters(): Promise<StoredCluster[]> {
    return selectClusters(this.#db, this.#db('clusters as c').orderBy('c.arn'));
  }

  /** Filtered, sorted (nulls last, ties by ARN) and paged clusters, parsed. */
  async listClusters(
    query: ClusterListQuery,
  ): Promise<{ items: StoredCluster[]; totalCount: number }> {
    const { arns, totalCount } = await this.#pageArns(query);
    const clusters = await selectClusters(
      this.#db,
      this.#db('clusters as c').whereIn('c.arn', arns),
    );
    return { items: inOrder(arns, clusters, c => c.ref.arn), totalCount };
  }

  /**
   * The same page as {@link listClusters}, as stored summary documents, in
   * one round trip: the page is sorted on narrow rows (walking the sort index
   * where there is one), then joined to its documents, with the total count.
   */
  async listClusterDocuments(
    query: ClusterListQuery,
  ): Promise<{ items: ClusterDocuments[]; totalCount: number }> {
    const column = SORT_COLUMNS[query.sort.field];
    const sorted = (builder: Knex.QueryBuilder) => {
      if (query.sort.field === 'version') {
        builder.orderByRaw('?? is null', [column]);
      }
      return builder.orderBy(column, query.sort.order).orderBy('c.arn', 'asc');
    };
    const page = sorted(
      filteredClusters(this.#db, query.filter).select('c.arn'),
    )
      .limit(query.page.limit)
      .offset(query.page.offset);
    const total = filteredClusters(this.#db, query.filter).count('*');
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
      const { totalCount } = await this.#pageArns({
        ...query,
        page: { limit: 1, offset: 0 },
      });
      return { items: [], totalCount };
    }
    return {
      items: rows.map(documentsFromRow),
      totalCount: Number(rows[0].total_count),
    };
  }

  async #pageArns(
    query: ClusterListQuery,
  ): Promise<{ arns: string[]; totalCount: number }> {
    const base = filteredClusters(this.#db, query.filter);
    // A separate count: `count(*) over ()` would make SQLite read every row
    // before the limit instead of walking the sort index.
    const [count] = await base.clone().count({ count: '*' });
    const column = SORT_COLUMNS[query.sort.field];
    const page = base.clone().select('c.arn');
    if (query.sort.field === 'version') {
      // Clusters without a version last, on both engines (knex's `nulls`
      // option drops the column on SQLite); the other sort columns are never null.
      page.orderByRaw('?? is null', [column]);
    }
    const rows: Array<{ arn: string }> = await page
      .orderBy(column, query.sort.order)
      .orderBy('c.arn', 'asc')
      .limit(query.page.limit)
      .offset(query.page.offset);
    return { arns: rows.map(row => row.arn), totalCount: countOf(count) };
  }

  async getClusterDocuments(
    arn: string,
  ): Promise<ClusterDocuments | undefined> {
    const row: StatusColumns | undefined = await this.#db('clusters as c')
      .where('c.arn', arn)
      .first(DOCUMENT_COLUMNS);
    return row ? documentsFromRow(row) : undefined;
  }
}
