/**
 * What the store takes and gives back: plain typed records, free of SQL. The
 * ingestion's pure reduction produces the write records; the HTTP API's views
 * turn the read records into API responses.
 */
import type {
  AuditEvent,
  AutoshiftStatus,
  ClusterCapacity,
  DataFreshness,
  EksClusterRef,
  FleetCapacityTotals,
  FleetKarpenterInfo,
  FleetNodePool,
  PracticeRunConfiguration,
  ReadinessCheckId,
  ReadinessVerdict,
  ShiftState,
  SurvivabilityAssessment,
  SurvivabilityVerdict,
  WorkloadReadiness,
  Zone,
  ZonalShift,
  ZonalShiftStatus,
  ZonalShiftType,
} from '@fleet-resilience/plugin-fleet-resilience-common';

/** A cluster as one inventory source reported it. */
export interface ClusterInventoryRecord {
  ref: EksClusterRef;
  sourceId: string;
  version?: string;
  status?: string;
  endpoint?: string;
  certificateAuthorityData?: string;
  tags: Record<string, string>;
  owner?: string;
  system?: string;
  /** AZs of the cluster's subnets. */
  subnetZones: Zone[];
  /** What the read left out of this cluster or cleaned (shown in its detail). */
  dataProblems?: string[];
}

/** One AZ name <-> ID pair of an account. */
export interface AccountZoneRecord {
  accountId: string;
  region: string;
  zone: Zone;
}

/** Where ARC's state puts one cluster. */
export interface ClusterShiftRecord {
  arn: string;
  shiftState: ShiftState;
  activeShift?: ZonalShift;
  shiftAwayFrom?: Zone;
  autoshiftStatus?: AutoshiftStatus;
}

/** An ARC managed resource, as stored. */
export interface ArcResourceRecord {
  arn: string;
  accountId: string;
  region: string;
  availabilityZones: string[];
  appliedWeights: Record<string, number>;
  zonalAutoshiftStatus?: AutoshiftStatus;
  practiceRunStatus?: AutoshiftStatus;
  appliedAwayFrom?: string;
  /** GetManagedResource's, read for resources whose practice runs are ENABLED. */
  practiceRunConfiguration?: PracticeRunConfiguration;
}

/** An ARC autoshift of one account, region and AZ. */
export interface AutoshiftRecord {
  accountId: string;
  region: string;
  awayFrom: string;
  startTime: string;
  endTime?: string;
  status: 'ACTIVE' | 'COMPLETED';
}

/** A zonal shift with where it belongs. */
export interface ShiftRecord extends ZonalShift {
  accountId: string;
  region: string;
}

/** Everything one ARC read of an account and region changes. */
export interface ArcRegionRecord {
  accountId: string;
  region: string;
  resources: ArcResourceRecord[];
  shifts: ShiftRecord[];
  autoshifts: AutoshiftRecord[];
  /** The shift state of every inventory cluster of the account and region. */
  clusterShiftStates: ClusterShiftRecord[];
  /** ARC rows of a cluster left out or cleaned, by cluster ARN (shown in its detail). */
  clusterProblems?: Record<string, string[]>;
}

/** A Resilience Hub application and the clusters it contains. */
export interface ResilienceAppRecord {
  appArn: string;
  accountId: string;
  region: string;
  name: string;
  resiliencyScore?: number;
  complianceStatus?: string;
  azCompliance?: {
    complianceStatus: string;
    currentRtoInSecs?: number;
    currentRpoInSecs?: number;
    policyRtoInSecs?: number;
    policyRpoInSecs?: number;
  };
  assessedAt?: string;
  clusterArns: string[];
}

/** EKS DescribeCluster facts. */
export interface EksDetailsRecord {
  arn: string;
  zonalShiftEnabled: boolean;
  platformVersion?: string;
  status?: string;
  /** The API server EKS reports; the only one the EKS token is sent to. */
  endpoint?: string;
  certificateAuthorityData?: string;
}

/** A NodePool's zone settings, as stored. */
export interface NodePoolRecord extends FleetNodePool {
  resourceVersion: string;
}

/** A problem found while reading a cluster. */
export interface ProblemRecord {
  source: string;
  resource?: string;
  message: string;
}

/** The reduction of one successful Kubernetes read. */
export interface KubernetesSnapshotRecord {
  arn: string;
  capturedAt: string;
  capacity: ClusterCapacity;
  assessment: SurvivabilityAssessment;
  totals: FleetCapacityTotals;
  nodePools: NodePoolRecord[];
  /** AZs seen on the nodes' labels. */
  nodeZones: Zone[];
  karpenter: FleetKarpenterInfo;
  problems: ProblemRecord[];
  /** The workloads assessed for AZ readiness; undefined when the read had no readiness facts. */
  workloads?: WorkloadReadiness;
}

/** The outcome of one refresh of a source, fleet-wide or for one cluster. */
export interface RefreshResultRecord {
  source: string;
  /** Undefined for a fleet-wide source. */
  clusterArn?: string;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  errorMessage?: string;
  durationMs: number;
  /** What a successful read stored and left out (see `RowCounts`). */
  rows?: RowCounts;
  /** A few of the rows' problems, each a short message. */
  dataProblems?: string[];
}

/**
 * Rows of one read: stored, left out as data problems (`rejected`), and
 * stored with unstorable characters replaced (`cleaned`, counted in `stored`).
 */
export interface RowCounts {
  stored: number;
  rejected: number;
  cleaned: number;
}

/** A stored refresh result, with when the source last succeeded. */
export interface StoredRefreshResult extends RefreshResultRecord {
  lastSuccessAt?: string;
}

/** A cluster row, parsed. */
export interface StoredCluster {
  ref: EksClusterRef;
  sourceId: string;
  version?: string;
  status?: string;
  endpoint?: string;
  certificateAuthorityData?: string;
  tags: Record<string, string>;
  owner?: string;
  system?: string;
  zones: Zone[];
  zonalShiftEnabled?: boolean;
  platformVersion?: string;
  eksCheckedAt?: string;
  /** The API server and CA EKS DescribeCluster reported (`endpoint` is Config's). */
  eksEndpoint?: string;
  eksCertificateAuthorityData?: string;
  shiftState: ShiftState;
  activeShift?: ZonalShift;
  shiftAwayFrom?: Zone;
  autoshiftStatus?: AutoshiftStatus;
  verdict: SurvivabilityVerdict;
  verdictReason: string;
  bindingZone?: Zone;
  capacityTotals?: FleetCapacityTotals;
  capacityCapturedAt?: string;
  freshness: DataFreshness;
  k8sLastAttemptAt?: string;
  k8sLastSuccessAt?: string;
  k8sLastError?: string;
  karpenter?: FleetKarpenterInfo;
  problems: ProblemRecord[];
  resilienceScore?: number;
  /** The AZ readiness verdict rebuildDocuments last wrote. */
  readiness?: ReadinessVerdict;
  firstSeenAt: string;
  lastSeenAt: string;
}

/** A stored capacity snapshot. */
export interface StoredSnapshot {
  id: number;
  clusterArn: string;
  capturedAt: string;
  capacity: ClusterCapacity;
  assessment: SurvivabilityAssessment;
  /** Undefined on snapshots read without readiness facts. */
  workloads?: WorkloadReadiness;
}

/** An EKS update the portal started (`readiness_updates`), as stored. */
export interface ReadinessUpdateRecord {
  updateId: string;
  cluster: EksClusterRef;
  /** EKS update type, e.g. `ZonalShiftConfigUpdate`. */
  type: string;
  /** EKS update status: `InProgress`, `Successful`, `Failed`, `Cancelled`. */
  status: string;
  errors?: string[];
  startedAt: string;
  finishedAt?: string;
  /** When DescribeUpdate last answered for it. */
  checkedAt?: string;
  actor: string;
  auditEventId?: string;
}

/** A stored shift, with when the portal first and last saw it. */
export interface StoredShift extends ShiftRecord {
  firstSeenAt: string;
  lastSeenAt: string;
}

/** What the fleet's active shifts are decided from, for one cluster. */
export interface ClusterActiveShiftSources {
  ref: EksClusterRef;
  /** The cluster's own AZs (subnets, nodes). */
  zones: Zone[];
  /** The account's AZs in the cluster's region, to name the others. */
  accountZones: Zone[];
  /** ARC's managed resource, if ARC was read for the cluster. */
  resource?: ArcResourceRecord;
  /** The cluster's stored shifts whose status is ACTIVE, expired by now or not. */
  shifts: StoredShift[];
  /** The ACTIVE autoshifts of the cluster's account and region. */
  autoshifts: AutoshiftRecord[];
}

/** Sort fields the store understands. */
export type ClusterSortField =
  | 'name'
  | 'account'
  | 'region'
  | 'version'
  | 'verdict'
  | 'shiftState'
  | 'lastSeen'
  | 'readiness';

/** Filters of the fleet list; each list is "any of", all lists apply. */
export interface ClusterFilter {
  accountIds?: string[];
  regions?: string[];
  versions?: string[];
  /** AZ names or IDs. */
  zones?: string[];
  shiftStates?: ShiftState[];
  verdicts?: SurvivabilityVerdict[];
  freshness?: DataFreshness[];
  /** Owner entity refs, lower-case, as stored in `owner_ref`. */
  ownerRefs?: string[];
  /** Case-insensitive substring of the name. */
  nameContains?: string;
  /** AZ readiness verdicts. */
  readiness?: ReadinessVerdict[];
  /** Readiness checks of which any fails or warns on the cluster. */
  checks?: ReadinessCheckId[];
}

export interface PageRequest {
  limit: number;
  offset: number;
}

export interface ClusterListQuery {
  filter: ClusterFilter;
  sort: { field: ClusterSortField; order: 'asc' | 'desc' };
  page: PageRequest;
}

export interface ShiftFilter {
  clusterArns?: string[];
  statuses?: ZonalShiftStatus[];
  types?: ZonalShiftType[];
  /** ISO time: shifts started at or after it. */
  since?: string;
}

/** Audit events are stored as the common package defines them. */
export type AuditEventRecord = AuditEvent;

/** Counts of clusters by freshness. */
export interface FreshnessCounts {
  total: number;
  fresh: number;
  stale: number;
  never: number;
}

/** What the Kubernetes refresh needs about each cluster. */
export interface KubernetesRefreshTarget {
  ref: EksClusterRef;
  /** What the inventory (AWS Config) names. */
  endpoint?: string;
  certificateAuthorityData?: string;
  /** What EKS DescribeCluster reports: the only endpoint the token goes to. */
  eksEndpoint?: string;
  eksCertificateAuthorityData?: string;
  /** Subnet zones, to name the AZs of NodePool requirements. */
  zones: Zone[];
}
