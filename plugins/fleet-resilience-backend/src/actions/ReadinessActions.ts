/**
 * Readiness fixes on the AWS side, one cluster at a time or fleet-wide:
 * turn on EKS zonal shift, enable or disable ARC zonal autoshift, configure
 * practice runs. Permission-checked (`fleet-resilience.readiness.configure`
 * per cluster), audited and idempotent as shift actions are: each single fix
 * reads as its steps (readinessSteps.ts), once per Idempotency-Key.
 *
 * A fleet fix plans from what the store holds (the dry run, the default)
 * and, for real, fixes each eligible cluster as a single fix does, a few at
 * a time, deciding again on what AWS holds then. The caller's read and
 * configure decisions each filter in SQL; a cluster the caller may not read
 * is refused as unknown, one it may not configure is skipped by a dry run
 * and audited as denied by a real run.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  clusterEntityRef,
  fleetResilienceReadinessConfigurePermission,
  planReadinessFix,
  type FleetReadinessFixItem,
  type FleetReadinessFixResponse,
  type ReadinessFixResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { mapWithConcurrency } from '@fleet-resilience/plugin-fleet-resilience-node';
import type { ClusterAccess } from '../database/clusterAccessSql';
import type { IdempotencyStore } from '../database/IdempotencyStore';
import type { StoredCluster } from '../domain/records';
import type { ClusterAuthorizer } from '../permissions/ClusterAuthorizer';
import { actorOf } from './actor';
import type { Attempt } from './auditTrail';
import { runIdempotently, type IdempotencyKeys } from './idempotency';
import {
  FIX_ACTIONS,
  practiceRunConfigurationOf,
  samePracticeRuns,
} from './readinessCalls';
import type { FleetReadinessClusters } from './readinessRecords';
import {
  ReadinessSteps,
  type ReadinessRequest,
  type ReadinessStepsOptions,
} from './readinessSteps';
import type { ActionInput, Caller } from './shiftSteps';

export type { ReadinessRequest } from './readinessSteps';

/** `POST /fleet-readiness-fixes`, checked. */
export type FleetReadinessRequest = ReadinessRequest & {
  dryRun: boolean;
  clusterArns: string[];
};

export interface ReadinessActionsOptions
  extends Omit<ReadinessStepsOptions, 'now'> {
  records: ReadinessStepsOptions['records'] & {
    fleetClusters: FleetReadinessClusters;
  };
  clusterAuthorizer: Pick<ClusterAuthorizer, 'access'>;
  idempotency: IdempotencyKeys['store'] & Pick<IdempotencyStore, 'complete'>;
  intents: IdempotencyKeys['intents'];
  settings: {
    fleetConcurrency: number;
    idempotencyWaitMs: number;
    idempotencyLeaseMs: number;
  };
  logger: LoggerService;
  now?: () => Date;
}

type Outcome = FleetReadinessFixItem['outcome'];
const OUTCOMES: Outcome[] = [
  'eligible',
  'applied',
  'in-progress',
  'no-change',
  'skipped',
  'denied',
  'failed',
];

/** What a plan says of one cluster. */
interface PlanEntry {
  cluster: StoredCluster;
  item: FleetReadinessFixItem;
  /** The caller may configure it. */
  permitted: boolean;
}

export class ReadinessActions {
  readonly #steps: ReadinessSteps;
  readonly #options: ReadinessActionsOptions;
  readonly #keys: IdempotencyKeys & {
    store: ReadinessActionsOptions['idempotency'];
  };

  constructor(options: ReadinessActionsOptions) {
    const now = options.now ?? (() => new Date());
    this.#options = options;
    this.#steps = new ReadinessSteps({ ...options, now });
    this.#keys = {
      store: options.idempotency,
      intents: options.intents,
      waitMs: options.settings.idempotencyWaitMs,
      leaseMs: options.settings.idempotencyLeaseMs,
      now,
      logger: options.logger,
    };
  }

  /**
   * `POST /clusters/:clusterArn/readiness-fixes`; `fix` is checked by the
   * route (the audit action follows from it), the rest after the caller is
   * authorized.
   */
  async fix(
    caller: Caller,
    clusterArn: string,
    fix: ReadinessRequest['fix'],
    input: ActionInput<ReadinessRequest>,
  ): Promise<ReadinessFixResponse> {
    const key = caller.idempotency
      ? { idempotencyKey: caller.idempotency.key }
      : {};
    const asked = await this.#steps.attempt(fix, clusterArn, caller, {
      ...input.given,
      ...key,
    });
    const request = await this.#steps.check(asked, input);
    const attempt = { ...asked, inputs: { ...auditable(request), ...key } };
    return runIdempotently(
      this.#keys,
      caller.idempotency,
      {
        actor: attempt.actor,
        operation: attempt.action,
        target: attempt.cluster.ref.arn,
        body: request,
      },
      claim => this.#steps.apply(attempt, request, claim),
    );
  }

  /** `POST /fleet-readiness-fixes`; `readable`: the route's read decision. */
  async fleetFix(
    caller: Caller,
    request: FleetReadinessRequest,
    readable: ClusterAccess,
  ): Promise<FleetReadinessFixResponse> {
    const entries = await this.#plan(caller, request, readable);
    if (request.dryRun) {
      return response(
        true,
        request,
        entries.map(e => e.item),
      );
    }
    const actor = actorOf(caller.credentials);
    const { dryRun: _d, clusterArns: _c, ...fix } = request;
    return runIdempotently(
      this.#keys,
      caller.idempotency,
      {
        actor,
        operation: 'fleet-readiness-fix',
        target: fix.fix,
        body: request,
      },
      async claim => {
        const settled = await mapWithConcurrency(
          entries,
          this.#options.settings.fleetConcurrency,
          entry => this.#fixOne(caller, actor, fix, entry),
        );
        const items = settled.map((result, i) =>
          result.ok
            ? result.value
            : {
                ...entries[i].item,
                outcome: 'failed' as const,
                reason: result.error.message,
              },
        );
        const answer = response(false, request, items);
        if (claim) {
          await this.#keys.store.complete(
            claim,
            {
              statusCode: claim.answerStatus,
              responseBody: JSON.stringify(answer),
            },
            this.#keys.now(),
          );
        }
        this.#options.logger.info(
          `Fleet readiness fix ${fix.fix} by ${actor}: ${JSON.stringify(
            answer.counts,
          )}`,
        );
        return answer;
      },
    );
  }

  /** Each named cluster's plan, from the store; unreadable ones are a 400. */
  async #plan(
    caller: Caller,
    request: FleetReadinessRequest,
    readable: ClusterAccess,
  ): Promise<PlanEntry[]> {
    const configurable = await this.#options.clusterAuthorizer.access(
      caller.credentials,
      fleetResilienceReadinessConfigurePermission,
    );
    const found = await this.#options.records.fleetClusters(
      request.clusterArns,
      readable,
      configurable,
    );
    const known = new Set(found.clusters.map(c => c.cluster.ref.arn));
    const unknown = request.clusterArns.filter(arn => !known.has(arn));
    if (unknown.length > 0) {
      throw new InputError(
        `clusters: not clusters of the fleet you may read: ${unknown
          .slice(0, 5)
          .join(', ')}${
          unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''
        }`,
      );
    }
    return found.clusters.map(({ cluster, arc, pendingUpdate }) => {
      const base = {
        cluster: cluster.ref,
        entityRef: clusterEntityRef(cluster.ref),
      };
      if (!found.configurable.has(cluster.ref.arn)) {
        return {
          cluster,
          permitted: false,
          item: {
            ...base,
            outcome: 'skipped' as const,
            reason: `Not permitted (${fleetResilienceReadinessConfigurePermission.name})`,
          },
        };
      }
      const plan = planReadinessFix(request.fix, {
        zonalShiftEnabled: cluster.zonalShiftEnabled,
        ...(arc ? { arc } : {}),
        ...(pendingUpdate ? { pendingUpdate } : {}),
      });
      let item: FleetReadinessFixItem = { ...base, outcome: 'eligible' };
      if (plan.kind === 'no-change') {
        item = { ...base, outcome: 'no-change', reason: plan.reason };
      } else if (plan.kind === 'not-applicable') {
        item = { ...base, outcome: 'skipped', reason: plan.reason };
      } else if (
        request.fix === 'configure-practice-runs' &&
        samePracticeRuns(
          arc?.practiceRunConfiguration,
          practiceRunConfigurationOf(request.practiceRuns),
        )
      ) {
        item = {
          ...base,
          outcome: 'no-change',
          reason: 'ARC already holds these practice-run settings.',
        };
      }
      return { cluster, item, permitted: true };
    });
  }

  /** One cluster of a real run: its single fix, deciding again on AWS's state. */
  async #fixOne(
    caller: Caller,
    actor: string,
    request: ReadinessRequest,
    entry: PlanEntry,
  ): Promise<FleetReadinessFixItem> {
    const attempt: Attempt = {
      action: FIX_ACTIONS[request.fix],
      cluster: entry.cluster,
      actor,
      channel: caller.channel,
      inputs: {
        ...auditable(request),
        ...(caller.idempotency ? { operationId: caller.idempotency.key } : {}),
      },
    };
    if (!entry.permitted) {
      await this.#steps.audit(attempt, 'denied', entry.item.reason);
      return { ...entry.item, outcome: 'denied' };
    }
    if (entry.item.outcome !== 'eligible') {
      return entry.item;
    }
    const { reason: _r, ...base } = entry.item;
    try {
      const done = await this.#steps.apply(attempt, request);
      return {
        ...base,
        outcome: done.status,
        reason: done.message,
        ...(done.update ? { update: done.update } : {}),
      };
    } catch (error) {
      const name = (error as Error).name;
      return {
        ...base,
        // Not applicable any more (AWS changed since the store was read).
        outcome: name === 'ConflictError' ? 'skipped' : 'failed',
        reason: (error as Error).message,
      };
    }
  }
}

/** The request as the audit keeps it (the practice-run lists counted, the alarms named). */
function auditable(request: ReadinessRequest): Record<string, unknown> {
  const { fix, comment } = request;
  if (fix !== 'configure-practice-runs') return { fix, comment };
  const runs = request.practiceRuns;
  return {
    fix,
    comment,
    outcomeAlarms: runs.outcomeAlarms.join(' '),
    blockingAlarms: (runs.blockingAlarms ?? []).join(' '),
    blockedWindows: (runs.blockedWindows ?? []).join(' '),
    blockedDates: (runs.blockedDates ?? []).join(' '),
  };
}

function response(
  dryRun: boolean,
  request: FleetReadinessRequest,
  items: FleetReadinessFixItem[],
): FleetReadinessFixResponse {
  const counts = Object.fromEntries(OUTCOMES.map(o => [o, 0])) as Record<
    Outcome,
    number
  >;
  for (const item of items) counts[item.outcome] += 1;
  return { dryRun, fix: request.fix, items, counts, replayed: false };
}
