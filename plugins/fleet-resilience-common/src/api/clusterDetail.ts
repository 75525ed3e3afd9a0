// `GET /clusters/:clusterArn` and `GET /clusters/:clusterArn/shift-impact`:
// one cluster in full.

import { ClusterCapacity } from '../capacity';
import { SurvivabilityAssessment } from '../survivability';
import type { ClusterReadiness } from '../readiness/types';
import type { ShiftImpact } from '../shiftImpact';
import { ZonalShift } from '../zonalShift';
import { NodePoolRequirement, Zone } from '../zones';
import { AutoshiftStatus, FleetClusterSummary } from './clusterList';
import { SourceRefreshStatus } from './refresh';

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
  /**
   * Set when whether Karpenter has native zonal shift on could not be read
   * (e.g. listing Deployments is forbidden): why. `nativeZonalShift` is then
   * false only for want of knowledge.
   */
  nativeZonalShiftUnknown?: string;
  nodeClaimCount: number;
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
  /** ARC `appliedWeights`: the weight (0 to 1) of each AZ, by AZ ID. */
  appliedWeights: Record<string, number>;
  autoshifts: FleetAutoshift[];
  practiceRunStatus?: AutoshiftStatus;
  /** AZ readiness: the checklist, workloads at risk, practice runs. */
  readiness?: ClusterReadiness;
  resilienceApps: FleetResilienceApp[];
  karpenter?: FleetKarpenterInfo;
  /** Per source for this cluster: `kubernetes`, `eks`. */
  refresh: SourceRefreshStatus[];
  /**
   * What the last reads left out of this cluster or cleaned, and why:
   * `kubernetes` (objects skipped), `inventory` (a subnet, endpoint or tag
   * dropped or cleaned), `arc` (its shifts left out or cleaned).
   */
  problems: Array<{ source: string; resource?: string; message: string }>;
  /**
   * What the shift ARC applies now does to the cluster (N-1 with the shifted
   * AZ counted as lost, NodePools left without a zone); absent when no shift
   * applies. The same function answers `GET .../shift-impact` before a shift.
   */
  shiftImpact?: ShiftImpact;
}

/**
 * Path of one cluster's detail under the plugin's base URL.
 *
 * @public
 */
export function fleetClusterPath(clusterArn: string): string {
  return `/clusters/${encodeURIComponent(clusterArn)}`;
}

/**
 * Query parameters of `GET /clusters/:clusterArn/shift-impact`.
 *
 * @public
 */
export const SHIFT_IMPACT_QUERY = {
  /** The AZ ID (or AZ name) to shift away from; required. */
  awayFrom: 'awayFrom',
} as const;
