/**
 * Validation of the HTTP API's query parameters and path. Pure: each parser
 * returns a typed query or throws an InputError (400) naming the parameter,
 * the bad value and what is expected.
 */
import { InputError } from '@backstage/errors';
import {
  ACTIVE_SHIFTS_QUERY,
  FLEET_INVENTORY_QUERY,
  AUDIT_CHANNELS,
  AUDIT_QUERY,
  DATA_FRESHNESS_VALUES,
  FLEET_LIST_QUERY,
  FLEET_SORT_FIELDS,
  InvalidClusterArnError,
  parseEksClusterArn,
  findZone,
  SHIFT_HISTORY_QUERY,
  SHIFT_IMPACT_QUERY,
  SHIFT_STATES,
  SORT_ORDERS,
  SURVIVABILITY_VERDICTS,
  ZONAL_SHIFT_STATUSES,
  ZONAL_SHIFT_TYPES,
  READINESS_AUDIT_ACTIONS,
  READINESS_CHECK_IDS,
  READINESS_LIST_QUERY,
  READINESS_VERDICTS,
  type AuditAction,
  type AuditOutcome,
  type EksClusterRef,
  type ReconcileState,
  type Zone,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { AuditFilter } from '../database/AuditStore';
import type {
  ClusterFilter,
  ClusterListQuery,
  PageRequest,
  ShiftFilter,
} from '../domain/records';
import {
  MAX_SEARCH_LENGTH,
  ACCOUNT_ID,
  REGION,
  VERSION,
  ZONE,
  ISO_TIME,
  show,
  checkKnownParameters,
  values,
  single,
  matching,
  oneOf,
  page,
  optionalList,
  owners,
  type RawQuery,
} from './queryValues';

export type { RawQuery } from './queryValues';

/** The list's filters (`GET /clusters`, `GET /readiness-summary`), parameters already checked. */
function clusterFilter(query: RawQuery): ClusterFilter {
  const q = FLEET_LIST_QUERY;
  const r = READINESS_LIST_QUERY;
  const search = single(query, q.search)?.trim();
  if (search !== undefined && search.length > MAX_SEARCH_LENGTH) {
    throw new InputError(
      `Query parameter ${q.search} is longer than ${MAX_SEARCH_LENGTH} characters`,
    );
  }
  return {
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
    ownerRefs: optionalList(owners(query, q.owner)),
    readiness: optionalList(oneOf(query, r.readiness, READINESS_VERDICTS)),
    checks: optionalList(oneOf(query, r.check, READINESS_CHECK_IDS)),
    ...(search ? { nameContains: search } : {}),
  };
}

/** The list's filter parameters: every `GET /clusters` parameter but sort and paging. */
const FILTER_PARAMETERS: readonly string[] = [
  ...Object.entries(FLEET_LIST_QUERY)
    .filter(([key]) => !['sort', 'order', 'limit', 'offset'].includes(key))
    .map(([, name]) => name),
  ...Object.values(READINESS_LIST_QUERY),
];

/** `GET /readiness-summary`: the list's filters, no sort or paging. */
export function parseReadinessSummaryQuery(query: RawQuery): ClusterFilter {
  checkKnownParameters(query, FILTER_PARAMETERS);
  return clusterFilter(query);
}

/** `GET /clusters`. */
export function parseClusterListQuery(query: RawQuery): ClusterListQuery {
  const q = FLEET_LIST_QUERY;
  checkKnownParameters(query, [
    ...Object.values(q),
    ...Object.values(READINESS_LIST_QUERY),
  ]);
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
    filter: clusterFilter(query),
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
  ...READINESS_AUDIT_ACTIONS,
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
  const channels = oneOf(query, q.channel, AUDIT_CHANNELS);
  return {
    filter: {
      ...(clusterArns.length ? { clusterArns } : {}),
      ...(actions.length ? { actions } : {}),
      ...(outcomes.length ? { outcomes } : {}),
      ...(channels.length ? { channels } : {}),
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
