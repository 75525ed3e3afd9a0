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
import type {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  fleetResilienceShiftCancelPermission,
  fleetResilienceShiftStartPermission,
  fleetResilienceShiftUpdatePermission,
  parseEksClusterArn,
  type ShiftAuditAction,
  type AuditChannel,
  type AuditOutcome,
  type ShiftActionResponse,
  type Zone,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  AccountRegion,
  ArcZonalShiftClient,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { ActionReads } from '../database/ActionReads';
import type { AuditStore } from '../database/AuditStore';
import type { ActionIntent } from '../database/recordActionIntent';
import type { ActionOutcome } from '../database/recordActionOutcome';
import type { ShiftRecord, StoredCluster } from '../domain/records';
import type { FleetPublisher } from '../events/FleetPublisher';
import type { ClusterPermission } from '../permissions/ClusterAuthorizer';
import { actorOf } from './actor';
import {
  callArc,
  DOING,
  type ArcAnswer,
  type ShiftChange,
} from './arcShiftCalls';
import { arcErrorDetails, UncertainArcError } from './arcErrors';
import { auditEvent, type Attempt } from './auditTrail';
import { leaseCutoff, type KeyClaim, type RequestKey } from './idempotency';
import { publicShift, shiftStateAfter } from './shiftOutcome';

/** Who asks, as the route authenticated them. */
export interface Caller {
  credentials: BackstageCredentials;
  /** Through what it came, as its client declares it: recorded, never decided on. */
  channel: AuditChannel;
  /** The request's Idempotency-Key, if it has one. */
  idempotency?: RequestKey;
  /**
   * The route turned this principal away (a service the config does not
   * name): an attempt all the same, audited as denied on a known cluster.
   */
  denied?: Error;
  /**
   * The route found the request malformed (its query, Idempotency-Key,
   * shift ID or body): thrown once the caller is authorized, and audited as
   * a failure like any other refused attempt on a known cluster.
   */
  refused?: Error;
}

/**
 * A request body as the route received it, parsed only after the caller is
 * authorized (a caller without the permission learns nothing from a 400).
 */
export interface ActionInput<T> {
  /** The body's fields as sent, for the audit of a refused request. */
  given: Record<string, unknown>;
  /** The request, checked against the cluster's AZs; throws an InputError. */
  parse: (zones: readonly Zone[]) => T;
}

export interface ShiftStepsOptions {
  clusters: { getCluster(arn: string): Promise<StoredCluster | undefined> };
  reads: Pick<ActionReads, 'getShift'>;
  audit: Pick<AuditStore, 'append' | 'settle' | 'hasPendingIntent'>;
  /** Writes an attempt's intent, fencing its claim (recordActionIntent); false: claim lost. */
  recordIntent: (intent: ActionIntent, now: Date) => Promise<boolean>;
  /** Writes a done action's outcome in one transaction (recordActionOutcome). */
  recordOutcome: (outcome: ActionOutcome, now: Date) => Promise<unknown>;
  /** ARC client of an account and region for reads: the reader role's (AwsClientFactory.arc). */
  arc: (target: AccountRegion) => Promise<ArcZonalShiftClient>;
  /**
   * ARC client for the one call that changes ARC (Start/Update/
   * CancelZonalShift): the operator role's. Default: `arc`.
   */
  arcOperator?: (target: AccountRegion) => Promise<ArcZonalShiftClient>;
  permissions: PermissionsService;
  publisher: FleetPublisher;
  logger: LoggerService;
  /** Called after every successful action, e.g. to reconcile the cluster at once. */
  onShiftChanged?: (clusterArn: string) => void | Promise<void>;
  now: () => Date;
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

export class ShiftSteps {
  readonly #options: ShiftStepsOptions;

  constructor(options: ShiftStepsOptions) {
    this.#options = options;
  }

  /**
   * An attempt of `action` on a cluster of the fleet. The caller is
   * authorized first, with the ARN as resource ref: 403 whether or not the
   * cluster exists (the denial audited when it does), then 404 for a cluster
   * not in the fleet (only for a caller allowed without conditions).
   */
  async attempt(
    action: ShiftAuditAction,
    clusterArn: string,
    caller: Caller,
    inputs: Record<string, unknown>,
  ): Promise<Attempt> {
    const ref = parseEksClusterArn(clusterArn);
    const permission = PERMISSIONS[action];
    const allowed = await this.#mayAct(permission, ref.arn, caller.credentials);
    const cluster = await this.#options.clusters.getCluster(ref.arn);
    const { channel } = caller;
    const actor = actorOf(caller.credentials);
    const denied =
      caller.denied ??
      (allowed
        ? undefined
        : new NotAllowedError(
            `Not allowed to ${DOING[action]} on ${ref.name} (${permission.name})`,
          ));
    if (denied) {
      if (cluster) {
        const attempt = { action, cluster, actor, channel, inputs };
        await this.audit(attempt, 'denied', denied.message);
      }
      throw denied;
    }
    if (!cluster) {
      throw new NotFoundError(`No cluster ${clusterArn} in the fleet`);
    }
    if (caller.refused) {
      const attempt = { action, cluster, actor, channel, inputs };
      await this.audit(attempt, 'failure', caller.refused.message);
      throw caller.refused;
    }
    return { action, cluster, actor, channel, inputs };
  }

  /**
   * Whether the caller holds `permission` on the cluster of this ARN. A
   * conditional decision is applied to the cluster by the permission
   * backend (through the resource the plugin registers: an ARN not in the
   * fleet is denied).
   */
  async #mayAct(
    permission: ClusterPermission,
    arn: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [decision] = await this.#options.permissions.authorize(
      [{ permission, resourceRef: arn }],
      { credentials },
    );
    return decision?.result === AuthorizeResult.ALLOW;
  }

  /** The request the input parses to; a 400 is audited. */
  async check<T>(attempt: Attempt, input: ActionInput<T>): Promise<T> {
    try {
      return input.parse(attempt.cluster.zones);
    } catch (error) {
      await this.audit(attempt, 'failure', (error as Error).message);
      throw error;
    }
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

  /** Audits an outcome: resolves the attempt's intent when it has one. */
  async audit(
    attempt: Attempt,
    outcome: AuditOutcome,
    errorMessage?: string,
    intentId?: string,
  ): Promise<void> {
    const now = this.#options.now();
    const event = auditEvent(attempt, now, outcome, {
      errorMessage,
      id: intentId,
    });
    await (intentId
      ? this.#options.audit.settle(event, now)
      : this.#options.audit.append(event));
  }

  /**
   * The intent, right before the call that changes ARC: the pending audit
   * event and the claim's fence, in one transaction. A claim that is no
   * longer this request's stops the call.
   */
  async #writeIntent(
    attempt: Attempt,
    details: Record<string, unknown>,
    claim: KeyClaim | undefined,
  ): Promise<string> {
    const now = this.#options.now();
    const event = auditEvent(attempt, now, 'pending', { more: details });
    const written = await this.#options.recordIntent(
      {
        intent: event,
        ...(claim
          ? {
              fence: { claim, notBefore: leaseCutoff(now, claim.leaseMs) },
            }
          : {}),
      },
      now,
    );
    if (!written) {
      throw new ConflictError(
        `The request with Idempotency-Key '${claim?.key}' lost its claim (it ran longer than the lease and another request took it over); ARC was not called. Retry to get the other request's answer`,
      );
    }
    return event.id;
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
          intent.id = await this.#writeIntent(attempt, details, claim);
        },
      });
    } catch (error) {
      this.#options.logger.warn(
        `${attempt.action} on ${
          cluster.ref.arn
        } by ${actor} failed: ${arcErrorDetails(error)}`,
      );
      if (intent.id && error instanceof UncertainArcError) {
        error.intentId = intent.id;
        this.#options.logger.warn(
          `Audit intent ${intent.id} stays pending: whether ARC applied ${attempt.action} on ${cluster.ref.arn} is resolved against ARC later`,
        );
      } else {
        await this.audit(
          attempt,
          'failure',
          (error as Error).message,
          intent.id,
        );
      }
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
