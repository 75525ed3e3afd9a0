/**
 * Start, update (extend) and cancel ARC zonal shifts of the fleet's
 * clusters, one at a time or fleet-wide. ARC first (it is the source of
 * truth), then one transaction with the audit event, the shift and the
 * cluster's new shift state, and the idempotency key's answer; then the
 * reconciler is kicked and signals and the owner's notification go out.
 *
 * Every attempt on a known cluster by a known caller is audited: denied,
 * invalid, refused by ARC or done.
 */
import { randomUUID } from 'node:crypto';
import type {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
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
  formatValidationProblems,
  planExtension,
  validateStartShift,
  validateUpdateShift,
  type AuditAction,
  type AuditEvent,
  type FleetShiftItem,
  type FleetShiftResponse,
  type ShiftActionResponse,
  type StartShiftRequest,
  type UpdateShiftRequest,
  type ZonalShift,
  type ZonalShiftType,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  mapWithConcurrency,
  type AccountRegion,
  type ArcZonalShiftClient,
  type ZonalShift as ArcZonalShift,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { ActionStore, IdempotencyClaim } from '../database/ActionStore';
import type { FleetStore } from '../database/FleetStore';
import type { ShiftRecord, StoredCluster } from '../domain/records';
import type { FleetPublisher } from '../events/FleetPublisher';
import { actorOf } from './actor';
import { mapArcError } from './arcErrors';
import {
  countOutcomes,
  dryRunItems,
  planFleetShift,
  selectFleetClusters,
} from './fleetPlan';
import { decideIdempotency, requestHash } from './idempotency';
import {
  auditInputs,
  parseBody,
  parseFleetShiftInput,
  START_FIELDS,
  UPDATE_FIELDS,
} from './parseActionInput';

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

export interface ShiftActionsOptions {
  store: Pick<FleetStore, 'getCluster' | 'listAllClusters'>;
  actions: ActionStore;
  /** ARC client of an account and region (AwsClientFactory.arc). */
  arc: (target: AccountRegion) => Promise<ArcZonalShiftClient>;
  permissions: PermissionsService;
  publisher: FleetPublisher;
  logger: LoggerService;
  /** Called after every successful action, e.g. to reconcile the cluster at once. */
  onShiftChanged?: (clusterArn: string) => void | Promise<void>;
  settings?: Partial<ShiftActionsSettings>;
  now?: () => Date;
}

/** An HTTP answer: status and JSON body. */
export interface ActionAnswer<T> {
  status: number;
  body: T;
}

interface Caller {
  credentials: BackstageCredentials;
  idempotencyKey?: string;
}

const PERMISSIONS: Record<AuditAction, ResourcePermission<'catalog-entity'>> = {
  'shift.start': fleetResilienceShiftStartPermission,
  'shift.update': fleetResilienceShiftUpdatePermission,
  'shift.cancel': fleetResilienceShiftCancelPermission,
};

const DOING: Record<AuditAction, string> = {
  'shift.start': 'start a zonal shift',
  'shift.update': 'update the zonal shift',
  'shift.cancel': 'cancel the zonal shift',
};

const POLL_MS = 100;
const KEY_RETENTION_MS = 24 * 3600_000;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function toShiftRecord(
  shift: ArcZonalShift,
  cluster: StoredCluster,
  shiftType: ZonalShiftType,
  actor: string | undefined,
): ShiftRecord {
  return {
    zonalShiftId: shift.zonalShiftId,
    resourceIdentifier: cluster.ref.arn,
    awayFrom: shift.awayFrom,
    status: shift.status,
    shiftType,
    startTime: shift.startTime.toISOString(),
    expiryTime: shift.expiryTime.toISOString(),
    comment: shift.comment ?? '',
    ...(actor ? { actor } : {}),
    accountId: cluster.ref.accountId,
    region: cluster.ref.region,
  };
}

/** What an ARC call of an action gives: the shift, and what else the audit records. */
interface ActResult {
  shift: ShiftRecord;
  details?: Record<string, unknown>;
}

function publicShift(record: ShiftRecord): ZonalShift {
  const { accountId: _a, region: _r, ...shift } = record;
  return shift;
}

export class ShiftActions {
  readonly #o: ShiftActionsOptions;
  readonly #settings: ShiftActionsSettings;
  readonly #now: () => Date;

  constructor(options: ShiftActionsOptions) {
    this.#o = options;
    this.#settings = { ...DEFAULT_SHIFT_ACTIONS_SETTINGS, ...options.settings };
    this.#now = options.now ?? (() => new Date());
  }

  // ---------------------------------------------------------------- routes

  /** `POST /clusters/:clusterArn/shifts` */
  async start(
    caller: Caller,
    clusterArn: string,
    body: unknown,
  ): Promise<ActionAnswer<ShiftActionResponse>> {
    const cluster = await this.#cluster(clusterArn);
    const actor = actorOf(caller.credentials);
    const raw = {
      ...this.#rawInputs(body, START_FIELDS),
      ...this.#keyInput(caller),
    };
    await this.#authorize('shift.start', cluster, actor, caller, raw);
    const request = await this.#validated(
      'shift.start',
      cluster,
      actor,
      raw,
      () => {
        const input = parseBody(body, START_FIELDS);
        const result = validateStartShift(input, cluster.zones);
        if (!result.ok) {
          throw new InputError(
            `Invalid zonal shift: ${formatValidationProblems(result.problems)}`,
          );
        }
        return result.value;
      },
    );
    return this.#idempotent(
      caller,
      actor,
      'shift.start',
      clusterArn,
      request,
      claim =>
        this.#startOnCluster(
          cluster,
          request,
          actor,
          this.#keyInput(caller),
          claim,
        ),
    );
  }

  /** `PATCH /clusters/:clusterArn/shifts/:zonalShiftId` */
  async update(
    caller: Caller,
    clusterArn: string,
    zonalShiftId: string,
    body: unknown,
  ): Promise<ActionAnswer<ShiftActionResponse>> {
    const cluster = await this.#cluster(clusterArn);
    const actor = actorOf(caller.credentials);
    const raw = {
      zonalShiftId,
      ...this.#rawInputs(body, UPDATE_FIELDS),
      ...this.#keyInput(caller),
    };
    await this.#authorize('shift.update', cluster, actor, caller, raw);
    const request = await this.#validated(
      'shift.update',
      cluster,
      actor,
      raw,
      () => {
        const result = validateUpdateShift(parseBody(body, UPDATE_FIELDS));
        if (!result.ok) {
          throw new InputError(
            `Invalid zonal shift update: ${formatValidationProblems(
              result.problems,
            )}`,
          );
        }
        return result.value;
      },
    );
    const inputs = { zonalShiftId, ...request, ...this.#keyInput(caller) };
    return this.#idempotent(
      caller,
      actor,
      'shift.update',
      `${clusterArn}/${zonalShiftId}`,
      request,
      claim =>
        this.#act('shift.update', cluster, actor, inputs, claim, 200, client =>
          this.#updateInArc(cluster, zonalShiftId, request, client),
        ),
    );
  }

  /** `DELETE /clusters/:clusterArn/shifts/:zonalShiftId` */
  async cancel(
    caller: Caller,
    clusterArn: string,
    zonalShiftId: string,
  ): Promise<ActionAnswer<ShiftActionResponse>> {
    const cluster = await this.#cluster(clusterArn);
    const actor = actorOf(caller.credentials);
    const inputs = { zonalShiftId, ...this.#keyInput(caller) };
    await this.#authorize('shift.cancel', cluster, actor, caller, inputs);
    return this.#idempotent(
      caller,
      actor,
      'shift.cancel',
      `${clusterArn}/${zonalShiftId}`,
      {},
      claim =>
        this.#act(
          'shift.cancel',
          cluster,
          actor,
          inputs,
          claim,
          200,
          async client => {
            const known = await this.#shiftOf(cluster, zonalShiftId, client);
            const shift = await client.cancelZonalShift(zonalShiftId);
            return {
              shift: toShiftRecord(
                shift,
                cluster,
                known.shiftType,
                known.actor,
              ),
            };
          },
        ),
    );
  }

  /** `POST /fleet-shifts` */
  async fleetShift(
    caller: Caller,
    body: unknown,
  ): Promise<ActionAnswer<FleetShiftResponse>> {
    const request = parseFleetShiftInput(body);
    const actor = actorOf(caller.credentials);
    const clusters = await this.#o.store.listAllClusters();
    const selected = selectFleetClusters(
      clusters.map(cluster => ({ cluster })),
      request.awayFrom,
      request.clusterArns,
    );
    const impactInputs = await this.#o.actions.shiftImpactInputs(
      selected.map(s => s.cluster.ref.arn),
    );
    const allowed = await this.#authorizeMany(
      fleetResilienceShiftStartPermission,
      selected.map(s => s.cluster),
      caller.credentials,
    );
    const entries = planFleetShift(
      selected.map(s => ({
        cluster: s.cluster,
        ...impactInputs.get(s.cluster.ref.arn),
      })),
      request.awayFrom,
      arn => allowed.has(arn),
    );
    if (request.dryRun) {
      const items = dryRunItems(entries);
      return {
        status: 200,
        body: {
          dryRun: true,
          awayFrom: request.awayFrom,
          items,
          counts: countOutcomes(items),
        },
      };
    }
    const { dryRun: _dryRun, clusterArns: _subset, ...start } = request;
    return this.#idempotent(
      caller,
      actor,
      'fleet-shift',
      request.awayFrom,
      request,
      async claim => {
        const operationId = caller.idempotencyKey ?? randomUUID();
        const byArn = new Map(
          selected.map(s => [s.cluster.ref.arn, s.cluster]),
        );
        const inputs = { ...start, operationId };
        const total = entries.length;
        let done = 0;
        const progress = async () => {
          done += 1;
          await this.#o.publisher.signal({
            type: 'fleet-shift-progress',
            operationId,
            done,
            total,
          });
        };
        const items = (
          await mapWithConcurrency(
            entries,
            this.#settings.fleetConcurrency,
            async entry => {
              const cluster = byArn.get(entry.item.cluster.arn)!;
              let item: FleetShiftItem = entry.item;
              if (entry.decision === 'deny') {
                await this.#audit(
                  'shift.start',
                  cluster,
                  actor,
                  inputs,
                  'denied',
                  entry.item.reason,
                );
              } else if (entry.decision === 'start') {
                try {
                  const answer = await this.#startOnCluster(
                    cluster,
                    start,
                    actor,
                    inputs,
                  );
                  item = {
                    ...entry.item,
                    outcome: 'started',
                    shift: answer.body.shift,
                  };
                  delete item.reason;
                } catch (error) {
                  item = {
                    ...entry.item,
                    outcome: 'failed',
                    reason: (error as Error).message,
                  };
                }
              }
              await progress();
              return item;
            },
          )
        ).map((settled, i) =>
          settled.ok
            ? settled.value
            : {
                ...entries[i].item,
                outcome: 'failed' as const,
                reason: settled.error.message,
              },
        );
        const response: FleetShiftResponse = {
          dryRun: false,
          awayFrom: request.awayFrom,
          items,
          counts: countOutcomes(items),
        };
        if (claim) {
          await this.#o.actions.completeIdempotencyKey(
            claim,
            200,
            JSON.stringify(response),
            this.#now(),
          );
        }
        this.#o.logger.info(
          `Fleet shift ${operationId} away from ${
            request.awayFrom
          } by ${actor}: ${JSON.stringify(response.counts)}`,
        );
        return { status: 200, body: response };
      },
    );
  }

  // ---------------------------------------------------------------- steps

  async #cluster(arn: string): Promise<StoredCluster> {
    const cluster = await this.#o.store.getCluster(arn);
    if (!cluster) {
      throw new NotFoundError(`No cluster ${arn} in the fleet`);
    }
    return cluster;
  }

  #keyInput(caller: Caller): Record<string, string> {
    return caller.idempotencyKey
      ? { idempotencyKey: caller.idempotencyKey }
      : {};
  }

  /** The body's known fields as given (for the audit of refused requests). */
  #rawInputs(
    body: unknown,
    fields: readonly string[],
  ): Record<string, unknown> {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return body === undefined ? {} : { body };
    }
    const given = body as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(given).map(key => [
        fields.includes(key) ? key : `unknown:${key}`,
        given[key],
      ]),
    );
  }

  async #authorize(
    action: AuditAction,
    cluster: StoredCluster,
    actor: string,
    caller: Caller,
    inputs: Record<string, unknown>,
  ): Promise<void> {
    const allowed = await this.#authorizeMany(
      PERMISSIONS[action],
      [cluster],
      caller.credentials,
    );
    if (!allowed.has(cluster.ref.arn)) {
      const message = `Not allowed to ${DOING[action]} on ${cluster.ref.name} (${PERMISSIONS[action].name})`;
      await this.#audit(action, cluster, actor, inputs, 'denied', message);
      throw new NotAllowedError(message);
    }
  }

  /** One batched authorize call; the ARNs the caller may act on. */
  async #authorizeMany(
    permission: ResourcePermission<'catalog-entity'>,
    clusters: ReadonlyArray<Pick<StoredCluster, 'ref'>>,
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    if (clusters.length === 0) {
      return new Set();
    }
    const decisions = await this.#o.permissions.authorize(
      clusters.map(c => ({ permission, resourceRef: clusterEntityRef(c.ref) })),
      { credentials },
    );
    return new Set(
      clusters
        .filter((_, i) => decisions[i]?.result === AuthorizeResult.ALLOW)
        .map(c => c.ref.arn),
    );
  }

  async #validated<T>(
    action: AuditAction,
    cluster: StoredCluster,
    actor: string,
    inputs: Record<string, unknown>,
    validate: () => T,
  ): Promise<T> {
    try {
      return validate();
    } catch (error) {
      await this.#audit(
        action,
        cluster,
        actor,
        inputs,
        'failure',
        (error as Error).message,
      );
      throw error;
    }
  }

  /**
   * Runs `work` once per idempotency key: claims the key first, replays a
   * finished call's answer, waits briefly for a running one. Without a key,
   * `work` runs with no claim. A failed call gives its claim up, so a retry
   * runs again.
   */
  async #idempotent<T>(
    caller: Caller,
    actor: string,
    operation: string,
    target: string,
    body: unknown,
    work: (claim?: IdempotencyClaim) => Promise<ActionAnswer<T>>,
  ): Promise<ActionAnswer<T>> {
    const key = caller.idempotencyKey;
    if (!key) {
      return work();
    }
    const hash = requestHash({ operation, target, body });
    const token = randomUUID();
    const deadline = Date.now() + this.#settings.idempotencyWaitMs;
    for (;;) {
      const now = this.#now();
      const attempt = await this.#o.actions.claimIdempotencyKey({
        key,
        actor,
        operation,
        requestHash: hash,
        token,
        now: now.toISOString(),
      });
      let claimed = attempt.claimed;
      if (!claimed) {
        const decision = decideIdempotency(
          attempt.record,
          { actor, requestHash: hash },
          now,
          this.#settings.idempotencyLeaseMs,
        );
        if (decision.kind === 'reject') {
          throw new ConflictError(decision.message);
        }
        if (decision.kind === 'replay') {
          const replayed = {
            ...JSON.parse(decision.responseBody),
            replayed: true,
          } as T;
          return { status: decision.statusCode, body: replayed };
        }
        if (decision.kind === 'proceed' && attempt.record) {
          claimed = await this.#o.actions.takeOverIdempotencyKey(
            attempt.record,
            token,
            now.toISOString(),
          );
        }
      }
      if (claimed) {
        const claim = { key, token };
        // Keys are kept a day: enough for any retry.
        this.#o.actions
          .pruneIdempotencyKeys(
            new Date(now.getTime() - KEY_RETENTION_MS).toISOString(),
          )
          .catch(e =>
            this.#o.logger.warn(`Could not prune idempotency keys: ${e}`),
          );
        try {
          return await work(claim);
        } catch (error) {
          await this.#o.actions
            .releaseIdempotencyKey(claim)
            .catch(e =>
              this.#o.logger.warn(
                `Could not release idempotency key ${key}: ${e}`,
              ),
            );
          throw error;
        }
      }
      if (Date.now() >= deadline) {
        throw new ConflictError(
          `A request with Idempotency-Key '${key}' is still in progress; retry shortly to get its answer`,
        );
      }
      await sleep(POLL_MS);
    }
  }

  #startOnCluster(
    cluster: StoredCluster,
    request: StartShiftRequest,
    actor: string,
    extraInputs: Record<string, unknown>,
    claim?: IdempotencyClaim,
  ): Promise<ActionAnswer<ShiftActionResponse>> {
    const inputs = { ...request, ...extraInputs };
    return this.#act(
      'shift.start',
      cluster,
      actor,
      inputs,
      claim,
      201,
      async client => {
        const shift = await client.startZonalShift({
          resourceIdentifier: cluster.ref.arn,
          ...request,
        });
        return { shift: toShiftRecord(shift, cluster, 'ZONAL_SHIFT', actor) };
      },
    );
  }

  /**
   * UpdateZonalShift with ARC's meaning of `expiresIn` (from now). An
   * `extendBy` becomes the `expiresIn` that ends the shift that much later
   * than it ends now (planExtension), or a 400 before ARC is called. The
   * audit records the expiry before and after.
   */
  async #updateInArc(
    cluster: StoredCluster,
    zonalShiftId: string,
    request: UpdateShiftRequest,
    client: ArcZonalShiftClient,
  ): Promise<ActResult> {
    const known = await this.#shiftOf(cluster, zonalShiftId, client);
    const changesExpiry =
      request.extendBy !== undefined || request.expiresIn !== undefined;
    const inArc = changesExpiry
      ? await this.#expiryInArc(cluster, zonalShiftId, client)
      : undefined;
    let expiresIn = request.expiresIn;
    const details: Record<string, unknown> = {};
    if (request.extendBy !== undefined) {
      if (inArc === undefined) {
        throw new ConflictError(
          `Zonal shift ${zonalShiftId} is no longer active in ARC (it expired or was canceled): there is nothing to extend`,
        );
      }
      const plan = planExtension({
        currentExpiry: inArc,
        now: this.#now(),
        extendBy: request.extendBy,
      });
      if (!plan.ok) {
        throw new InputError(
          `Invalid zonal shift update: extendBy: ${plan.problem}`,
        );
      }
      expiresIn = plan.expiresIn;
      details.arcExpiresIn = plan.expiresIn;
    }
    const shift = await client.updateZonalShift({
      zonalShiftId,
      ...(expiresIn !== undefined ? { expiresIn } : {}),
      ...(request.comment !== undefined ? { comment: request.comment } : {}),
    });
    const previousExpiry = inArc ?? known.expiryTime;
    return {
      shift: toShiftRecord(shift, cluster, known.shiftType, known.actor),
      details: {
        ...details,
        ...(previousExpiry ? { previousExpiry } : {}),
        newExpiry: shift.expiryTime.toISOString(),
      },
    };
  }

  /**
   * The shift's expiry as ARC holds it now, if ARC lists it as ACTIVE. Not
   * the stored record: that is as old as the last refresh or portal action,
   * and a change made since outside the portal (the AWS console, another
   * tool) would be missed; extending from an older, earlier expiry would
   * undo part of that change. ARC has no GetZonalShift: the cluster's ACTIVE
   * shifts are one short list.
   */
  async #expiryInArc(
    cluster: StoredCluster,
    zonalShiftId: string,
    client: ArcZonalShiftClient,
  ): Promise<string | undefined> {
    for await (const page of client.paginateZonalShifts({
      resourceIdentifier: cluster.ref.arn,
      status: 'ACTIVE',
      maxResults: 100,
    })) {
      const found = page.items.find(s => s.zonalShiftId === zonalShiftId);
      if (found) {
        return found.expiryTime.toISOString();
      }
    }
    return undefined;
  }

  /** The shift must be one of this cluster's (a shift ID alone names any cluster's). */
  async #shiftOf(
    cluster: StoredCluster,
    zonalShiftId: string,
    client: ArcZonalShiftClient,
  ): Promise<{
    shiftType: ZonalShiftType;
    actor?: string;
    expiryTime?: string;
  }> {
    const stored = await this.#o.actions.getShift(zonalShiftId);
    if (stored) {
      if (stored.resourceIdentifier !== cluster.ref.arn) {
        throw new NotFoundError(
          `Zonal shift ${zonalShiftId} is not a shift of ${cluster.ref.name}`,
        );
      }
      return {
        shiftType: stored.shiftType,
        actor: stored.actor,
        expiryTime: stored.expiryTime,
      };
    }
    // Started out of band since the last refresh: ask ARC.
    for await (const page of client.paginateZonalShifts({
      resourceIdentifier: cluster.ref.arn,
      maxResults: 100,
    })) {
      const found = page.items.find(s => s.zonalShiftId === zonalShiftId);
      if (found) {
        return {
          shiftType: found.shiftType ?? 'ZONAL_SHIFT',
          expiryTime: found.expiryTime.toISOString(),
        };
      }
    }
    throw new NotFoundError(
      `Zonal shift ${zonalShiftId} is not a shift of ${cluster.ref.name}`,
    );
  }

  /**
   * One ARC action on one cluster, audited either way; on success the store,
   * the idempotency answer, the reconciler kick, the signal and the owner's
   * notification.
   */
  async #act(
    action: AuditAction,
    cluster: StoredCluster,
    actor: string,
    inputs: Record<string, unknown>,
    claim: IdempotencyClaim | undefined,
    status: number,
    call: (client: ArcZonalShiftClient) => Promise<ActResult>,
  ): Promise<ActionAnswer<ShiftActionResponse>> {
    let shift: ShiftRecord;
    let details: Record<string, unknown> | undefined;
    try {
      if (action === 'shift.start' && cluster.zonalShiftEnabled !== true) {
        throw new ConflictError(
          cluster.zonalShiftEnabled === false
            ? `Zonal shift is not enabled on ${cluster.ref.name} (EKS zonalShiftConfig.enabled is false): enable it on the cluster first`
            : `It is not known yet whether zonal shift is enabled on ${cluster.ref.name} (EKS DescribeCluster has not answered); try again after the next refresh`,
        );
      }
      const client = await this.#o.arc(cluster.ref);
      try {
        ({ shift, details } = await call(client));
      } catch (error) {
        throw error instanceof NotFoundError
          ? error
          : mapArcError(error, DOING[action]);
      }
    } catch (error) {
      await this.#audit(
        action,
        cluster,
        actor,
        inputs,
        'failure',
        (error as Error).message,
      );
      throw error;
    }

    const now = this.#now();
    const audit: AuditEvent = {
      id: randomUUID(),
      time: now.toISOString(),
      actor,
      action,
      cluster: cluster.ref,
      inputs: auditInputs({
        ...inputs,
        zonalShiftId: shift.zonalShiftId,
        ...details,
      }),
      outcome: 'success',
    };
    const body: ShiftActionResponse = {
      shift: publicShift(shift),
      auditEventId: audit.id,
      replayed: false,
    };
    try {
      await this.#o.actions.recordOutcome(
        {
          audit,
          shift,
          ...(claim
            ? {
                idempotency: {
                  ...claim,
                  statusCode: status,
                  responseBody: JSON.stringify(body),
                },
              }
            : {}),
        },
        now,
      );
    } catch (error) {
      // ARC did it: answer so, and keep at least the audit record.
      this.#o.logger.error(
        `Zonal shift ${shift.zonalShiftId} (${action} on ${cluster.ref.arn}) succeeded in ARC but could not be stored: ${error}`,
      );
      await this.#o.actions.appendAuditEvent(audit).catch(() => undefined);
    }
    await this.#afterChange(action, cluster, shift, actor);
    return { status, body };
  }

  async #afterChange(
    action: AuditAction,
    cluster: StoredCluster,
    shift: ShiftRecord,
    actor: string,
  ): Promise<void> {
    const { onShiftChanged, publisher, logger } = this.#o;
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

  async #audit(
    action: AuditAction,
    cluster: StoredCluster,
    actor: string,
    inputs: Record<string, unknown>,
    outcome: AuditEvent['outcome'],
    errorMessage?: string,
  ): Promise<void> {
    const event: AuditEvent = {
      id: randomUUID(),
      time: this.#now().toISOString(),
      actor,
      action,
      cluster: cluster.ref,
      inputs: auditInputs(inputs),
      outcome,
      ...(errorMessage ? { errorMessage: errorMessage.slice(0, 2000) } : {}),
    };
    await this.#o.actions.appendAuditEvent(event);
  }
}
