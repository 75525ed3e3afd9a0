/**
 * `GET /active-shifts`: every shift ARC applies, or holds as active behind
 * one of higher precedence, on the fleet's clusters now. Pure: the clock is
 * an input.
 *
 * - Customer shifts, FIS experiments and practice runs are the stored shifts
 *   still ACTIVE and not past their expiry: ARC sends no event when a shift
 *   expires, so the clock, not a stored status, ends one.
 * - ARC lists a zonal autoshift per account, region and AZ, without a
 *   resource: it is an entry of every cluster it concerns, by the rule that
 *   decides the cluster's shift state (`autoshiftsOfResource`).
 * - Of one cluster's entries, the one the common `appliedShift` picks (ARC's
 *   precedence, then the AZ ARC reports applied, then the newest) is applied;
 *   the others wait behind it.
 */
import {
  appliedShift,
  clusterEntityRef,
  isShiftLive,
  type ActiveShiftEntry,
  type ShiftLike,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { ClusterActiveShiftSources } from '../domain/records';
import { autoshiftsOfResource, zoneOf } from '../domain/shiftState';

type Candidate = ShiftLike & { entry: Omit<ActiveShiftEntry, 'applied'> };

/** The active shifts of one cluster at `now`, applied or pending, unordered. */
export function activeShiftsOfCluster(
  sources: ClusterActiveShiftSources,
  now: number | Date,
): ActiveShiftEntry[] {
  const { ref, resource } = sources;
  const entityRef = clusterEntityRef(ref);
  const names = [...sources.zones, ...sources.accountZones];
  const base = (awayFrom: string) => ({
    cluster: ref,
    entityRef,
    awayFrom: zoneOf(awayFrom, names),
  });
  const candidates: Candidate[] = [
    ...sources.shifts
      .filter(shift => shift.resourceIdentifier === ref.arn)
      .filter(shift => isShiftLive(shift, now))
      .map(shift => ({
        awayFrom: shift.awayFrom,
        shiftType: shift.shiftType,
        status: shift.status,
        startTime: shift.startTime,
        expiryTime: shift.expiryTime,
        entry: {
          ...base(shift.awayFrom),
          shiftType: shift.shiftType,
          zonalShiftId: shift.zonalShiftId,
          startTime: shift.startTime,
          expiryTime: shift.expiryTime,
          ...(shift.comment ? { comment: shift.comment } : {}),
          ...(shift.actor ? { actor: shift.actor } : {}),
        },
      })),
    ...autoshiftsOfResource(resource, sources.zones, sources.autoshifts)
      .filter(a => a.accountId === ref.accountId && a.region === ref.region)
      .map(autoshift => ({
        awayFrom: autoshift.awayFrom,
        shiftType: 'ZONAL_AUTOSHIFT' as const,
        status: 'ACTIVE' as const,
        startTime: autoshift.startTime,
        entry: {
          ...base(autoshift.awayFrom),
          shiftType: 'ZONAL_AUTOSHIFT' as const,
          startTime: autoshift.startTime,
        },
      })),
  ];
  const applied = appliedShift(candidates, {
    now,
    appliedAwayFrom: resource?.appliedAwayFrom,
  });
  return candidates.map(candidate => ({
    ...candidate.entry,
    applied: candidate === applied,
  }));
}

function startMs(entry: ActiveShiftEntry): number {
  const ms = Date.parse(entry.startTime);
  return Number.isNaN(ms) ? -Infinity : ms;
}

/** Applied first, then newest start; ties by cluster name, ARN, AZ and shift ID, so pages are stable. */
export function compareActiveShifts(
  a: ActiveShiftEntry,
  b: ActiveShiftEntry,
): number {
  const keys: Array<[string | number, string | number]> = [
    [Number(b.applied), Number(a.applied)],
    [startMs(b), startMs(a)],
    [a.cluster.name, b.cluster.name],
    [a.cluster.arn, b.cluster.arn],
    [a.awayFrom.id, b.awayFrom.id],
    [a.zonalShiftId ?? '', b.zonalShiftId ?? ''],
  ];
  for (const [x, y] of keys) {
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** The fleet's active shifts at `now`, in the order of the API. */
export function buildActiveShifts(
  clusters: readonly ClusterActiveShiftSources[],
  now: number | Date,
): ActiveShiftEntry[] {
  return clusters
    .flatMap(cluster => activeShiftsOfCluster(cluster, now))
    .sort(compareActiveShifts);
}
