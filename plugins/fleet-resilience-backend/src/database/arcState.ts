/**
 * The one writer of ARC's state: the `arc_resources` (practice-run
 * configurations included), `autoshifts` and `shifts` (practice-run
 * outcomes included) tables and the clusters' shift columns (`shift_state`,
 * `active_shift`, `shift_away_from`, `autoshift_status`). The ingestion
 * replaces a region with what ARC listed; an action writes the one shift ARC
 * answered, with the state its caller decided. Rows in, rows out: the
 * decisions live in `domain/shiftState.ts` and `domain/shiftStateAfterAction.ts`.
 *
 * Each function writes through the transaction it is given, so the caller
 * keeps the change and the documents rebuilt from it in one transaction.
 */
import type { AuditAction } from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  ArcRegionRecord,
  ArcResourceRecord,
  AutoshiftRecord,
  ClusterShiftRecord,
  ShiftRecord,
  StoredCluster,
  StoredShift,
} from '../domain/records';
import {
  arcResourcesOf,
  autoshiftsOf,
  chunks,
  dedupe,
  selectClusters,
  shiftsOf,
  type Db,
} from './clusterReads';
import { storableText, TEXT_LIMITS } from '../domain/storableText';
import { clusterProblemsToRow, shiftToRow, toJson } from './rows';

const storableOrNull = (value: string | undefined, maxLength: number) =>
  value === undefined ? null : storableText(value, maxLength);

function arcResourceRow(resource: ArcResourceRecord, seenAt: string) {
  return {
    arn: storableText(resource.arn, TEXT_LIMITS.arn),
    account_id: storableText(resource.accountId, 12),
    region: storableText(resource.region, TEXT_LIMITS.zone),
    availability_zones: toJson(resource.availabilityZones),
    applied_weights: toJson(resource.appliedWeights),
    zonal_autoshift_status: storableOrNull(
      resource.zonalAutoshiftStatus,
      TEXT_LIMITS.shortStatus,
    ),
    practice_run_status: storableOrNull(
      resource.practiceRunStatus,
      TEXT_LIMITS.shortStatus,
    ),
    applied_away_from: storableOrNull(
      resource.appliedAwayFrom,
      TEXT_LIMITS.zone,
    ),
    practice_run_configuration: resource.practiceRunConfiguration
      ? toJson(resource.practiceRunConfiguration)
      : null,
    updated_at: seenAt,
  };
}

/** `problems`: the cluster's ARC rows left out or cleaned by a refresh (an action leaves them). */
async function writeClusterShiftState(
  db: Db,
  state: ClusterShiftRecord,
  problems?: readonly string[],
): Promise<void> {
  await db('clusters')
    .where('arn', state.arn)
    .update({
      ...(problems !== undefined
        ? { arc_problems: clusterProblemsToRow(problems) }
        : {}),
      shift_state: state.shiftState,
      active_shift: state.activeShift ? toJson(state.activeShift) : null,
      shift_away_from: state.shiftAwayFrom ? toJson(state.shiftAwayFrom) : null,
      autoshift_status: state.autoshiftStatus ?? null,
    });
}

/**
 * Replaces ARC's state of one account and region: managed resources and
 * autoshifts are replaced, shifts upserted by ID (history is kept), and the
 * shift state of the region's clusters written. Returns the clusters whose
 * documents may have changed.
 */
export async function replaceArcRegion(
  db: Db,
  record: ArcRegionRecord,
  seenAt: string,
): Promise<string[]> {
  const { accountId, region } = record;
  await db('arc_resources').where({ account_id: accountId, region }).delete();
  // Deduplicated by the stored key: of two equal once cleaned, the last wins.
  const resourceRows = dedupe(
    record.resources.map(resource =>
      arcResourceRow({ ...resource, accountId, region }, seenAt),
    ),
    row => row.arn,
  );
  for (const chunk of chunks(resourceRows, 50)) {
    await db('arc_resources').insert(chunk).onConflict('arn').merge();
  }

  await db('autoshifts').where({ account_id: accountId, region }).delete();
  const autoshiftRows = dedupe(
    record.autoshifts.map(autoshift => ({
      account_id: accountId,
      region,
      away_from: storableText(autoshift.awayFrom, TEXT_LIMITS.zone),
      start_time: autoshift.startTime,
      end_time: autoshift.endTime ?? null,
      status: storableText(autoshift.status, TEXT_LIMITS.shortStatus),
    })),
    row => `${row.away_from}/${row.start_time}`,
  );
  for (const chunk of chunks(autoshiftRows, 50)) {
    await db('autoshifts').insert(chunk);
  }

  const shiftRows = dedupe(
    record.shifts.map(shift => shiftToRow(shift, seenAt)),
    row => row.zonal_shift_id,
  );
  for (const chunk of chunks(shiftRows, 50)) {
    await db('shifts')
      .insert(chunk)
      .onConflict('zonal_shift_id')
      .merge([
        'status',
        'shift_type',
        'expiry_time',
        'comment',
        'away_from',
        'last_seen_at',
        'practice_run_outcome',
      ]);
  }

  for (const state of record.clusterShiftStates) {
    await writeClusterShiftState(
      db,
      state,
      record.clusterProblems?.[state.arn] ?? [],
    );
  }
  return [
    ...record.clusterShiftStates.map(s => s.arn),
    ...record.resources.map(r => r.arn),
    ...record.shifts.map(s => s.resourceIdentifier),
  ];
}

/** What the shift state after an action is decided from (see `shiftStateAfterAction`). */
export interface ShiftStateInputs {
  cluster: StoredCluster;
  resource?: ArcResourceRecord;
  storedShifts: StoredShift[];
  autoshifts: AutoshiftRecord[];
}

/** The resource and cluster state to store after an action. */
export interface DecidedShiftState {
  resource: ArcResourceRecord;
  clusterState: ClusterShiftRecord;
}

/**
 * Stores the shift ARC answered to one of the portal's actions, then the
 * cluster's ARC resource weights and shift state as `decide` (a pure
 * function of what is stored, given by the caller) says, in the caller's
 * transaction. Returns whether the cluster is still in the inventory (a shift
 * row is kept either way).
 */
export async function writeActionShift(
  db: Db,
  input: {
    shift: ShiftRecord;
    action: AuditAction;
    seenAt: string;
    decide: (inputs: ShiftStateInputs) => DecidedShiftState;
  },
): Promise<boolean> {
  const { shift, action, seenAt } = input;
  const merged = ['status', 'expiry_time', 'comment', 'last_seen_at'];
  await db('shifts')
    .insert(shiftToRow(shift, seenAt))
    .onConflict('zonal_shift_id')
    // Who started a shift stays its actor; only a start names one.
    .merge(action === 'shift.start' ? [...merged, 'actor'] : merged);

  const arn = shift.resourceIdentifier;
  const [cluster] = await selectClusters(
    db,
    db('clusters as c').where('c.arn', arn),
  );
  if (!cluster) {
    return false;
  }
  const next = input.decide({
    cluster,
    resource: (await arcResourcesOf(db, [arn])).get(arn),
    storedShifts: (await shiftsOf(db, [arn])).get(arn) ?? [],
    autoshifts:
      (await autoshiftsOf(db, [cluster.ref])).get(
        `${cluster.ref.accountId}/${cluster.ref.region}`,
      ) ?? [],
  });
  await db('arc_resources')
    .insert(arcResourceRow(next.resource, seenAt))
    .onConflict('arn')
    .merge(['applied_weights', 'applied_away_from', 'updated_at']);
  await writeClusterShiftState(db, { ...next.clusterState, arn });
  return true;
}

/**
 * What ARC answered to a readiness fix on one managed resource (autoshift
 * enabled or disabled, a practice-run configuration created or updated),
 * written over the stored resource in the caller's transaction; fields left
 * undefined keep their stored value. Returns false when ARC's resource is not
 * stored (the next ARC read adds it). The caller rebuilds the documents.
 */
export async function writeArcResourceSettings(
  db: Db,
  arn: string,
  settings: {
    zonalAutoshiftStatus?: ArcResourceRecord['zonalAutoshiftStatus'];
    practiceRunStatus?: ArcResourceRecord['practiceRunStatus'];
    practiceRunConfiguration?: ArcResourceRecord['practiceRunConfiguration'];
  },
  seenAt: string,
): Promise<boolean> {
  const updated = await db('arc_resources')
    .where('arn', arn)
    .update({
      ...(settings.zonalAutoshiftStatus
        ? { zonal_autoshift_status: settings.zonalAutoshiftStatus }
        : {}),
      ...(settings.practiceRunStatus
        ? { practice_run_status: settings.practiceRunStatus }
        : {}),
      ...(settings.practiceRunConfiguration
        ? {
            practice_run_configuration: toJson(
              settings.practiceRunConfiguration,
            ),
          }
        : {}),
      updated_at: seenAt,
    });
  return updated > 0;
}
