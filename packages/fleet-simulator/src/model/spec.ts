/**
 * The fleet file format (YAML or an object): what a simulated fleet is made
 * of. Counts and shapes, not objects: the model turns a spec into Nodes, Pods,
 * NodePools and NodeClaims. Every field is documented in the package README.
 */
import type { ArcResourceSettings } from '../arc/types';
import type { ComplianceStatus, DisruptionType } from './types';
import type { NodeSelectorRequirement } from './requirements';

/**
 * A simulated fleet, as a fleet file describes it: accounts, clusters, Resilience Hub apps and pacing.
 *
 * @public
 */
export interface FleetSpec {
  accounts: AccountSpec[];
  clusters: ClusterSpec[];
  resilienceApps?: ResilienceAppSpec[];
  simulation?: SimulationSpec;
  /** IAM as the simulator plays it: explicit denials of AWS actions. */
  iam?: IamSpec;
}

/**
 * The fleet's IAM: explicit denials (`PUT /_sim/iam` replaces them at run time).
 *
 * @public
 */
export interface IamSpec {
  denies: IamDenySpec[];
}

/**
 * One denial: requests for `action` (an IAM action such as
 * `eks:DescribeCluster`) answer AccessDenied, in the service's protocol,
 * when they come from `accountId` (any when absent) and, when `roleName` is
 * given, only when signed with that role's AssumeRole credentials. For
 * `sts:AssumeRole` the account and role may also name the role being assumed.
 *
 * @public
 */
export interface IamDenySpec {
  accountId?: string;
  roleName?: string;
  action: string;
}

/**
 * An IAM role an account declares as assumable through STS AssumeRole.
 *
 * @public
 */
export interface RoleSpec {
  /** The role name (no path). */
  name: string;
  /** When set, AssumeRole must pass this ExternalId (AccessDenied otherwise). */
  externalId?: string;
}

/**
 * An account's AWS Config recorder: which resource types it records.
 *
 * @public
 */
export interface ConfigRecorderSpec {
  /** Recorded types, e.g. `AWS::EKS::Cluster`; `[]` records nothing. */
  resourceTypes: string[];
}

/**
 * How the simulated controllers pace themselves (simulated time).
 *
 * @public
 */
export interface SimulationSpec {
  /** How long a node stays Drifted before Karpenter replaces it. Default `5m`. */
  driftReplaceAfter?: string;
  /** One Karpenter/scheduler round per this much simulated time. Default `1m`. */
  round?: string;
}

/**
 * One AWS account of the fleet and its AZ mapping.
 *
 * @public
 */
export interface AccountSpec {
  /** 12-digit AWS account ID. */
  id: string;
  /** A label for people; not sent on any wire. */
  name?: string;
  /** This account's mapping of AZ names to AZ IDs, per region. */
  zones: Record<string, Record<string, string>>;
  /** Roles STS AssumeRole accepts; absent = any role name. */
  roles?: RoleSpec[];
  /** The Config recorder; absent = records every supported type. */
  configRecorder?: ConfigRecorderSpec;
}

/**
 * One EKS cluster of the fleet: where it runs, its zones, Karpenter, nodes and workloads.
 *
 * @public
 */
export interface ClusterSpec {
  name: string;
  /** Account ID (one of `accounts[].id`). */
  account: string;
  region: string;
  /** Kubernetes version. Default `1.33`. */
  version?: string;
  status?: 'ACTIVE' | 'CREATING' | 'UPDATING' | 'DELETING' | 'FAILED';
  /** ISO time. Default: 90 days before the simulated start. */
  createdAt?: string;
  /** Zone names, from the account's mapping for the region. */
  zones: string[];
  tags?: Record<string, string>;
  zonalShift?: ZonalShiftSpec;
  karpenter?: KarpenterSpec;
  nodePools?: NodePoolSpec[];
  nodes?: NodeGroupSpec[];
  workloads?: WorkloadSpec[];
  /** RBAC denials the cluster's API server starts with (`PUT /_sim/kubernetes/forbidden` replaces them). */
  kubernetesForbidden?: ForbiddenRuleSpec[];
}

/**
 * A Kubernetes request the cluster's RBAC refuses: `verb` on `resource` (plural) of API `group`.
 *
 * @public
 */
export interface ForbiddenRuleSpec {
  verb: string;
  resource: string;
  /** `''` (default) for the core group. */
  group?: string;
  /** Only for EKS tokens signed with this role's AssumeRole credentials. */
  roleName?: string;
}

/**
 * The zonal shift settings of a cluster (EKS and ARC).
 *
 * @public
 */
export interface ZonalShiftSpec {
  /** EKS `zonalShiftConfig.enabled`. */
  enabled: boolean;
  /** ARC zonal autoshift; needs `enabled` and a `practiceRun`. Default false. */
  autoshift?: boolean;
  /** ARC practice-run configuration. */
  practiceRun?: ArcResourceSettings['practiceRunConfiguration'];
  /**
   * Practice runs that ended before the simulation started (needs
   * `practiceRun`): `daysAgo` 1..90, outcome SUCCEEDED, FAILED or INTERRUPTED.
   */
  practiceRunHistory?: ArcResourceSettings['practiceRunHistory'];
}

/**
 * The Karpenter installation of a cluster.
 *
 * @public
 */
export interface KarpenterSpec {
  /** Karpenter release, e.g. `1.12.0`. */
  version: string;
  /** Native ARC zonal shift support (Karpenter 1.12+). Default false. */
  nativeZonalShift?: boolean;
  /** Where the Deployment lives. Default `kube-system`. */
  namespace?: 'kube-system' | 'karpenter';
  /** How the Deployment shows the setting: env `ENABLE_ZONAL_SHIFT` (Helm) or arg `--enable-zonal-shift`. Default `env`. */
  zonalShiftSetting?: 'env' | 'arg';
}

/**
 * A Karpenter disruption budget of a NodePool.
 *
 * @public
 */
export interface DisruptionBudgetSpec {
  /** A count (`"2"`) or a percentage (`"10%"`) of the NodePool's nodes. */
  nodes: string;
  /** Cron schedule (5 fields) when the budget starts being active. */
  schedule?: string;
  /** How long it stays active after each scheduled start, e.g. `8h`, `30m`. */
  duration?: string;
  reasons?: Array<'Drifted' | 'Underutilized' | 'Empty'>;
}

/**
 * A Karpenter NodePool of a cluster.
 *
 * @public
 */
export interface NodePoolSpec {
  name: string;
  requirements?: NodeSelectorRequirement[];
  /** Instance types Karpenter launches; the first is used for new nodes. Default `[m5.xlarge]`. */
  instanceTypes?: string[];
  limits?: { cpu?: string; memory?: string };
  disruption?: {
    consolidationPolicy?: 'WhenEmptyOrUnderutilized' | 'WhenEmpty';
    consolidateAfter?: string;
    budgets?: DisruptionBudgetSpec[];
  };
  weight?: number;
  taints?: TaintSpec[];
}

/**
 * A Kubernetes taint.
 *
 * @public
 */
export interface TaintSpec {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/**
 * `count` identical nodes in one zone, from a NodePool or a managed node group.
 *
 * @public
 */
export interface NodeGroupSpec {
  /** Zone name. */
  zone: string;
  count: number;
  /** Default: the NodePool's first instance type, else `m5.xlarge`. */
  instanceType?: string;
  /** Karpenter NodePool name; nodes without one belong to `nodeGroup`. */
  nodePool?: string;
  /** EKS managed node group name. Default `default` when there is no `nodePool`. */
  nodeGroup?: string;
  /** Annotate the nodes `karpenter.sh/do-not-disrupt: "true"`. */
  doNotDisrupt?: boolean;
}

/**
 * `replicas` identical pods of a Deployment or StatefulSet, spread over the
 * cluster's zones, Pending where nothing fits.
 *
 * @public
 */
export interface WorkloadSpec {
  name: string;
  /** Default `default`. */
  namespace?: string;
  replicas: number;
  /** CPU request, e.g. `500m`. */
  cpu: string;
  /** Memory request, e.g. `1Gi`. */
  memory: string;
  /** Annotate the pods `karpenter.sh/do-not-disrupt: "true"`. */
  doNotDisrupt?: boolean;
  /** Pod `spec.nodeSelector`. */
  nodeSelector?: Record<string, string>;
  /** Taint keys the pods tolerate (operator Exists). */
  tolerations?: string[];
  /** Default `Deployment`. A StatefulSet names its pods `<name>-<ordinal>` and owns them directly. */
  kind?: 'Deployment' | 'StatefulSet';
  /**
   * How the pod template asks to spread over zones: a `topologySpreadConstraints`
   * entry, a preferred `podAntiAffinity` term (both on
   * `topology.kubernetes.io/zone`, soft, as the scheduler spreads anyway) or
   * nothing. Default `topology-spread`.
   */
  zoneSpread?: 'topology-spread' | 'anti-affinity' | 'none';
  /** Zone names the pods may run in (a required node affinity); default: any. */
  zones?: string[];
  /** A policy/v1 PodDisruptionBudget `<name>` selecting the pods. */
  pdb?: { minAvailable?: number | string; maxUnavailable?: number | string };
  /**
   * What scales it: an autoscaling/v2 HorizontalPodAutoscaler `<name>`, or a
   * cluster-proportional-autoscaler Deployment `<name>-autoscaler` in its
   * namespace (`--target=Deployment/<name>`, one pod of 20m and 10Mi).
   */
  autoscaler?: 'hpa' | 'proportional';
}

/**
 * A Resilience Hub application covering some of the fleet's clusters.
 *
 * @public
 */
export interface ResilienceAppSpec {
  name: string;
  /** Where the app lives. */
  account: string;
  region: string;
  /** Clusters by name; `account`/`region` default to the app's. */
  clusters: Array<{
    name: string;
    account?: string;
    region?: string;
    namespaces?: string[];
  }>;
  resiliencyScore: number;
  complianceStatus: ComplianceStatus | 'NotAssessed' | 'ChangesDetected';
  driftStatus?: 'NotChecked' | 'NotDetected' | 'Detected';
  /** Policy RTO/RPO per disruption type. */
  policy: Partial<
    Record<DisruptionType, { rtoInSecs: number; rpoInSecs: number }>
  >;
  /** The latest assessment; omit for an app never assessed. */
  assessment?: {
    complianceStatus: ComplianceStatus;
    disruptionScore: Partial<Record<DisruptionType, number>>;
    compliance: Partial<
      Record<
        DisruptionType,
        {
          complianceStatus: ComplianceStatus;
          currentRtoInSecs: number;
          currentRpoInSecs: number;
        }
      >
    >;
  };
}
