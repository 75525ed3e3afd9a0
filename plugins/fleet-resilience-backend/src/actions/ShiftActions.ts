/**
 * Start, update (extend) and cancel ARC zonal shifts of the fleet's
 * clusters, one at a time or fleet-wide (fleetShift.ts). Each single action
 * reads as its steps (shiftSteps.ts): authorize the caller, find the
 * cluster, check the request, then, once per Idempotency-Key
 * (idempotency.ts), record the intent, call ARC (it is the source of
 * truth), record the outcome in one transaction and announce it.
 *
 * Every attempt on a known cluster by a known caller is audited: denied,
 * invalid, refused by ARC or done.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type {
  FleetShiftResponse,
  ShiftActionResponse,
  StartShiftRequest,
  UpdateShiftRequest,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { ActionReads } from '../database/ActionReads';
import type { ClusterAccess } from '../database/clusterAccessSql';
import type { IdempotencyStore } from '../database/IdempotencyStore';
import type { ShiftActionMetrics } from '../metrics/fleetMetrics';
import type { ClusterAuthorizer } from '../permissions/ClusterAuthorizer';
import { UncertainArcError } from './arcErrors';
import type { ShiftChange } from './arcShiftCalls';
import type { Attempt } from './auditTrail';
import {
  FleetShifts,
  type FleetScope,
  type FleetShiftRequest,
} from './fleetShift';
import { runIdempotently, type IdempotencyKeys } from './idempotency';
import {
  ShiftSteps,
  type ActionInput,
  type Caller,
  type ShiftStepsOptions,
} from './shiftSteps';

export type { ActionInput, Caller } from './shiftSteps';
export type { FleetScope, FleetShiftRequest } from './fleetShift';

export interface ShiftActionsSettings {
  /** Clusters started at once by a fleet-wide shift. */
  fleetConcurrency: number;
  /** How long a request waits for another one holding the same idempotency key. */
  idempotencyWaitMs: number;
  /** After this long a pending idempotency claim is taken to be abandoned. */
  idempotencyLeaseMs: number;
}

export const DEFAULT_SHIFT_ACTIONS_SETTINGS: ShiftActionsSettings = {
  fleetConcurrency: 4,
  idempotencyWaitMs: 5_000,
  idempotencyLeaseMs: 120_000,
};

export interface ShiftActionsOptions extends Omit<ShiftStepsOptions, 'now'> {
  reads: Pick<
    ActionReads,
    'getShift' | 'fleetShiftClusters' | 'shiftImpactInputs'
  >;
  /** The caller's access to clusters, for the fleet-wide shift. */
  clusterAuthorizer: Pick<ClusterAuthorizer, 'access'>;
  idempotency: Pick<
    IdempotencyStore,
    'claim' | 'takeOver' | 'release' | 'prune' | 'complete' | 'renew'
  >;
  settings?: Partial<ShiftActionsSettings>;
  metrics?: ShiftActionMetrics;
  now?: () => Date;
}

export class ShiftActions {
  readonly #steps: ShiftSteps;
  readonly #keys: IdempotencyKeys & {
    store: ShiftActionsOptions['idempotency'];
  };
  readonly #fleet: FleetShifts;
  readonly #metrics?: ShiftActionMetrics;

  constructor(options: ShiftActionsOptions) {
    this.#metrics = options.metrics;
    const settings = { ...DEFAULT_SHIFT_ACTIONS_SETTINGS, ...options.settings };
    const now = options.now ?? (() => new Date());
    this.#steps = new ShiftSteps({ ...options, now });
    this.#keys = {
      store: options.idempotency,
      intents: options.audit,
      waitMs: settings.idempotencyWaitMs,
      leaseMs: settings.idempotencyLeaseMs,
      now,
      logger: options.logger,
    };
    this.#fleet = new FleetShifts({
      steps: this.#steps,
      reads: options.reads,
      clusterAuthorizer: options.clusterAuthorizer,
      keys: this.#keys,
      publisher: options.publisher,
      logger: options.logger,
      concurrency: settings.fleetConcurrency,
    });
  }

  /** `POST /clusters/:clusterArn/shifts` */
  async start(
    caller: Caller,
    clusterArn: string,
    input: ActionInput<StartShiftRequest>,
  ): Promise<ShiftActionResponse> {
    return this.#measured('shift.start', caller, async () => {
      const key = keyInputs(caller);
      const given = { ...input.given, ...key };
      const asked = await this.#steps.attempt(
        'shift.start',
        clusterArn,
        caller,
        given,
      );
      const request = await this.#steps.check(asked, input);
      const attempt = { ...asked, inputs: { ...request, ...key } };
      return this.#applyOnce(caller, attempt, {
        action: 'shift.start',
        request,
      });
    });
  }

  /** `PATCH /clusters/:clusterArn/shifts/:zonalShiftId` */
  async update(
    caller: Caller,
    clusterArn: string,
    zonalShiftId: string,
    input: ActionInput<UpdateShiftRequest>,
  ): Promise<ShiftActionResponse> {
    return this.#measured('shift.update', caller, async () => {
      const key = keyInputs(caller);
      const given = { zonalShiftId, ...input.given, ...key };
      const asked = await this.#steps.attempt(
        'shift.update',
        clusterArn,
        caller,
        given,
      );
      const request = await this.#steps.check(asked, input);
      const attempt = {
        ...asked,
        inputs: { zonalShiftId, ...request, ...key },
      };
      return this.#applyOnce(caller, attempt, {
        action: 'shift.update',
        zonalShiftId,
        request,
      });
    });
  }

  /**
   * `DELETE /clusters/:clusterArn/shifts/:zonalShiftId`; `noted`: what else
   * the caller gave for the record (the cancel tool's `comment`), in the
   * attempt's audit inputs. ARC's cancel takes nothing more.
   */
  async cancel(
    caller: Caller,
    clusterArn: string,
    zonalShiftId: string,
    noted: Record<string, unknown> = {},
  ): Promise<ShiftActionResponse> {
    return this.#measured('shift.cancel', caller, async () => {
      const given = { zonalShiftId, ...noted, ...keyInputs(caller) };
      const attempt = await this.#steps.attempt(
        'shift.cancel',
        clusterArn,
        caller,
        given,
      );
      return this.#applyOnce(caller, attempt, {
        action: 'shift.cancel',
        zonalShiftId,
      });
    });
  }

  /** Runs one cluster's action, counting its outcome as the caller is answered. */
  async #measured(
    action: string,
    caller: Caller,
    run: () => Promise<ShiftActionResponse>,
  ): Promise<ShiftActionResponse> {
    const facts = {
      action,
      scope: 'cluster' as const,
      channel: caller.channel,
      principal: principalOf(caller),
    };
    try {
      const response = await run();
      this.#metrics?.actionFinished({
        ...facts,
        outcome: response.replayed ? 'replayed' : 'success',
      });
      return response;
    } catch (error) {
      this.#metrics?.actionFinished({ ...facts, outcome: outcomeOf(error) });
      throw error;
    }
  }

  /** Once per Idempotency-Key: call ARC, record the outcome, announce it. */
  #applyOnce(
    caller: Caller,
    attempt: Attempt,
    change: ShiftChange,
  ): Promise<ShiftActionResponse> {
    return runIdempotently(
      this.#keys,
      caller.idempotency,
      idempotentRequest(attempt, change),
      claim => this.#steps.apply(attempt, change, claim),
    );
  }

  /**
   * The plan of a shift away from one AZ, as a dry run of
   * `POST /fleet-shifts` answers it (which comes here too): each cluster the
   * caller may read with its verdict, and whether it would be started or
   * skipped. Changes nothing.
   */
  planFleetShift(
    credentials: BackstageCredentials,
    scope: FleetScope,
    readable: ClusterAccess,
  ): Promise<FleetShiftResponse> {
    return this.#fleet.plan(credentials, scope, readable);
  }

  /**
   * `POST /fleet-shifts`; `readable`: the clusters the caller may read, as
   * the route decided before reading the body.
   */
  async fleetShift(
    caller: Caller,
    request: FleetShiftRequest,
    readable: ClusterAccess,
  ): Promise<FleetShiftResponse> {
    const response = await this.#fleet.run(caller, request, readable);
    // Each cluster's start counts; a dry run starts nothing.
    if (!response.dryRun) {
      for (const item of response.items) {
        this.#metrics?.actionFinished({
          action: 'shift.start',
          scope: 'fleet',
          channel: caller.channel,
          principal: principalOf(caller),
          outcome: response.replayed ? 'replayed' : fleetOutcome(item.outcome),
        });
      }
    }
    return response;
  }
}

/**
 * What identifies a single-cluster request for its Idempotency-Key: the
 * action, its target (the cluster, or the cluster's shift) and the checked
 * request. Keys stored by earlier versions hash the same.
 */
function idempotentRequest(attempt: Attempt, change: ShiftChange) {
  const arn = attempt.cluster.ref.arn;
  const base = { actor: attempt.actor, operation: change.action };
  switch (change.action) {
    case 'shift.start':
      return { ...base, target: arn, body: change.request };
    case 'shift.update':
      return {
        ...base,
        target: `${arn}/${change.zonalShiftId}`,
        body: change.request,
      };
    default:
      return { ...base, target: `${arn}/${change.zonalShiftId}`, body: {} };
  }
}

/** A fleet shift item's outcome in the words of a single action's. */
function fleetOutcome(outcome: string): string {
  return outcome === 'started' ? 'success' : outcome;
}

/** A refused or failed action's outcome, for the metrics (few values). */
function outcomeOf(error: unknown): string {
  if (error instanceof UncertainArcError) return 'uncertain';
  switch ((error as { name?: unknown } | undefined)?.name) {
    case 'NotAllowedError':
      return 'denied';
    case 'NotFoundError':
      return 'not_found';
    case 'InputError':
      return 'invalid';
    case 'ConflictError':
      return 'conflict';
    case 'ServiceUnavailableError':
      return 'unavailable';
    default:
      return 'error';
  }
}

/** The caller's principal type: `user`, `service` or `none`. */
function principalOf(caller: Caller): string {
  const type = (caller.credentials.principal as { type?: unknown }).type;
  return type === 'user' || type === 'service' ? type : 'none';
}

/** The request's Idempotency-Key, for the audit. */
function keyInputs(caller: Caller): Record<string, string> {
  return caller.idempotency ? { idempotencyKey: caller.idempotency.key } : {};
}
