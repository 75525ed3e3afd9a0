/**
 * One successful shift action's outcome, written in one transaction: the
 * shift ARC answered and the cluster's shift state (through arcState's
 * writeActionShift, with the state the caller's `decide` gives), the
 * cluster's documents rebuilt from it, the audit event (resolving the
 * attempt's pending intent), and the answer of the request's idempotency
 * claim. Rows in, rows out: the decision is the caller's.
 */
import type { Knex } from 'knex';
import type { AuditEventRecord, ShiftRecord } from '../domain/records';
import {
  writeActionShift,
  type DecidedShiftState,
  type ShiftStateInputs,
} from './arcState';
import { resolveAuditIntent, settleAuditEvent } from './AuditStore';
import {
  completeIdempotencyClaim,
  settleIdempotencyKey,
  type IdempotencyAnswer,
  type IdempotencyClaim,
} from './IdempotencyStore';
import { rebuildDocuments } from './rebuildDocuments';

export interface ActionOutcome {
  /** The outcome event; its ID is the attempt's intent's, if one was written. */
  audit: AuditEventRecord;
  /** The shift as ARC answered the action. */
  shift: ShiftRecord;
  /** The cluster's shift state after the action, from what is stored. */
  decide: (inputs: ShiftStateInputs) => DecidedShiftState;
  /** Completes the request's claim with the answer retries replay. */
  idempotency?: { claim: IdempotencyClaim; answer: IdempotencyAnswer };
  /** The intent resolver: settles the key of a request that is gone. */
  settleKey?: { key: string; answer: IdempotencyAnswer };
  /**
   * Write nothing unless the intent is still pending (the intent resolver:
   * of two replicas resolving one intent, one writes).
   */
  onlyIfPending?: boolean;
}

/** Whether it was written (false only with `onlyIfPending`). */
export async function recordActionOutcome(
  db: Knex,
  outcome: ActionOutcome,
  now: Date,
): Promise<boolean> {
  const { audit, shift, decide, idempotency, settleKey, onlyIfPending } =
    outcome;
  const at = now.toISOString();
  return db.transaction(async tx => {
    if (onlyIfPending) {
      if (!(await resolveAuditIntent(tx, audit, at))) {
        return false;
      }
    } else {
      await settleAuditEvent(tx, audit, at);
    }
    const present = await writeActionShift(tx, {
      shift,
      action: audit.action,
      seenAt: at,
      decide,
    });
    if (present) {
      await rebuildDocuments(tx, [shift.resourceIdentifier]);
    }
    if (idempotency) {
      await completeIdempotencyClaim(
        tx,
        idempotency.claim,
        idempotency.answer,
        at,
      );
    }
    if (settleKey) {
      await settleIdempotencyKey(tx, settleKey.key, settleKey.answer, at);
    }
    return true;
  });
}

/**
 * The intent resolver's "not applied": the intent resolved as a failure,
 * and its request's Idempotency-Key given up (a retry runs again), in one
 * transaction; false (nothing written) when the intent was resolved already.
 */
export async function recordNotApplied(
  db: Knex,
  audit: AuditEventRecord,
  idempotencyKey: string | undefined,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  return db.transaction(async tx => {
    if (!(await resolveAuditIntent(tx, audit, at))) {
      return false;
    }
    if (idempotencyKey) {
      await settleIdempotencyKey(tx, idempotencyKey, undefined, at);
    }
    return true;
  });
}
