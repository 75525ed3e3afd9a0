/**
 * The ARC side of a shift action: start, update (extend) or cancel one
 * cluster's zonal shift, and the shift ARC answered as the record the store
 * keeps. ARC's failures become Backstage errors (arcErrors.ts). Reads go
 * through the reader's client; only StartZonalShift, UpdateZonalShift and
 * CancelZonalShift through the operator's (least privilege: the operator
 * role's policy allows nothing else).
 */
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  planExtension,
  type ShiftAuditAction,
  type StartShiftRequest,
  type UpdateShiftRequest,
  type ZonalShiftType,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  ArcZonalShiftClient,
  ZonalShift as ArcZonalShift,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type {
  ShiftRecord,
  StoredCluster,
  StoredShift,
} from '../domain/records';
import { mapArcError } from './arcErrors';

/** What each action does, for messages ("Not allowed to …", "ARC refused to …"). */
export const DOING: Record<ShiftAuditAction, string> = {
  'shift.start': 'start a zonal shift',
  'shift.update': 'update the zonal shift',
  'shift.cancel': 'cancel the zonal shift',
};

/** One change to a cluster's zonal shifts. */
export type ShiftChange =
  | { action: 'shift.start'; request: StartShiftRequest }
  | {
      action: 'shift.update';
      zonalShiftId: string;
      request: UpdateShiftRequest;
    }
  | { action: 'shift.cancel'; zonalShiftId: string };

/** What ARC answered: the shift, and what else the audit records. */
export interface ArcAnswer {
  shift: ShiftRecord;
  details?: Record<string, unknown>;
}

/** ARC's reads a change needs (the reader role's client). */
export type ArcShiftReader = Pick<ArcZonalShiftClient, 'paginateZonalShifts'>;

/** ARC's writes: the only calls the operator role makes (its client). */
export type ArcShiftWriter = Pick<
  ArcZonalShiftClient,
  'startZonalShift' | 'updateZonalShift' | 'cancelZonalShift'
>;

/** What a call needs besides the change. */
export interface ArcCallContext {
  /** Reads (which shift, its expiry in ARC now): the reader's credentials. */
  client: ArcShiftReader;
  /** The one call that changes ARC: the operator's credentials. */
  writer: ArcShiftWriter;
  cluster: StoredCluster;
  actor: string;
  now: () => Date;
  /** The stored shift of that ID, if any. */
  getShift: (zonalShiftId: string) => Promise<StoredShift | undefined>;
  /**
   * Called right before the one ARC call that changes something, with what
   * the audit adds to the request (e.g. the `arcExpiresIn` an `extendBy`
   * becomes): writes the attempt's intent and fences its idempotency claim.
   * When it throws, ARC is not called.
   */
  beforeChange?: (details: Record<string, unknown>) => Promise<void>;
}

/** Asks ARC for the change; ARC's refusals and failures as Backstage errors. */
export async function callArc(
  change: ShiftChange,
  context: ArcCallContext,
): Promise<ArcAnswer> {
  try {
    switch (change.action) {
      case 'shift.start':
        return await startInArc(change.request, context);
      case 'shift.update':
        return await updateInArc(change.zonalShiftId, change.request, context);
      case 'shift.cancel':
        return await cancelInArc(change.zonalShiftId, context);
      default:
        throw new Error(`Unknown shift change ${JSON.stringify(change)}`);
    }
  } catch (error) {
    throw error instanceof NotFoundError
      ? error
      : mapArcError(error, DOING[change.action]);
  }
}

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

async function startInArc(
  request: StartShiftRequest,
  { writer, cluster, actor, beforeChange }: ArcCallContext,
): Promise<ArcAnswer> {
  await beforeChange?.({});
  const shift = await writer.startZonalShift({
    resourceIdentifier: cluster.ref.arn,
    ...request,
  });
  return { shift: toShiftRecord(shift, cluster, 'ZONAL_SHIFT', actor) };
}

async function cancelInArc(
  zonalShiftId: string,
  context: ArcCallContext,
): Promise<ArcAnswer> {
  const { writer, cluster } = context;
  const known = await shiftOf(zonalShiftId, context);
  await context.beforeChange?.({});
  const shift = await writer.cancelZonalShift(zonalShiftId);
  return {
    shift: toShiftRecord(shift, cluster, known.shiftType, known.actor),
  };
}

/**
 * UpdateZonalShift with ARC's meaning of `expiresIn` (from now). An
 * `extendBy` becomes the `expiresIn` that ends the shift that much later
 * than it ends now (planExtension), or a 400 before ARC is called. The
 * audit records the expiry before and after.
 */
async function updateInArc(
  zonalShiftId: string,
  request: UpdateShiftRequest,
  context: ArcCallContext,
): Promise<ArcAnswer> {
  const { writer, cluster } = context;
  const known = await shiftOf(zonalShiftId, context);
  const changesExpiry =
    request.extendBy !== undefined || request.expiresIn !== undefined;
  const inArc = changesExpiry
    ? await expiryInArc(zonalShiftId, context)
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
      now: context.now(),
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
  await context.beforeChange?.(details);
  const shift = await writer.updateZonalShift({
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
async function expiryInArc(
  zonalShiftId: string,
  { client, cluster }: ArcCallContext,
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
async function shiftOf(
  zonalShiftId: string,
  { client, cluster, getShift }: ArcCallContext,
): Promise<{
  shiftType: ZonalShiftType;
  actor?: string;
  expiryTime?: string;
}> {
  const stored = await getShift(zonalShiftId);
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
