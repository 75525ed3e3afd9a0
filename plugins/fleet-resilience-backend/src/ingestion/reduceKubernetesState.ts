/**
 * From one cluster's Kubernetes state to the snapshot the store keeps: per-AZ
 * capacity and the N-1 assessment (the common package's math), totals for
 * the fleet list, each NodePool's zone settings, and the workloads assessed
 * for AZ readiness (only the assessment is kept, never the facts). Pure.
 */
import {
  allowedZoneIdsOf,
  assessSurvivability,
  assessWorkloads,
  computeClusterCapacity,
  isZoneRequirement,
  type ClusterCapacity,
  type FleetCapacityTotals,
  type NodePoolRequirement,
  type Zone,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  KubernetesClusterState,
  NodePoolState,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type {
  KubernetesSnapshotRecord,
  NodePoolRecord,
} from '../domain/records';
import { mergeZones } from '../database/rows';

/** Annotations that record zone decisions (this suite's and the AWS sample controller's). */
const ZONE_ANNOTATION_PREFIXES = [
  'fleet-resilience.io/',
  'zonal-autoshift.eks.amazonaws.com/',
];

/**
 * The cluster's zones a NodePool allows: those meeting every zone requirement
 * (the common package's rule, the one the NodePool plan uses).
 */
export function allowedZones(
  requirements: readonly NodePoolRequirement[],
  zones: readonly Zone[],
): Zone[] {
  const allowed = new Set(allowedZoneIdsOf(requirements, zones));
  return zones.filter(zone => allowed.has(zone.id));
}

export function reduceNodePool(
  pool: NodePoolState,
  zones: readonly Zone[],
): NodePoolRecord {
  const zoneRequirements = pool.requirements
    .filter(isZoneRequirement)
    .map(requirement => ({
      ...requirement,
      ...(requirement.values ? { values: [...requirement.values] } : {}),
    }));
  const zoneAnnotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(pool.annotations)) {
    if (ZONE_ANNOTATION_PREFIXES.some(prefix => key.startsWith(prefix))) {
      zoneAnnotations[key] = value;
    }
  }
  return {
    name: pool.name,
    resourceVersion: pool.resourceVersion,
    zoneRequirements,
    allowedZones: allowedZones(zoneRequirements, zones),
    unrestricted: zoneRequirements.length === 0,
    ...(pool.weight !== undefined ? { weight: pool.weight } : {}),
    zoneAnnotations,
  };
}

/** Whole-cluster totals of a capacity: every AZ, unzoned nodes and pending pods. */
export function capacityTotals(capacity: ClusterCapacity): FleetCapacityTotals {
  const parts = [...capacity.zones, capacity.unzoned];
  const sum = (pick: (part: (typeof parts)[number]) => number) =>
    parts.reduce((total, part) => total + pick(part), 0);
  return {
    nodeCount: sum(p => p.nodeCount),
    schedulableNodeCount: sum(p => p.schedulableNodeCount),
    podCount: sum(p => p.podCount) + capacity.pending.podCount,
    pendingPodCount: capacity.pending.podCount,
    allocatable: {
      cpuMillicores: sum(p => p.allocatable.cpuMillicores),
      memoryBytes: sum(p => p.allocatable.memoryBytes),
    },
    requested: { ...capacity.totalRequested },
  };
}

/**
 * @param clusterZones - AZs known for the cluster from its subnets; merged
 *   with those on the nodes to name the zones NodePools allow.
 */
export function reduceKubernetesState(
  arn: string,
  state: KubernetesClusterState,
  clusterZones: readonly Zone[],
  capturedAt: string,
): KubernetesSnapshotRecord {
  const capacity = computeClusterCapacity(
    state.nodes,
    state.podRequests ?? state.pods ?? [],
  );
  const assessment = assessSurvivability(capacity);
  const nodeZones = mergeZones(
    state.zones,
    capacity.zones.map(zone => zone.zone),
  );
  const zones = mergeZones(clusterZones, nodeZones);
  return {
    arn,
    capturedAt,
    capacity,
    assessment,
    totals: capacityTotals(capacity),
    nodePools: state.nodePools.map(pool => reduceNodePool(pool, zones)),
    nodeZones,
    karpenter: {
      installed: state.karpenter.installed,
      ...(state.karpenter.version ? { version: state.karpenter.version } : {}),
      nativeZonalShift: state.karpenter.nativeZonalShift,
      ...(state.karpenter.nativeZonalShiftUnknown !== undefined
        ? { nativeZonalShiftUnknown: state.karpenter.nativeZonalShiftUnknown }
        : {}),
      nodeClaimCount: state.nodeClaimCount,
    },
    problems: state.problems.map(problem => ({
      source: problem.source,
      ...(problem.resource ? { resource: problem.resource } : {}),
      message: problem.message,
    })),
    ...(state.readiness ? { workloads: assessWorkloads(state.readiness) } : {}),
  };
}
