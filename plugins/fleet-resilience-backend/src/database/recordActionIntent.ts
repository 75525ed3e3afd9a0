/**
 * The intent of a shift action, written just before ARC is called: the
 * audit event with outcome `pending` and, when the request holds an
 * idempotency claim, the claim's fence (still this request's, its lease not
 * run out, renewed now) in one transaction. A request whose claim was taken
 * over writes no intent and must not call ARC. Rows in, rows out.
 */
import type { Knex } from 'knex';
import type { AuditEventRecord } from '../domain/records';
import { insertAuditEvent } from './AuditStore';
import {
  renewIdempotencyClaim,
  type IdempotencyClaim,
} from './IdempotencyStore';

export interface ActionIntent {
  /** The audit event of the attempt, outcome `pending`. */
  intent: AuditEventRecord;
  /** The request's claim, and the oldest claim time that is still valid. */
  fence?: { claim: IdempotencyClaim; notBefore: string };
}

/** False (and nothing written) when the claim is no longer the request's. */
export async function recordActionIntent(
  db: Knex,
  { intent, fence }: ActionIntent,
  now: Date,
): Promise<boolean> {
  return db.transaction(async tx => {
    if (
      fence &&
      !(await renewIdempotencyClaim(
        tx,
        fence.claim,
        now.toISOString(),
        fence.notBefore,
      ))
    ) {
      return false;
    }
    await insertAuditEvent(tx, intent, fence?.claim.key);
    return true;
  });
}
