// `GET /shifts` (the fleet-wide shift history) and `GET /active-shifts`
// (every shift ARC applies or holds as active now).

import { EksClusterRef } from '../cluster';
import { ZonalShift, ZonalShiftStatus, ZonalShiftType } from '../zonalShift';
import { Zone } from '../zones';
import { Paging } from './paging';

/**
 * One shift that ARC applies, or holds as active behind a shift of higher
 * precedence, on one cluster now: customer shifts, FIS experiments, zonal
 * autoshifts and practice runs alike.
 *
 * @public
 */
export interface ActiveShiftEntry {
  cluster: EksClusterRef;
  /** The cluster's catalog entity (always set: named by the shared rule). */
  entityRef: string;
  shiftType: ZonalShiftType;
  /** The AZ traffic is shifted away from, with its name where known. */
  awayFrom: Zone;
  /** ARC's ID; absent for a zonal autoshift (ARC lists those without one). */
  zonalShiftId?: string;
  startTime: string;
  /** Absent for a zonal autoshift: it lasts until ARC ends it. */
  expiryTime?: string;
  comment?: string;
  /** User entity ref of whoever started it through the portal. */
  actor?: string;
  /** ARC applies this shift now; false: held behind one of higher precedence. */
  applied: boolean;
}

/**
 * `GET /active-shifts`: applied shifts first, then by start time, newest first.
 *
 * @public
 */
export interface ActiveShiftsResponse {
  items: ActiveShiftEntry[];
  totalCount: number;
  paging: Paging;
}

/**
 * Query parameters of `GET /active-shifts`: a page of the list, no filters.
 *
 * @public
 */
export const ACTIVE_SHIFTS_QUERY = {
  limit: 'limit',
  offset: 'offset',
} as const;

/**
 * A shift of one cluster, in the fleet-wide history.
 *
 * @public
 */
export interface FleetShiftRecord extends ZonalShift {
  cluster: EksClusterRef;
  entityRef?: string;
  /** When the portal last saw the shift in ARC. */
  lastSeenAt: string;
}

/**
 * `GET /shifts`: newest first.
 *
 * @public
 */
export interface ShiftHistoryResponse {
  items: FleetShiftRecord[];
  totalCount: number;
  paging: Paging;
}

/**
 * Query parameters of `GET /shifts`.
 *
 * @public
 */
export const SHIFT_HISTORY_QUERY = {
  /** Cluster ARN. */
  cluster: 'cluster',
  /** One of {@link ZONAL_SHIFT_STATUSES}. */
  status: 'status',
  /** One of {@link ZONAL_SHIFT_TYPES}. */
  type: 'type',
  /** ISO 8601 time: shifts that started at or after it. */
  since: 'since',
  limit: 'limit',
  offset: 'offset',
} as const;

/**
 * Every {@link ZonalShiftStatus}.
 *
 * @public
 */
export const ZONAL_SHIFT_STATUSES: readonly ZonalShiftStatus[] = [
  'ACTIVE',
  'EXPIRED',
  'CANCELED',
];

/**
 * Every {@link ZonalShiftType}.
 *
 * @public
 */
export const ZONAL_SHIFT_TYPES: readonly ZonalShiftType[] = [
  'ZONAL_SHIFT',
  'PRACTICE_RUN',
  'FIS_EXPERIMENT',
  'ZONAL_AUTOSHIFT',
];
