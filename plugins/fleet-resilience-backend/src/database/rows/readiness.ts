/** Rows of `cluster_readiness_checks` and `readiness_updates`, and the readiness columns of `clusters`. */
import type { ReadinessVerdict } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { ReadinessUpdateRecord } from '../../domain/records';
import { storableText, TEXT_LIMITS } from '../../domain/storableText';
import { fromJson, optional } from './values';

/** At most this many of a failed update's error messages are kept. */
const MAX_UPDATE_ERRORS = 10;

/** Readiness verdicts ordered worst first, for sorting (`clusters.readiness_rank`). */
export const READINESS_RANK: Record<ReadinessVerdict, number> = {
  'not-ready': 0,
  'at-risk': 1,
  unknown: 2,
  ready: 3,
};

export interface ReadinessCheckRow {
  cluster_arn: string;
  check_id: string;
  verdict: string;
}

export interface ReadinessUpdateRow {
  update_id: string;
  cluster_arn: string;
  account_id: string;
  region: string;
  cluster_name: string;
  update_type: string;
  status: string;
  errors: string | null;
  started_at: string;
  finished_at: string | null;
  checked_at: string | null;
  actor: string;
  audit_event_id: string | null;
}

export function readinessUpdateFromRow(
  row: ReadinessUpdateRow,
): ReadinessUpdateRecord {
  const finishedAt = optional(row.finished_at);
  const checkedAt = optional(row.checked_at);
  const auditEventId = optional(row.audit_event_id);
  return {
    updateId: row.update_id,
    cluster: {
      arn: row.cluster_arn,
      accountId: row.account_id,
      region: row.region,
      name: row.cluster_name,
    },
    type: row.update_type,
    status: row.status,
    ...(row.errors ? { errors: fromJson<string[]>(row.errors) } : {}),
    startedAt: row.started_at,
    ...(finishedAt ? { finishedAt } : {}),
    ...(checkedAt ? { checkedAt } : {}),
    actor: row.actor,
    ...(auditEventId ? { auditEventId } : {}),
  };
}

/** An update as a row, every text from EKS made storable (cleaned, bounded to its column). */
export function readinessUpdateToRow(
  update: ReadinessUpdateRecord,
): ReadinessUpdateRow {
  return {
    update_id: storableText(update.updateId, 64),
    cluster_arn: update.cluster.arn,
    account_id: update.cluster.accountId,
    region: update.cluster.region,
    cluster_name: update.cluster.name,
    update_type: storableText(update.type, 64),
    status: storableText(update.status, TEXT_LIMITS.shortStatus),
    errors: update.errors
      ? JSON.stringify(
          update.errors
            .slice(0, MAX_UPDATE_ERRORS)
            .map(message => storableText(message, TEXT_LIMITS.message)),
        )
      : null,
    started_at: update.startedAt,
    finished_at: update.finishedAt ?? null,
    checked_at: update.checkedAt ?? null,
    actor: storableText(update.actor, TEXT_LIMITS.owner),
    audit_event_id: update.auditEventId ?? null,
  };
}
