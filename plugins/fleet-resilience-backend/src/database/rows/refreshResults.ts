/** Rows of `refresh_results` (`cluster_arn` is '' for a fleet-wide source). */
import type { StoredRefreshResult } from '../../domain/records';
import { fromJson, optional } from './values';

export interface RefreshResultRow {
  source: string;
  cluster_arn: string;
  started_at: string;
  finished_at: string;
  ok: boolean | number;
  last_success_at: string | null;
  error_message: string | null;
  duration_ms: number | string;
  rows_stored: number | string | null;
  rows_rejected: number | string | null;
  rows_cleaned: number | string | null;
  data_problems: string | null;
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
    ...(row.rows_stored !== null && row.rows_stored !== undefined
      ? {
          rows: {
            stored: Number(row.rows_stored),
            rejected: Number(row.rows_rejected ?? 0),
            cleaned: Number(row.rows_cleaned ?? 0),
          },
        }
      : {}),
    ...(row.data_problems ? { dataProblems: fromJson(row.data_problems) } : {}),
  };
}
