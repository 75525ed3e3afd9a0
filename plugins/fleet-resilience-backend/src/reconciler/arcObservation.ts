/**
 * What ARC said about one cluster at one moment, and the zone IDs it applies
 * a shift away from at a given time. Pure.
 *
 * ARC marks the shift in effect `APPLIED`; the only thing that can change
 * between two reads without ARC being asked again is time: a shift past its
 * `expiryTime` is over, and the next one by precedence (a customer's or an FIS
 * experiment's shift, then an autoshift, then a practice run) applies.
 */
import type { StoredCluster } from '../database/records';

export type ObservedShiftType =
  | 'ZONAL_SHIFT'
  | 'FIS_EXPERIMENT'
  | 'ZONAL_AUTOSHIFT'
  | 'PRACTICE_RUN';

export interface ObservedShift {
  awayFrom: string;
  type: ObservedShiftType;
  /** Epoch ms; undefined for an autoshift (it lasts until ARC ends it). */
  expiresAt?: number;
  applied: boolean;
}

export interface ArcObservation {
  /** Epoch ms the read was sent: a newer observation replaces an older one. */
  observedAt: number;
  /** False when ARC does not manage the cluster (zonal shift off): nothing applies. */
  registered: boolean;
  shifts: ObservedShift[];
}

/** What the ARC client gives for a managed resource (summary or full). */
export interface ArcResourceShifts {
  zonalShifts?: ReadonlyArray<{
    awayFrom: string;
    expiryTime: Date;
    appliedStatus: 'APPLIED' | 'NOT_APPLIED';
    shiftType?: ObservedShiftType;
  }>;
  autoshifts?: ReadonlyArray<{
    awayFrom: string;
    appliedStatus: 'APPLIED' | 'NOT_APPLIED';
  }>;
}

const PRECEDENCE: Record<ObservedShiftType, number> = {
  ZONAL_SHIFT: 3,
  FIS_EXPERIMENT: 3,
  ZONAL_AUTOSHIFT: 2,
  PRACTICE_RUN: 1,
};

export function observeResource(
  resource: ArcResourceShifts | undefined,
  observedAt: number,
): ArcObservation {
  if (!resource) {
    return { observedAt, registered: false, shifts: [] };
  }
  return {
    observedAt,
    registered: true,
    shifts: [
      ...(resource.zonalShifts ?? []).map(shift => ({
        awayFrom: shift.awayFrom,
        // ARC reports the type only in some shapes; none is a customer shift.
        type: shift.shiftType ?? 'ZONAL_SHIFT',
        expiresAt: shift.expiryTime.getTime(),
        applied: shift.appliedStatus === 'APPLIED',
      })),
      ...(resource.autoshifts ?? []).map(autoshift => ({
        awayFrom: autoshift.awayFrom,
        type: 'ZONAL_AUTOSHIFT' as const,
        applied: autoshift.appliedStatus === 'APPLIED',
      })),
    ],
  };
}

/**
 * The stored ARC state of a cluster (the 1-minute refresh), for use before the
 * reconciler has polled the cluster's region itself. It is the oldest possible
 * observation: any poll replaces it.
 */
export function observeStoredCluster(cluster: StoredCluster): ArcObservation {
  const shifts: ObservedShift[] = [];
  if (cluster.activeShift) {
    const expiresAt = Date.parse(cluster.activeShift.expiryTime);
    shifts.push({
      awayFrom: cluster.activeShift.awayFrom,
      type: cluster.activeShift.shiftType,
      ...(Number.isNaN(expiresAt) ? {} : { expiresAt }),
      applied: true,
    });
  } else if (cluster.shiftState === 'autoshift' && cluster.shiftAwayFrom) {
    shifts.push({
      awayFrom: cluster.shiftAwayFrom.id,
      type: 'ZONAL_AUTOSHIFT',
      applied: true,
    });
  }
  return {
    observedAt: 0,
    registered: cluster.zonalShiftEnabled !== false,
    shifts,
  };
}

function live(shift: ObservedShift, now: number): boolean {
  return shift.expiresAt === undefined || shift.expiresAt > now;
}

/**
 * Zone IDs ARC applies a shift away from at `now` (none or one): the shift ARC
 * marked APPLIED while it has not expired, else the live shift of the highest
 * precedence (the latest expiry among equals).
 */
export function awayZoneIdsAt(
  observation: ArcObservation,
  now: number,
): string[] {
  if (!observation.registered) {
    return [];
  }
  const current = observation.shifts.filter(shift => live(shift, now));
  const applied = current.find(shift => shift.applied);
  if (applied) {
    return [applied.awayFrom];
  }
  // The applied one ended (expired) since ARC was read: the next in line applies.
  const anyApplied = observation.shifts.some(shift => shift.applied);
  if (!anyApplied) {
    return [];
  }
  const next = [...current].sort(
    (a, b) =>
      PRECEDENCE[b.type] - PRECEDENCE[a.type] ||
      (b.expiresAt ?? Infinity) - (a.expiresAt ?? Infinity),
  )[0];
  return next ? [next.awayFrom] : [];
}

/** Epoch ms when the answer of {@link awayZoneIdsAt} can next change by time alone. */
export function nextExpiry(
  observation: ArcObservation,
  now: number,
): number | undefined {
  const times = observation.shifts
    .map(shift => shift.expiresAt)
    .filter((time): time is number => time !== undefined && time > now);
  return times.length > 0 ? Math.min(...times) : undefined;
}
