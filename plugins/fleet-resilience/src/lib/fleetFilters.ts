/**
 * The console's filter form and its translation into `GET /clusters` query
 * parameters (server-side filtering and paging).
 */
import type {
  FleetSortField,
  ReadinessCheckId,
  ReadinessVerdict,
  ShiftState,
  SurvivabilityVerdict,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { FleetListQuery, ReadinessSummaryQuery } from '../api';

export interface FleetFilters {
  /** Comma-separated account IDs. */
  account: string;
  /** Comma-separated region codes. */
  region: string;
  /** Comma-separated AZ names or IDs. */
  zone: string;
  /** Comma-separated Kubernetes versions. */
  version: string;
  /** Comma-separated owners: `group:default/payments-team` or `payments-team`. */
  owner: string;
  shiftState: ShiftState | '';
  verdict: SurvivabilityVerdict | '';
  readiness: ReadinessVerdict | '';
  /** A check that fails or warns on the cluster. */
  check: ReadinessCheckId | '';
  search: string;
}

/** The table's order: by name, or by readiness (worst first when ascending). */
export interface FleetSort {
  field: Extract<FleetSortField, 'name' | 'readiness'>;
  order: 'asc' | 'desc';
}

export const DEFAULT_SORT: FleetSort = { field: 'name', order: 'asc' };

export const EMPTY_FILTERS: FleetFilters = {
  account: '',
  region: '',
  zone: '',
  version: '',
  owner: '',
  shiftState: '',
  verdict: '',
  readiness: '',
  check: '',
  search: '',
};

function list(text: string): string[] | undefined {
  const values = text
    .split(',')
    .map(v => v.trim())
    .filter(v => v.length > 0);
  return values.length > 0 ? values : undefined;
}

/** The filters as `GET /readiness-summary` (and the list) take them. */
export function toSummaryQuery(filters: FleetFilters): ReadinessSummaryQuery {
  return {
    account: list(filters.account),
    region: list(filters.region),
    zone: list(filters.zone),
    version: list(filters.version),
    owner: list(filters.owner),
    shiftState: filters.shiftState ? [filters.shiftState] : undefined,
    verdict: filters.verdict ? [filters.verdict] : undefined,
    readiness: filters.readiness ? [filters.readiness] : undefined,
    check: filters.check ? [filters.check] : undefined,
    search: filters.search.trim() || undefined,
  };
}

export function toListQuery(
  filters: FleetFilters,
  page: { limit: number; offset: number },
  sort: FleetSort = DEFAULT_SORT,
): FleetListQuery {
  return {
    ...toSummaryQuery(filters),
    sort: sort.field,
    order: sort.order,
    limit: page.limit,
    offset: page.offset,
  };
}

/** Does the AZ ID look like one (`use1-az1`, `apne1-az4`)? ARC takes IDs only. */
export function isAzId(text: string): boolean {
  return /^[a-z]{2,6}[0-9]+-az[0-9]+$/.test(text);
}

/**
 * The AZ ID a fleet shift should propose from the console's AZ filter: only
 * when the filter is exactly one AZ ID (names differ per account, so a name
 * is no AZ to shift the fleet away from).
 */
export function singleAzId(zoneFilter: string): string | undefined {
  const values = list(zoneFilter);
  return values?.length === 1 && isAzId(values[0]) ? values[0] : undefined;
}
