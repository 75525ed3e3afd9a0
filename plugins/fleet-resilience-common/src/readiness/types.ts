/**
 * Types of the AZ readiness of a cluster: the facts the refresh gathers, the
 * checks the pure functions of this folder derive from them, and the fixes
 * the portal can apply on the AWS side.
 */
import type { SurvivabilityAssessment } from '../survivability';

/**
 * A workload kind whose replicas the readiness checks count.
 *
 * @public
 */
export type WorkloadKind = 'Deployment' | 'StatefulSet';

/**
 * How a workload's pod template asks the scheduler to spread over AZs:
 * a `topologySpreadConstraints` entry on `topology.kubernetes.io/zone` (or
 * `topology.k8s.aws/zone-id`), a pod anti-affinity (required or preferred)
 * on one of those keys, or nothing.
 *
 * @public
 */
export type ZoneSpread = 'topology-spread' | 'anti-affinity' | 'none';

/**
 * The PodDisruptionBudget whose selector matches a workload's pod template
 * labels in its namespace. Values are as the object holds them: an integer
 * or a percentage string (`"50%"`).
 *
 * @public
 */
export interface DisruptionBudgetFacts {
  name: string;
  minAvailable?: number | string;
  maxUnavailable?: number | string;
}

/**
 * What the Kubernetes read knows of one Deployment or StatefulSet.
 *
 * @public
 */
export interface WorkloadFacts {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  /** `spec.replicas` (Kubernetes' default 1 when absent). */
  desiredReplicas: number;
  /**
   * Ready pods (condition `Ready` true) of the workload by the AZ name of
   * their node (`topology.kubernetes.io/zone`).
   */
  readyByZone: Record<string, number>;
  /** Ready pods on a node whose AZ is unknown. */
  readyWithoutZone: number;
  /** Pods of the workload in any phase (ready or not). */
  podCount: number;
  zoneSpread: ZoneSpread;
  disruptionBudget?: DisruptionBudgetFacts;
}

/**
 * The cluster DNS: the `kube-system` Deployment labelled `k8s-app=kube-dns`
 * (CoreDNS on EKS), and what scales it.
 *
 * @public
 */
export interface ClusterDnsFacts {
  /** Undefined when no such Deployment exists. */
  workload?: WorkloadFacts;
  /**
   * `hpa`: a HorizontalPodAutoscaler in `kube-system` targets it;
   * `proportional`: a cluster-proportional-autoscaler Deployment in
   * `kube-system` targets it (`--target=deployment/<name>`); undefined: none.
   */
  autoscaler?: 'hpa' | 'proportional';
}

/**
 * The Kubernetes facts of a cluster's readiness, from one read.
 *
 * @public
 */
export interface KubernetesReadinessFacts {
  /** Every Deployment and StatefulSet except the cluster DNS. */
  workloads: WorkloadFacts[];
  dns: ClusterDnsFacts;
  /**
   * Running pods whose owner is not a Deployment's ReplicaSet or a
   * StatefulSet (bare pods, custom controllers); DaemonSets and Jobs are not
   * counted (a DaemonSet runs per node, a Job's pods end).
   */
  unknownOwnerPods: number;
  /**
   * Lists the cluster's RBAC forbade (e.g. `statefulsets.apps`,
   * `poddisruptionbudgets.policy`): what they would tell is unknown.
   */
  unreadable: string[];
}

/**
 * Why a workload is flagged:
 * - `one-zone`: more than one replica desired and all ready ones in one AZ;
 * - `zone-loss-below-budget`: losing some single AZ leaves fewer ready
 *   replicas than its PDB's `minAvailable` (or than
 *   `desired - maxUnavailable`), or, with no PDB, fewer than half of the desired;
 * - `no-zone-spread`: no zone spread constraint or anti-affinity;
 * - `single-replica`: one replica desired (flagged separately).
 *
 * @public
 */
export type WorkloadRisk =
  | 'one-zone'
  | 'zone-loss-below-budget'
  | 'no-zone-spread'
  | 'single-replica';

/**
 * One workload's assessment.
 *
 * @public
 */
export interface WorkloadAssessment {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  desiredReplicas: number;
  readyReplicas: number;
  readyByZone: Record<string, number>;
  /** Empty when nothing is wrong. */
  risks: WorkloadRisk[];
  /** The AZ whose loss leaves the fewest ready replicas (undefined with no ready replica in any AZ). */
  worstZone?: string;
  /** Ready replicas left after losing `worstZone`. */
  leftAfterWorstZone: number;
  /** Ready replicas the workload needs to keep: from its PDB, else half the desired, rounded up. */
  required: number;
  requiredFrom: 'pdb-min-available' | 'pdb-max-unavailable' | 'half-of-desired';
  /** The risks in words, e.g. "3 of 3 ready replicas in us-east-1a". */
  reason: string;
}

/**
 * A cluster's workloads, assessed. `atRisk` lists the flagged workloads
 * (any risk), worst first: `one-zone`, then `zone-loss-below-budget`, then
 * `single-replica`, then `no-zone-spread`; at most
 * {@link MAX_LISTED_WORKLOADS}.
 *
 * @public
 */
export interface WorkloadReadiness {
  workloadCount: number;
  /** Workloads with `one-zone` or `zone-loss-below-budget`. */
  atRiskCount: number;
  singleReplicaCount: number;
  noZoneSpreadCount: number;
  atRisk: WorkloadAssessment[];
  /** True when more flagged workloads exist than `atRisk` lists. */
  truncated: boolean;
  dns: ClusterDnsFacts;
  unknownOwnerPods: number;
  unreadable: string[];
}

/**
 * At most this many flagged workloads are listed per cluster.
 *
 * @public
 */
export const MAX_LISTED_WORKLOADS = 100;

/**
 * An ARC practice-run alarm (CloudWatch alarm ARN).
 *
 * @public
 */
export interface PracticeRunAlarm {
  type: 'CLOUDWATCH';
  alarmIdentifier: string;
}

/**
 * ARC's practice-run configuration of a managed resource
 * (GetManagedResource `practiceRunConfiguration`).
 *
 * @public
 */
export interface PracticeRunConfiguration {
  outcomeAlarms: PracticeRunAlarm[];
  blockingAlarms?: PracticeRunAlarm[];
  /** `Mon:09:00-Mon:17:00`, UTC. */
  blockedWindows?: string[];
  /** `2026-12-24`. */
  blockedDates?: string[];
  allowedWindows?: string[];
}

/**
 * A practice run's outcome as ARC reports it.
 *
 * @public
 */
export type PracticeRunOutcome =
  | 'FAILED'
  | 'INTERRUPTED'
  | 'PENDING'
  | 'SUCCEEDED'
  | 'CAPACITY_CHECK_FAILED';

/**
 * One practice run of the cluster.
 *
 * @public
 */
export interface PracticeRunRecord {
  zonalShiftId: string;
  awayFrom: string;
  startTime: string;
  /** When it ended or will expire. */
  expiryTime: string;
  status: 'ACTIVE' | 'EXPIRED' | 'CANCELED';
  outcome?: PracticeRunOutcome;
}

/**
 * Everything the readiness of one cluster is derived from.
 *
 * @public
 */
export interface ClusterReadinessInput {
  /** EKS `zonalShiftConfig.enabled`; undefined until DescribeCluster answered. */
  zonalShiftEnabled?: boolean;
  /** ARC's managed resource; undefined when ARC does not list the cluster. */
  arc?: {
    zonalAutoshiftStatus?: 'ENABLED' | 'DISABLED';
    practiceRunStatus?: 'ENABLED' | 'DISABLED';
    practiceRunConfiguration?: PracticeRunConfiguration;
  };
  /** The cluster's practice runs, any order. */
  practiceRuns: PracticeRunRecord[];
  /** The N-1 assessment of the latest snapshot; undefined before the first read. */
  survivability?: SurvivabilityAssessment;
  /** From the latest Kubernetes read; undefined before the first read. */
  workloads?: WorkloadReadiness;
  /** An EKS update the portal started and follows, if any. */
  pendingUpdate?: PendingClusterUpdate;
}

/**
 * An EKS cluster update the portal started and follows with DescribeUpdate.
 *
 * @public
 */
export interface PendingClusterUpdate {
  updateId: string;
  /** EKS update type, e.g. `ZonalShiftConfigUpdate`. */
  type: string;
  /** EKS update status: `InProgress`, `Successful`, `Failed`, `Cancelled`. */
  status: string;
  startedAt: string;
  /** EKS's error messages of a failed update. */
  errors?: string[];
}

/**
 * The checks of a cluster's readiness.
 *
 * @public
 */
export const READINESS_CHECK_IDS = [
  'zonal-shift',
  'zonal-autoshift',
  'practice-runs',
  'practice-run-outcome',
  'capacity-n-1',
  'workload-spread',
  'single-replica',
  'cluster-dns',
] as const;

/**
 * A readiness check.
 *
 * @public
 */
export type ReadinessCheckId = (typeof READINESS_CHECK_IDS)[number];

/**
 * A check's verdict. `unknown`: the facts are missing (not read yet, RBAC).
 *
 * @public
 */
export type ReadinessCheckVerdict = 'pass' | 'warn' | 'fail' | 'unknown';

/**
 * A fix the portal applies on the AWS side.
 *
 * @public
 */
export const READINESS_FIXES = [
  'enable-zonal-shift',
  'enable-autoshift',
  'disable-autoshift',
  'configure-practice-runs',
] as const;

/**
 * A fix the portal applies on the AWS side.
 *
 * @public
 */
export type ReadinessFix = (typeof READINESS_FIXES)[number];

/**
 * One check, its verdict, the evidence and the fix in words.
 *
 * @public
 */
export interface ReadinessCheck {
  id: ReadinessCheckId;
  title: string;
  verdict: ReadinessCheckVerdict;
  /** What the verdict rests on, one fact per line. */
  evidence: string[];
  /** How to fix it, in words; absent when it passes. */
  fix?: string;
  /** The portal fix that addresses it, when there is one. */
  portalFix?: ReadinessFix;
}

/**
 * A cluster's readiness verdict: `not-ready` when a check fails, `at-risk`
 * when one warns, `ready` when all pass, `unknown` otherwise.
 *
 * @public
 */
export const READINESS_VERDICTS = [
  'ready',
  'at-risk',
  'not-ready',
  'unknown',
] as const;

/**
 * A cluster's readiness verdict.
 *
 * @public
 */
export type ReadinessVerdict = (typeof READINESS_VERDICTS)[number];

/**
 * A cluster's readiness.
 *
 * @public
 */
export interface ClusterReadiness {
  verdict: ReadinessVerdict;
  /** 0 to 100: the share of checks that pass, a warning counting half. */
  score: number;
  checks: ReadinessCheck[];
  workloads?: WorkloadReadiness;
  practiceRunConfiguration?: PracticeRunConfiguration;
  /** Newest first, at most 5. */
  recentPracticeRuns: PracticeRunRecord[];
  pendingUpdate?: PendingClusterUpdate;
}
