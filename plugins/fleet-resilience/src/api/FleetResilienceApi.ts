import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ActiveShiftsResponse,
  AuditEventsResponse,
  ClusterReconcileStatus,
  FleetClusterDetail,
  FleetListResponse,
  FleetShiftResponse,
  FleetReadinessFixResponse,
  FleetReadinessSummary,
  FleetSortField,
  PracticeRunSettings,
  PreflightReport,
  ReadinessCheckId,
  ReadinessFix,
  ReadinessFixResponse,
  ReadinessVerdict,
  RefreshStatusResponse,
  ShiftActionResponse,
  ShiftHistoryResponse,
  ShiftImpact,
  StartShiftRequest,
  SurvivabilityVerdict,
  ShiftState,
  UpdateShiftRequest,
  ZonalShiftStatus,
} from '@fleet-resilience/plugin-fleet-resilience-common';

/**
 * Filters, search, sort and page of `GET /clusters`. Array filters match any
 * of their values.
 *
 * @public
 */
export interface FleetListQuery {
  account?: string[];
  region?: string[];
  version?: string[];
  /** AZ names or IDs. */
  zone?: string[];
  /** Owner entity refs (`group:default/payments-team`) or group names. */
  owner?: string[];
  shiftState?: ShiftState[];
  verdict?: SurvivabilityVerdict[];
  /** Readiness verdicts. */
  readiness?: ReadinessVerdict[];
  /** Checks that fail or warn on the cluster. */
  check?: ReadinessCheckId[];
  search?: string;
  sort?: FleetSortField;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

/**
 * Filters of `GET /readiness-summary`: those of the cluster list, without
 * sort and page.
 *
 * @public
 */
export type ReadinessSummaryQuery = Omit<
  FleetListQuery,
  'sort' | 'order' | 'limit' | 'offset'
>;

/**
 * A readiness fix of one cluster (`POST /clusters/:arn/readiness-fixes`).
 *
 * @public
 */
export interface ReadinessFixRequest {
  fix: ReadinessFix;
  /** Why; kept in the audit history. */
  comment: string;
  /** Required with `configure-practice-runs`. */
  practiceRuns?: PracticeRunSettings;
}

/**
 * A readiness fix of many clusters (`POST /fleet-readiness-fixes`).
 *
 * @public
 */
export interface FleetReadinessFixRequest extends ReadinessFixRequest {
  /** Cluster ARNs, 1 to 500. */
  clusters: string[];
  /** True: nothing is changed, the answer says what would be. */
  dryRun: boolean;
}

/**
 * Filters and page of `GET /shifts`.
 *
 * @public
 */
export interface ShiftHistoryQuery {
  cluster?: string;
  status?: ZonalShiftStatus;
  limit?: number;
  offset?: number;
}

/**
 * Page of `GET /active-shifts`.
 *
 * @public
 */
export interface ActiveShiftsQuery {
  limit?: number;
  offset?: number;
}

/**
 * Filters and page of `GET /audit`.
 *
 * @public
 */
export interface AuditQuery {
  cluster?: string;
  limit?: number;
  offset?: number;
}

/**
 * A fleet-wide shift request (`POST /fleet-shifts`), already validated.
 *
 * @public
 */
export interface FleetShiftRequest {
  /** AZ ID. */
  awayFrom: string;
  expiresIn: string;
  comment: string;
  dryRun: boolean;
  /** A subset of cluster ARNs; every cluster in the AZ when absent. */
  clusters?: string[];
}

/**
 * The Fleet Resilience backend as the frontend uses it. Mutating calls take
 * an idempotency key: one per user submission, reused on retries.
 *
 * @public
 */
export interface FleetResilienceApi {
  listClusters(query?: FleetListQuery): Promise<FleetListResponse>;
  getCluster(clusterArn: string): Promise<FleetClusterDetail>;
  /**
   * What a shift away from `awayFrom` (AZ ID or name) would do to the
   * cluster, as the server computes it for the fleet dry run and for the
   * cluster's cards while the shift applies. Rejects with the backend's 400
   * when the AZ is not one of the cluster's.
   */
  getShiftImpact(clusterArn: string, awayFrom: string): Promise<ShiftImpact>;
  listShifts(query?: ShiftHistoryQuery): Promise<ShiftHistoryResponse>;
  /**
   * Every shift ARC applies or holds as active now, fleet-wide and of every
   * type (customer, FIS experiment, practice run, zonal autoshift).
   */
  listActiveShifts(query?: ActiveShiftsQuery): Promise<ActiveShiftsResponse>;
  listAuditEvents(query?: AuditQuery): Promise<AuditEventsResponse>;
  /** Undefined while the backend does not serve the reconcile route (404). */
  getClusterReconcileStatus(
    clusterArn: string,
  ): Promise<ClusterReconcileStatus | undefined>;
  getRefreshStatus(): Promise<RefreshStatusResponse>;
  startShift(
    clusterArn: string,
    request: StartShiftRequest,
    idempotencyKey: string,
  ): Promise<ShiftActionResponse>;
  updateShift(
    clusterArn: string,
    zonalShiftId: string,
    request: UpdateShiftRequest,
    idempotencyKey: string,
  ): Promise<ShiftActionResponse>;
  cancelShift(
    clusterArn: string,
    zonalShiftId: string,
    idempotencyKey: string,
  ): Promise<ShiftActionResponse>;
  shiftFleet(
    request: FleetShiftRequest,
    idempotencyKey: string,
  ): Promise<FleetShiftResponse>;
  /**
   * The latest preflight report (`GET /preflight`): can the backend reach
   * each account, region and cluster, and what to fix where it cannot.
   * Rejects with a `ResponseError` whose message says what is wrong on 403
   * (the caller lacks `fleet-resilience.preflight`) and 404 (a backend
   * without the preflight route).
   */
  getPreflight(): Promise<PreflightReport>;
  /**
   * Starts a preflight run (`POST /preflight`, 202), or joins the one in
   * progress; poll `getPreflight` for its progress. Rejects as `getPreflight`.
   */
  runPreflight(): Promise<void>;
  /** Readiness counts of the clusters the caller may read that match the filters. */
  getReadinessSummary(
    query?: ReadinessSummaryQuery,
  ): Promise<FleetReadinessSummary>;
  /**
   * Applies a readiness fix on the AWS side of one cluster; an EKS update
   * answers `in-progress` and the cluster's readiness follows it.
   */
  fixClusterReadiness(
    clusterArn: string,
    request: ReadinessFixRequest,
    idempotencyKey: string,
  ): Promise<ReadinessFixResponse>;
  /** A readiness fix of many clusters: a dry run, or the real one. */
  fixFleetReadiness(
    request: FleetReadinessFixRequest,
    idempotencyKey: string,
  ): Promise<FleetReadinessFixResponse>;
}

/**
 * @public
 */
export const fleetResilienceApiRef = createApiRef<FleetResilienceApi>({
  id: 'plugin.fleet-resilience.api',
});
