import { ClusterCapacity, ResourceAmounts, ZoneCapacity } from './capacity';
import { Zone } from './zones';

/**
 * One resource (CPU in millicores or memory in bytes) after losing an AZ.
 *
 * @public
 */
export interface ResourceAfterZoneLoss {
  /** Allocatable capacity of the schedulable nodes outside the lost AZ. */
  remaining: number;
  /** Requests of every active pod in the cluster, pending ones included. */
  requested: number;
  /** `remaining - requested`; negative when short. */
  headroom: number;
  /**
   * `remaining / requested`: 0.82 means the rest holds 82% of the requests.
   * Undefined when nothing is requested.
   */
  coverage?: number;
  /** `remaining >= requested`. */
  sufficient: boolean;
}

/**
 * What losing one AZ would leave.
 *
 * @public
 */
export interface ZoneLossOutcome {
  zone: Zone;
  cpu: ResourceAfterZoneLoss;
  memory: ResourceAfterZoneLoss;
  /** Both CPU and memory are sufficient. */
  survives: boolean;
}

/**
 * Whether a cluster survives the loss of any one AZ.
 *
 * @public
 */
export type SurvivabilityVerdict = 'survives' | 'at-risk' | 'unknown';

/**
 * The N-1 assessment of a cluster.
 *
 * @public
 */
export interface SurvivabilityAssessment {
  verdict: SurvivabilityVerdict;
  /** One sentence for humans explaining the verdict. */
  reason: string;
  /** One outcome per AZ, in the order of `ClusterCapacity.zones`. */
  zoneLosses: ZoneLossOutcome[];
  /**
   * The AZ whose loss leaves the lowest coverage of CPU or memory (the first
   * such AZ on a tie); undefined when nothing is requested or no AZ is known.
   */
  bindingZone?: ZoneLossOutcome;
}

function resourceAfterLoss(
  remaining: number,
  requested: number,
): ResourceAfterZoneLoss {
  return {
    remaining,
    requested,
    headroom: remaining - requested,
    coverage: requested > 0 ? remaining / requested : undefined,
    sufficient: remaining >= requested,
  };
}

function zoneLossOutcome(
  zone: Zone,
  lostSchedulable: ResourceAmounts,
  schedulableTotal: ResourceAmounts,
  requested: ResourceAmounts,
): ZoneLossOutcome {
  const cpu = resourceAfterLoss(
    schedulableTotal.cpuMillicores - lostSchedulable.cpuMillicores,
    requested.cpuMillicores,
  );
  const memory = resourceAfterLoss(
    schedulableTotal.memoryBytes - lostSchedulable.memoryBytes,
    requested.memoryBytes,
  );
  return {
    zone: { name: zone.name, id: zone.id },
    cpu,
    memory,
    survives: cpu.sufficient && memory.sufficient,
  };
}

function schedulableTotalOf(zones: readonly ZoneCapacity[]): ResourceAmounts {
  return {
    cpuMillicores: sum(zones, z => z.schedulableAllocatable.cpuMillicores),
    memoryBytes: sum(zones, z => z.schedulableAllocatable.memoryBytes),
  };
}

/**
 * What losing one AZ, given by its ID, leaves: the same numbers as its entry
 * in {@link SurvivabilityAssessment.zoneLosses}. An AZ without nodes in the
 * capacity takes nothing with it.
 *
 * @public
 */
export function assessZoneLoss(
  capacity: ClusterCapacity,
  zone: Zone,
): ZoneLossOutcome {
  const lost = capacity.zones.find(z => z.zone.id === zone.id);
  return zoneLossOutcome(
    zone,
    lost?.schedulableAllocatable ?? { cpuMillicores: 0, memoryBytes: 0 },
    schedulableTotalOf(capacity.zones),
    capacity.totalRequested,
  );
}

function lowestCoverage(outcome: ZoneLossOutcome): number {
  return Math.min(
    outcome.cpu.coverage ?? Infinity,
    outcome.memory.coverage ?? Infinity,
  );
}

function findBindingZone(
  outcomes: readonly ZoneLossOutcome[],
): ZoneLossOutcome | undefined {
  let binding: ZoneLossOutcome | undefined;
  for (const outcome of outcomes) {
    const coverage = lowestCoverage(outcome);
    if (
      coverage !== Infinity &&
      (!binding || coverage < lowestCoverage(binding))
    ) {
      binding = outcome;
    }
  }
  return binding;
}

function zoneLabel(zone: Zone): string {
  return `${zone.name} (${zone.id})`;
}

// Rounded down, so that a shortfall never reads as 100%.
function percent(coverage: number): string {
  return `${Math.floor(coverage * 100)}%`;
}

/** "82% of the CPU and 95% of the memory", for the resources asked for. */
function coverageText(
  outcome: ZoneLossOutcome,
  include: (resource: ResourceAfterZoneLoss) => boolean,
): string {
  const parts: string[] = [];
  for (const [label, resource] of [
    ['CPU', outcome.cpu],
    ['memory', outcome.memory],
  ] as const) {
    if (resource.coverage !== undefined && include(resource)) {
      parts.push(`${percent(resource.coverage)} of the ${label}`);
    }
  }
  return parts.join(' and ');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function sum(
  zones: readonly ZoneCapacity[],
  pick: (zone: ZoneCapacity) => number,
): number {
  return zones.reduce((total, zone) => total + pick(zone), 0);
}

/**
 * The N-1 test: for every AZ k, is the allocatable capacity of the
 * schedulable nodes outside k at least the cluster's total requests, for CPU
 * and for memory separately?
 *
 * @remarks
 * Cordoned and NotReady nodes do not count as capacity: they accept no new
 * pods. Pending pods count as demand. A cluster whose nodes are all in one AZ
 * is at risk (losing that AZ leaves nothing). The verdict is `unknown` when
 * no node is reported, or when the cluster fails only without the
 * schedulable nodes that lack zone labels (they could be anywhere; when the
 * cluster passes without them it passes with them too).
 *
 * @public
 */
export function assessSurvivability(
  capacity: ClusterCapacity,
): SurvivabilityAssessment {
  const { zones, unzoned, totalRequested } = capacity;
  const schedulableTotal = schedulableTotalOf(zones);
  const zoneLosses = zones.map(zone =>
    zoneLossOutcome(
      zone.zone,
      zone.schedulableAllocatable,
      schedulableTotal,
      totalRequested,
    ),
  );
  const bindingZone = findBindingZone(zoneLosses);
  const assessment = (verdict: SurvivabilityVerdict, reason: string) => ({
    verdict,
    reason,
    zoneLosses,
    bindingZone,
  });

  const nodeCount = sum(zones, z => z.nodeCount) + unzoned.nodeCount;
  if (nodeCount === 0) {
    return assessment('unknown', 'No nodes were reported for this cluster.');
  }
  if (!bindingZone) {
    // Nothing requested, or no node with a zone label.
    return totalRequested.cpuMillicores === 0 &&
      totalRequested.memoryBytes === 0
      ? assessment(
          'survives',
          'Pods request no CPU or memory, so losing an AZ leaves nothing to reschedule.',
        )
      : assessment(
          'unknown',
          `None of the ${plural(nodeCount, 'node')} has zone labels.`,
        );
  }
  if (bindingZone.survives) {
    return assessment(
      'survives',
      `Any one AZ can be lost: losing ${zoneLabel(
        bindingZone.zone,
      )}, the tightest case, leaves ${coverageText(
        bindingZone,
        () => true,
      )} your pods request.`,
    );
  }
  const shortfall = coverageText(bindingZone, r => !r.sufficient);
  if (unzoned.schedulableNodeCount > 0) {
    return assessment(
      'unknown',
      `Counting only nodes with zone labels, losing ${zoneLabel(
        bindingZone.zone,
      )} leaves ${shortfall} your pods request; ${plural(
        unzoned.schedulableNodeCount,
        'schedulable node',
      )} without zone labels may make up the difference.`,
    );
  }
  if (zones.length === 1) {
    return assessment(
      'at-risk',
      `All nodes are in one AZ, ${zoneLabel(
        bindingZone.zone,
      )}: losing it leaves no capacity for your pods.`,
    );
  }
  const failing = zoneLosses.filter(outcome => !outcome.survives).length;
  return assessment(
    'at-risk',
    `Losing ${zoneLabel(
      bindingZone.zone,
    )} leaves ${shortfall} your pods request; ${failing} of ${
      zones.length
    } AZs cannot be lost.`,
  );
}

/**
 * The rule of thumb for N AZs of equal size: surviving the loss of one needs
 * utilisation (requests / allocatable) of at most (N-1)/N, i.e. 50% with 2
 * AZs and 66.7% with 3. A single AZ cannot be lost, so its limit is 0.
 *
 * @throws RangeError when `zoneCount` is not a positive integer.
 * @public
 */
export function maxUtilisationForEqualZones(zoneCount: number): number {
  if (!Number.isInteger(zoneCount) || zoneCount < 1) {
    throw new RangeError(
      `zoneCount must be a positive integer, got ${zoneCount}`,
    );
  }
  return (zoneCount - 1) / zoneCount;
}
