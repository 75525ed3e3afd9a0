/**
 * The shift state of a cluster, decided from ARC's resource, shifts and
 * autoshifts. Pure; one rule for the ingestion (ARC's view), the portal's own
 * actions (before the next refresh) and the fleet's list of active shifts.
 *
 * Which shift applies: ARC applies one shift per resource; a customer's shift
 * (or an FIS experiment's) beats an autoshift, which beats a practice run.
 * When ARC reports the AZ it applies (`appliedAwayFrom`), a shift away from
 * that AZ is preferred; among equals the newest wins.
 */
import {
  appliedShift,
  shiftStateOfType,
  type Zone,
  type ZonalShift,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { ManagedResourceState } from '@fleet-resilience/plugin-fleet-resilience-node';
import type { AutoshiftRecord, ClusterShiftRecord } from './records';

/** A cluster of the account and region, with the AZs known for it. */
export interface ArcCluster {
  arn: string;
  zones: Zone[];
}

/**
 * The shift ARC applies to a resource, from its ACTIVE shifts (by status: the
 * read is fresh); the rule lives in the common package's `appliedShift`.
 */
export function pickAppliedShift<T extends ZonalShift>(
  activeShifts: readonly T[],
  appliedAwayFrom: string | undefined,
): T | undefined {
  return appliedShift(activeShifts, { appliedAwayFrom });
}

/** The AZ of an ID, named from `zones`. */
export function zoneOf(id: string, zones: readonly Zone[]): Zone {
  // Unknown IDs keep the ID as the name rather than guessing a mapping.
  return zones.find(zone => zone.id === id) ?? { name: id, id };
}

/**
 * The active autoshifts that concern one resource. ARC lists autoshifts per
 * account, region and AZ, not per resource, and applies one to every
 * resource with zonal autoshift ENABLED in that AZ: one of ARC's AZs for the
 * resource, or of the cluster's own (subnets, nodes). One rule for the
 * cluster's shift state and the fleet's list of active shifts.
 */
export function autoshiftsOfResource<
  T extends { awayFrom: string; status: string },
>(
  resource:
    | Pick<ManagedResourceState, 'zonalAutoshiftStatus' | 'availabilityZones'>
    | undefined,
  clusterZones: readonly Zone[],
  autoshifts: readonly T[],
): T[] {
  if (resource?.zonalAutoshiftStatus !== 'ENABLED') {
    return [];
  }
  const zoneIds = new Set([
    ...resource.availabilityZones,
    ...clusterZones.map(zone => zone.id),
  ]);
  return autoshifts.filter(
    a => a.status === 'ACTIVE' && zoneIds.has(a.awayFrom),
  );
}

/** The shift state of one cluster. */
export function decideShiftState(input: {
  arn: string;
  /** The cluster's own AZs. */
  zones: readonly Zone[];
  /** The account's AZs in the region: names only, they do not make an AZ the cluster's. */
  accountZones?: readonly Zone[];
  resource?: ManagedResourceState;
  activeShifts: readonly ZonalShift[];
  activeAutoshifts: readonly AutoshiftRecord[];
}): ClusterShiftRecord {
  const { arn, resource, activeShifts } = input;
  const zones = [...input.zones, ...(input.accountZones ?? [])];
  const autoshiftStatus = resource?.zonalAutoshiftStatus;
  const base = { arn, ...(autoshiftStatus ? { autoshiftStatus } : {}) };
  const applied = pickAppliedShift(activeShifts, resource?.appliedAwayFrom);
  if (applied) {
    return {
      ...base,
      shiftState: shiftStateOfType(applied.shiftType),
      activeShift: applied,
      shiftAwayFrom: zoneOf(applied.awayFrom, zones),
    };
  }
  if (!resource) {
    return { ...base, shiftState: 'unknown' };
  }
  const autoshift = autoshiftsOfResource(
    resource,
    input.zones,
    input.activeAutoshifts,
  ).find(
    a =>
      resource.appliedAwayFrom === undefined ||
      resource.appliedAwayFrom === a.awayFrom,
  );
  if (autoshift) {
    return {
      ...base,
      shiftState: 'autoshift',
      shiftAwayFrom: zoneOf(autoshift.awayFrom, zones),
    };
  }
  if (resource.appliedAwayFrom) {
    // ARC applies a shift it did not list: report it as a zonal shift.
    return {
      ...base,
      shiftState: 'zonal-shift',
      shiftAwayFrom: zoneOf(resource.appliedAwayFrom, zones),
    };
  }
  return { ...base, shiftState: 'none' };
}
