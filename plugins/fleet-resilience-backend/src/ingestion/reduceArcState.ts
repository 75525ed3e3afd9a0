/**
 * From ARC's state of one account and region to the rows the store keeps,
 * and the shift state of each cluster there (decided by `domain/shiftState`).
 * Pure.
 */
import type {
  Zone,
  ZonalShift,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { ArcRegionState } from '@fleet-resilience/plugin-fleet-resilience-node';
import type {
  ArcRegionRecord,
  AutoshiftRecord,
  ShiftRecord,
} from '../domain/records';
import { decideShiftState, type ArcCluster } from '../domain/shiftState';
import { normaliseTime } from './time';

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
      zones: cluster.zones,
      accountZones,
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
