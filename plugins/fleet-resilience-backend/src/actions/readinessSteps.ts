/**
 * The steps of one readiness fix on one cluster, as a shift's (shiftSteps.ts):
 * authorize the caller on the cluster resource (the ARN, before the cluster
 * is looked up), find the cluster, check the request; then read what AWS
 * holds now and decide (planReadinessFix: apply, no change, or not
 * applicable); to apply, record the attempt's intent (fencing the
 * idempotency claim) right before the one changing call, make it, and
 * record the outcome with the key's answer and the cluster's documents in
 * one transaction. An EKS update is answered `in-progress`: its intent stays
 * pending until the follower (ReadinessUpdateFollower) sees it end. A step
 * that refuses audits why; a failure that leaves it unknown whether AWS
 * applied the change leaves the intent pending, for the IntentResolver.
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
  fleetResilienceReadinessConfigurePermission,
  parseEksClusterArn,
  planReadinessFix,
  type AuditOutcome,
  type ReadinessFix,
  type ReadinessFixResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { AuditStore } from '../database/AuditStore';
import type { ActionIntent } from '../database/recordActionIntent';
import type { StoredCluster } from '../domain/records';
import type { FleetPublisher } from '../events/FleetPublisher';
import { actorOf } from './actor';
import { arcErrorDetails, UncertainArcError } from './arcErrors';
import { auditEvent, type Attempt } from './auditTrail';
import { leaseCutoff, type KeyClaim } from './idempotency';
import { answerOf } from './readinessAnswer';
import {
  applyFix,
  FIX_ACTIONS,
  FIXING,
  practiceRunConfigurationOf,
  readinessInAws,
  samePracticeRuns,
  type ReadinessAws,
  type ReadinessChange,
} from './readinessCalls';
import {
  pendingUpdateOf,
  type ReadinessOutcome,
  type ReadinessRecords,
} from './readinessRecords';
import type { ActionInput, Caller } from './shiftSteps';

/** A checked readiness fix request: the change and why. */
export type ReadinessRequest = ReadinessChange & { comment: string };

export interface ReadinessStepsOptions {
  clusters: { getCluster(arn: string): Promise<StoredCluster | undefined> };
  audit: Pick<AuditStore, 'append' | 'settle'>;
  /** Writes an attempt's intent, fencing its claim (recordActionIntent); false: claim lost. */
  recordIntent: (intent: ActionIntent, now: Date) => Promise<boolean>;
  records: Pick<ReadinessRecords, 'record' | 'latest'>;
  aws: ReadinessAws;
  /** Stores what EKS now says of the cluster (once zonal shift is on). */
  redescribe: (cluster: StoredCluster) => Promise<void>;
  permissions: PermissionsService;
  publisher: Pick<FleetPublisher, 'signal'>;
  logger: LoggerService;
  now: () => Date;
}

export class ReadinessSteps {
  readonly #options: ReadinessStepsOptions;

  constructor(options: ReadinessStepsOptions) {
    this.#options = options;
  }

  /**
   * An attempt of `fix` on a cluster of the fleet: 403 whether or not the
   * cluster exists (audited when it does), then 404 for a cluster not in
   * the fleet, then the route's refusal of the request (audited).
   */
  async attempt(
    fix: ReadinessFix,
    clusterArn: string,
    caller: Caller,
    inputs: Record<string, unknown>,
  ): Promise<Attempt> {
    const ref = parseEksClusterArn(clusterArn);
    const allowed = await this.mayConfigure(ref.arn, caller.credentials);
    const cluster = await this.#options.clusters.getCluster(ref.arn);
    const action = FIX_ACTIONS[fix];
    const attempt = (c: StoredCluster): Attempt => ({
      action,
      cluster: c,
      actor: actorOf(caller.credentials),
      channel: caller.channel,
      inputs: { fix, ...inputs },
    });
    const denied =
      caller.denied ??
      (allowed
        ? undefined
        : new NotAllowedError(
            `Not allowed to ${FIXING[fix]} on ${ref.name} (${fleetResilienceReadinessConfigurePermission.name})`,
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

  /** Whether the caller may configure the cluster of this ARN (conditions applied by the permission backend). */
  async mayConfigure(
    arn: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [decision] = await this.#options.permissions.authorize(
      [
        {
          permission: fleetResilienceReadinessConfigurePermission,
          resourceRef: arn,
        },
      ],
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
   * Decides on what AWS holds now and applies the fix when it must; the
   * answer for the caller. Not applicable is a 409 (audited).
   */
  async apply(
    attempt: Attempt,
    request: ReadinessRequest,
    claim?: KeyClaim,
  ): Promise<ReadinessFixResponse> {
    const { cluster } = attempt;
    const intent: { id?: string } = {};
    let outcome: Omit<ReadinessOutcome, 'cluster' | 'idempotency'>;
    let response: Omit<ReadinessFixResponse, 'cluster' | 'fix' | 'replayed'>;
    try {
      const held = await readinessInAws(
        cluster,
        this.#options.aws,
        request.fix,
      );
      const latest = await this.#options.records.latest(cluster.ref.arn);
      const plan = planReadinessFix(request.fix, {
        ...held,
        ...(latest ? { pendingUpdate: pendingUpdateOf(latest) } : {}),
      });
      if (plan.kind === 'not-applicable') {
        throw new ConflictError(
          `Cannot ${FIXING[request.fix]} on ${cluster.ref.name}: ${
            plan.reason
          }`,
        );
      }
      let unchanged = plan.kind === 'no-change' ? plan.reason : undefined;
      if (
        request.fix === 'configure-practice-runs' &&
        samePracticeRuns(
          held.arc?.practiceRunConfiguration,
          practiceRunConfigurationOf(request.practiceRuns),
        )
      ) {
        unchanged = 'ARC already holds these practice-run settings.';
      }
      if (unchanged !== undefined) {
        // Nothing is called: the attempt is audited as done, with why.
        outcome = {
          audit: this.#event(attempt, 'success', { result: 'no-change' }),
        };
        response = { status: 'no-change', message: unchanged };
      } else {
        intent.id = await this.#writeIntent(attempt, claim);
        const answer = await applyFix(
          request,
          cluster,
          held,
          this.#options.aws,
          intent.id,
        );
        ({ outcome, response } = answerOf(
          attempt,
          request.fix,
          answer,
          intent.id,
          this.#options.now(),
        ));
      }
    } catch (error) {
      await this.#failed(attempt, error, intent.id);
      throw error;
    }
    const body: ReadinessFixResponse = {
      cluster: cluster.ref,
      fix: request.fix,
      ...response,
      replayed: false,
    };
    const ended = body.update?.status;
    if (ended === 'Failed' || ended === 'Cancelled') {
      // Recorded (audited as a failure) without an answer to replay: a retry runs again.
      await this.#record(attempt, { ...outcome, cluster: cluster.ref }, body);
      throw new ConflictError(
        `EKS update ${body.update!.updateId} of ${
          cluster.ref.name
        } ended ${ended}: ${
          body.update!.errors?.join('; ') || 'no reason given'
        }`,
      );
    }
    await this.#record(
      attempt,
      { ...outcome, cluster: cluster.ref },
      body,
      claim,
    );
    return body;
  }

  #event(
    attempt: Attempt,
    outcome: AuditOutcome,
    more: Record<string, unknown>,
  ) {
    return auditEvent(attempt, this.#options.now(), outcome, { more });
  }

  /** The intent and the claim's fence, right before the changing call. */
  async #writeIntent(attempt: Attempt, claim?: KeyClaim): Promise<string> {
    const now = this.#options.now();
    const event = auditEvent(attempt, now, 'pending');
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
        `The request with Idempotency-Key '${claim?.key}' lost its claim (it ran longer than the lease and another request took it over); AWS was not called. Retry to get the other request's answer`,
      );
    }
    return event.id;
  }

  /** A refusal or failure is audited; an uncertain one leaves the intent pending. */
  async #failed(attempt: Attempt, error: unknown, intentId?: string) {
    const { logger } = this.#options;
    logger.warn(
      `${attempt.action} on ${attempt.cluster.ref.arn} by ${
        attempt.actor
      } failed: ${arcErrorDetails(error)}`,
    );
    if (intentId && error instanceof UncertainArcError) {
      error.intentId = intentId;
      return;
    }
    await this.audit(attempt, 'failure', (error as Error).message, intentId);
  }

  /**
   * The outcome, the key's answer and the documents in one transaction; AWS
   * did it even if that fails (the caller is told, the audit kept at least).
   */
  async #record(
    attempt: Attempt,
    outcome: ReadinessOutcome,
    body: ReadinessFixResponse,
    claim?: KeyClaim,
  ): Promise<void> {
    const { records, audit, logger, publisher, redescribe } = this.#options;
    const now = this.#options.now();
    const idempotency = claim && {
      claim,
      answer: {
        statusCode: claim.answerStatus,
        responseBody: JSON.stringify(body),
      },
    };
    try {
      await records.record(
        { ...outcome, ...(idempotency ? { idempotency } : {}) },
        now,
      );
    } catch (error) {
      logger.error(
        `${attempt.action} on ${attempt.cluster.ref.arn} was done in AWS but could not be stored: ${error}`,
      );
      if (outcome.audit)
        await audit.settle(outcome.audit, now).catch(() => undefined);
    }
    if (body.update?.status === 'Successful') {
      await redescribe(attempt.cluster).catch(error =>
        logger.warn(`Could not describe ${attempt.cluster.ref.arn}: ${error}`),
      );
    }
    await publisher.signal({ type: 'fleet-refreshed' });
  }
}
