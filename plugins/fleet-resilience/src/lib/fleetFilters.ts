/**
 * The console's filter form and its translation into `GET /clusters` query
 * parameters (server-side filtering and paging).
 */
import type {
  ShiftState,
  SurvivabilityVerdict,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { FleetListQuery } from '../api';

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
  search: string;
}

export const EMPTY_FILTERS: FleetFilters = {
  account: '',
  region: '',
  zone: '',
  version: '',
  owner: '',
  shiftState: '',
  verdict: '',
  search: '',
};

function list(text: string): string[] | undefined {
  const values = text
    .split(',')
    .map(v => v.trim())
    .filter(v => v.length > 0);
  return values.length > 0 ? values : undefined;
}

export function toListQuery(
  filters: FleetFilters,
  page: { limit: number; offset: number },
): FleetListQuery {
  return {
    account: list(filters.account),
    region: list(filters.region),
    zone: list(filters.zone),
    version: list(filters.version),
    owner: list(filters.owner),
    shiftState: filters.shiftState ? [filters.shiftState] : undefined,
    verdict: filters.verdict ? [filters.verdict] : undefined,
    search: filters.search.trim() || undefined,
    sort: 'name',
    order: 'asc',
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
