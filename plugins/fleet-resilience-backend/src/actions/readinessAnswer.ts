/**
 * What AWS's answer to a readiness fix writes (ReadinessOutcome) and what
 * the caller is told. Pure. ARC answers at once: applied. An EKS update in
 * progress is followed (its intent stays pending: the follower gives it its
 * outcome); one that ended at once is recorded with its outcome.
 */
import type {
  AuditOutcome,
  ReadinessFix,
  ReadinessFixResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { auditEvent, type Attempt } from './auditTrail';
import { FIXING, type FixAnswer } from './readinessCalls';
import type { ReadinessOutcome } from './readinessRecords';

const event = (
  attempt: Attempt,
  outcome: AuditOutcome,
  more: Record<string, unknown>,
  id: string,
  now: Date,
) => auditEvent(attempt, now, outcome, { more, id });

/** What an answer of AWS writes, and what the caller is told. */
export function answerOf(
  attempt: Attempt,
  fix: ReadinessFix,
  answer: FixAnswer,
  intentId: string,
  now: Date,
): {
  outcome: Omit<ReadinessOutcome, 'cluster' | 'idempotency'>;
  response: Omit<ReadinessFixResponse, 'cluster' | 'fix' | 'replayed'>;
} {
  const name = attempt.cluster.ref.name;
  if (answer.kind === 'arc') {
    return {
      outcome: {
        audit: event(attempt, 'success', { result: 'applied' }, intentId, now),
        arc: answer.arc,
      },
      response: {
        status: 'applied' as const,
        message: `ARC did it: ${FIXING[fix]} on ${name}.`,
      },
    };
  }
  const { update } = answer;
  const more = { updateId: update.id, updateStatus: update.status };
  const failed = update.status === 'Failed' || update.status === 'Cancelled';
  const started = {
    update,
    actor: attempt.actor,
    auditEventId: intentId,
  };
  const pending = {
    updateId: update.id,
    type: update.type,
    status: update.status,
    startedAt: update.createdAt ?? now.toISOString(),
    ...(update.errors.length ? { errors: update.errors } : {}),
  };
  if (update.status === 'InProgress') {
    // The intent stays pending: the follower gives it its outcome.
    return {
      outcome: { startedUpdate: started },
      response: {
        status: 'in-progress' as const,
        message: `EKS update ${update.id} turns on zonal shift for ${name}; the portal follows it until it completes.`,
        update: pending,
      },
    };
  }
  return {
    outcome: {
      startedUpdate: started,
      audit: failed
        ? {
            ...event(attempt, 'failure', more, intentId, now),
            errorMessage: `EKS update ${update.id} ended ${
              update.status
            }: ${update.errors.join('; ')}`,
          }
        : event(attempt, 'success', more, intentId, now),
    },
    response: {
      status: 'applied' as const,
      message: `EKS update ${update.id} of ${name}: ${update.status}.`,
      update: pending,
    },
  };
}
