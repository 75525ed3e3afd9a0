/**
 * The tools' output schemas: the main fields typed (so a client knows what
 * it gets), every object `.passthrough()`. The registry returns the output
 * as its schema parses it, and a zod object strips the keys it does not
 * name: passthrough keeps every field the HTTP API answers, so a tool's
 * output equals the route's body.
 */
import {
  AUDIT_CHANNELS,
  SHIFT_STATES,
  SURVIVABILITY_VERDICTS,
  ZONAL_SHIFT_STATUSES,
  ZONAL_SHIFT_TYPES,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '../service/parseQuery';
import { oneOf, type Zod } from './inputSchemas';

const FLEET_OUTCOMES = [
  'eligible',
  'started',
  'skipped',
  'denied',
  'failed',
] as const;

function clusterRef(z: Zod) {
  return z
    .object({
      arn: z.string(),
      name: z.string(),
      accountId: z.string(),
      region: z.string(),
    })
    .passthrough();
}

function zone(z: Zod) {
  return z.object({ id: z.string(), name: z.string() }).passthrough();
}

function page(z: Zod) {
  return z
    .object({
      limit: z.number().int(),
      offset: z.number().int(),
      nextOffset: z.number().int().optional(),
    })
    .passthrough();
}

/** `{ items, totalCount, paging }` of every list route. */
function list<T extends Parameters<Zod['array']>[0]>(z: Zod, item: T) {
  return z
    .object({
      items: z.array(item),
      totalCount: z.number().int(),
      paging: page(z),
    })
    .passthrough();
}

function zonalShift(z: Zod) {
  return z
    .object({
      zonalShiftId: z.string(),
      resourceIdentifier: z.string(),
      awayFrom: z.string(),
      status: oneOf(z, ZONAL_SHIFT_STATUSES, 'ACTIVE, EXPIRED or CANCELED.'),
      shiftType: oneOf(z, ZONAL_SHIFT_TYPES, 'What started the shift.'),
      startTime: z.string(),
      expiryTime: z.string(),
      comment: z.string(),
    })
    .passthrough();
}

function clusterSummary(z: Zod) {
  return z
    .object({
      ref: clusterRef(z),
      zones: z.array(zone(z)),
      shiftState: oneOf(z, SHIFT_STATES, 'Whether traffic is shifted now.'),
      survivability: z
        .object({
          verdict: oneOf(
            z,
            SURVIVABILITY_VERDICTS,
            'Whether the cluster survives losing its worst AZ.',
          ),
          reason: z.string(),
        })
        .passthrough(),
    })
    .passthrough();
}

export function clusterListOutput(z: Zod) {
  return list(z, clusterSummary(z));
}

export function clusterDetailOutput(z: Zod) {
  return z
    .object({
      summary: clusterSummary(z),
      activeShifts: z.array(zonalShift(z)),
      pastShifts: z.array(zonalShift(z)),
    })
    .passthrough();
}

export function shiftImpactOutput(z: Zod) {
  return z
    .object({
      awayFrom: zone(z),
      verdict: oneOf(
        z,
        SURVIVABILITY_VERDICTS,
        'Whether the other AZs hold every request.',
      ),
      reason: z.string(),
      blockedNodePools: z.array(z.string()),
    })
    .passthrough();
}

export function shiftHistoryOutput(z: Zod) {
  return list(
    z,
    zonalShift(z).extend({ cluster: clusterRef(z), lastSeenAt: z.string() }),
  );
}

export function activeShiftsOutput(z: Zod) {
  return list(
    z,
    z
      .object({
        cluster: clusterRef(z),
        shiftType: oneOf(z, ZONAL_SHIFT_TYPES, 'What started the shift.'),
        awayFrom: zone(z),
        startTime: z.string(),
        applied: z.boolean(),
      })
      .passthrough(),
  );
}

export function auditEventsOutput(z: Zod) {
  return list(
    z,
    z
      .object({
        id: z.string(),
        time: z.string(),
        actor: z.string(),
        action: oneOf(z, AUDIT_ACTIONS, 'The action.'),
        cluster: clusterRef(z),
        inputs: z.record(
          z.union([z.string(), z.number(), z.boolean(), z.null()]),
        ),
        outcome: oneOf(z, AUDIT_OUTCOMES, 'How it ended.'),
        channel: oneOf(z, AUDIT_CHANNELS, 'Through what it came.').optional(),
      })
      .passthrough(),
  );
}

/** The answer of `POST /fleet-shifts`, dry run or not. */
export function fleetShiftOutput(z: Zod) {
  return z
    .object({
      dryRun: z.boolean(),
      awayFrom: z.string(),
      items: z.array(
        z
          .object({
            cluster: clusterRef(z),
            zone: zone(z),
            verdict: oneOf(
              z,
              SURVIVABILITY_VERDICTS,
              'Whether the cluster survives without the AZ.',
            ),
            verdictReason: z.string(),
            outcome: oneOf(z, FLEET_OUTCOMES, 'What was, or would be, done.'),
            reason: z.string().optional(),
            shift: zonalShift(z).optional(),
          })
          .passthrough(),
      ),
      counts: z.record(z.number().int()),
      hidden: z.number().int().optional(),
      replayed: z.boolean().optional(),
    })
    .passthrough();
}

/** The answer of start, extend and cancel. */
export function shiftActionOutput(z: Zod) {
  return z
    .object({
      shift: zonalShift(z),
      auditEventId: z.string(),
      replayed: z.boolean(),
    })
    .passthrough();
}
