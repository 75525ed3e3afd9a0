/**
 * The audit events of shift actions. Every attempt on a known cluster by a
 * known caller is recorded: denied, invalid, refused by ARC or done. Pure.
 */
import { randomUUID } from 'node:crypto';
import type {
  AuditAction,
  AuditEvent,
  AuditOutcome,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { StoredCluster } from '../domain/records';

const MAX_AUDIT_TEXT = 200;
const MAX_ERROR_MESSAGE = 2000;

/** One attempt of an action on a cluster: what each of its audit events names. */
export interface Attempt {
  action: AuditAction;
  cluster: StoredCluster;
  actor: string;
  /** What was asked: the body as given until it is checked, then the request. */
  inputs: Record<string, unknown>;
}

/** The inputs of an audit record: what was asked, as plain values, bounded. */
export function auditInputs(
  fields: Record<string, unknown>,
): Record<string, string | number | boolean | null> {
  const result: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    let plain: string | number | boolean | null;
    if (
      value === null ||
      typeof value === 'number' ||
      typeof value === 'boolean'
    ) {
      plain = value;
    } else {
      plain =
        typeof value === 'string'
          ? value
          : JSON.stringify(value) ?? String(value);
      if (plain.length > MAX_AUDIT_TEXT) {
        plain = `${plain.slice(0, MAX_AUDIT_TEXT)}…`;
      }
    }
    result[key.slice(0, 64)] = plain;
  }
  return result;
}

/**
 * The audit event of an attempt's outcome at `time`. `more`: what the
 * outcome adds to the inputs (the shift's ID, the expiry before and after).
 */
export function auditEvent(
  attempt: Attempt,
  time: Date,
  outcome: AuditOutcome,
  detail: { more?: Record<string, unknown>; errorMessage?: string } = {},
): AuditEvent {
  const { errorMessage } = detail;
  return {
    id: randomUUID(),
    time: time.toISOString(),
    actor: attempt.actor,
    action: attempt.action,
    cluster: attempt.cluster.ref,
    inputs: auditInputs({ ...attempt.inputs, ...detail.more }),
    outcome,
    ...(errorMessage
      ? { errorMessage: errorMessage.slice(0, MAX_ERROR_MESSAGE) }
      : {}),
  };
}
