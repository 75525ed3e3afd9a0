/**
 * One successful shift action's outcome, written in one transaction: the
 * shift ARC answered and the cluster's shift state (through arcState's
 * writeActionShift, with the state the caller's `decide` gives), the
 * cluster's documents rebuilt from it, the audit event, and the answer of the
 * request's idempotency claim. Rows in, rows out: the decision is the
 * caller's.
 */
import type { Knex } from 'knex';
import type { AuditEventRecord, ShiftRecord } from '../domain/records';
import {
  writeActionShift,
  type DecidedShiftState,
  type ShiftStateInputs,
} from './arcState';
import { insertAuditEvent } from './AuditStore';
import {
  completeIdempotencyClaim,
  type IdempotencyAnswer,
  type IdempotencyClaim,
} from './IdempotencyStore';
import { rebuildDocuments } from './rebuildDocuments';

export interface ActionOutcome {
  audit: AuditEventRecord;
  /** The shift as ARC answered the action. */
  shift: ShiftRecord;
  /** The cluster's shift state after the action, from what is stored. */
  decide: (inputs: ShiftStateInputs) => DecidedShiftState;
  /** Completes the request's claim with the answer retries replay. */
  idempotency?: { claim: IdempotencyClaim; answer: IdempotencyAnswer };
}

export async function recordActionOutcome(
  db: Knex,
  outcome: ActionOutcome,
  now: Date,
): Promise<void> {
  const { audit, shift, decide, idempotency } = outcome;
  await db.transaction(async tx => {
    const present = await writeActionShift(tx, {
      shift,
      action: audit.action,
      seenAt: now.toISOString(),
      decide,
    });
    if (present) {
      await rebuildDocuments(tx, [shift.resourceIdentifier]);
    }
    await insertAuditEvent(tx, audit);
    if (idempotency) {
      await completeIdempotencyClaim(
        tx,
        idempotency.claim,
        idempotency.answer,
        now.toISOString(),
      );
    }
  });
}
