/**
 * What the reads of each cluster's Kubernetes API store: the one writer of
 * `capacity_snapshots`, `node_pools` and the clusters' Kubernetes columns
 * (`capacity_totals`, `capacity_captured_at`, `freshness`, `k8s_*`,
 * `karpenter`); the node zones through `clusterZones.ts` and the read's
 * result through `RefreshResultStore.ts`, in the same transaction.
 */
import type { Knex } from 'knex';
import type {
  KubernetesRefreshTarget,
  KubernetesSnapshotRecord,
  NodePoolRecord,
  RefreshResultRecord,
  StoredSnapshot,
} from '../domain/records';
import {
  chunks,
  dedupe,
  latestSnapshots,
  nodePoolsOf,
  zonesOf,
  type Db,
} from './clusterReads';
import { NOT_CONFIRMED_BY_EKS } from '../domain/kubernetesApiServer';
import { storableText, TEXT_LIMITS } from '../domain/storableText';
import { replaceClusterZones } from './clusterZones';
import { rebuildDocuments } from './rebuildDocuments';
import { writeRefreshResult } from './RefreshResultStore';
import {
  optional,
  snapshotFromRow,
  toJson,
  type ClusterRow,
  type SnapshotRow,
} from './rows';

const MAX_PROBLEMS_STORED = 50;

/**
 * Removes the snapshots and NodePools of the given clusters (removed from
 * the inventory), in the caller's transaction.
 */
export async function deleteKubernetesReads(
  db: Db,
  arns: readonly string[],
): Promise<void> {
  for (const chunk of chunks(arns)) {
    await db('capacity_snapshots').whereIn('cluster_arn', chunk).delete();
    await db('node_pools').whereIn('cluster_arn', chunk).delete();
  }
}

export interface KubernetesStoreOptions {
  /** Capacity snapshots kept per cluster (the latest is served). Default 10. */
  snapshotsPerCluster?: number;
}

export class KubernetesStore {
  readonly #db: Knex;
  readonly #snapshotsPerCluster: number;

  constructor(db: Knex, options: KubernetesStoreOptions = {}) {
    this.#db = db;
    this.#snapshotsPerCluster = Math.max(1, options.snapshotsPerCluster ?? 10);
  }

  /** Every cluster's API server and zones, ordered by ARN. */
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
        | 'eks_endpoint'
        | 'eks_certificate_authority_data'
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
        'eks_endpoint',
        'eks_certificate_authority_data',
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
      eksEndpoint: optional(row.eks_endpoint),
      eksCertificateAuthorityData: optional(row.eks_certificate_authority_data),
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
        workload_readiness: snapshot.workloads
          ? toJson(snapshot.workloads)
          : null,
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
        // By the stored name: of two names equal once cleaned, the last wins.
        dedupe(snapshot.nodePools, p =>
          storableText(p.name, TEXT_LIMITS.nodePoolName),
        ),
        50,
      )) {
        await tx('node_pools').insert(
          chunk.map((pool: NodePoolRecord) => ({
            cluster_arn: arn,
            name: storableText(pool.name, TEXT_LIMITS.nodePoolName),
            resource_version: storableText(
              pool.resourceVersion,
              TEXT_LIMITS.resourceVersion,
            ),
            zone_requirements: toJson(pool.zoneRequirements),
            allowed_zones: toJson(pool.allowedZones),
            unrestricted: pool.unrestricted,
            weight: pool.weight ?? null,
            zone_annotations: toJson(pool.zoneAnnotations),
            updated_at: snapshot.capturedAt,
          })),
        );
      }

      await replaceClusterZones(tx, 'node', [
        { arn, zones: snapshot.nodeZones },
      ]);

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
      await writeRefreshResult(tx, result);
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
          k8s_last_error: storableText(
            result.errorMessage ?? 'unknown error',
            TEXT_LIMITS.message,
          ),
          k8s_duration_ms: Math.round(result.durationMs),
        });
      if (updated > 0) {
        await writeRefreshResult(tx, result);
      }
    });
  }

  /**
   * Whether some cluster's Kubernetes API has not been tried yet (new in the
   * inventory), or was skipped only because EKS had not yet reported the API
   * server it now has.
   */
  async hasClustersNotYetReadFromKubernetes(): Promise<boolean> {
    const row = await this.#db('clusters')
      .whereNull('k8s_last_attempt_at')
      .orWhere(confirmed =>
        confirmed
          .whereNotNull('eks_endpoint')
          .where('k8s_last_error', NOT_CONFIRMED_BY_EKS),
      )
      .first('arn');
    return row !== undefined;
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
}
