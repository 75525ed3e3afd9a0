/**
 * The steps of one shift action on one cluster: find the cluster, authorize
 * the caller, check the request, then apply the change: call ARC, record the
 * outcome (the audit event, the shift and the cluster's new shift state, and
 * the key's answer, in one transaction) and announce it (the reconciler's
 * kick, a signal, the owner's notification). A step that refuses audits why.
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
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  clusterEntityRef,
  fleetResilienceShiftCancelPermission,
  fleetResilienceShiftStartPermission,
  fleetResilienceShiftUpdatePermission,
  type AuditAction,
  type AuditOutcome,
  type ShiftActionResponse,
  type Zone,
  type ZonalShift,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  AccountRegion,
  ArcZonalShiftClient,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { ActionReads } from '../database/ActionReads';
import type { ShiftStateInputs } from '../database/arcState';
import type { AuditStore } from '../database/AuditStore';
import type { ActionOutcome } from '../database/recordActionOutcome';
import type { ShiftRecord, StoredCluster } from '../domain/records';
import { shiftStateAfterAction } from '../domain/shiftStateAfterAction';
import type { FleetPublisher } from '../events/FleetPublisher';
import { actorOf } from './actor';
import {
  callArc,
  DOING,
  type ArcAnswer,
  type ShiftChange,
} from './arcShiftCalls';
import { auditEvent, type Attempt } from './auditTrail';
import type { KeyClaim, RequestKey } from './idempotency';

/** Who asks, as the route authenticated them. */
export interface Caller {
  credentials: BackstageCredentials;
  /** The request's Idempotency-Key, if it has one. */
  idempotency?: RequestKey;
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
  audit: Pick<AuditStore, 'append'>;
  /** Writes a done action's outcome in one transaction (recordActionOutcome). */
  recordOutcome: (outcome: ActionOutcome, now: Date) => Promise<void>;
  /** ARC client of an account and region (AwsClientFactory.arc). */
  arc: (target: AccountRegion) => Promise<ArcZonalShiftClient>;
  permissions: PermissionsService;
  publisher: FleetPublisher;
  logger: LoggerService;
  /** Called after every successful action, e.g. to reconcile the cluster at once. */
  onShiftChanged?: (clusterArn: string) => void | Promise<void>;
  now: () => Date;
}

const PERMISSIONS: Record<AuditAction, ResourcePermission<'catalog-entity'>> = {
  'shift.start': fleetResilienceShiftStartPermission,
  'shift.update': fleetResilienceShiftUpdatePermission,
  'shift.cancel': fleetResilienceShiftCancelPermission,
};

function publicShift(record: ShiftRecord): ZonalShift {
  const { accountId: _a, region: _r, ...shift } = record;
  return shift;
}

/** The cluster's shift state once `changed` is stored (see shiftStateAfterAction). */
function shiftStateAfter(changed: ShiftRecord) {
  return ({ cluster, resource, storedShifts, autoshifts }: ShiftStateInputs) =>
    shiftStateAfterAction({
      cluster: { ...cluster.ref, zones: cluster.zones },
      resource,
      storedShifts,
      changed,
      activeAutoshifts: autoshifts.filter(a => a.status === 'ACTIVE'),
    });
}

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

  /** An attempt of `action` on a cluster of the fleet (404 for another). */
  async attempt(
    action: AuditAction,
    clusterArn: string,
    caller: Caller,
    inputs: Record<string, unknown>,
  ): Promise<Attempt> {
    const cluster = await this.#options.clusters.getCluster(clusterArn);
    if (!cluster) {
      throw new NotFoundError(`No cluster ${clusterArn} in the fleet`);
    }
    return { action, cluster, actor: actorOf(caller.credentials), inputs };
  }

  /** 403 unless the caller may do the attempt's action on its cluster; audited. */
  async authorize(attempt: Attempt, caller: Caller): Promise<void> {
    const { action, cluster } = attempt;
    const allowed = await this.allowed(
      PERMISSIONS[action],
      [cluster],
      caller.credentials,
    );
    if (!allowed.has(cluster.ref.arn)) {
      const message = `Not allowed to ${DOING[action]} on ${cluster.ref.name} (${PERMISSIONS[action].name})`;
      await this.audit(attempt, 'denied', message);
      throw new NotAllowedError(message);
    }
  }

  /** One batched authorize call; the ARNs the caller may act on. */
  async allowed(
    permission: ResourcePermission<'catalog-entity'>,
    clusters: ReadonlyArray<Pick<StoredCluster, 'ref'>>,
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    if (clusters.length === 0) {
      return new Set();
    }
    const decisions = await this.#options.permissions.authorize(
      clusters.map(c => ({ permission, resourceRef: clusterEntityRef(c.ref) })),
      { credentials },
    );
    return new Set(
      clusters
        .filter((_, i) => decisions[i]?.result === AuthorizeResult.ALLOW)
        .map(c => c.ref.arn),
    );
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

  /** Calls ARC, records the outcome, announces it; the answer for the caller. */
  async apply(
    attempt: Attempt,
    change: ShiftChange,
    claim?: KeyClaim,
  ): Promise<ShiftActionResponse> {
    const answer = await this.#callArc(attempt, change);
    const response = await this.#record(attempt, answer, claim);
    await this.#announce(attempt, answer.shift);
    return response;
  }

  async audit(
    attempt: Attempt,
    outcome: AuditOutcome,
    errorMessage?: string,
  ): Promise<void> {
    await this.#options.audit.append(
      auditEvent(attempt, this.#options.now(), outcome, { errorMessage }),
    );
  }

  /** ARC's answer; a refusal or failure is audited. */
  async #callArc(attempt: Attempt, change: ShiftChange): Promise<ArcAnswer> {
    const { cluster, actor } = attempt;
    try {
      if (change.action === 'shift.start') {
        requireZonalShiftEnabled(cluster);
      }
      const client = await this.#options.arc(cluster.ref);
      return await callArc(change, {
        client,
        cluster,
        actor,
        now: this.#options.now,
        getShift: id => this.#options.reads.getShift(id),
      });
    } catch (error) {
      await this.audit(attempt, 'failure', (error as Error).message);
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
    claim?: KeyClaim,
  ): Promise<ShiftActionResponse> {
    const { recordOutcome, audit, logger } = this.#options;
    const now = this.#options.now();
    const event = auditEvent(attempt, now, 'success', {
      more: { zonalShiftId: shift.zonalShiftId, ...details },
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
      await audit.append(event).catch(() => undefined);
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
        action,
        cluster: cluster.ref,
        owner: cluster.owner,
        shift: publicShift(shift),
        actor,
      }),
    ]);
  }
}
