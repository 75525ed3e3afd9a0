/** Rows of `audit_events`. */
import {
  AUDIT_CHANNELS,
  type AuditChannel,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { AuditEventRecord } from '../../domain/records';
import { fromJson, toJson } from './values';

export interface AuditEventRow {
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
  /** portal, api or mcp; null on rows recorded before the channel was. */
  channel?: string | null;
  /** When a pending intent got its outcome; null for an event never pending. */
  resolved_at?: string | null;
  /** On an intent: the Idempotency-Key its request held. */
  idempotency_key?: string | null;
}

export function auditEventToRow(event: AuditEventRecord): AuditEventRow {
  return {
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
    channel: event.channel ?? null,
  };
}

/** A stored channel; anything else (null, or a value no version writes) is absent. */
function channelOf(value: string | null | undefined): AuditChannel | undefined {
  return AUDIT_CHANNELS.find(channel => channel === value);
}

export function auditEventFromRow(row: AuditEventRow): AuditEventRecord {
  const channel = channelOf(row.channel);
  return {
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
    ...(channel ? { channel } : {}),
    ...(row.error_message !== null ? { errorMessage: row.error_message } : {}),
  };
}
