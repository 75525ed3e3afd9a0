/**
 * What the outside world tells Fleet Resilience, as validated plain data.
 * Clients (AWS Config, ARC, Resilience Hub, EKS, Kubernetes) produce these;
 * the backend's ingestion and the catalog module consume them. Every reader
 * validates what it receives: a resource it cannot understand becomes an
 * `InventoryProblem`, never a thrown error that would fail the whole batch.
 */
import type {
  CapacityNode,
  CapacityPod,
  EksClusterRef,
  KubernetesReadinessFacts,
  NodePoolRequirement,
  PodRequestSums,
  PracticeRunConfiguration,
  Zone,
  ZonalShift,
} from '@fleet-resilience/plugin-fleet-resilience-common';

export type {
  EksClusterConfigurer,
  EksClusterDescriber,
  EksClusterDetails,
  EksClusterUpdate,
} from './eks';

/**
 * One AWS account and region to read, with where to read it from.
 *
 * @public
 */
export interface AccountRegion {
  accountId: string;
  region: string;
}

/**
 * An EKS cluster as the inventory (AWS Config) describes it.
 *
 * @public
 */
export interface InventoryCluster {
  ref: EksClusterRef;
  /** Kubernetes version, e.g. `1.33`. */
  version?: string;
  /** `ACTIVE`, `CREATING`, ... when the inventory knows it. */
  status?: string;
  /** Kubernetes API server URL (validated: https outside the embedded default). */
  endpoint?: string;
  /** Base64 PEM of the API server's CA. */
  certificateAuthorityData?: string;
  subnetIds: string[];
  securityGroupIds: string[];
  tags: Record<string, string>;
  /** ISO 8601 time AWS Config captured this item. */
  capturedAt?: string;
}

/**
 * A subnet: gives an account's mapping of AZ names to AZ IDs.
 *
 * @public
 */
export interface InventorySubnet {
  accountId: string;
  region: string;
  subnetId: string;
  vpcId?: string;
  zone: Zone;
}

/**
 * A resource a reader skipped, and why.
 *
 * @public
 */
export interface InventoryProblem {
  /** Which reader, e.g. `aws-config`, `kubernetes`. */
  source: string;
  /** The resource, e.g. an ARN or `<account>/<region>`. */
  resource?: string;
  message: string;
}

/**
 * What one read of an inventory source found.
 *
 * @public
 */
export interface InventorySnapshot {
  clusters: InventoryCluster[];
  subnets: InventorySubnet[];
  problems: InventoryProblem[];
  /**
   * Account/regions that could not be read at all (each also has a problem):
   * the snapshot says nothing about them, so what was known there is kept.
   */
  incompleteScopes?: AccountRegion[];
}

/**
 * A source of EKS clusters. AWS Config is the built-in one; others can be
 * added through the backend's extension point.
 *
 * @public
 */
export interface FleetInventorySource {
  /** Stable id, used in logs and in the refresh status. */
  readonly id: string;
  readInventory(options?: { signal?: AbortSignal }): Promise<InventorySnapshot>;
}

/**
 * ARC's view of one cluster (a managed resource).
 *
 * @public
 */
export interface ManagedResourceState {
  arn: string;
  /** AZ IDs ARC knows for the resource. */
  availabilityZones: string[];
  /** The weight (0 to 1) ARC applies now, by AZ ID. */
  appliedWeights: Record<string, number>;
  zonalAutoshiftStatus?: 'ENABLED' | 'DISABLED';
  practiceRunStatus?: 'ENABLED' | 'DISABLED';
  /**
   * GetManagedResource's `practiceRunConfiguration`, read only for resources
   * whose `practiceRunStatus` is ENABLED (ListManagedResources does not
   * return it).
   */
  practiceRunConfiguration?: PracticeRunConfiguration;
  /** The AZ ID traffic is shifted away from now, if any (the APPLIED shift). */
  appliedAwayFrom?: string;
}

/**
 * Everything ARC says about one account and region, from a few paged calls.
 *
 * @public
 */
export interface ArcRegionState {
  accountId: string;
  region: string;
  managedResources: ManagedResourceState[];
  /** Zonal shifts of every status (ListZonalShifts), practice runs and FIS included. */
  zonalShifts: ZonalShift[];
  /** Autoshifts (ListAutoshifts): fleet-wide per AZ, not per resource. */
  autoshifts: Array<{
    awayFrom: string;
    startTime: string;
    endTime?: string;
    status: 'ACTIVE' | 'COMPLETED';
  }>;
  /**
   * Items ARC returned that could not be read (e.g. a time that is not a
   * time): each left out, the rest of the region kept.
   */
  problems?: InventoryProblem[];
}

/**
 * Resilience Hub's view of an application that contains EKS clusters.
 *
 * @public
 */
export interface ResilienceApp {
  appArn: string;
  name: string;
  accountId: string;
  region: string;
  resiliencyScore?: number;
  complianceStatus?: string;
  /** Cluster ARNs of the app's EKS input sources. */
  clusterArns: string[];
  /** The latest successful assessment's AZ disruption results. */
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
 * Where and how to reach one cluster's Kubernetes API.
 *
 * @public
 */
export interface KubernetesTarget {
  ref: EksClusterRef;
  endpoint: string;
  certificateAuthorityData?: string;
}

/**
 * A Karpenter NodePool reduced to what zone placement needs, plus the raw object.
 *
 * @public
 */
export interface NodePoolState {
  name: string;
  resourceVersion: string;
  requirements: NodePoolRequirement[];
  annotations: Record<string, string>;
  weight?: number;
  /** The whole object as read, for the reconciler's exact patches. */
  raw: Record<string, unknown>;
}

/**
 * What one cluster's Kubernetes API says, reduced for capacity and placement.
 *
 * @public
 */
export interface KubernetesClusterState {
  nodes: CapacityNode[];
  /**
   * Active pods one by one. Readers give {@link KubernetesClusterState.podRequests}
   * instead; capacity is the same from either.
   */
  pods?: CapacityPod[];
  /**
   * Active pods' requests summed per node as the pages of the list arrived,
   * with the pods of each phase counted: no pod is kept.
   */
  podRequests?: PodRequestSums;
  nodePools: NodePoolState[];
  nodeClaimCount: number;
  /** The AZ name and ID pairs seen on the nodes' labels. */
  zones: Zone[];
  karpenter: {
    installed: boolean;
    version?: string;
    /** Karpenter 1.12+ `--enable-zonal-shift` / `settings.enableZonalShift`. */
    nativeZonalShift: boolean;
    /**
     * Why `nativeZonalShift` is unknown (e.g. listing Deployments is
     * forbidden); undefined when it was read.
     */
    nativeZonalShiftUnknown?: string;
  };
  /** Objects skipped because they did not validate. */
  problems: InventoryProblem[];
  /** Workloads, PDBs and the cluster DNS, for the AZ readiness checks. */
  readiness?: KubernetesReadinessFacts;
}

/**
 * Reads ARC's state for one account and region (a few paged calls, not one per cluster).
 *
 * @public
 */
export interface ArcStateReader {
  readRegion(
    target: AccountRegion,
    options?: { signal?: AbortSignal },
  ): Promise<ArcRegionState>;
}

/**
 * Reads the Resilience Hub applications of one account and region that contain EKS clusters.
 *
 * @public
 */
export interface ResilienceHubReader {
  readApps(
    target: AccountRegion,
    options?: { signal?: AbortSignal },
  ): Promise<ResilienceApp[]>;
}

/**
 * Reads one cluster's Kubernetes API (Nodes, Pods, NodePools, NodeClaims, Karpenter).
 *
 * @public
 */
export interface KubernetesClusterReader {
  read(
    target: KubernetesTarget,
    options?: { signal?: AbortSignal },
  ): Promise<KubernetesClusterState>;
}

/**
 * A Node as the reconciler's keep-nodes mode needs it.
 *
 * @public
 */
export interface NodeMarkState {
  name: string;
  resourceVersion: string;
  /** `topology.k8s.aws/zone-id` label, when present. */
  zoneId?: string;
  /** `topology.kubernetes.io/zone` label, when present. */
  zoneName?: string;
  annotations: Record<string, string>;
}

/**
 * Thrown by {@link KubernetesNodePoolWriter} when the API server answers 409
 * Conflict (the object changed since it was read): read again and re-plan.
 *
 * @public
 */
export class KubernetesConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubernetesConflictError';
  }
}

/**
 * The NodePools of one cluster as {@link KubernetesNodePoolWriter} lists
 * them: a NodePool that does not validate is left out and named in `problems`
 * (never patched: the reconciler cannot plan it, and should say so).
 *
 * @public
 */
export interface NodePoolList {
  nodePools: NodePoolState[];
  problems: InventoryProblem[];
}

/**
 * The Nodes of one cluster as {@link KubernetesNodePoolWriter} lists them;
 * a Node that does not validate is left out and named in `problems`.
 *
 * @public
 */
export interface NodeMarkList {
  nodes: NodeMarkState[];
  problems: InventoryProblem[];
}

/**
 * A change to one NodePool: its zone requirements (the whole list) and
 * annotations (`null` removes one), guarded by the `resourceVersion` it was
 * planned from.
 *
 * @public
 */
export interface NodePoolPatch {
  resourceVersion: string;
  requirements?: NodePoolRequirement[];
  annotations?: Record<string, string | null>;
}

/**
 * A change to one Node's annotations (`null` removes one), guarded by the
 * `resourceVersion` it was planned from.
 *
 * @public
 */
export interface NodeAnnotationsPatch {
  resourceVersion: string;
  annotations: Record<string, string | null>;
}

/**
 * Writes NodePools (and Node annotations) of one cluster. Every write carries
 * the `resourceVersion` it was planned from, so a concurrent change is a
 * {@link KubernetesConflictError}, never a lost update.
 *
 * @public
 */
export interface KubernetesNodePoolWriter {
  /**
   * Every `karpenter.sh/v1` NodePool, fresh, with its resourceVersion (an
   * empty list when the CRD is not installed).
   */
  listNodePools(
    target: KubernetesTarget,
    options?: { signal?: AbortSignal },
  ): Promise<NodePoolList>;
  /**
   * JSON merge patch of `spec.template.spec.requirements` (the whole list)
   * and `metadata.annotations` (`null` removes), guarded by `resourceVersion`.
   * Returns the NodePool as the server stored it.
   */
  patchNodePool(
    target: KubernetesTarget,
    name: string,
    patch: NodePoolPatch,
    options?: { signal?: AbortSignal },
  ): Promise<NodePoolState>;
  /** Every Node with its zone labels and annotations. */
  listNodes(
    target: KubernetesTarget,
    options?: { signal?: AbortSignal },
  ): Promise<NodeMarkList>;
  /** JSON merge patch of a Node's annotations, guarded by `resourceVersion`. */
  patchNodeAnnotations(
    target: KubernetesTarget,
    name: string,
    patch: NodeAnnotationsPatch,
    options?: { signal?: AbortSignal },
  ): Promise<void>;
}
