/**
 * The Fleet Resilience store on the Backstage database service. Every query
 * goes through the knex builder with bound values; every multi-row change
 * runs in one transaction.
 */
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type { Zone } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { AccountRegion } from '@fleet-resilience/plugin-fleet-resilience-node';
import type {
  AccountZoneRecord,
  ArcRegionRecord,
  AuditEventRecord,
  ClusterFilter,
  ClusterInventoryRecord,
  ClusterListQuery,
  ClusterSortField,
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
  ArcResourceRecord,
  AutoshiftRecord,
} from './records';
import {
  ClusterRow,
  ClusterZoneRow,
  RefreshResultRow,
  ShiftRow,
  SnapshotRow,
  VERDICT_RANK,
  clusterFromRow,
  fromJson,
  fromOptionalJson,
  mergeZones,
  optional,
  refreshResultFromRow,
  shiftFromRow,
  snapshotFromRow,
  toJson,
  versionSortKey,
} from './rows';

const MIGRATIONS_DIRECTORY = resolvePackagePath(
  '@fleet-resilience/plugin-fleet-resilience-backend',
  'migrations',
);

// Rows per INSERT and values per IN list, well under SQLite's and
// PostgreSQL's bound-parameter limits.
const CHUNK = 200;

const SORT_COLUMNS: Record<ClusterSortField, string> = {
  name: 'c.name',
  account: 'c.account_id',
  region: 'c.region',
  version: 'c.version_sort',
  verdict: 'c.verdict_rank',
  shiftState: 'c.shift_state',
  lastSeen: 'c.last_seen_at',
};

const MAX_PROBLEMS_STORED = 50;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

/** `%`, `_` and the escape character itself match literally. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, c => `\\${c}`)}%`;
}

function countOf(row: { count?: number | string } | undefined): number {
  return Number(row?.count ?? 0);
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
      const removable = new Set(
        previous
          .filter(row => !kept.has(`${row.account_id}/${row.region}`))
          .map(row => row.arn),
      );
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
      const gone = [...removable].filter(arn => !seen.has(arn));
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
    const unique = new Map<string, AccountZoneRecord>();
    for (const zone of zones) {
      unique.set(`${zone.accountId}/${zone.zone.name}`, zone);
    }
    const rows = [...unique.values()].map(zone => ({
      account_id: zone.accountId,
      region: zone.region,
      zone_name: zone.zone.name,
      zone_id: zone.zone.id,
      updated_at: seenAt,
    }));
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
    const rows = await this.#db('account_zones')
      .where({ account_id: accountId, region })
      .orderBy('zone_name')
      .select('zone_name', 'zone_id');
    return rows.map((row: { zone_name: string; zone_id: string }) => ({
      name: row.zone_name,
      id: row.zone_id,
    }));
  }

  // ---------------------------------------------------------------- ARC

  /**
   * Replaces ARC's state of one account and region: managed resources and
   * autoshifts are replaced, shifts upserted by ID (history is kept), and the
   * shift state of the region's clusters updated.
   */
  async applyArcRegion(record: ArcRegionRecord, seenAt: string): Promise<void> {
    const { accountId, region } = record;
    await this.#db.transaction(async tx => {
      await tx('arc_resources')
        .where({ account_id: accountId, region })
        .delete();
      const resourceRows = record.resources.map(resource => ({
        arn: resource.arn,
        account_id: accountId,
        region,
        availability_zones: toJson(resource.availabilityZones),
        applied_weights: toJson(resource.appliedWeights),
        zonal_autoshift_status: resource.zonalAutoshiftStatus ?? null,
        practice_run_status: resource.practiceRunStatus ?? null,
        applied_away_from: resource.appliedAwayFrom ?? null,
        updated_at: seenAt,
      }));
      for (const chunk of chunks(resourceRows, 50)) {
        await tx('arc_resources').insert(chunk).onConflict('arn').merge();
      }

      await tx('autoshifts').where({ account_id: accountId, region }).delete();
      const autoshiftRows = dedupe(
        record.autoshifts,
        a => `${a.awayFrom}/${a.startTime}`,
      ).map(autoshift => ({
        account_id: accountId,
        region,
        away_from: autoshift.awayFrom,
        start_time: autoshift.startTime,
        end_time: autoshift.endTime ?? null,
        status: autoshift.status,
      }));
      for (const chunk of chunks(autoshiftRows, 50)) {
        await tx('autoshifts').insert(chunk);
      }

      const shiftRows = dedupe(record.shifts, s => s.zonalShiftId).map(
        shift => ({
          zonal_shift_id: shift.zonalShiftId,
          cluster_arn: shift.resourceIdentifier,
          account_id: shift.accountId,
          region: shift.region,
          away_from: shift.awayFrom,
          status: shift.status,
          shift_type: shift.shiftType,
          start_time: shift.startTime,
          expiry_time: shift.expiryTime,
          comment: shift.comment,
          actor: shift.actor ?? null,
          first_seen_at: seenAt,
          last_seen_at: seenAt,
        }),
      );
      for (const chunk of chunks(shiftRows, 50)) {
        await tx('shifts')
          .insert(chunk)
          .onConflict('zonal_shift_id')
          .merge([
            'status',
            'shift_type',
            'expiry_time',
            'comment',
            'away_from',
            'last_seen_at',
          ]);
      }

      for (const state of record.clusterShiftStates) {
        await tx('clusters')
          .where('arn', state.arn)
          .update({
            shift_state: state.shiftState,
            active_shift: state.activeShift ? toJson(state.activeShift) : null,
            shift_away_from: state.shiftAwayFrom
              ? toJson(state.shiftAwayFrom)
              : null,
            autoshift_status: state.autoshiftStatus ?? null,
          });
      }
    });
  }

  async getArcResource(arn: string): Promise<ArcResourceRecord | undefined> {
    const row = await this.#db('arc_resources').where('arn', arn).first();
    if (!row) {
      return undefined;
    }
    return {
      arn: row.arn,
      accountId: row.account_id,
      region: row.region,
      availabilityZones: fromJson(row.availability_zones),
      appliedWeights: fromJson(row.applied_weights),
      zonalAutoshiftStatus: optional(row.zonal_autoshift_status),
      practiceRunStatus: optional(row.practice_run_status),
      appliedAwayFrom: optional(row.applied_away_from),
    };
  }

  async listAutoshifts(
    accountId: string,
    region: string,
  ): Promise<AutoshiftRecord[]> {
    const rows = await this.#db('autoshifts')
      .where({ account_id: accountId, region })
      .orderBy('start_time', 'desc');
    return rows.map(
      (row: {
        account_id: string;
        region: string;
        away_from: string;
        start_time: string;
        end_time: string | null;
        status: 'ACTIVE' | 'COMPLETED';
      }) => ({
        accountId: row.account_id,
        region: row.region,
        awayFrom: row.away_from,
        startTime: row.start_time,
        endTime: optional(row.end_time),
        status: row.status,
      }),
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

  // ---------------------------------------------------------------- audit

  /** Appends one audit event; events are never updated or deleted. */
  async appendAuditEvent(event: AuditEventRecord): Promise<void> {
    await this.#db('audit_events').insert({
      id: event.id,
      time: event.time,
      actor: event.actor,
      action: event.action,
      cluster_arn: event.cluster.arn,
      account_id: event.cluster.accountId,
      region: event.cluster.region,
      cluster_name: event.cluster.name,
      inputs: toJson(event.inputs),
      outcome: event.outcome,
      error_message: event.errorMessage ?? null,
    });
  }

  async listAuditEvents(
    filter: { clusterArn?: string },
    page: PageRequest,
  ): Promise<{ items: AuditEventRecord[]; totalCount: number }> {
    const query = this.#db('audit_events');
    if (filter.clusterArn) {
      query.where('cluster_arn', filter.clusterArn);
    }
    const [count] = await query.clone().count({ count: '*' });
    const rows = await query
      .clone()
      .select('*')
      .orderBy([
        { column: 'time', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(page.limit)
      .offset(page.offset);
    return {
      totalCount: countOf(count),
      items: rows.map(
        (row: {
          id: string;
          time: string;
          actor: string;
          action: AuditEventRecord['action'];
          cluster_arn: string;
          account_id: string;
          region: string;
          cluster_name: string;
          inputs: string;
          outcome: AuditEventRecord['outcome'];
          error_message: string | null;
        }) => ({
          id: row.id,
          time: row.time,
          actor: row.actor,
          action: row.action,
          cluster: {
            arn: row.cluster_arn,
            accountId: row.account_id,
            region: row.region,
            name: row.cluster_name,
          },
          inputs: fromJson(row.inputs),
          outcome: row.outcome,
          ...(row.error_message !== null
            ? { errorMessage: row.error_message }
            : {}),
        }),
      ),
    };
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
      const previous = await tx('resilience_apps')
        .where({ account_id: accountId, region })
        .select('app_arn');
      const previousArns = previous.map((row: { app_arn: string }) => row.app_arn);
      const unique = dedupe(apps, app => app.appArn);
      const arns = [...previousArns, ...unique.map(app => app.appArn)];
      for (const chunk of chunks(arns)) {
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
    });
  }

  async listResilienceAppsOfCluster(
    clusterArn: string,
  ): Promise<ResilienceAppRecord[]> {
    const rows = await this.#db('resilience_apps as a')
      .join('resilience_app_clusters as l', 'l.app_arn', 'a.app_arn')
      .where('l.cluster_arn', clusterArn)
      .orderBy('a.name')
      .select('a.*');
    return rows.map(
      (row: {
        app_arn: string;
        account_id: string;
        region: string;
        name: string;
        resiliency_score: number | string | null;
        compliance_status: string | null;
        az_compliance: string | null;
        assessed_at: string | null;
      }) => ({
        appArn: row.app_arn,
        accountId: row.account_id,
        region: row.region,
        name: row.name,
        resiliencyScore:
          row.resiliency_score === null
            ? undefined
            : Number(row.resiliency_score),
        complianceStatus: optional(row.compliance_status),
        azCompliance: fromOptionalJson(row.az_compliance),
        assessedAt: optional(row.assessed_at),
        clusterArns: [clusterArn],
      }),
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
    const zones = await this.#zonesOf(rows.map(row => row.arn));
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
      const old = await tx('capacity_snapshots')
        .where('cluster_arn', arn)
        .orderBy('id', 'desc')
        .offset(this.#snapshotsPerCluster)
        .limit(1000)
        .select('id');
      if (old.length > 0) {
        await tx('capacity_snapshots')
          .whereIn(
            'id',
            old.map((row: { id: number }) => row.id),
          )
          .delete();
      }

      await tx('node_pools').where('cluster_arn', arn).delete();
      for (const chunk of chunks(dedupe(snapshot.nodePools, p => p.name), 50)) {
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

      const binding = snapshot.assessment.bindingZone?.zone;
      await tx('clusters')
        .where('arn', arn)
        .update({
          verdict: snapshot.assessment.verdict,
          verdict_rank: VERDICT_RANK[snapshot.assessment.verdict],
          verdict_reason: snapshot.assessment.reason,
          binding_zone: binding ? toJson(binding) : null,
          capacity_totals: toJson(snapshot.totals),
          capacity_captured_at: snapshot.capturedAt,
          freshness: 'fresh',
          k8s_last_attempt_at: result.startedAt,
          k8s_last_success_at: result.startedAt,
          k8s_last_error: null,
          karpenter: toJson(snapshot.karpenter),
          k8s_problems: toJson(snapshot.problems.slice(0, MAX_PROBLEMS_STORED)),
        });
      await this.#writeRefreshResult(tx, result);
    });
  }

  /** A failed Kubernetes read: the last data stays, marked stale. */
  async applyKubernetesFailure(result: RefreshResultRecord): Promise<void> {
    if (!result.clusterArn) {
      throw new Error('A Kubernetes refresh result needs a cluster ARN');
    }
    const arn = result.clusterArn;
    await this.#db.transaction(async tx => {
      const updated = await tx('clusters').where('arn', arn).update({
        freshness: 'stale',
        k8s_last_attempt_at: result.startedAt,
        k8s_last_error: result.errorMessage ?? 'unknown error',
      });
      if (updated > 0) {
        await this.#writeRefreshResult(tx, result);
      }
    });
  }

  async getLatestSnapshot(arn: string): Promise<StoredSnapshot | undefined> {
    const row: SnapshotRow | undefined = await this.#db<SnapshotRow>(
      'capacity_snapshots',
    )
      .where('cluster_arn', arn)
      .orderBy('id', 'desc')
      .first();
    return row ? snapshotFromRow(row) : undefined;
  }

  async countSnapshots(arn: string): Promise<number> {
    const [count] = await this.#db('capacity_snapshots')
      .where('cluster_arn', arn)
      .count({ count: '*' });
    return countOf(count);
  }

  async listNodePools(arn: string): Promise<NodePoolRecord[]> {
    const rows = await this.#db('node_pools')
      .where('cluster_arn', arn)
      .orderBy('name');
    return rows.map(
      (row: {
        name: string;
        resource_version: string;
        zone_requirements: string;
        allowed_zones: string;
        unrestricted: boolean | number;
        weight: number | null;
        zone_annotations: string;
      }) => ({
        name: row.name,
        resourceVersion: row.resource_version,
        zoneRequirements: fromJson(row.zone_requirements),
        allowedZones: fromJson(row.allowed_zones),
        unrestricted: Boolean(row.unrestricted),
        ...(row.weight !== null ? { weight: Number(row.weight) } : {}),
        zoneAnnotations: fromJson(row.zone_annotations),
      }),
    );
  }

  // ---------------------------------------------------------------- refresh results

  async recordRefreshResult(result: RefreshResultRecord): Promise<void> {
    await this.#writeRefreshResult(this.#db, result);
  }

  async #writeRefreshResult(
    db: Knex | Knex.Transaction,
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

  async countByFreshness(): Promise<FreshnessCounts> {
    const rows = await this.#db('clusters')
      .groupBy('freshness')
      .select('freshness')
      .count({ count: '*' });
    const counts: FreshnessCounts = { total: 0, fresh: 0, stale: 0, never: 0 };
    for (const row of rows as Array<{ freshness: string; count: number | string }>) {
      const n = Number(row.count);
      counts.total += n;
      if (row.freshness === 'fresh' || row.freshness === 'stale' || row.freshness === 'never') {
        counts[row.freshness] += n;
      }
    }
    return counts;
  }

  // ---------------------------------------------------------------- clusters

  async getCluster(arn: string): Promise<StoredCluster | undefined> {
    const { items } = await this.#selectClusters(
      this.#db('clusters as c').where('c.arn', arn),
    );
    return items[0];
  }

  async listClusters(
    query: ClusterListQuery,
  ): Promise<{ items: StoredCluster[]; totalCount: number }> {
    const base = this.#filteredClusters(query.filter);
    const [count] = await base.clone().count({ count: '*' });
    const column = SORT_COLUMNS[query.sort.field];
    const page = base
      .clone()
      // Nulls last on both engines (knex's `nulls` option drops the column on SQLite).
      .orderByRaw('?? is null', [column])
      .orderBy(column, query.sort.order)
      .orderBy('c.arn', 'asc')
      .limit(query.page.limit)
      .offset(query.page.offset);
    const { items } = await this.#selectClusters(page);
    return { items, totalCount: countOf(count) };
  }

  /** Every cluster (for the ingestion and the catalog), ordered by ARN. */
  async listAllClusters(): Promise<StoredCluster[]> {
    const { items } = await this.#selectClusters(
      this.#db('clusters as c').orderBy('c.arn'),
    );
    return items;
  }

  #filteredClusters(filter: ClusterFilter): Knex.QueryBuilder {
    const query = this.#db('clusters as c');
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
    const zones = filter.zones;
    if (zones?.length) {
      query.whereIn(
        'c.arn',
        this.#db('cluster_zones')
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

  async #selectClusters(
    query: Knex.QueryBuilder,
  ): Promise<{ items: StoredCluster[] }> {
    const scores = this.#db('resilience_app_clusters as l')
      .join('resilience_apps as a', 'a.app_arn', 'l.app_arn')
      .groupBy('l.cluster_arn')
      .select('l.cluster_arn')
      .min({ score: 'a.resiliency_score' })
      .as('s');
    const rows: Array<ClusterRow & { score: number | string | null }> =
      await query
        .leftJoin(scores, 's.cluster_arn', 'c.arn')
        .select('c.*', 's.score');
    const zones = await this.#zonesOf(rows.map(row => row.arn));
    return {
      items: rows.map(row =>
        clusterFromRow(row, zones.get(row.arn) ?? [], row.score),
      ),
    };
  }

  /** Zones of the given clusters (subnets and nodes), one query per chunk. */
  async #zonesOf(arns: readonly string[]): Promise<Map<string, Zone[]>> {
    const byCluster = new Map<string, Zone[]>();
    for (const chunk of chunks(arns, 500)) {
      const rows: ClusterZoneRow[] = await this.#db<ClusterZoneRow>(
        'cluster_zones',
      )
        .whereIn('cluster_arn', chunk)
        .select('cluster_arn', 'zone_id', 'zone_name');
      for (const row of rows) {
        const list = byCluster.get(row.cluster_arn) ?? [];
        list.push({ name: row.zone_name, id: row.zone_id });
        byCluster.set(row.cluster_arn, list);
      }
    }
    for (const [arn, list] of byCluster) {
      byCluster.set(arn, mergeZones(list));
    }
    return byCluster;
  }
}

function dedupe<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) {
    seen.set(key(item), item);
  }
  return [...seen.values()];
}
