/**
 * A shift away from one AZ over many clusters (`POST /fleet-shifts`): the
 * plan (fleetPlan.ts) as it is for a dry run; otherwise, once per
 * Idempotency-Key, a few clusters at a time, each eligible cluster's shift
 * started as a single start is (ShiftSteps.apply), and progress signalled
 * after each. The caller's two decisions, read and shift.start, each one
 * authorize call, filter the clusters in SQL (never item by item): the plan
 * lists only the clusters the caller may read (the others in the AZ are
 * counted in `hidden`, never named); of those, one it may not shift is
 * skipped by a dry run and audited as denied by a real run. A subset naming
 * a cluster the caller may not read is refused as naming an unknown ARN.
 */
import { randomUUID } from 'node:crypto';
import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  fleetResilienceShiftStartPermission,
  type FleetShiftItem,
  type FleetShiftResponse,
  type StartShiftRequest,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { mapWithConcurrency } from '@fleet-resilience/plugin-fleet-resilience-node';
import type { ActionReads } from '../database/ActionReads';
import type { ClusterAccess } from '../database/clusterAccessSql';
import type { IdempotencyStore } from '../database/IdempotencyStore';
import type { StoredCluster } from '../domain/records';
import type { FleetPublisher } from '../events/FleetPublisher';
import type { ClusterAuthorizer } from '../permissions/ClusterAuthorizer';
import { actorOf } from './actor';
import type { Attempt } from './auditTrail';
import {
  countOutcomes,
  dryRunItems,
  planFleetShift,
  selectFleetClusters,
  type FleetPlanEntry,
} from './fleetPlan';
import {
  runIdempotently,
  type IdempotencyKeys,
  type KeyClaim,
} from './idempotency';
import type { Caller, ShiftSteps } from './shiftSteps';

export interface FleetShiftRequest extends StartShiftRequest {
  dryRun: boolean;
  /** Only these clusters (ARNs), when given. */
  clusterArns?: string[];
}

/** Which clusters a fleet shift, or its plan, is about. */
export type FleetScope = Pick<FleetShiftRequest, 'awayFrom' | 'clusterArns'>;

export interface FleetShiftsOptions {
  steps: ShiftSteps;
  reads: Pick<ActionReads, 'fleetShiftClusters' | 'shiftImpactInputs'>;
  clusterAuthorizer: Pick<ClusterAuthorizer, 'access'>;
  keys: IdempotencyKeys & {
    store: Pick<IdempotencyStore, 'complete'>;
  };
  publisher: FleetPublisher;
  logger: LoggerService;
  /** Clusters started at once. */
  concurrency: number;
}

/** The plan of a fleet shift: each cluster's entry, and the clusters by ARN. */
interface FleetPlan {
  entries: FleetPlanEntry[];
  clusters: Map<string, StoredCluster>;
  /** Clusters in the AZ the caller may not read, left out of the plan. */
  hidden: number;
}

export class FleetShifts {
  readonly #options: FleetShiftsOptions;

  constructor(options: FleetShiftsOptions) {
    this.#options = options;
  }

  /** `readable`: the clusters the caller may read (the route's decision). */
  async run(
    caller: Caller,
    request: FleetShiftRequest,
    readable: ClusterAccess,
  ): Promise<FleetShiftResponse> {
    if (request.dryRun) {
      return this.plan(caller.credentials, request, readable);
    }
    const actor = actorOf(caller.credentials);
    const plan = await this.#plan(caller.credentials, request, readable);
    return runIdempotently(
      this.#options.keys,
      caller.idempotency,
      {
        actor,
        operation: 'fleet-shift',
        target: request.awayFrom,
        body: request,
      },
      claim => this.#startAll(caller, actor, request, plan, claim),
    );
  }

  /**
   * The dry run's answer: what a run would do to each cluster, nothing
   * started. Also the `assess-zone-loss` tool's answer.
   */
  async plan(
    credentials: BackstageCredentials,
    scope: FleetScope,
    readable: ClusterAccess,
  ): Promise<FleetShiftResponse> {
    const plan = await this.#plan(credentials, scope, readable);
    const items = dryRunItems(plan.entries);
    return {
      dryRun: true,
      awayFrom: scope.awayFrom,
      items,
      counts: countOutcomes(items),
      hidden: plan.hidden,
    };
  }

  /**
   * The selected clusters the caller may read, each with its impact and
   * whether the caller may shift it (one decision, applied in SQL).
   */
  async #plan(
    credentials: BackstageCredentials,
    request: FleetScope,
    readable: ClusterAccess,
  ): Promise<FleetPlan> {
    const { reads, clusterAuthorizer } = this.#options;
    const shift = await clusterAuthorizer.access(
      credentials,
      fleetResilienceShiftStartPermission,
    );
    const found = await reads.fleetShiftClusters({
      awayFrom: request.awayFrom,
      ...(request.clusterArns ? { arns: request.clusterArns } : {}),
      read: readable,
      shift,
    });
    const listed = selectFleetClusters(
      found.clusters.map(cluster => ({ cluster })),
      request.awayFrom,
      request.clusterArns,
    ).map(s => s.cluster);
    const impactInputs = await reads.shiftImpactInputs(
      listed.map(c => c.ref.arn),
    );
    const entries = planFleetShift(
      listed.map(cluster => ({
        cluster,
        ...impactInputs.get(cluster.ref.arn),
      })),
      request.awayFrom,
      arn => found.shiftable.has(arn),
    );
    return {
      entries,
      clusters: new Map(listed.map(c => [c.ref.arn, c])),
      hidden: found.hidden,
    };
  }

  async #startAll(
    caller: Caller,
    actor: string,
    request: FleetShiftRequest,
    plan: FleetPlan,
    claim?: KeyClaim,
  ): Promise<FleetShiftResponse> {
    const { publisher, logger, keys, concurrency } = this.#options;
    const { dryRun: _dryRun, clusterArns: _subset, ...start } = request;
    const operationId = caller.idempotency?.key ?? randomUUID();
    const inputs = { ...start, operationId };
    const total = plan.entries.length;
    let done = 0;
    const settled = await mapWithConcurrency(
      plan.entries,
      concurrency,
      async entry => {
        const cluster = plan.clusters.get(entry.item.cluster.arn)!;
        const attempt: Attempt = {
          action: 'shift.start',
          cluster,
          actor,
          channel: caller.channel,
          inputs,
        };
        const item = await this.#startOne(entry, attempt, start);
        done += 1;
        await publisher.signal({
          type: 'fleet-shift-progress',
          operationId,
          done,
          total,
        });
        return item;
      },
    );
    const items = settled.map((result, i) =>
      result.ok
        ? result.value
        : {
            ...plan.entries[i].item,
            outcome: 'failed' as const,
            reason: result.error.message,
          },
    );
    const response: FleetShiftResponse = {
      dryRun: false,
      awayFrom: request.awayFrom,
      items,
      counts: countOutcomes(items),
      hidden: plan.hidden,
    };
    if (claim) {
      await keys.store.complete(
        claim,
        {
          statusCode: claim.answerStatus,
          responseBody: JSON.stringify(response),
        },
        keys.now(),
      );
    }
    logger.info(
      `Fleet shift ${operationId} away from ${
        request.awayFrom
      } by ${actor}: ${JSON.stringify(response.counts)}`,
    );
    return response;
  }

  /** One cluster's part: started, failed, denied (audited) or skipped. */
  async #startOne(
    entry: FleetPlanEntry,
    attempt: Attempt,
    request: StartShiftRequest,
  ): Promise<FleetShiftItem> {
    if (entry.decision === 'deny') {
      await this.#options.steps.audit(attempt, 'denied', entry.item.reason);
      return entry.item;
    }
    if (entry.decision !== 'start') {
      return entry.item;
    }
    try {
      const { shift } = await this.#options.steps.apply(attempt, {
        action: 'shift.start',
        request,
      });
      const { reason: _reason, ...item } = entry.item;
      return { ...item, outcome: 'started', shift };
    } catch (error) {
      return {
        ...entry.item,
        outcome: 'failed',
        reason: (error as Error).message,
      };
    }
  }
}
