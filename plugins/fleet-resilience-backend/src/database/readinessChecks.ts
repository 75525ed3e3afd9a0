/**
 * The one writer of `cluster_readiness_checks` (called by
 * `rebuildDocuments.ts` with the documents, and by `InventoryStore.ts` when a
 * cluster leaves the inventory), and the reads of `readiness_updates` the
 * documents need. One row per check and cluster, so the list's `check`
 * filter and the fleet summary's counts are SQL over an index.
 */
import type {
  ReadinessCheck,
  ReadinessCheckId,
  ReadinessCheckVerdict,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { ReadinessUpdateRecord } from '../domain/records';
import { chunks, type Db } from './clusterReads';
import {
  readinessUpdateFromRow,
  type ReadinessCheckRow,
  type ReadinessUpdateRow,
} from './rows';

export type StoredChecks = Map<ReadinessCheckId, ReadinessCheckVerdict>;

/** The stored check verdicts of each cluster. */
export async function readinessChecksOf(
  db: Db,
  arns: readonly string[],
): Promise<Map<string, StoredChecks>> {
  const result = new Map<string, StoredChecks>();
  for (const chunk of chunks(arns)) {
    const rows: ReadinessCheckRow[] = await db<ReadinessCheckRow>(
      'cluster_readiness_checks',
    )
      .whereIn('cluster_arn', chunk)
      .select('cluster_arn', 'check_id', 'verdict');
    for (const row of rows) {
      const checks = result.get(row.cluster_arn) ?? new Map();
      checks.set(
        row.check_id as ReadinessCheckId,
        row.verdict as ReadinessCheckVerdict,
      );
      result.set(row.cluster_arn, checks);
    }
  }
  return result;
}

/** Whether `checks` are what is stored, check for check. */
export function sameChecks(
  stored: StoredChecks | undefined,
  checks: readonly ReadinessCheck[],
): boolean {
  return (
    (stored?.size ?? 0) === checks.length &&
    checks.every(check => stored?.get(check.id) === check.verdict)
  );
}

/** One cluster's readiness checks. */
export interface ClusterChecks {
  arn: string;
  checks: readonly ReadinessCheck[];
}

/**
 * Replaces the check rows of each cluster given with its checks: one delete
 * and a few inserts for them all, not two statements per cluster (the
 * first inventory of a large fleet writes every cluster's checks).
 */
export async function replaceReadinessChecks(
  db: Db,
  entries: readonly ClusterChecks[],
): Promise<void> {
  for (const chunk of chunks(entries.map(entry => entry.arn))) {
    await db('cluster_readiness_checks').whereIn('cluster_arn', chunk).delete();
  }
  const rows = entries.flatMap(({ arn, checks }) =>
    checks.map(check => ({
      cluster_arn: arn,
      check_id: check.id,
      verdict: check.verdict,
    })),
  );
  for (const chunk of chunks(rows, 300)) {
    await db('cluster_readiness_checks').insert(chunk);
  }
}

/** Removes the check rows of the given clusters (removed from the inventory). */
export async function deleteReadinessChecks(
  db: Db,
  arns: readonly string[],
): Promise<void> {
  for (const chunk of chunks(arns)) {
    await db('cluster_readiness_checks').whereIn('cluster_arn', chunk).delete();
  }
}

/** How long a failed or cancelled update stays on the cluster's readiness. */
export const FAILED_UPDATE_SHOWN_MS = 24 * 60 * 60 * 1000;

/**
 * The update each cluster's readiness shows: its latest update (by start)
 * when it is in progress, or failed or was cancelled within the last
 * {@link FAILED_UPDATE_SHOWN_MS}; none once the latest succeeded.
 */
export async function pendingReadinessUpdates(
  db: Db,
  arns: readonly string[],
  now: Date,
): Promise<Map<string, ReadinessUpdateRecord>> {
  const since = new Date(now.getTime() - FAILED_UPDATE_SHOWN_MS).toISOString();
  const result = new Map<string, ReadinessUpdateRecord>();
  for (const chunk of chunks(arns)) {
    const rows: ReadinessUpdateRow[] = await db<ReadinessUpdateRow>(
      'readiness_updates',
    )
      .whereIn('cluster_arn', chunk)
      .where(recent =>
        recent
          .where('status', 'InProgress')
          .orWhere('started_at', '>=', since)
          .orWhere('finished_at', '>=', since),
      )
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'update_id', order: 'desc' },
      ]);
    const latest = new Map<string, ReadinessUpdateRow>();
    for (const row of rows) {
      if (!latest.has(row.cluster_arn)) {
        latest.set(row.cluster_arn, row);
      }
    }
    for (const [arn, row] of latest) {
      const shown =
        row.status === 'InProgress' ||
        ((row.status === 'Failed' || row.status === 'Cancelled') &&
          (row.finished_at ?? row.started_at) >= since);
      if (shown) {
        result.set(arn, readinessUpdateFromRow(row));
      }
    }
  }
  return result;
}
