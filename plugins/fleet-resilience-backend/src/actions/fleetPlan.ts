/**
 * Which clusters a fleet-wide shift away from one AZ concerns, and what it
 * would do to each: the shift's impact (assessShiftImpact, the function the
 * single-cluster confirm step uses, so both say the same), whether zonal
 * shift is enabled, whether it is shifted already, and whether the caller
 * may shift it. Pure.
 */
import { InputError } from '@backstage/errors';
import {
  assessShiftImpact,
  clusterEntityRef,
  fleetResilienceShiftStartPermission,
  type ClusterCapacity,
  type FleetShiftItem,
  type ShiftImpactNodePool,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { StoredCluster } from '../domain/records';

/** Why a cluster the caller may read but not shift is left alone. */
export const NOT_ALLOWED_TO_SHIFT = `You may not start a zonal shift on this cluster (${fleetResilienceShiftStartPermission.name})`;

/** A cluster of the fleet with what the plan needs about it. */
export interface FleetPlanCluster {
  cluster: Pick<
    StoredCluster,
    | 'ref'
    | 'zones'
    | 'zonalShiftEnabled'
    | 'shiftState'
    | 'shiftAwayFrom'
    | 'activeShift'
  >;
  /** The latest capacity snapshot, if the cluster's Kubernetes API was read. */
  capacity?: ClusterCapacity;
  nodePools?: readonly ShiftImpactNodePool[];
}

/** What the fleet shift does with one cluster. */
export interface FleetPlanEntry {
  item: FleetShiftItem;
  /** `start`: eligible; `deny`: the caller may not; `skip`: see item.reason. */
  decision: 'start' | 'skip' | 'deny';
}

/**
 * The clusters with an AZ of ID `awayFrom`, or the given subset (each must
 * be in `clusters` and have that AZ), ordered by name then ARN. `clusters`
 * are those the caller may read: a subset naming another cluster is refused
 * as one naming an ARN not in the fleet, so it learns nothing.
 */
export function selectFleetClusters<T extends FleetPlanCluster>(
  clusters: readonly T[],
  awayFrom: string,
  subset?: readonly string[],
): T[] {
  const inZone = (c: T) => c.cluster.zones.some(z => z.id === awayFrom);
  let selected: T[];
  if (subset) {
    const byArn = new Map(clusters.map(c => [c.cluster.ref.arn, c]));
    const unknown = subset.filter(arn => !byArn.has(arn));
    if (unknown.length > 0) {
      throw new InputError(
        `clusters: not in the fleet: ${unknown.slice(0, 5).join(', ')}${
          unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''
        }`,
      );
    }
    selected = subset.map(arn => byArn.get(arn)!);
    const outside = selected.filter(c => !inZone(c));
    if (outside.length > 0) {
      throw new InputError(
        `clusters: ${outside
          .slice(0, 5)
          .map(c => c.cluster.ref.name)
          .join(', ')} ${
          outside.length === 1 ? 'has' : 'have'
        } no AZ ${awayFrom}`,
      );
    }
  } else {
    selected = clusters.filter(inZone);
  }
  return [...selected].sort((a, b) => {
    const [x, y] = [a.cluster.ref, b.cluster.ref];
    if (x.name !== y.name) return x.name < y.name ? -1 : 1;
    return x.arn < y.arn ? -1 : Number(x.arn > y.arn);
  });
}

/** Already shifted by a customer shift or an FIS experiment: ARC would refuse another. */
function shiftedReason(
  cluster: FleetPlanCluster['cluster'],
): string | undefined {
  if (
    cluster.shiftState === 'zonal-shift' ||
    cluster.shiftState === 'fis-experiment'
  ) {
    const away = cluster.shiftAwayFrom?.id ?? cluster.activeShift?.awayFrom;
    return `already shifted${away ? ` away from ${away}` : ''} (${
      cluster.shiftState
    })`;
  }
  return undefined;
}

/**
 * One entry per cluster. `allowed(arn)`: the caller's permission to start a
 * shift on it.
 */
export function planFleetShift(
  clusters: readonly FleetPlanCluster[],
  awayFrom: string,
  allowed: (arn: string) => boolean,
): FleetPlanEntry[] {
  return clusters.map(({ cluster, capacity, nodePools }) => {
    const impact = assessShiftImpact({
      capacity,
      zones: cluster.zones,
      awayFrom,
      nodePools: nodePools ?? [],
    });
    const base = {
      cluster: cluster.ref,
      entityRef: clusterEntityRef(cluster.ref),
      zone: impact.awayFrom,
      verdict: impact.verdict,
      verdictReason: impact.reason,
    };
    if (!allowed(cluster.ref.arn)) {
      return {
        decision: 'deny',
        item: {
          ...base,
          outcome: 'denied',
          reason: NOT_ALLOWED_TO_SHIFT,
        },
      };
    }
    if (cluster.zonalShiftEnabled !== true) {
      return {
        decision: 'skip',
        item: {
          ...base,
          outcome: 'skipped',
          reason:
            cluster.zonalShiftEnabled === false
              ? 'zonal shift is not enabled on the cluster'
              : 'not known yet whether zonal shift is enabled on the cluster',
        },
      };
    }
    const shifted = shiftedReason(cluster);
    if (shifted) {
      return {
        decision: 'skip',
        item: { ...base, outcome: 'skipped', reason: shifted },
      };
    }
    return { decision: 'start', item: { ...base, outcome: 'eligible' } };
  });
}

/** A dry run's view: a denied cluster is skipped for lack of permission. */
export function dryRunItems(
  entries: readonly FleetPlanEntry[],
): FleetShiftItem[] {
  return entries.map(({ item, decision }) =>
    decision === 'deny' ? { ...item, outcome: 'skipped' } : item,
  );
}

/** Counts per outcome, every outcome present. */
export function countOutcomes(
  items: readonly FleetShiftItem[],
): Record<FleetShiftItem['outcome'], number> {
  const counts: Record<FleetShiftItem['outcome'], number> = {
    eligible: 0,
    started: 0,
    skipped: 0,
    denied: 0,
    failed: 0,
  };
  for (const item of items) {
    counts[item.outcome] += 1;
  }
  return counts;
}
