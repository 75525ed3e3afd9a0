/**
 * The audit events of shift actions. Every attempt on a known cluster by a
 * known caller is recorded: denied, invalid, refused by ARC or done. Pure.
 */
import { randomUUID } from 'node:crypto';
import type {
  AuditAction,
  AuditChannel,
  AuditEvent,
  AuditOutcome,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { StoredCluster } from '../domain/records';

const MAX_AUDIT_TEXT = 200;
const MAX_ERROR_MESSAGE = 2000;
const MAX_KEY = 64;
const MAX_FIELDS = 32;
// C0 and C1 control characters and DEL; JSON escapes them, but an error
// message is plain text (PostgreSQL refuses NUL in text) and a log line
// must not be split or coloured by what a caller sent.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** One attempt of an action on a cluster: what each of its audit events names. */
export interface Attempt {
  action: AuditAction;
  cluster: StoredCluster;
  actor: string;
  /** Through what the caller came (Caller.channel), on each of its events. */
  channel: AuditChannel;
  /** What was asked: the body as given until it is checked, then the request. */
  inputs: Record<string, unknown>;
}

/** Text with control characters shown as `\uXXXX` escapes, cut to `max`. */
export function plainText(text: string, max: number): string {
  const shown = text.replace(
    CONTROL,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return shown.length > max ? `${shown.slice(0, max)}…` : shown;
}

/**
 * A value as the audit shows it: strings, finite numbers, booleans and null
 * as they are; anything else (an object or array a caller sent in place of
 * a field's value) only as what it is, never walked, so no shape or size of
 * body can make the audit throw.
 */
function plainValue(value: unknown): string | number | boolean | null {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : String(value);
  }
  if (typeof value === 'string') return plainText(value, MAX_AUDIT_TEXT);
  if (Array.isArray(value)) return `[an array of ${value.length}]`;
  if (typeof value === 'object') return '[an object]';
  return `[${typeof value}]`;
}

/**
 * The inputs of an audit record: what was asked, as plain values, bounded
 * (at most 32 fields, keys of 64 characters, texts of 200). Keys such as
 * `__proto__` are kept as plain fields.
 */
export function auditInputs(
  fields: Record<string, unknown>,
): Record<string, string | number | boolean | null> {
  const entries: Array<[string, string | number | boolean | null]> = [];
  const keys = Object.keys(fields);
  for (const key of keys) {
    const value = fields[key];
    if (value === undefined) continue;
    if (entries.length === MAX_FIELDS) {
      entries.push(['…', `${keys.length - MAX_FIELDS} more fields`]);
      break;
    }
    entries.push([plainText(key, MAX_KEY), plainValue(value)]);
  }
  // fromEntries defines own properties: `__proto__` is a field, not a prototype.
  return Object.fromEntries(entries);
}

/**
 * The audit event of an attempt's outcome at `time`. `more`: what the
 * outcome adds to the inputs (the shift's ID, the expiry before and after).
 */
export function auditEvent(
  attempt: Attempt,
  time: Date,
  outcome: AuditOutcome,
  detail: {
    more?: Record<string, unknown>;
    errorMessage?: string;
    /** The ID of the attempt's intent, when this is its outcome. */
    id?: string;
  } = {},
): AuditEvent {
  const { errorMessage } = detail;
  return {
    id: detail.id ?? randomUUID(),
    time: time.toISOString(),
    actor: attempt.actor,
    action: attempt.action,
    cluster: attempt.cluster.ref,
    inputs: auditInputs({ ...attempt.inputs, ...detail.more }),
    outcome,
    channel: attempt.channel,
    ...(errorMessage
      ? { errorMessage: plainText(errorMessage, MAX_ERROR_MESSAGE) }
      : {}),
  };
}
