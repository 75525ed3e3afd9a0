/**
 * Resolves the audit intents a crash (or a lost ARC answer) left pending:
 * each intent older than the idempotency lease (its holder, if alive, has
 * given up by then) is checked against ARC's list of its cluster's shifts
 * (resolveIntent decides) and given its outcome; a shift found is stored
 * with the cluster's shift state, as the action would have. Safe on several
 * replicas at once: an intent is resolved only while still pending (one
 * writer wins), and reading ARC changes nothing. An intent whose cluster ARC
 * cannot be read now stays pending for the next pass.
 *
 * The Idempotency-Key the intent's request held (never taken over while the
 * intent is pending) is settled in the same transaction: with the answer
 * the request would have given (a retry replays it), or given up when ARC
 * did not apply the change (a retry runs again).
 *
 * Readiness fixes' intents are resolved by `readiness` (readinessIntents.ts:
 * against EKS and ARC's state, not ARC's shifts); without it they are left.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  AccountRegion,
  ArcZonalShiftClient,
  ZonalShiftSummary,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { ActionReads } from '../database/ActionReads';
import type { AuditStore, PendingIntent } from '../database/AuditStore';
import type { IdempotencyStore } from '../database/IdempotencyStore';
import type { ActionOutcome } from '../database/recordActionOutcome';
import type { AuditEventRecord, ShiftRecord } from '../domain/records';
import { arcErrorDetails } from './arcErrors';
import { resolveIntent } from './intentResolution';
import { publicShift, shiftStateAfter } from './shiftOutcome';

/** Intents resolved per pass; more wait for the next one. */
const BATCH = 100;

export interface IntentResolverOptions {
  audit: Pick<AuditStore, 'pendingIntents'>;
  reads: Pick<ActionReads, 'getShift'>;
  keys: Pick<IdempotencyStore, 'get'>;
  /** recordActionOutcome; resolves with false when the intent was resolved already. */
  recordOutcome: (outcome: ActionOutcome, now: Date) => Promise<boolean>;
  /** recordNotApplied; false when the intent was resolved already. */
  recordNotApplied: (
    audit: AuditEventRecord,
    idempotencyKey: string | undefined,
    now: Date,
  ) => Promise<boolean>;
  arc: (target: AccountRegion) => Promise<ArcZonalShiftClient>;
  /** Resolves a readiness fix's intent (readinessIntentResolver). */
  readiness?: (
    pending: PendingIntent,
  ) => Promise<'succeeded' | 'failed' | 'left'>;
  logger: LoggerService;
  /** Intents younger than this are left to their holder (the idempotency lease). */
  leaseMs: number;
  now?: () => Date;
}

export interface ResolvedIntents {
  succeeded: number;
  failed: number;
  /** Still pending: ARC could not be read, or another replica was first. */
  left: number;
}

export class IntentResolver {
  readonly #options: IntentResolverOptions;
  readonly #now: () => Date;

  constructor(options: IntentResolverOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  /** One pass over the pending intents older than the lease. */
  async resolvePending(): Promise<ResolvedIntents> {
    const { audit, leaseMs } = this.#options;
    const cutoff = new Date(this.#now().getTime() - leaseMs).toISOString();
    const intents = await audit.pendingIntents(cutoff, BATCH);
    const result: ResolvedIntents = { succeeded: 0, failed: 0, left: 0 };
    for (const pending of intents) {
      const outcome = await this.#resolve(pending);
      result[outcome] += 1;
    }
    return result;
  }

  async #resolve(
    pending: PendingIntent,
  ): Promise<'succeeded' | 'failed' | 'left'> {
    const { event: intent, idempotencyKey } = pending;
    const { logger, leaseMs } = this.#options;
    if (intent.action.startsWith('readiness.')) {
      return this.#options.readiness?.(pending) ?? 'left';
    }
    let shifts: ZonalShiftSummary[];
    try {
      shifts = await this.#arcShifts(intent);
    } catch (error) {
      logger.warn(
        `Audit intent ${intent.id} (${intent.action} on ${
          intent.cluster.arn
        }) stays pending: ARC could not be read: ${arcErrorDetails(error)}`,
      );
      return 'left';
    }
    const decision = resolveIntent(intent, shifts, leaseMs);
    const now = this.#now();
    if (decision.outcome === 'failure') {
      const resolved = await this.#options.recordNotApplied(
        { ...intent, outcome: 'failure', errorMessage: decision.errorMessage },
        idempotencyKey,
        now,
      );
      if (resolved) {
        logger.info(
          `Audit intent ${intent.id} (${intent.action} on ${intent.cluster.arn}) resolved: ${decision.errorMessage}`,
        );
      }
      return resolved ? 'failed' : 'left';
    }
    const shift = await this.#shiftRecord(intent, decision.shift);
    const settleKey = idempotencyKey && {
      key: idempotencyKey,
      answer: await this.#answer(idempotencyKey, intent, shift),
    };
    const written = await this.#options.recordOutcome(
      {
        audit: {
          ...intent,
          outcome: 'success',
          inputs: {
            ...intent.inputs,
            zonalShiftId: shift.zonalShiftId,
            resolution: decision.note,
          },
        },
        shift,
        decide: shiftStateAfter(shift),
        onlyIfPending: true,
        ...(settleKey ? { settleKey } : {}),
      },
      now,
    );
    if (written) {
      logger.info(
        `Audit intent ${intent.id} (${intent.action} on ${intent.cluster.arn}) resolved: success, zonal shift ${shift.zonalShiftId}`,
      );
    }
    return written ? 'succeeded' : 'left';
  }

  /**
   * The answer the request would have given: its route's success status
   * (stored with the claim) and the shift, as retries with the key replay it.
   */
  async #answer(key: string, intent: AuditEventRecord, shift: ShiftRecord) {
    const record = await this.#options.keys.get(key);
    const response = {
      shift: publicShift(shift),
      auditEventId: intent.id,
      replayed: false,
    };
    return {
      statusCode:
        record?.statusCode ?? (intent.action === 'shift.start' ? 201 : 200),
      responseBody: JSON.stringify(response),
    };
  }

  /** Every shift ARC lists for the intent's cluster, of any status. */
  async #arcShifts(intent: AuditEventRecord): Promise<ZonalShiftSummary[]> {
    const client = await this.#options.arc(intent.cluster);
    const shifts: ZonalShiftSummary[] = [];
    for await (const page of client.paginateZonalShifts({
      resourceIdentifier: intent.cluster.arn,
      maxResults: 100,
    })) {
      shifts.push(...page.items);
    }
    return shifts;
  }

  /** The shift as the store keeps it; who started it is kept from the store. */
  async #shiftRecord(
    intent: AuditEventRecord,
    found: ZonalShiftSummary,
  ): Promise<ShiftRecord> {
    const stored = await this.#options.reads.getShift(found.zonalShiftId);
    const actor =
      intent.action === 'shift.start' ? intent.actor : stored?.actor;
    return {
      zonalShiftId: found.zonalShiftId,
      resourceIdentifier: intent.cluster.arn,
      awayFrom: found.awayFrom,
      status: found.status,
      shiftType: found.shiftType ?? stored?.shiftType ?? 'ZONAL_SHIFT',
      startTime: found.startTime.toISOString(),
      expiryTime: found.expiryTime.toISOString(),
      comment: found.comment ?? '',
      ...(actor ? { actor } : {}),
      accountId: intent.cluster.accountId,
      region: intent.cluster.region,
    };
  }
}
