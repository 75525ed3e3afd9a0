/**
 * What the inventory and EKS store: the one writer of the `clusters` rows
 * themselves (added, removed) and of their inventory and EKS columns, and of
 * `account_zones`. A cluster's subnet zones go through `clusterZones.ts`; a
 * removed cluster's data is deleted through the module that writes each
 * table, in the same transaction.
 */
import type { Knex } from 'knex';
import type { Zone } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { AccountRegion } from '@fleet-resilience/plugin-fleet-resilience-node';
import type {
  AccountZoneRecord,
  ClusterInventoryRecord,
  EksDetailsRecord,
} from '../domain/records';
import { storableText, TEXT_LIMITS } from '../domain/storableText';
import { ownerEntityRef } from '../domain/ownerEntityRef';
import { chunks, dedupe } from './clusterReads';
import {
  deleteClusterZones,
  isStorableZone,
  replaceClusterZones,
} from './clusterZones';
import { deleteClusterTags, replaceClusterTags } from './clusterTags';
import { deleteKubernetesReads } from './KubernetesStore';
import { rebuildDocuments } from './rebuildDocuments';
import { deleteRefreshResults } from './RefreshResultStore';
import { deleteReadinessChecks } from './readinessChecks';
import {
  clusterProblemsToRow,
  toJson,
  versionSortKey,
  type ClusterRow,
} from './rows';

/** The columns an inventory read writes (the rest are another module's). */
const INVENTORY_COLUMNS = [
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
  'owner_ref',
  'system',
  'inventory_problems',
  'last_seen_at',
];

async function deleteClusters(tx: Knex.Transaction, arns: readonly string[]) {
  for (const chunk of chunks(arns)) {
    await deleteClusterZones(tx, chunk);
    await deleteClusterTags(tx, chunk);
    await deleteKubernetesReads(tx, chunk);
    await deleteRefreshResults(tx, chunk);
    await deleteReadinessChecks(tx, chunk);
    await tx('clusters').whereIn('arn', chunk).delete();
  }
}

export class InventoryStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

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
      // Every text bounded to its column and free of NUL, whatever the
      // source (the ingestion reports what it had to clean).
      const text = (value: string | undefined, max?: number) =>
        value === undefined ? null : storableText(value, max);
      const rows = clusters.map(cluster => {
        const version = text(cluster.version, TEXT_LIMITS.version) ?? undefined;
        return {
          arn: cluster.ref.arn,
          account_id: cluster.ref.accountId,
          region: cluster.ref.region,
          name: cluster.ref.name,
          source_id: storableText(sourceId, 100),
          version: version ?? null,
          version_sort: text(versionSortKey(version) ?? undefined, 32),
          status: text(cluster.status, TEXT_LIMITS.status),
          endpoint: text(cluster.endpoint),
          certificate_authority_data: text(cluster.certificateAuthorityData),
          tags: toJson(cluster.tags),
          owner: text(cluster.owner, TEXT_LIMITS.owner),
          owner_ref:
            ownerEntityRef(cluster.owner)?.toLocaleLowerCase('en-US') ?? null,
          system: text(cluster.system, TEXT_LIMITS.owner),
          inventory_problems: clusterProblemsToRow(cluster.dataProblems),
          first_seen_at: seenAt,
          last_seen_at: seenAt,
        };
      });
      for (const chunk of chunks(rows, 50)) {
        await tx('clusters')
          .insert(chunk)
          .onConflict('arn')
          .merge(INVENTORY_COLUMNS);
      }
      const seen = new Set(clusters.map(c => c.ref.arn));
      const gone = previous
        .filter(row => !kept.has(`${row.account_id}/${row.region}`))
        .map(row => row.arn)
        .filter(arn => !seen.has(arn));
      await deleteClusters(tx, gone);

      await replaceClusterTags(
        tx,
        clusters.map(cluster => ({ arn: cluster.ref.arn, tags: cluster.tags })),
      );
      await replaceClusterZones(
        tx,
        'subnet',
        clusters.map(cluster => ({
          arn: cluster.ref.arn,
          zones: cluster.subnetZones,
        })),
      );
      const arns = clusters.map(c => c.ref.arn);
      await rebuildDocuments(tx, arns);
      return {
        added: arns.filter(arn => !existing.has(arn)).length,
        removed: gone.length,
      };
    });
  }

  /** What EKS's DescribeCluster said of each cluster, checked at `checkedAt`. */
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
            platform_version:
              detail.platformVersion === undefined
                ? null
                : storableText(
                    detail.platformVersion,
                    TEXT_LIMITS.platformVersion,
                  ),
            ...(detail.status
              ? { status: storableText(detail.status, TEXT_LIMITS.status) }
              : {}),
            // An endpoint EKS stopped reporting is forgotten, never kept stale.
            eks_endpoint: detail.endpoint ?? null,
            eks_certificate_authority_data:
              detail.certificateAuthorityData ?? null,
            eks_checked_at: checkedAt,
          });
      }
      await rebuildDocuments(
        tx,
        details.map(detail => detail.arn),
      );
    });
  }

  /** Records AZ name <-> ID pairs; a pair seen again replaces the old one. */
  async upsertAccountZones(
    zones: readonly AccountZoneRecord[],
    seenAt: string,
  ): Promise<void> {
    const rows = dedupe(
      zones.filter(z => isStorableZone(z.zone)),
      z => `${z.accountId}/${z.zone.name}`,
    ).map(zone => ({
      account_id: zone.accountId,
      region: zone.region,
      zone_name: zone.zone.name,
      zone_id: zone.zone.id,
      updated_at: seenAt,
    }));
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
}
