/**
 * The steps every audited action on one cluster shares (a shift's,
 * ShiftSteps, and a readiness fix's, ReadinessSteps): authorize the caller
 * on the cluster resource (the ARN, before the cluster is looked up: a
 * caller who may not learns nothing about which clusters exist; a
 * conditional decision is resolved by the permission backend through the
 * registered resource, and a cluster not in the fleet is denied), find the
 * cluster, check the request, audit; and, right before the one changing
 * call, record the attempt's intent fencing the idempotency claim. A
 * failure that leaves it unknown whether the change was applied leaves the
 * intent pending, for the IntentResolver.
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
  parseEksClusterArn,
  type AuditAction,
  type AuditChannel,
  type AuditOutcome,
  type Zone,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { AuditStore } from '../database/AuditStore';
import type { ActionIntent } from '../database/recordActionIntent';
import type { StoredCluster } from '../domain/records';
import type { ClusterPermission } from '../permissions/ClusterAuthorizer';
import { actorOf } from './actor';
import { arcErrorDetails, UncertainArcError } from './arcErrors';
import { auditEvent, type Attempt } from './auditTrail';
import { leaseCutoff, type KeyClaim, type RequestKey } from './idempotency';

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

export interface ClusterActionStepsOptions {
  clusters: { getCluster(arn: string): Promise<StoredCluster | undefined> };
  audit: Pick<AuditStore, 'append' | 'settle'>;
  /** Writes an attempt's intent, fencing its claim (recordActionIntent); false: claim lost. */
  recordIntent: (intent: ActionIntent, now: Date) => Promise<boolean>;
  permissions: PermissionsService;
  logger: LoggerService;
  now: () => Date;
}

/** What is attempted on which cluster, and the permission it takes. */
export interface AttemptedAction {
  action: AuditAction;
  permission: ClusterPermission;
  /** The action as a verb phrase, for the denial: "start a zonal shift". */
  doing: string;
  clusterArn: string;
  inputs: Record<string, unknown>;
}

export class ClusterActionSteps {
  readonly #options: ClusterActionStepsOptions;
  /** Whom the changing call goes to, for messages: "ARC", "AWS". */
  readonly #changer: string;

  constructor(options: ClusterActionStepsOptions, changer: string) {
    this.#options = options;
    this.#changer = changer;
  }

  /**
   * An attempt on a cluster of the fleet: 403 whether or not the cluster
   * exists (the denial audited when it does), then 404 for a cluster not in
   * the fleet (only for a caller allowed without conditions), then the
   * route's refusal of the request (audited).
   */
  protected async attemptOn(
    { action, permission, doing, clusterArn, inputs }: AttemptedAction,
    caller: Caller,
  ): Promise<Attempt> {
    const ref = parseEksClusterArn(clusterArn);
    const allowed = await this.#mayAct(permission, ref.arn, caller.credentials);
    const cluster = await this.#options.clusters.getCluster(ref.arn);
    const attempt = (c: StoredCluster): Attempt => ({
      action,
      cluster: c,
      actor: actorOf(caller.credentials),
      channel: caller.channel,
      inputs,
    });
    const denied =
      caller.denied ??
      (allowed
        ? undefined
        : new NotAllowedError(
            `Not allowed to ${doing} on ${ref.name} (${permission.name})`,
          ));
    if (denied) {
      if (cluster) await this.audit(attempt(cluster), 'denied', denied.message);
      throw denied;
    }
    if (!cluster) {
      throw new NotFoundError(`No cluster ${clusterArn} in the fleet`);
    }
    if (caller.refused) {
      await this.audit(attempt(cluster), 'failure', caller.refused.message);
      throw caller.refused;
    }
    return attempt(cluster);
  }

  /** Whether the caller holds `permission` on the cluster of this ARN (conditions applied by the permission backend). */
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
   * The intent, right before the changing call: the pending audit event
   * (with `more` inputs) and the claim's fence, in one transaction. A claim
   * that is no longer this request's stops the call.
   */
  protected async writeIntent(
    attempt: Attempt,
    claim: KeyClaim | undefined,
    more?: Record<string, unknown>,
  ): Promise<string> {
    const now = this.#options.now();
    const event = auditEvent(attempt, now, 'pending', { more });
    const written = await this.#options.recordIntent(
      {
        intent: event,
        ...(claim
          ? { fence: { claim, notBefore: leaseCutoff(now, claim.leaseMs) } }
          : {}),
      },
      now,
    );
    if (!written) {
      throw new ConflictError(
        `The request with Idempotency-Key '${
          claim?.key
        }' lost its claim (it ran longer than the lease and another request took it over); ${
          this.#changer
        } was not called. Retry to get the other request's answer`,
      );
    }
    return event.id;
  }

  /**
   * A refusal or failure of the attempt is logged and audited (resolving its
   * intent); an uncertain one leaves the intent pending.
   */
  protected async failed(
    attempt: Attempt,
    error: unknown,
    intentId: string | undefined,
  ): Promise<void> {
    const { logger } = this.#options;
    const { action, cluster, actor } = attempt;
    logger.warn(
      `${action} on ${cluster.ref.arn} by ${actor} failed: ${arcErrorDetails(
        error,
      )}`,
    );
    if (intentId && error instanceof UncertainArcError) {
      error.intentId = intentId;
      logger.warn(
        `Audit intent ${intentId} stays pending: whether ${
          this.#changer
        } applied ${action} on ${cluster.ref.arn} is resolved against ${
          this.#changer
        } later`,
      );
      return;
    }
    await this.audit(attempt, 'failure', (error as Error).message, intentId);
  }
}
