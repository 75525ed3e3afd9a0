/**
 * From ARC's state of one account and region to the rows the store keeps,
 * and the shift state of each cluster there (decided by `domain/shiftState`).
 * Pure.
 */
import type {
  Zone,
  ZonalShift,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  ArcRegionState,
  ManagedResourceState,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type {
  ArcRegionRecord,
  ArcResourceRecord,
  AutoshiftRecord,
  ShiftRecord,
} from '../domain/records';
import { decideShiftState, type ArcCluster } from '../domain/shiftState';
import { isStorable, TEXT_LIMITS } from '../domain/storableText';
import {
  cleaned,
  isAzId,
  problemsByCluster,
  shown,
  sourceProblem,
  type DataProblem,
} from './dataProblems';
import { normaliseTime } from './time';
import {
  isPracticeRunOutcome,
  storablePracticeRunConfiguration,
} from './practiceRunFacts';

/** ARC's IDs are `^[A-Za-z0-9-]+$`, 6 to 36; the column holds 64. */
const ZONAL_SHIFT_ID = /^[A-Za-z0-9-]{1,64}$/;
const SHIFT_STATUS = /^[A-Z_]{1,16}$/;
const SHIFT_TYPE = /^[A-Z_]{1,32}$/;
const ENABLED_OR_DISABLED = new Set(['ENABLED', 'DISABLED']);

/** ARC's state of a region as rows, with the rows that could not be stored as they came. */
export interface ReducedArcRegion extends ArcRegionRecord {
  problems: DataProblem[];
}

function isStorableArn(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    isStorable(value, TEXT_LIMITS.arn)
  );
}

/** Why a shift cannot be stored, or undefined. */
function shiftProblem(shift: ZonalShift): string | undefined {
  if (
    typeof shift.zonalShiftId !== 'string' ||
    !ZONAL_SHIFT_ID.test(shift.zonalShiftId)
  ) {
    return 'zonalShiftId is not an ARC zonal shift ID';
  }
  if (!isStorableArn(shift.resourceIdentifier)) {
    return 'resourceIdentifier is not an ARN';
  }
  if (!isAzId(shift.awayFrom)) {
    return `awayFrom ${shown(shift.awayFrom)} is not an AZ ID`;
  }
  if (typeof shift.status !== 'string' || !SHIFT_STATUS.test(shift.status)) {
    return `status ${shown(shift.status)} is not a zonal shift status`;
  }
  if (
    typeof shift.shiftType !== 'string' ||
    !SHIFT_TYPE.test(shift.shiftType)
  ) {
    return `shiftType ${shown(shift.shiftType)} is not a zonal shift type`;
  }
  return undefined;
}

function normaliseShift(
  shift: ZonalShift,
  accountId: string,
  region: string,
  problems: DataProblem[],
): ShiftRecord | undefined {
  const resource = `zonal shift ${shown(shift.zonalShiftId)}`;
  const clusterArn = isStorableArn(shift.resourceIdentifier)
    ? shift.resourceIdentifier
    : undefined;
  const reject = (message: string) => {
    problems.push({
      resource,
      ...(clusterArn ? { clusterArn } : {}),
      kind: 'rejected',
      message,
    });
    return undefined;
  };
  const problem = shiftProblem(shift);
  if (problem) {
    return reject(problem);
  }
  const startTime = normaliseTime(shift.startTime);
  const expiryTime = normaliseTime(shift.expiryTime);
  if (!startTime || !expiryTime) {
    return reject('startTime or expiryTime is not a time');
  }
  const { practiceRunOutcome, ...rest } = shift;
  const outcomeKept = isPracticeRunOutcome(practiceRunOutcome);
  if (practiceRunOutcome !== undefined && !outcomeKept) {
    problems.push({
      resource,
      ...(clusterArn ? { clusterArn } : {}),
      kind: 'cleaned',
      message: `practiceRunOutcome ${shown(
        practiceRunOutcome,
      )} is not a practice-run outcome; stored without it`,
    });
  }
  return {
    ...rest,
    ...(outcomeKept ? { practiceRunOutcome } : {}),
    startTime,
    expiryTime,
    comment: cleaned(
      typeof shift.comment === 'string' ? shift.comment : '',
      TEXT_LIMITS.comment,
      problems,
      { resource, ...(clusterArn ? { clusterArn } : {}), field: 'comment' },
    ),
    accountId,
    region,
  };
}

function normaliseAutoshift(
  autoshift: ArcRegionState['autoshifts'][number],
  accountId: string,
  region: string,
  problems: DataProblem[],
): AutoshiftRecord | undefined {
  const startTime = normaliseTime(autoshift.startTime);
  const status = autoshift.status;
  let problem: string | undefined;
  if (!isAzId(autoshift.awayFrom)) {
    problem = `awayFrom ${shown(autoshift.awayFrom)} is not an AZ ID`;
  } else if (!startTime) {
    problem = 'startTime is not a time';
  } else if (status !== 'ACTIVE' && status !== 'COMPLETED') {
    problem = `status ${shown(status)} is not ACTIVE or COMPLETED`;
  }
  if (problem || !startTime) {
    problems.push({
      resource: `autoshift away from ${shown(autoshift.awayFrom)}`,
      kind: 'rejected',
      message: problem ?? 'startTime is not a time',
    });
    return undefined;
  }
  const endTime = normaliseTime(autoshift.endTime);
  return {
    accountId,
    region,
    awayFrom: autoshift.awayFrom,
    startTime,
    ...(endTime ? { endTime } : {}),
    status,
  };
}

/** A managed resource with what cannot be stored left out (bad AZ IDs, weights, statuses). */
function normaliseResource(
  resource: ManagedResourceState,
  accountId: string,
  region: string,
  problems: DataProblem[],
): ArcResourceRecord | undefined {
  if (!isStorableArn(resource.arn)) {
    problems.push({
      resource: `managed resource ${shown(resource.arn)}`,
      kind: 'rejected',
      message: 'arn is not an ARN',
    });
    return undefined;
  }
  const zones = (resource.availabilityZones ?? []).filter(isAzId);
  const weights = Object.entries(resource.appliedWeights ?? {}).filter(
    ([zone, weight]) =>
      isAzId(zone) && typeof weight === 'number' && weight >= 0 && weight <= 1,
  );
  const optionalStatus = (value: string | undefined) =>
    value !== undefined && ENABLED_OR_DISABLED.has(value) ? value : undefined;
  const zonalAutoshiftStatus = optionalStatus(resource.zonalAutoshiftStatus);
  const practiceRunStatus = optionalStatus(resource.practiceRunStatus);
  const appliedAwayFrom = isAzId(resource.appliedAwayFrom)
    ? resource.appliedAwayFrom
    : undefined;
  const practiceRuns = storablePracticeRunConfiguration(
    resource.practiceRunConfiguration,
  );
  const droppedParts =
    practiceRuns.dropped ||
    zones.length !== (resource.availabilityZones ?? []).length ||
    weights.length !== Object.keys(resource.appliedWeights ?? {}).length ||
    zonalAutoshiftStatus !== resource.zonalAutoshiftStatus ||
    practiceRunStatus !== resource.practiceRunStatus ||
    appliedAwayFrom !== resource.appliedAwayFrom;
  if (droppedParts) {
    problems.push({
      resource: `managed resource ${resource.arn}`,
      clusterArn: resource.arn,
      kind: 'cleaned',
      message:
        'AZ IDs, weights, statuses or practice-run settings that are not valid were left out of the stored resource',
    });
  }
  return {
    arn: resource.arn,
    accountId,
    region,
    availabilityZones: zones,
    appliedWeights: Object.fromEntries(weights),
    ...(zonalAutoshiftStatus
      ? {
          zonalAutoshiftStatus:
            zonalAutoshiftStatus as ArcResourceRecord['zonalAutoshiftStatus'],
        }
      : {}),
    ...(practiceRunStatus
      ? {
          practiceRunStatus:
            practiceRunStatus as ArcResourceRecord['practiceRunStatus'],
        }
      : {}),
    ...(appliedAwayFrom ? { appliedAwayFrom } : {}),
    ...(practiceRuns.configuration
      ? { practiceRunConfiguration: practiceRuns.configuration }
      : {}),
  };
}

/**
 * A row that cannot be stored is left out and reported in `problems` (its
 * batch is stored without it); free text that cannot be stored as it came is
 * cleaned and reported.
 *
 * @param clusters - the inventory's clusters in this account and region
 * @param accountZones - the account's AZ name <-> ID pairs in the region
 */
export function reduceArcState(
  state: ArcRegionState,
  clusters: readonly ArcCluster[],
  accountZones: readonly Zone[],
): ReducedArcRegion {
  const { accountId, region } = state;
  const problems: DataProblem[] = (state.problems ?? []).map(sourceProblem);
  const shifts = state.zonalShifts
    .map(shift => normaliseShift(shift, accountId, region, problems))
    .filter((shift): shift is ShiftRecord => shift !== undefined);
  const autoshifts = state.autoshifts
    .map(a => normaliseAutoshift(a, accountId, region, problems))
    .filter((a): a is AutoshiftRecord => a !== undefined);
  const resources = state.managedResources
    .map(r => normaliseResource(r, accountId, region, problems))
    .filter((r): r is ArcResourceRecord => r !== undefined);
  const activeAutoshifts = autoshifts.filter(a => a.status === 'ACTIVE');
  const resourceByArn = new Map(
    resources.map(resource => [resource.arn, resource]),
  );
  const activeByArn = new Map<string, ShiftRecord[]>();
  for (const shift of shifts) {
    if (shift.status === 'ACTIVE') {
      const list = activeByArn.get(shift.resourceIdentifier) ?? [];
      list.push(shift);
      activeByArn.set(shift.resourceIdentifier, list);
    }
  }
  // A cluster with an active shift ARC listed but that could not be stored
  // is never shown as "no shift": its state is unknown until ARC's row reads.
  const activeRejected = new Set(
    state.zonalShifts
      .filter(
        s =>
          s.status === 'ACTIVE' &&
          !shifts.some(kept => kept.zonalShiftId === s.zonalShiftId),
      )
      .map(s => s.resourceIdentifier),
  );
  const clusterShiftStates = clusters.map(cluster => {
    const decided = decideShiftState({
      arn: cluster.arn,
      zones: cluster.zones,
      accountZones,
      resource: resourceByArn.get(cluster.arn),
      activeShifts: activeByArn.get(cluster.arn) ?? [],
      activeAutoshifts,
    });
    return decided.shiftState === 'none' && activeRejected.has(cluster.arn)
      ? { ...decided, shiftState: 'unknown' as const }
      : decided;
  });
  return {
    accountId,
    region,
    resources,
    shifts,
    autoshifts,
    clusterShiftStates,
    clusterProblems: problemsByCluster(problems),
    problems,
  };
}
