/**
 * From ARC's state of one account and region to the rows the store keeps,
 * and the shift state of each cluster there. Pure.
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
import type {
  ArcRegionState,
  ManagedResourceState,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type {
  ArcRegionRecord,
  AutoshiftRecord,
  ClusterShiftRecord,
  ShiftRecord,
} from '../database/records';
import { normaliseTime } from './time';

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

function zoneOf(id: string, zones: readonly Zone[]): Zone {
  // Unknown IDs keep the ID as the name rather than guessing a mapping.
  return zones.find(zone => zone.id === id) ?? { name: id, id };
}

/** The shift state of one cluster. */
export function decideShiftState(input: {
  arn: string;
  zones: readonly Zone[];
  resource?: ManagedResourceState;
  activeShifts: readonly ZonalShift[];
  activeAutoshifts: readonly AutoshiftRecord[];
}): ClusterShiftRecord {
  const { arn, zones, resource, activeShifts } = input;
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
  // Autoshifts are listed per AZ, not per resource: they apply to resources
  // with autoshift enabled in that AZ.
  const resourceZones = new Set([
    ...resource.availabilityZones,
    ...zones.map(zone => zone.id),
  ]);
  const autoshift =
    autoshiftStatus === 'ENABLED'
      ? input.activeAutoshifts.find(
          a =>
            resourceZones.has(a.awayFrom) &&
            (resource.appliedAwayFrom === undefined ||
              resource.appliedAwayFrom === a.awayFrom),
        )
      : undefined;
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

function normaliseShift(
  shift: ZonalShift,
  accountId: string,
  region: string,
): ShiftRecord | undefined {
  const startTime = normaliseTime(shift.startTime);
  const expiryTime = normaliseTime(shift.expiryTime);
  if (!startTime || !expiryTime) {
    return undefined;
  }
  return {
    ...shift,
    startTime,
    expiryTime,
    accountId,
    region,
  };
}

/**
 * @param clusters - the inventory's clusters in this account and region
 * @param accountZones - the account's AZ name <-> ID pairs in the region
 */
export function reduceArcState(
  state: ArcRegionState,
  clusters: readonly ArcCluster[],
  accountZones: readonly Zone[],
): ArcRegionRecord {
  const { accountId, region } = state;
  const shifts = state.zonalShifts
    .map(shift => normaliseShift(shift, accountId, region))
    .filter((shift): shift is ShiftRecord => shift !== undefined);
  const autoshifts: AutoshiftRecord[] = state.autoshifts.flatMap(a => {
    const startTime = normaliseTime(a.startTime);
    if (!startTime) {
      return [];
    }
    const endTime = normaliseTime(a.endTime);
    return [
      {
        accountId,
        region,
        awayFrom: a.awayFrom,
        startTime,
        ...(endTime ? { endTime } : {}),
        status: a.status,
      },
    ];
  });
  const activeAutoshifts = autoshifts.filter(a => a.status === 'ACTIVE');
  const resourceByArn = new Map(
    state.managedResources.map(resource => [resource.arn, resource]),
  );
  const activeByArn = new Map<string, ShiftRecord[]>();
  for (const shift of shifts) {
    if (shift.status === 'ACTIVE') {
      const list = activeByArn.get(shift.resourceIdentifier) ?? [];
      list.push(shift);
      activeByArn.set(shift.resourceIdentifier, list);
    }
  }
  const clusterShiftStates = clusters.map(cluster =>
    decideShiftState({
      arn: cluster.arn,
      zones: [...cluster.zones, ...accountZones],
      resource: resourceByArn.get(cluster.arn),
      activeShifts: activeByArn.get(cluster.arn) ?? [],
      activeAutoshifts,
    }),
  );
  return {
    accountId,
    region,
    resources: state.managedResources.map(resource => ({
      arn: resource.arn,
      accountId,
      region,
      availabilityZones: [...resource.availabilityZones],
      appliedWeights: { ...resource.appliedWeights },
      ...(resource.zonalAutoshiftStatus
        ? { zonalAutoshiftStatus: resource.zonalAutoshiftStatus }
        : {}),
      ...(resource.practiceRunStatus
        ? { practiceRunStatus: resource.practiceRunStatus }
        : {}),
      ...(resource.appliedAwayFrom
        ? { appliedAwayFrom: resource.appliedAwayFrom }
        : {}),
    })),
    shifts,
    autoshifts,
    clusterShiftStates,
  };
}
