/**
 * Validation of the HTTP API's query parameters and path. Pure: each parser
 * returns a typed query or throws an InputError (400) naming the parameter,
 * the bad value and what is expected.
 */
import { InputError } from '@backstage/errors';
import {
  ACTIVE_SHIFTS_QUERY,
  FLEET_INVENTORY_QUERY,
  AUDIT_QUERY,
  DATA_FRESHNESS_VALUES,
  FLEET_LIST_QUERY,
  FLEET_SORT_FIELDS,
  InvalidClusterArnError,
  PAGING_LIMITS,
  parseEksClusterArn,
  findZone,
  SHIFT_HISTORY_QUERY,
  SHIFT_IMPACT_QUERY,
  SHIFT_STATES,
  SORT_ORDERS,
  SURVIVABILITY_VERDICTS,
  ZONAL_SHIFT_STATUSES,
  ZONAL_SHIFT_TYPES,
  type AuditAction,
  type AuditOutcome,
  type EksClusterRef,
  type ReconcileState,
  type Zone,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { AuditFilter } from '../database/AuditStore';
import type {
  ClusterListQuery,
  PageRequest,
  ShiftFilter,
} from '../domain/records';

/** What Express hands over as `req.query` (qs may nest objects). */
export type RawQuery = Record<string, unknown>;

const MAX_VALUES_PER_FILTER = 50;
/** Longer than any value a parameter takes (50 cluster ARNs, comma-separated). */
const MAX_PARAMETER_LENGTH = 8_192;
const MAX_SEARCH_LENGTH = 100;
const MAX_OFFSET = 1_000_000;

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const VERSION = /^\d+(\.\d+){0,2}$/;
// `us-east-1a` (AZ name) or `use1-az1` (AZ ID).
const ZONE = /^(?:[a-z]{2}(?:-[a-z]+)+-\d+[a-z]|[a-z]+\d+-az\d+)$/;
const ISO_TIME =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

function show(value: string): string {
  const text = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return JSON.stringify(text);
}

/** Only the route's parameters, none of whose values (repeated or not) is oversized. */
function checkKnownParameters(query: RawQuery, known: readonly string[]) {
  for (const [name, value] of Object.entries(query)) {
    if (!known.includes(name)) {
      throw new InputError(
        known.length === 0
          ? `Unknown query parameter ${show(name)}: this route takes none`
          : `Unknown query parameter ${show(
              name,
            )}; expected one of: ${known.join(', ')}`,
      );
    }
    if ([value].flat().some(v => String(v).length > MAX_PARAMETER_LENGTH)) {
      throw new InputError(
        `Query parameter ${name} is longer than ${MAX_PARAMETER_LENGTH} characters`,
      );
    }
  }
}

/**
 * Every value of a parameter that may repeat; only strings are accepted.
 * `a,b` is the same as `name=a&name=b`; the cap counts the values after
 * splitting, however they were sent.
 */
function values(query: RawQuery, name: string): string[] {
  const raw = query[name];
  if (raw === undefined) {
    return [];
  }
  const list = Array.isArray(raw) ? raw : [raw];
  if (!list.every((v): v is string => typeof v === 'string')) {
    throw new InputError(`Query parameter ${name} must be plain text values`);
  }
  const split = list
    .flatMap(v => v.split(','))
    .map(v => v.trim())
    .filter(v => v.length > 0);
  if (split.length > MAX_VALUES_PER_FILTER) {
    throw new InputError(
      `Query parameter ${name} takes at most ${MAX_VALUES_PER_FILTER} values, got ${split.length}`,
    );
  }
  return split;
}

function single(query: RawQuery, name: string): string | undefined {
  const raw = query[name];
  if (raw === undefined) {
    return undefined;
  }
  if (typeof raw !== 'string') {
    throw new InputError(`Query parameter ${name} must be given once, as text`);
  }
  return raw;
}

function matching(
  query: RawQuery,
  name: string,
  pattern: RegExp,
  expected: string,
): string[] {
  const list = values(query, name);
  for (const value of list) {
    if (!pattern.test(value)) {
      throw new InputError(
        `Invalid ${name} ${show(value)}: expected ${expected}`,
      );
    }
  }
  return list;
}

function oneOf<T extends string>(
  query: RawQuery,
  name: string,
  allowed: readonly T[],
): T[] {
  const list = values(query, name);
  for (const value of list) {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new InputError(
        `Invalid ${name} ${show(value)}: expected one of ${allowed.join(', ')}`,
      );
    }
  }
  return list as T[];
}

function integer(
  query: RawQuery,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = single(query, name);
  if (raw === undefined) {
    return fallback;
  }
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new InputError(
      `Invalid ${name} ${show(raw)}: expected an integer from ${min} to ${max}`,
    );
  }
  return Number(raw);
}

function page(
  query: RawQuery,
  names: { limit: string; offset: string },
): PageRequest {
  return {
    limit: integer(
      query,
      names.limit,
      PAGING_LIMITS.defaultLimit,
      1,
      PAGING_LIMITS.maxLimit,
    ),
    offset: integer(query, names.offset, 0, 0, MAX_OFFSET),
  };
}

function optionalList<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

/** `GET /clusters`. */
export function parseClusterListQuery(query: RawQuery): ClusterListQuery {
  const q = FLEET_LIST_QUERY;
  checkKnownParameters(query, Object.values(q));
  const search = single(query, q.search)?.trim();
  if (search !== undefined && search.length > MAX_SEARCH_LENGTH) {
    throw new InputError(
      `Query parameter ${q.search} is longer than ${MAX_SEARCH_LENGTH} characters`,
    );
  }
  const sort = single(query, q.sort) ?? 'name';
  if (!(FLEET_SORT_FIELDS as readonly string[]).includes(sort)) {
    throw new InputError(
      `Invalid ${q.sort} ${show(
        sort,
      )}: expected one of ${FLEET_SORT_FIELDS.join(', ')}`,
    );
  }
  const order = single(query, q.order) ?? 'asc';
  if (!(SORT_ORDERS as readonly string[]).includes(order)) {
    throw new InputError(
      `Invalid ${q.order} ${show(order)}: expected asc or desc`,
    );
  }
  return {
    filter: {
      accountIds: optionalList(
        matching(query, q.account, ACCOUNT_ID, 'a 12-digit AWS account ID'),
      ),
      regions: optionalList(
        matching(query, q.region, REGION, 'an AWS region code like us-east-1'),
      ),
      versions: optionalList(
        matching(query, q.version, VERSION, 'a Kubernetes version like 1.33'),
      ),
      zones: optionalList(
        matching(
          query,
          q.zone,
          ZONE,
          'an AZ name like us-east-1a or an AZ ID like use1-az1',
        ),
      ),
      shiftStates: optionalList(oneOf(query, q.shiftState, SHIFT_STATES)),
      verdicts: optionalList(oneOf(query, q.verdict, SURVIVABILITY_VERDICTS)),
      freshness: optionalList(oneOf(query, q.freshness, DATA_FRESHNESS_VALUES)),
      ...(search ? { nameContains: search } : {}),
    },
    sort: {
      field: sort as ClusterListQuery['sort']['field'],
      order: order as 'asc' | 'desc',
    },
    page: page(query, q),
  };
}

/** `GET /shifts`. */
export function parseShiftHistoryQuery(query: RawQuery): {
  filter: ShiftFilter;
  page: PageRequest;
} {
  const q = SHIFT_HISTORY_QUERY;
  checkKnownParameters(query, Object.values(q));
  const clusterArns = values(query, q.cluster).map(
    arn => parseClusterArn(arn, q.cluster).arn,
  );
  const since = single(query, q.since);
  let sinceTime: string | undefined;
  if (since !== undefined) {
    const time = Date.parse(since);
    if (!ISO_TIME.test(since) || Number.isNaN(time)) {
      throw new InputError(
        `Invalid ${q.since} ${show(
          since,
        )}: expected an ISO 8601 time like 2026-11-22T08:00:00Z`,
      );
    }
    sinceTime = new Date(time).toISOString();
  }
  return {
    filter: {
      clusterArns: optionalList(clusterArns),
      statuses: optionalList(oneOf(query, q.status, ZONAL_SHIFT_STATUSES)),
      types: optionalList(oneOf(query, q.type, ZONAL_SHIFT_TYPES)),
      ...(sinceTime ? { since: sinceTime } : {}),
    },
    page: page(query, q),
  };
}

/** `GET /inventory`: a page, nothing else. */
export function parseInventoryQuery(query: RawQuery): PageRequest {
  checkKnownParameters(query, Object.values(FLEET_INVENTORY_QUERY));
  return page(query, FLEET_INVENTORY_QUERY);
}

/** `GET /active-shifts`: a page, nothing else. */
export function parseActiveShiftsQuery(query: RawQuery): PageRequest {
  checkKnownParameters(query, Object.values(ACTIVE_SHIFTS_QUERY));
  return page(query, ACTIVE_SHIFTS_QUERY);
}

export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'shift.start',
  'shift.update',
  'shift.cancel',
];
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = [
  'success',
  'failure',
  'denied',
  'pending',
];

/** `GET /audit`. */
export function parseAuditQuery(query: RawQuery): {
  filter: AuditFilter;
  page: PageRequest;
} {
  const q = AUDIT_QUERY;
  checkKnownParameters(query, Object.values(q));
  const clusterArns = values(query, q.cluster).map(
    arn => parseClusterArn(arn, q.cluster).arn,
  );
  const actions = oneOf(query, q.action, AUDIT_ACTIONS);
  const outcomes = oneOf(query, q.outcome, AUDIT_OUTCOMES);
  return {
    filter: {
      ...(clusterArns.length ? { clusterArns } : {}),
      ...(actions.length ? { actions } : {}),
      ...(outcomes.length ? { outcomes } : {}),
    },
    page: page(query, q),
  };
}

export const RECONCILE_STATES: readonly ReconcileState[] = [
  'converged',
  'pending',
  'blocked',
  'error',
  'observing',
];

/** `GET /reconcile`: the states asked for (`state`, repeatable), or all. */
export function parseReconcileQuery(
  query: RawQuery,
): Set<ReconcileState> | undefined {
  checkKnownParameters(query, ['state']);
  const states = oneOf(query, 'state', RECONCILE_STATES);
  return states.length > 0 ? new Set(states) : undefined;
}

/**
 * `GET /clusters/:clusterArn/shift-impact`: the `awayFrom` parameter, checked
 * for presence here and against the cluster's AZs by {@link shiftImpactZone}.
 */
export function parseShiftImpactQuery(query: RawQuery): string {
  const q = SHIFT_IMPACT_QUERY;
  checkKnownParameters(query, Object.values(q));
  const awayFrom = single(query, q.awayFrom)?.trim();
  if (!awayFrom) {
    throw new InputError(
      `Query parameter ${q.awayFrom} is required: the AZ ID (or AZ name) to shift away from`,
    );
  }
  return awayFrom;
}

/** The cluster's AZ named by `awayFrom` (ID or name), or a 400 naming the parameter. */
export function shiftImpactZone(
  awayFrom: string,
  cluster: { name: string; zones: readonly Zone[] },
): Zone {
  const zone = findZone(cluster.zones, awayFrom);
  if (zone) {
    return zone;
  }
  const name = SHIFT_IMPACT_QUERY.awayFrom;
  if (cluster.zones.length === 0) {
    throw new InputError(
      `Invalid ${name} ${show(awayFrom)}: the AZs of ${
        cluster.name
      } are not known yet`,
    );
  }
  throw new InputError(
    `Invalid ${name} ${show(awayFrom)}: not an AZ of ${
      cluster.name
    }; choose one of ${cluster.zones
      .map(z => `${z.id} (${z.name})`)
      .join(', ')}`,
  );
}

/** A cluster ARN from the path or a parameter. */
export function parseClusterArn(value: string, name: string): EksClusterRef {
  try {
    return parseEksClusterArn(value);
  } catch (error) {
    if (error instanceof InvalidClusterArnError) {
      throw new InputError(`Invalid ${name}: ${error.message}`);
    }
    throw error;
  }
}

/** Routes without parameters reject any. */
export function parseNoQuery(query: RawQuery): void {
  checkKnownParameters(query, []);
}
