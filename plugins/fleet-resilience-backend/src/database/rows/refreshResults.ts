/** Rows of `refresh_results` (`cluster_arn` is '' for a fleet-wide source). */
import type { StoredRefreshResult } from '../../domain/records';
import { optional } from './values';

export interface RefreshResultRow {
  source: string;
  cluster_arn: string;
  started_at: string;
  finished_at: string;
  ok: boolean | number;
  last_success_at: string | null;
  error_message: string | null;
  duration_ms: number | string;
}

export function refreshResultFromRow(
  row: RefreshResultRow,
): StoredRefreshResult {
  return {
    source: row.source,
    clusterArn: row.cluster_arn === '' ? undefined : row.cluster_arn,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    ok: Boolean(row.ok),
    lastSuccessAt: optional(row.last_success_at),
    errorMessage: optional(row.error_message),
    durationMs: Number(row.duration_ms),
  };
}
