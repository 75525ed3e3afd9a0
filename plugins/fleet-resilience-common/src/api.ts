/**
 * Request and response types of the Fleet Resilience backend's HTTP API
 * (`/api/fleet-resilience`), shared by the backend, the frontend, the search
 * collator and MCP actions. Times are ISO 8601 strings.
 *
 * Routes:
 * - `GET /clusters` -> {@link FleetListResponse} (filters {@link FLEET_LIST_QUERY})
 * - `GET /clusters/:clusterArn` (the ARN, URL-encoded with
 *   `encodeURIComponent`) -> {@link FleetClusterDetail}
 * - `GET /shifts` -> {@link ShiftHistoryResponse} (filters {@link SHIFT_HISTORY_QUERY})
 * - `GET /active-shifts` -> {@link ActiveShiftsResponse} (paging
 *   {@link ACTIVE_SHIFTS_QUERY}): every shift of every type that ARC applies
 *   or holds as active now, across the fleet
 * - `GET /clusters/:clusterArn/shift-impact?awayFrom=<AZ ID or name>` ->
 *   {@link ShiftImpact} (query {@link SHIFT_IMPACT_QUERY}); 400 naming
 *   `awayFrom` when it is missing or not an AZ of the cluster, 404 for a
 *   cluster not in the fleet
 * - `GET /refresh-status` -> {@link RefreshStatusResponse}
 * - `POST /refresh` -> 202 {@link RefreshTriggerResponse}
 * - `POST /clusters/:clusterArn/shifts` ({@link StartShiftInput}) -> 201 {@link ShiftActionResponse}
 * - `PATCH /clusters/:clusterArn/shifts/:zonalShiftId` ({@link UpdateShiftInput}) -> {@link ShiftActionResponse}
 * - `DELETE /clusters/:clusterArn/shifts/:zonalShiftId` -> {@link ShiftActionResponse}
 * - `POST /fleet-shifts` ({@link FleetShiftInput}) -> {@link FleetShiftResponse}
 * - `GET /audit` -> {@link AuditEventsResponse} (filters {@link AUDIT_QUERY})
 * - `GET /reconcile` -> {@link ReconcileStatusResponse};
 *   `GET /clusters/:clusterArn/reconcile` -> {@link ClusterReconcileStatus}
 *
 * Mutating calls take the {@link IDEMPOTENCY_KEY_HEADER} header.
 */
import { AuditEvent } from './audit';
import { ClusterCapacity, ResourceAmounts } from './capacity';
import { EksClusterRef } from './cluster';
import { SurvivabilityAssessment, SurvivabilityVerdict } from './survivability';
import type { ShiftImpact } from './shiftImpact';
import { ZonalShift, ZonalShiftStatus, ZonalShiftType } from './zonalShift';
import { NodePoolRequirement, Zone } from './zones';

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
  /** Lowest Resilience Hub resiliency score (0..100) of the apps holding the cluster. */
  resilienceScore?: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

/**
 * Paging of a list response.
 *
 * @public
 */
export interface Paging {
  limit: number;
  offset: number;
  /** Offset of the next page; undefined on the last page. */
  nextOffset?: number;
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
 * A Karpenter NodePool and the zones it lets Karpenter launch nodes in.
 *
 * @public
 */
export interface FleetNodePool {
  name: string;
  /** Requirements on `topology.kubernetes.io/zone` or `topology.k8s.aws/zone-id`. */
  zoneRequirements: NodePoolRequirement[];
  /** The cluster's zones the NodePool allows. */
  allowedZones: Zone[];
  /** No zone requirement at all: every zone of the cluster is allowed. */
  unrestricted: boolean;
  weight?: number;
  /** Annotations under `fleet-resilience.io/` and the sample controller's away-zones. */
  zoneAnnotations: Record<string, string>;
}

/**
 * An ARC autoshift that concerns one of the cluster's AZs.
 *
 * @public
 */
export interface FleetAutoshift {
  /** AZ ID. */
  awayFrom: string;
  startTime: string;
  endTime?: string;
  status: 'ACTIVE' | 'COMPLETED';
}

/**
 * A Resilience Hub application that contains the cluster.
 *
 * @public
 */
export interface FleetResilienceApp {
  appArn: string;
  name: string;
  resiliencyScore?: number;
  complianceStatus?: string;
  /** The AZ disruption results of the latest assessment. */
  azCompliance?: {
    complianceStatus: string;
    currentRtoInSecs?: number;
    currentRpoInSecs?: number;
    policyRtoInSecs?: number;
    policyRpoInSecs?: number;
  };
  assessedAt?: string;
}

/**
 * Karpenter as seen in the cluster.
 *
 * @public
 */
export interface FleetKarpenterInfo {
  installed: boolean;
  version?: string;
  /** Karpenter reacts to ARC zonal shifts itself (`settings.enableZonalShift`). */
  nativeZonalShift: boolean;
  nodeClaimCount: number;
}

/**
 * Result of the last refresh of one source.
 *
 * @public
 */
export interface SourceRefreshStatus {
  /**
   * The source, e.g. `inventory:aws-config`, `arc:123456789012/us-east-1`,
   * `kubernetes`, `eks`.
   */
  source: string;
  lastAttemptAt: string;
  /** Whether the last attempt succeeded. */
  ok: boolean;
  lastSuccessAt?: string;
  /** The last attempt's error, when it failed. */
  errorMessage?: string;
  durationMs: number;
}

/**
 * `GET /clusters/:clusterArn`.
 *
 * @public
 */
export interface FleetClusterDetail {
  summary: FleetClusterSummary;
  tags: Record<string, string>;
  /** Per-AZ capacity of the latest snapshot. */
  capacity?: ClusterCapacity;
  /** When the latest snapshot was taken. */
  capacityCapturedAt?: string;
  /** N-1 per AZ, of the latest snapshot. */
  survivability?: SurvivabilityAssessment;
  nodePools: FleetNodePool[];
  /** Shifts ARC applies or holds as active now. */
  activeShifts: ZonalShift[];
  /** Ended shifts, newest first (the most recent ones only). */
  pastShifts: ZonalShift[];
  /** ARC `appliedWeights`: AZ ID -> 0..1. */
  appliedWeights: Record<string, number>;
  autoshifts: FleetAutoshift[];
  practiceRunStatus?: AutoshiftStatus;
  resilienceApps: FleetResilienceApp[];
  karpenter?: FleetKarpenterInfo;
  /** Per source for this cluster: `kubernetes`, `eks`. */
  refresh: SourceRefreshStatus[];
  /** Objects skipped in the last Kubernetes read, and why. */
  problems: Array<{ source: string; resource?: string; message: string }>;
  /**
   * What the shift ARC applies now does to the cluster (N-1 with the shifted
   * AZ counted as lost, NodePools left without a zone); absent when no shift
   * applies. The same function answers `GET .../shift-impact` before a shift.
   */
  shiftImpact?: ShiftImpact;
}

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
 * `GET /refresh-status`.
 *
 * @public
 */
export interface RefreshStatusResponse {
  /** Fleet-wide sources: inventory sources, ARC, Resilience Hub per account and region. */
  sources: SourceRefreshStatus[];
  clusters: {
    total: number;
    fresh: number;
    stale: number;
    never: number;
  };
  /** The last full refresh that ran to its end. */
  lastRefresh?: {
    startedAt: string;
    finishedAt: string;
    durationMs: number;
  };
}

/**
 * `POST /refresh`.
 *
 * @public
 */
export interface RefreshTriggerResponse {
  triggered: boolean;
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

/**
 * Query parameters of `GET /clusters/:clusterArn/shift-impact`.
 *
 * @public
 */
export const SHIFT_IMPACT_QUERY = {
  /** The AZ ID (or AZ name) to shift away from; required. */
  awayFrom: 'awayFrom',
} as const;

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
 * Query parameters of `GET /active-shifts`: a page of the list, no filters.
 *
 * @public
 */
export const ACTIVE_SHIFTS_QUERY = {
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

/**
 * Paging limits of every list route.
 *
 * @public
 */
export const PAGING_LIMITS = {
  defaultLimit: 50,
  maxLimit: 500,
} as const;

/**
 * Path of one cluster's detail under the plugin's base URL.
 *
 * @public
 */
export function fleetClusterPath(clusterArn: string): string {
  return `/clusters/${encodeURIComponent(clusterArn)}`;
}

// ---------------------------------------------------------------------------
// Shift actions: `POST /clusters/:clusterArn/shifts`,
// `PATCH|DELETE /clusters/:clusterArn/shifts/:zonalShiftId`, `POST /fleet-shifts`.

/**
 * Optional request header that makes a mutating call idempotent: a retry with
 * the same key (and the same body) gets the first call's answer and never
 * starts a second shift. 1 to 128 characters of `[A-Za-z0-9._:-]`.
 *
 * @public
 */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * Answer of start, update and cancel.
 *
 * @public
 */
export interface ShiftActionResponse {
  /** The shift as ARC returned it (with `actor` filled in). */
  shift: ZonalShift;
  /** Id of the audit event recorded for this action. */
  auditEventId: string;
  /** True when this answer is a replay of an earlier call with the same idempotency key. */
  replayed: boolean;
}

/**
 * Body of `POST /fleet-shifts`: shift every cluster in one AZ away from it.
 *
 * @public
 */
export interface FleetShiftInput {
  /** AZ ID (`use1-az2`); AZ names differ per account, so only IDs are taken here. */
  awayFrom?: unknown;
  expiresIn?: unknown;
  comment?: unknown;
  /** When true nothing is started: the answer lists the affected clusters. */
  dryRun?: unknown;
  /** Optional subset of cluster ARNs (all clusters in the AZ when absent). */
  clusters?: unknown;
}

/**
 * What a fleet-wide shift did, or would do (dry run), for one cluster.
 *
 * @public
 */
export interface FleetShiftItem {
  cluster: EksClusterRef;
  entityRef: string;
  zone: Zone;
  /**
   * Whether the cluster's other AZs hold every request without `zone`:
   * `ShiftImpact.verdict` and `reason`, as the start dialog's confirm step
   * shows them for the same cluster and AZ.
   */
  verdict: SurvivabilityVerdict;
  verdictReason: string;
  /**
   * Dry run: `eligible` or `skipped` (with `reason`: zonal shift not enabled,
   * already shifted, no permission). Real run: `started`, `skipped`,
   * `denied` or `failed`.
   */
  outcome: 'eligible' | 'started' | 'skipped' | 'denied' | 'failed';
  reason?: string;
  shift?: ZonalShift;
}

/**
 * Answer of `POST /fleet-shifts`.
 *
 * @public
 */
export interface FleetShiftResponse {
  dryRun: boolean;
  awayFrom: string;
  items: FleetShiftItem[];
  counts: Record<FleetShiftItem['outcome'], number>;
  /** True when this answer is a replay of an earlier run with the same idempotency key. */
  replayed?: boolean;
}

/**
 * `GET /audit`: the portal's own audit trail, newest first.
 *
 * @public
 */
export interface AuditEventsResponse {
  items: AuditEvent[];
  totalCount: number;
  paging: Paging;
}

/**
 * Query parameters of `GET /audit`.
 *
 * @public
 */
export const AUDIT_QUERY = {
  cluster: 'cluster',
  action: 'action',
  outcome: 'outcome',
  limit: 'limit',
  offset: 'offset',
} as const;

// ---------------------------------------------------------------------------
// Reconciler: `GET /reconcile` (every cluster), `GET /clusters/:clusterArn/reconcile`.

/**
 * How the reconciler treats a cluster's Karpenter: `nodepool` edits NodePool
 * zone requirements; `keep-nodes` also marks the impaired AZ's nodes
 * `karpenter.sh/do-not-disrupt` for the length of the shift; `observe` only
 * reports what it would do.
 *
 * @public
 */
export type ReconcileMode = 'nodepool' | 'keep-nodes' | 'observe';

/**
 * @public
 */
export const RECONCILE_MODES: readonly ReconcileMode[] = [
  'nodepool',
  'keep-nodes',
  'observe',
];

/**
 * What the reconciler did to one NodePool in its last pass.
 *
 * @public
 */
export interface NodePoolReconcileResult {
  name: string;
  outcome:
    | 'unchanged'
    | 'patched'
    | 'restored'
    | 'blocked'
    | 'failed'
    | 'would-patch';
  /** Zone IDs the NodePool may place capacity in after the pass. */
  allowedZoneIds: string[];
  message?: string;
}

/**
 * Where a cluster's reconciliation stands.
 *
 * `converged`: NodePools match the shift state; `pending`: a change is under
 * way or waiting for a retry; `blocked`: some NodePool cannot avoid the
 * impaired AZ; `error`: the last pass failed; `observing`: observe mode, by
 * configuration or because Karpenter's native zonal shift is on.
 *
 * @public
 */
export type ReconcileState =
  | 'converged'
  | 'pending'
  | 'blocked'
  | 'error'
  | 'observing';

/**
 * @public
 */
export interface ClusterReconcileStatus {
  cluster: EksClusterRef;
  /** The mode in effect. */
  mode: ReconcileMode;
  /** Why the mode in effect differs from the configured one, if it does. */
  modeReason?: string;
  /** Zone IDs ARC applies a shift away from now (usually none or one). */
  awayZoneIds: string[];
  state: ReconcileState;
  nodePools: NodePoolReconcileResult[];
  /** Nodes the reconciler marked do-not-disrupt (keep-nodes mode). */
  markedNodeCount: number;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
}

/**
 * @public
 */
export interface ReconcileStatusResponse {
  items: ClusterReconcileStatus[];
}

// ---------------------------------------------------------------------------
// Live updates through Backstage signals.

/**
 * The signals channel every Fleet Resilience message is published on.
 *
 * @public
 */
export const FLEET_SIGNAL_CHANNEL = 'fleet-resilience';

/**
 * A message on {@link FLEET_SIGNAL_CHANNEL}. Receivers refetch what changed;
 * messages are hints, not the data.
 *
 * @public
 */
export type FleetSignal =
  | { type: 'shift-changed'; clusterArn: string; zonalShiftId?: string }
  | { type: 'reconcile-changed'; clusterArn: string; state: ReconcileState }
  | {
      type: 'fleet-shift-progress';
      operationId: string;
      done: number;
      total: number;
    }
  | { type: 'fleet-refreshed' };
