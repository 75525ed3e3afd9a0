// `GET /clusters`: the fleet list, its filters and its sort.

import { ResourceAmounts } from '../capacity';
import { EksClusterRef } from '../cluster';
import { SurvivabilityVerdict } from '../survivability';
import { ZonalShift, ZonalShiftType } from '../zonalShift';
import { Zone } from '../zones';
import { Paging } from './paging';
import type { ClusterReadinessSummary } from './readiness';

/**
 * Whether, and by what, traffic of a cluster is shifted away from an AZ now.
 *
 * @remarks
 * `none`: ARC knows the cluster and no shift is active. `unknown`: ARC's state
 * for the cluster was never read (or the cluster is not an ARC managed
 * resource, e.g. zonal shift is not enabled on it). The others name the type of
 * the active shift that ARC applies (a customer shift beats an autoshift, which
 * beats a practice run).
 *
 * @public
 */
export type ShiftState =
  | 'none'
  | 'zonal-shift'
  | 'autoshift'
  | 'practice-run'
  | 'fis-experiment'
  | 'unknown';

/**
 * Every {@link ShiftState}, in display order.
 *
 * @public
 */
export const SHIFT_STATES: readonly ShiftState[] = [
  'none',
  'zonal-shift',
  'autoshift',
  'practice-run',
  'fis-experiment',
  'unknown',
];

/**
 * The {@link ShiftState} of an active shift of the given type.
 *
 * @public
 */
export function shiftStateOfType(type: ZonalShiftType): ShiftState {
  switch (type) {
    case 'ZONAL_SHIFT':
      return 'zonal-shift';
    case 'ZONAL_AUTOSHIFT':
      return 'autoshift';
    case 'PRACTICE_RUN':
      return 'practice-run';
    case 'FIS_EXPERIMENT':
      return 'fis-experiment';
    default:
      return 'unknown';
  }
}

/**
 * Every {@link SurvivabilityVerdict}, for filters.
 *
 * @public
 */
export const SURVIVABILITY_VERDICTS: readonly SurvivabilityVerdict[] = [
  'survives',
  'at-risk',
  'unknown',
];

/**
 * How current a cluster's Kubernetes data is.
 *
 * @remarks
 * `fresh`: the last read succeeded. `stale`: the last read failed; the data
 * shown is from the last success, if any. `never`: no read has succeeded yet
 * and none has failed (e.g. a cluster seen for the first time).
 *
 * @public
 */
export type DataFreshness = 'fresh' | 'stale' | 'never';

/**
 * Every {@link DataFreshness}, for filters.
 *
 * @public
 */
export const DATA_FRESHNESS_VALUES: readonly DataFreshness[] = [
  'fresh',
  'stale',
  'never',
];

/**
 * Health of the data the API serves for one cluster.
 *
 * @public
 */
export interface ClusterDataHealth {
  freshness: DataFreshness;
  /** When the cluster's Kubernetes API was last read successfully. */
  lastSuccessAt?: string;
  /** When a read was last attempted. */
  lastAttemptAt?: string;
  /** The error of the last attempt, when it failed. */
  lastError?: string;
  /** Seconds since `lastSuccessAt`, at the time of the response. */
  ageSeconds?: number;
}

/**
 * Capacity of a whole cluster, summed over its AZs.
 *
 * @public
 */
export interface FleetCapacityTotals {
  nodeCount: number;
  schedulableNodeCount: number;
  /** Active pods, pending ones included. */
  podCount: number;
  pendingPodCount: number;
  allocatable: ResourceAmounts;
  requested: ResourceAmounts;
}

/**
 * Survivability of the loss of one AZ, in short.
 *
 * @public
 */
export interface FleetSurvivabilitySummary {
  /**
   * N-1 of the latest snapshot; while ARC applies a shift, N-1 with the
   * shifted AZ counted as lost (`ShiftImpact.afterShift`), from the moment
   * the shift is stored. The list's `verdict` filter and sort use this one.
   */
  verdict: SurvivabilityVerdict;
  reason: string;
  /** The AZ whose loss leaves the least capacity. */
  bindingZone?: Zone;
}

/**
 * ARC zonal autoshift configuration of a cluster.
 *
 * @public
 */
export type AutoshiftStatus = 'ENABLED' | 'DISABLED';

/**
 * One AZ of a cluster in the fleet list: enough for a fleet-wide heatmap
 * without one detail call per cluster.
 *
 * @public
 */
export interface FleetZoneUsage {
  zone: Zone;
  /** Allocatable of every node in the AZ. */
  allocatable: ResourceAmounts;
  /** Allocatable of the nodes that accept pods (not cordoned, Ready). */
  schedulableAllocatable: ResourceAmounts;
  /** Requests of the active pods on the AZ's nodes. */
  requested: ResourceAmounts;
  nodeCount: number;
  /** True when the AZ has nodes and none accepts pods (e.g. cordoned by a zonal shift). */
  cordoned: boolean;
}

/**
 * One cluster in the fleet list.
 *
 * @public
 */
export interface FleetClusterSummary {
  ref: EksClusterRef;
  /** Ref of the cluster's catalog entity, when the catalog module names it. */
  entityRef?: string;
  /** Kubernetes version, e.g. `1.33`. */
  version?: string;
  /** EKS status, e.g. `ACTIVE`. */
  status?: string;
  /** Value of the configured owner tag. */
  owner?: string;
  /** Value of the configured system tag. */
  system?: string;
  /** AZs of the cluster (its subnets and nodes), ordered by name. */
  zones: Zone[];
  /** EKS `zonalShiftConfig.enabled`; undefined until DescribeCluster answered. */
  zonalShiftEnabled?: boolean;
  /** Undefined when ARC does not know the cluster. */
  autoshiftStatus?: AutoshiftStatus;
  /** The shift ARC applies now, if any (an autoshift has no shift of its own). */
  activeShift?: ZonalShift;
  shiftState: ShiftState;
  /** The AZ traffic is shifted away from now, by name and ID. */
  shiftAwayFrom?: Zone;
  survivability: FleetSurvivabilitySummary;
  /** Undefined until the cluster's Kubernetes API was read once. */
  capacity?: FleetCapacityTotals;
  /** Per AZ, from the latest capacity snapshot (absent until the Kubernetes API was read). */
  zoneUsage?: FleetZoneUsage[];
  health: ClusterDataHealth;
  /** AZ readiness; undefined until the cluster's documents were built with it. */
  readiness?: ClusterReadinessSummary;
  /** Lowest Resilience Hub resiliency score (0..100) of the apps holding the cluster. */
  resilienceScore?: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

/**
 * `GET /clusters`.
 *
 * @public
 */
export interface FleetListResponse {
  items: FleetClusterSummary[];
  /** Clusters matching the filters, over all pages. */
  totalCount: number;
  paging: Paging;
}

/**
 * Query parameters of `GET /clusters`. Filters may repeat
 * (`account=1&account=2` matches either); different filters all apply.
 *
 * @public
 */
export const FLEET_LIST_QUERY = {
  /** 12-digit account ID. */
  account: 'account',
  region: 'region',
  version: 'version',
  /** AZ name (`us-east-1a`) or AZ ID (`use1-az1`). */
  zone: 'zone',
  /** One of {@link SHIFT_STATES}. */
  shiftState: 'shiftState',
  /** One of {@link SURVIVABILITY_VERDICTS}. */
  verdict: 'verdict',
  /** One of {@link DATA_FRESHNESS_VALUES}. */
  freshness: 'freshness',
  /**
   * The owner's entity ref (`group:default/payments-team`), or a bare name
   * read as a group in the default namespace (`payments-team`).
   */
  owner: 'owner',
  /** Case-insensitive substring of the cluster name. */
  search: 'q',
  /** One of {@link FLEET_SORT_FIELDS}. */
  sort: 'sort',
  /** `asc` or `desc`. */
  order: 'order',
  limit: 'limit',
  offset: 'offset',
} as const;

/**
 * Sort fields of `GET /clusters`. Ties are broken by ARN.
 *
 * @public
 */
export const FLEET_SORT_FIELDS = [
  'name',
  'account',
  'region',
  'version',
  'verdict',
  'shiftState',
  'lastSeen',
  'readiness',
] as const;

/**
 * A sort field of `GET /clusters`.
 *
 * @public
 */
export type FleetSortField = (typeof FLEET_SORT_FIELDS)[number];

/**
 * Sort order.
 *
 * @public
 */
export const SORT_ORDERS = ['asc', 'desc'] as const;
