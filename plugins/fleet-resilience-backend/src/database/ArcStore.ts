/**
 * ARC's state as the portal stores it: ARC's reads of a region applied
 * through `arcState.ts` (the one writer of `arc_resources`, `autoshifts`,
 * `shifts` and the clusters' shift columns), and the reads of that state:
 * resources, autoshifts, the shift history and the fleet's active shifts.
 * The history and the active shifts the HTTP API serves are those of the
 * clusters of the caller's {@link ClusterAccess}, filtered in SQL.
 */
import type { Knex } from 'knex';
import type {
  ArcRegionRecord,
  ArcResourceRecord,
  AutoshiftRecord,
  ClusterActiveShiftSources,
  PageRequest,
  ShiftFilter,
  StoredShift,
} from '../domain/records';
import { replaceArcRegion } from './arcState';
import {
  whereClusterIn,
  whereAccessible,
  type ClusterAccess,
} from './clusterAccessSql';
import {
  arcResourcesOf,
  autoshiftsOf,
  chunks,
  countOf,
  dedupe,
  zonesOf,
} from './clusterReads';
import { rebuildDocuments } from './rebuildDocuments';
import {
  autoshiftFromRow,
  mergeZones,
  shiftFromRow,
  type AutoshiftRow,
  type ClusterRow,
  type ShiftRow,
} from './rows';

export class ArcStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

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

  /**
   * The shift history, newest first, of the clusters of `access`. Shifts of
   * a cluster no longer in the inventory are kept as history; a caller with
   * conditional access does not see them (no cluster to decide on).
   */
  async listShifts(
    filter: ShiftFilter,
    page: PageRequest,
    access: ClusterAccess,
  ): Promise<{ items: StoredShift[]; totalCount: number }> {
    const query = this.#db<ShiftRow>('shifts');
    whereClusterIn(this.#db, query, 'cluster_arn', access);
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
   * applies (expiry, precedence, AZ) is decided by the caller. Only the
   * clusters of `access`: an autoshift applies to every cluster of its
   * account and region, so it comes with the readable clusters there, if any.
   */
  async listActiveShiftSources(
    access: ClusterAccess,
  ): Promise<ClusterActiveShiftSources[]> {
    const db = this.#db;
    const shiftQuery = db<ShiftRow>('shifts').where('status', 'ACTIVE');
    whereClusterIn(db, shiftQuery, 'cluster_arn', access);
    const shiftRows: ShiftRow[] = await shiftQuery;
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
    const columns = ['c.arn', 'c.account_id', 'c.region', 'c.name'];
    const readableClusters = () =>
      whereAccessible(db, db('clusters as c'), access);
    const clusterRows: RefRow[] = [];
    for (const chunk of chunks([
      ...new Set(shiftRows.map(row => row.cluster_arn)),
    ])) {
      clusterRows.push(
        ...(await readableClusters().whereIn('c.arn', chunk).select(columns)),
      );
    }
    for (const scope of scopes) {
      clusterRows.push(
        ...(await readableClusters()
          .where({ 'c.account_id': scope.accountId, 'c.region': scope.region })
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
}
