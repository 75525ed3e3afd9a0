/**
 * The steps of one shift action on one cluster: authorize the caller (on the
 * cluster resource, whose ref is the ARN, before the cluster is looked up: a
 * caller who may not learns nothing about which clusters exist; a
 * conditional decision is resolved by the permission backend through the
 * registered resource, and a cluster not in the fleet is denied), find the
 * cluster, check the request, then apply the change: record the attempt's
 * intent (and fence the idempotency claim) right before the ARC call, call
 * ARC, record the outcome (the intent resolved, the shift and the cluster's
 * new shift state, and the key's answer, in one transaction) and announce it
 * (the reconciler's kick, a signal, the owner's notification). A step that
 * refuses audits why. A failure that leaves it unknown whether ARC applied
 * the change leaves the intent pending, for the IntentResolver.
 */
import { ConflictError } from '@backstage/errors';
import {
  fleetResilienceShiftCancelPermission,
  fleetResilienceShiftStartPermission,
  fleetResilienceShiftUpdatePermission,
  type ShiftAuditAction,
  type ShiftActionResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  AccountRegion,
  ArcZonalShiftClient,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { ActionReads } from '../database/ActionReads';
import type { AuditStore } from '../database/AuditStore';
import type { ActionOutcome } from '../database/recordActionOutcome';
import type { ShiftRecord, StoredCluster } from '../domain/records';
import type { FleetPublisher } from '../events/FleetPublisher';
import type { ClusterPermission } from '../permissions/ClusterAuthorizer';
import {
  callArc,
  DOING,
  type ArcAnswer,
  type ShiftChange,
} from './arcShiftCalls';
import { auditEvent, type Attempt } from './auditTrail';
import {
  ClusterActionSteps,
  type Caller,
  type ClusterActionStepsOptions,
} from './clusterActionSteps';
import type { KeyClaim } from './idempotency';
import { publicShift, shiftStateAfter } from './shiftOutcome';

export type { ActionInput, Caller } from './clusterActionSteps';

export interface ShiftStepsOptions extends ClusterActionStepsOptions {
  reads: Pick<ActionReads, 'getShift'>;
  audit: Pick<AuditStore, 'append' | 'settle' | 'hasPendingIntent'>;
  /** Writes a done action's outcome in one transaction (recordActionOutcome). */
  recordOutcome: (outcome: ActionOutcome, now: Date) => Promise<unknown>;
  /** ARC client of an account and region for reads: the reader role's (AwsClientFactory.arc). */
  arc: (target: AccountRegion) => Promise<ArcZonalShiftClient>;
  /**
   * ARC client for the one call that changes ARC (Start/Update/
   * CancelZonalShift): the operator role's. Default: `arc`.
   */
  arcOperator?: (target: AccountRegion) => Promise<ArcZonalShiftClient>;
  publisher: FleetPublisher;
  /** Called after every successful action, e.g. to reconcile the cluster at once. */
  onShiftChanged?: (clusterArn: string) => void | Promise<void>;
}

const PERMISSIONS: Record<ShiftAuditAction, ClusterPermission> = {
  'shift.start': fleetResilienceShiftStartPermission,
  'shift.update': fleetResilienceShiftUpdatePermission,
  'shift.cancel': fleetResilienceShiftCancelPermission,
};

/** ARC would refuse a start on a cluster without zonal shift; say why first. */
function requireZonalShiftEnabled(cluster: StoredCluster): void {
  if (cluster.zonalShiftEnabled !== true) {
    throw new ConflictError(
      cluster.zonalShiftEnabled === false
        ? `Zonal shift is not enabled on ${cluster.ref.name} (EKS zonalShiftConfig.enabled is false): enable it on the cluster first`
        : `It is not known yet whether zonal shift is enabled on ${cluster.ref.name} (EKS DescribeCluster has not answered); try again after the next refresh`,
    );
  }
}

export class ShiftSteps extends ClusterActionSteps {
  readonly #options: ShiftStepsOptions;

  constructor(options: ShiftStepsOptions) {
    super(options, 'ARC');
    this.#options = options;
  }

  /** An attempt of `action` on a cluster of the fleet (ClusterActionSteps). */
  async attempt(
    action: ShiftAuditAction,
    clusterArn: string,
    caller: Caller,
    inputs: Record<string, unknown>,
  ): Promise<Attempt> {
    return this.attemptOn(
      {
        action,
        permission: PERMISSIONS[action],
        doing: DOING[action],
        clusterArn,
        inputs,
      },
      caller,
    );
  }

  /**
   * Writes the intent, calls ARC, records the outcome, announces it; the
   * answer for the caller.
   */
  async apply(
    attempt: Attempt,
    change: ShiftChange,
    claim?: KeyClaim,
  ): Promise<ShiftActionResponse> {
    const intent: { id?: string } = {};
    const answer = await this.#callArc(attempt, change, intent, claim);
    const response = await this.#record(attempt, answer, intent.id, claim);
    await this.#announce(attempt, answer.shift);
    return response;
  }

  /**
   * ARC's answer; a refusal or failure is audited (resolving the intent), an
   * uncertain failure leaves the intent pending.
   */
  async #callArc(
    attempt: Attempt,
    change: ShiftChange,
    intent: { id?: string },
    claim: KeyClaim | undefined,
  ): Promise<ArcAnswer> {
    const { cluster, actor } = attempt;
    try {
      if (change.action === 'shift.start') {
        requireZonalShiftEnabled(cluster);
      }
      const { arc, arcOperator } = this.#options;
      const client = await arc(cluster.ref);
      const writer = arcOperator ? await arcOperator(cluster.ref) : client;
      return await callArc(change, {
        client,
        writer,
        cluster,
        actor,
        now: this.#options.now,
        getShift: id => this.#options.reads.getShift(id),
        beforeChange: async details => {
          intent.id = await this.writeIntent(attempt, claim, details);
        },
      });
    } catch (error) {
      await this.failed(attempt, error, intent.id);
      throw error;
    }
  }

  /**
   * The audit event, the shift and the cluster's new shift state, and the
   * key's answer, in one transaction. ARC did it even if that fails: the
   * caller is told so, and the audit event is kept at least.
   */
  async #record(
    attempt: Attempt,
    { shift, details }: ArcAnswer,
    intentId: string | undefined,
    claim?: KeyClaim,
  ): Promise<ShiftActionResponse> {
    const { recordOutcome, audit, logger } = this.#options;
    const now = this.#options.now();
    const event = auditEvent(attempt, now, 'success', {
      more: { zonalShiftId: shift.zonalShiftId, ...details },
      id: intentId,
    });
    const response: ShiftActionResponse = {
      shift: publicShift(shift),
      auditEventId: event.id,
      replayed: false,
    };
    const idempotency = claim && {
      claim,
      answer: {
        statusCode: claim.answerStatus,
        responseBody: JSON.stringify(response),
      },
    };
    try {
      await recordOutcome(
        {
          audit: event,
          shift,
          decide: shiftStateAfter(shift),
          ...(idempotency ? { idempotency } : {}),
        },
        now,
      );
    } catch (error) {
      logger.error(
        `Zonal shift ${shift.zonalShiftId} (${attempt.action} on ${attempt.cluster.ref.arn}) succeeded in ARC but could not be stored: ${error}`,
      );
      await audit.settle(event, now).catch(() => undefined);
    }
    return response;
  }

  async #announce(attempt: Attempt, shift: ShiftRecord): Promise<void> {
    const { onShiftChanged, publisher, logger } = this.#options;
    const { action, cluster, actor } = attempt;
    try {
      await onShiftChanged?.(cluster.ref.arn);
    } catch (error) {
      logger.warn(`onShiftChanged(${cluster.ref.arn}) failed: ${error}`);
    }
    await Promise.all([
      publisher.signal({
        type: 'shift-changed',
        clusterArn: cluster.ref.arn,
        zonalShiftId: shift.zonalShiftId,
      }),
      publisher.notifyOwner({
        // Shift steps run only shift actions (attempt() takes no other).
        action: action as ShiftAuditAction,
        cluster: cluster.ref,
        owner: cluster.owner,
        shift: publicShift(shift),
        actor,
      }),
    ]);
  }
}
