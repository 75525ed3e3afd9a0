/**
 * What ARC said about one cluster at one moment, and the zone IDs it applies
 * a shift away from at a given time (the common package's
 * `appliedAwayZoneIds`: ARC's APPLIED mark, precedence, and expiry by the
 * clock, so a shift past its `expiryTime` is over before ARC is read again).
 * Pure.
 */
import {
  appliedAwayZoneIds,
  appliedShift,
  nextShiftExpiry,
  type ShiftLike,
  type ZonalShiftType,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { StoredCluster } from '../domain/records';

export interface ArcObservation {
  /** Epoch ms the read was sent: a newer observation replaces an older one. */
  observedAt: number;
  /** False when ARC does not manage the cluster (zonal shift off): nothing applies. */
  registered: boolean;
  /** The resource's active shifts and autoshifts as ARC listed them. */
  shifts: ShiftLike[];
  /** The AZ ARC reports it applies (weights), to break ties. */
  appliedAwayFrom?: string;
}

/** What the ARC client gives for a managed resource (summary or full). */
export interface ArcResourceShifts {
  zonalShifts?: ReadonlyArray<{
    awayFrom: string;
    startTime?: Date;
    expiryTime: Date;
    appliedStatus: 'APPLIED' | 'NOT_APPLIED';
    shiftType?: ShiftLike['shiftType'];
  }>;
  autoshifts?: ReadonlyArray<{
    awayFrom: string;
    startTime?: Date;
    appliedStatus: 'APPLIED' | 'NOT_APPLIED';
  }>;
}

const iso = (time: Date | undefined) =>
  time instanceof Date && !Number.isNaN(time.getTime())
    ? time.toISOString()
    : undefined;

export function observeResource(
  resource: ArcResourceShifts | undefined,
  observedAt: number,
): ArcObservation {
  if (!resource) {
    return { observedAt, registered: false, shifts: [] };
  }
  const shifts: ShiftLike[] = [
    ...(resource.zonalShifts ?? []).map(shift => {
      const startTime = iso(shift.startTime);
      return {
        awayFrom: shift.awayFrom,
        // ARC reports the type only in some shapes; none is a customer shift.
        shiftType: shift.shiftType ?? 'ZONAL_SHIFT',
        appliedStatus: shift.appliedStatus,
        ...(startTime ? { startTime } : {}),
        // An unreadable expiry is not trusted to be in the future.
        expiryTime: iso(shift.expiryTime) ?? 'invalid',
      };
    }),
    ...(resource.autoshifts ?? []).map(autoshift => {
      const startTime = iso(autoshift.startTime);
      return {
        awayFrom: autoshift.awayFrom,
        shiftType: 'ZONAL_AUTOSHIFT' as const,
        appliedStatus: autoshift.appliedStatus,
        ...(startTime ? { startTime } : {}),
      };
    }),
  ];
  return { observedAt, registered: true, shifts };
}

/**
 * The stored ARC state of a cluster (the 1-minute refresh), for use before the
 * reconciler has read the cluster's region itself. It is the oldest possible
 * observation: any read replaces it.
 */
export function observeStoredCluster(cluster: StoredCluster): ArcObservation {
  const shifts: ShiftLike[] = [];
  if (cluster.activeShift) {
    shifts.push({ ...cluster.activeShift, appliedStatus: 'APPLIED' });
  } else if (cluster.shiftState === 'autoshift' && cluster.shiftAwayFrom) {
    shifts.push({
      awayFrom: cluster.shiftAwayFrom.id,
      shiftType: 'ZONAL_AUTOSHIFT',
      appliedStatus: 'APPLIED',
    });
  }
  return {
    observedAt: 0,
    registered: cluster.zonalShiftEnabled !== false,
    shifts,
  };
}

/** Zone IDs ARC applies a shift away from at `now` (none or one). */
export function awayZoneIdsAt(
  observation: ArcObservation,
  now: number,
): string[] {
  if (!observation.registered) {
    return [];
  }
  return appliedAwayZoneIds(observation.shifts, now, {
    ...(observation.appliedAwayFrom
      ? { appliedAwayFrom: observation.appliedAwayFrom }
      : {}),
  });
}

/**
 * The type and start (epoch ms) of the shift whose zone {@link awayZoneIdsAt}
 * answers, for the metrics; undefined when none applies.
 */
export function appliedShiftAt(
  observation: ArcObservation,
  now: number,
): { shiftType: ZonalShiftType; startedAt?: number } | undefined {
  if (!observation.registered) return undefined;
  const shift = appliedShift(observation.shifts, {
    now,
    ...(observation.appliedAwayFrom
      ? { appliedAwayFrom: observation.appliedAwayFrom }
      : {}),
  });
  if (!shift) return undefined;
  const startedAt = shift.startTime ? Date.parse(shift.startTime) : NaN;
  return {
    shiftType: shift.shiftType ?? 'ZONAL_SHIFT',
    ...(Number.isNaN(startedAt) ? {} : { startedAt }),
  };
}

/** Epoch ms when the answer of {@link awayZoneIdsAt} can next change by time alone. */
export function nextExpiry(
  observation: ArcObservation,
  now: number,
): number | undefined {
  return nextShiftExpiry(observation.shifts, now);
}
