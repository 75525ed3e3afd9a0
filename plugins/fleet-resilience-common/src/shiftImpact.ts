/**
 * What shifting traffic away from one AZ does to a cluster. Pure.
 *
 * EKS cordons the AZ's nodes while a shift lasts, so the shift is assessed
 * with them counted as cordoned. That makes the answer the same before the
 * cordon is read from Kubernetes and after: counting an already cordoned AZ
 * as cordoned changes nothing.
 */
import type { FleetNodePool } from './api';
import type { ClusterCapacity } from './capacity';
import {
  assessSurvivability,
  assessZoneLoss,
  type ResourceAfterZoneLoss,
  type SurvivabilityAssessment,
  type SurvivabilityVerdict,
  type ZoneLossOutcome,
} from './survivability';
import { plural } from './readiness/text';
import { findZone, type Zone } from './zones';

/**
 * The impact of a shift away from one AZ, computed by one function
 * ({@link assessShiftImpact}) for the start dialog's confirm step
 * (`GET /clusters/:clusterArn/shift-impact`), the cluster's cards while the
 * shift applies (`FleetClusterDetail.shiftImpact`) and the fleet dry run
 * (`FleetShiftItem.verdict`), so that they always agree.
 *
 * @public
 */
export interface ShiftImpact {
  /** The AZ, with its name; the name is the ID when the cluster does not know the AZ. */
  awayFrom: Zone;
  /**
   * Whether the other AZs hold every pod's requests, CPU and memory each:
   * `survives` they do; `at-risk` they do not; `unknown`: no capacity data,
   * an AZ the cluster does not have, or a shortfall that schedulable nodes
   * without zone labels may make up.
   */
  verdict: SurvivabilityVerdict;
  /** One sentence for humans. */
  reason: string;
  /** Losing this AZ: what the rest holds. Absent without capacity data. */
  zoneLoss?: ZoneLossOutcome;
  /**
   * N-1 while the shift lasts: the AZ's nodes counted as cordoned (as EKS
   * cordons them), so it tells whether one more AZ could be lost. Its reason
   * says so. Absent without capacity data.
   */
  afterShift?: SurvivabilityAssessment;
  /** Names of the NodePools that can launch nodes only in this AZ. */
  blockedNodePools: string[];
}

/**
 * What {@link assessShiftImpact} needs of a NodePool.
 *
 * @public
 */
export type ShiftImpactNodePool = Pick<
  FleetNodePool,
  'name' | 'unrestricted' | 'allowedZones'
>;

/**
 * Input of {@link assessShiftImpact}.
 *
 * @public
 */
export interface ShiftImpactInput {
  /** The latest capacity snapshot; absent until Kubernetes was read. */
  capacity?: ClusterCapacity;
  /** The cluster's AZs (subnets and nodes), to name the AZ. */
  zones: readonly Zone[];
  /** AZ ID to shift away from (an AZ name is accepted too). */
  awayFrom: string;
  nodePools: readonly ShiftImpactNodePool[];
}

/**
 * NodePools that can launch nodes only in the AZ with this ID: a shift away
 * from it leaves them nowhere to go. A NodePool without a zone requirement
 * (unrestricted) may use every AZ; one that allows no AZ of the cluster is
 * stuck with or without the shift, so neither is blocked by it.
 *
 * @public
 */
export function nodePoolsBlockedBy<
  T extends Pick<FleetNodePool, 'unrestricted' | 'allowedZones'>,
>(nodePools: readonly T[], zoneId: string): T[] {
  return nodePools.filter(
    pool =>
      !pool.unrestricted &&
      pool.allowedZones.length > 0 &&
      pool.allowedZones.every(zone => zone.id === zoneId),
  );
}

/**
 * The capacity with the nodes of the AZ with this ID counted as cordoned, as
 * EKS cordons them during a zonal shift: no schedulable node or allocatable
 * there. Node counts, allocatable and requests are unchanged (EKS evicts
 * nothing). The input is not modified; an AZ without nodes changes nothing.
 *
 * @public
 */
export function capacityWithoutZone(
  capacity: ClusterCapacity,
  zoneId: string,
): ClusterCapacity {
  return {
    ...capacity,
    zones: capacity.zones.map(zone =>
      zone.zone.id === zoneId
        ? {
            ...zone,
            schedulableNodeCount: 0,
            schedulableAllocatable: { cpuMillicores: 0, memoryBytes: 0 },
          }
        : zone,
    ),
  };
}

function label(zone: Zone): string {
  return zone.name === zone.id ? zone.id : `${zone.name} (${zone.id})`;
}

// Rounded down, so that a shortfall never reads as 100%.
function percent(coverage: number): string {
  return `${Math.floor(coverage * 100)}%`;
}

function resources(
  outcome: ZoneLossOutcome,
): Array<[string, ResourceAfterZoneLoss]> {
  return [
    ['CPU', outcome.cpu],
    ['memory', outcome.memory],
  ];
}

/** "82% of the CPU and 140% of the memory", for the resources picked. */
function coverageText(
  outcome: ZoneLossOutcome,
  pick: (resource: ResourceAfterZoneLoss) => boolean,
): string {
  return resources(outcome)
    .filter(([, r]) => r.coverage !== undefined && pick(r))
    .map(([name, r]) => `${percent(r.coverage!)} of the ${name}`)
    .join(' and ');
}

function impactOf(
  capacity: ClusterCapacity,
  zone: Zone,
): {
  verdict: SurvivabilityVerdict;
  reason: string;
  zoneLoss: ZoneLossOutcome;
} {
  const shifted = `shifting away from ${label(zone)}`;
  const zoneLoss = assessZoneLoss(capacity, zone);
  const result = (verdict: SurvivabilityVerdict, reason: string) => ({
    verdict,
    reason,
    zoneLoss,
  });
  const nodeCount =
    capacity.zones.reduce((n, z) => n + z.nodeCount, 0) +
    capacity.unzoned.nodeCount;
  if (nodeCount === 0) {
    return result(
      'unknown',
      `No nodes were reported for this cluster, so the effect of ${shifted} is unknown.`,
    );
  }
  const { cpu, memory } = zoneLoss;
  if (cpu.coverage === undefined && memory.coverage === undefined) {
    return result(
      'survives',
      `Your pods request no CPU or memory: ${shifted} leaves nothing to reschedule.`,
    );
  }
  const hasNodes = capacity.zones.some(
    z => z.zone.id === zone.id && z.nodeCount > 0,
  );
  const lead = `Shifting away from ${label(zone)}${
    hasNodes ? '' : ', which has no nodes,'
  }`;
  if (zoneLoss.survives) {
    return result(
      'survives',
      `${lead} leaves ${coverageText(
        zoneLoss,
        () => true,
      )} your pods request: enough to run everything.`,
    );
  }
  const short = resources(zoneLoss)
    .filter(([, r]) => !r.sufficient)
    .map(([name]) => name)
    .join(' or ');
  if (capacity.unzoned.schedulableNodeCount > 0) {
    return result(
      'unknown',
      `Counting only nodes with zone labels, ${shifted} leaves ${coverageText(
        zoneLoss,
        r => !r.sufficient,
      )} your pods request; ${plural(
        capacity.unzoned.schedulableNodeCount,
        'schedulable node',
      )} without zone labels may make up the difference.`,
    );
  }
  if (cpu.remaining <= 0 && memory.remaining <= 0) {
    return result(
      'at-risk',
      `Every schedulable node is in ${label(
        zone,
      )}: shifting away from it leaves no capacity for your pods.`,
    );
  }
  return result(
    'at-risk',
    `${lead} leaves ${coverageText(
      zoneLoss,
      r => !r.sufficient,
    )} your pods request: not enough ${short}.`,
  );
}

/**
 * What a shift away from one AZ does to a cluster: whether the other AZs
 * hold every pod's requests, N-1 while the shift lasts, and the NodePools it
 * leaves without a zone.
 *
 * @remarks
 * The verdict follows the rules of {@link assessSurvivability} for the one
 * AZ: `unknown` without capacity data, for an AZ the cluster does not have,
 * or when schedulable nodes without zone labels might make up a shortfall.
 * Cordoned and NotReady nodes elsewhere count as no capacity, as they do
 * there. Capacity in which the AZ is already cordoned gives the same answer.
 *
 * @public
 */
export function assessShiftImpact(input: ShiftImpactInput): ShiftImpact {
  const { capacity, zones, awayFrom } = input;
  const known =
    findZone(zones, awayFrom) ??
    capacity?.zones.find(z => z.zone.id === awayFrom)?.zone;
  const zone: Zone = known
    ? { name: known.name, id: known.id }
    : { name: awayFrom, id: awayFrom };
  const blockedNodePools = nodePoolsBlockedBy(input.nodePools, zone.id).map(
    pool => pool.name,
  );
  if (!known) {
    return {
      awayFrom: zone,
      verdict: 'unknown',
      reason: `${awayFrom} is not an AZ of this cluster, so the effect of shifting away from it is unknown.`,
      blockedNodePools,
    };
  }
  if (!capacity) {
    return {
      awayFrom: zone,
      verdict: 'unknown',
      reason: `The Kubernetes API of this cluster has not been read yet, so the effect of shifting away from ${label(
        zone,
      )} is unknown.`,
      blockedNodePools,
    };
  }
  const shifted = capacityWithoutZone(capacity, zone.id);
  const { verdict, reason, zoneLoss } = impactOf(shifted, zone);
  const n1 = assessSurvivability(shifted);
  return {
    awayFrom: zone,
    verdict,
    reason,
    zoneLoss,
    afterShift: {
      ...n1,
      reason: `N-1 while traffic is shifted away from ${label(
        zone,
      )}: computed with that AZ counted as lost (EKS cordons its nodes), so it tells whether one more AZ could be lost. ${
        n1.reason
      }`,
    },
    blockedNodePools,
  };
}
