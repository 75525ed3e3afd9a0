/**
 * The steps of one readiness fix on one cluster, after those every action
 * shares (ClusterActionSteps: authorize the caller on the cluster resource,
 * find the cluster, check the request, audit, write the intent): read what AWS
 * holds now and decide (planReadinessFix: apply, no change, or not
 * applicable); to apply, record the attempt's intent (fencing the
 * idempotency claim) right before the one changing call, make it, and
 * record the outcome with the key's answer and the cluster's documents in
 * one transaction. An EKS update is answered `in-progress`: its intent stays
 * pending until the follower (ReadinessUpdateFollower) sees it end. A step
 * that refuses audits why; a failure that leaves it unknown whether AWS
 * applied the change leaves the intent pending, for the IntentResolver.
 */
import { ConflictError } from '@backstage/errors';
import {
  fleetResilienceReadinessConfigurePermission,
  planReadinessFix,
  type AuditOutcome,
  type ReadinessFix,
  type ReadinessFixResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { StoredCluster } from '../domain/records';
import type { FleetPublisher } from '../events/FleetPublisher';
import { auditEvent, type Attempt } from './auditTrail';
import {
  ClusterActionSteps,
  type Caller,
  type ClusterActionStepsOptions,
} from './clusterActionSteps';
import type { KeyClaim } from './idempotency';
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

/** A checked readiness fix request: the change and why. */
export type ReadinessRequest = ReadinessChange & { comment: string };

export interface ReadinessStepsOptions extends ClusterActionStepsOptions {
  records: Pick<ReadinessRecords, 'record' | 'latest'>;
  aws: ReadinessAws;
  /** Stores what EKS now says of the cluster (once zonal shift is on). */
  redescribe: (cluster: StoredCluster) => Promise<void>;
  publisher: Pick<FleetPublisher, 'signal'>;
}

export class ReadinessSteps extends ClusterActionSteps {
  readonly #options: ReadinessStepsOptions;

  constructor(options: ReadinessStepsOptions) {
    super(options, 'AWS');
    this.#options = options;
  }

  /** An attempt of `fix` on a cluster of the fleet (ClusterActionSteps). */
  async attempt(
    fix: ReadinessFix,
    clusterArn: string,
    caller: Caller,
    inputs: Record<string, unknown>,
  ): Promise<Attempt> {
    return this.attemptOn(
      {
        action: FIX_ACTIONS[fix],
        permission: fleetResilienceReadinessConfigurePermission,
        doing: FIXING[fix],
        clusterArn,
        inputs: { fix, ...inputs },
      },
      caller,
    );
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
        intent.id = await this.writeIntent(attempt, claim);
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
      await this.failed(attempt, error, intent.id);
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
