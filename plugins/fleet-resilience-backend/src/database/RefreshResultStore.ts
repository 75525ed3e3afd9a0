/**
 * The one writer of `refresh_results`: the outcome of the last read of each
 * source (one row per source, and per cluster for a cluster's Kubernetes
 * API), with the time of its last success kept across failures.
 */
import type { Knex } from 'knex';
import type {
  RefreshResultRecord,
  StoredRefreshResult,
} from '../domain/records';
import { chunks, type Db } from './clusterReads';
import { storableText, TEXT_LIMITS } from '../domain/storableText';
import { refreshResultFromRow, toJson, type RefreshResultRow } from './rows';

/** Problems kept per source: enough to act on, bounded whatever the source sends. */
const MAX_DATA_PROBLEMS = 5;

/**
 * Upserts the result of one read through `db`, which may be the transaction
 * that stored what was read (see `KubernetesStore`).
 */
export async function writeRefreshResult(
  db: Db,
  result: RefreshResultRecord,
): Promise<void> {
  const problems = (result.dataProblems ?? [])
    .slice(0, MAX_DATA_PROBLEMS)
    .map(problem => storableText(problem, TEXT_LIMITS.message / 4));
  const row = {
    source: storableText(result.source, 200),
    cluster_arn: result.clusterArn ?? '',
    started_at: result.startedAt,
    finished_at: result.finishedAt,
    ok: result.ok,
    error_message: result.ok
      ? null
      : storableText(
          result.errorMessage ?? 'unknown error',
          TEXT_LIMITS.message,
        ),
    duration_ms: Math.max(0, Math.round(result.durationMs)),
    last_success_at: result.ok ? result.startedAt : null,
    rows_stored: result.rows?.stored ?? null,
    rows_rejected: result.rows?.rejected ?? null,
    rows_cleaned: result.rows?.cleaned ?? null,
    data_problems: problems.length > 0 ? toJson(problems) : null,
  };
  const merge = [
    'started_at',
    'finished_at',
    'ok',
    'error_message',
    'duration_ms',
    'rows_stored',
    'rows_rejected',
    'rows_cleaned',
    'data_problems',
    ...(result.ok ? ['last_success_at'] : []),
  ];
  await db('refresh_results')
    .insert(row)
    .onConflict(['source', 'cluster_arn'])
    .merge(merge);
}

/** Removes the results of the given clusters (removed from the inventory). */
export async function deleteRefreshResults(
  db: Db,
  arns: readonly string[],
): Promise<void> {
  for (const chunk of chunks(arns)) {
    await db('refresh_results').whereIn('cluster_arn', chunk).delete();
  }
}

export class RefreshResultStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  async recordRefreshResult(result: RefreshResultRecord): Promise<void> {
    await writeRefreshResult(this.#db, result);
  }

  /** The fleet-wide sources' results, or one cluster's. */
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
}
