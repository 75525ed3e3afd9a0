// The NodePool zone plan's answer when it cannot safely change anything.
import { AWAY_ZONES_ANNOTATION, parseAwayZones } from './nodePoolPlanRecord';
import { allowedZoneIdsOf } from './nodePoolRequirements';
import type { NodePoolPlan, PlanNodePool } from './nodePoolPlanTypes';
import type { Zone } from './zones';

export function describeList(ids: readonly string[]): string {
  return ids.length === 0 ? 'no zone' : ids.join(', ');
}

/** Leaves the NodePool as it is: its away zones still allowed are blocked, with `reason`. */
export function noChange(
  nodePool: PlanNodePool,
  clusterZones: readonly Zone[],
  awayZoneIds: readonly string[],
  reason: string,
  warnings: string[],
): NodePoolPlan {
  const allowed = allowedZoneIdsOf(nodePool.requirements, clusterZones);
  const stillAllowed = awayZoneIds.filter(id => allowed.includes(id));
  const recordedAway = nodePool.annotations[AWAY_ZONES_ANNOTATION];
  return {
    allowedZoneIds: allowed,
    excludedZoneIds: recordedAway ? parseAwayZones(recordedAway) ?? [] : [],
    ...(stillAllowed.length > 0
      ? {
          blocked: { zoneIds: stillAllowed, reason },
          blockedZones: stillAllowed.map(zoneId => ({ zoneId, reason })),
        }
      : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
    unresolved: true,
    summary: `NodePool ${nodePool.name} left unchanged: ${reason}`,
  };
}
