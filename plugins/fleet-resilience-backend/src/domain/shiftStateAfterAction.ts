/**
 * What the store should hold right after the portal's own action, before the
 * next ARC refresh confirms it: the shift as ARC returned it, ARC's applied
 * zone for the cluster, and the cluster's shift state. Pure; the same
 * precedence as the ingestion (a customer shift beats an autoshift, which
 * beats a practice run). The next refresh replaces all of it with ARC's own
 * view (applied weights included).
 */
import type { Zone } from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  ArcResourceRecord,
  AutoshiftRecord,
  ClusterShiftRecord,
  ShiftRecord,
} from './records';
import {
  autoshiftsOfResource,
  decideShiftState,
  pickAppliedShift,
} from './shiftState';

export interface ShiftActionState {
  resource: ArcResourceRecord;
  clusterState: ClusterShiftRecord;
}

export function shiftStateAfterAction(input: {
  cluster: {
    arn: string;
    accountId: string;
    region: string;
    zones: readonly Zone[];
  };
  /** ARC's managed resource as last stored, if ARC was read for the cluster. */
  resource?: ArcResourceRecord;
  /** The cluster's stored shifts (any status). */
  storedShifts: readonly ShiftRecord[];
  /** The shift as ARC answered the action. */
  changed: ShiftRecord;
  /** ACTIVE autoshifts of the cluster's account and region. */
  activeAutoshifts: readonly AutoshiftRecord[];
}): ShiftActionState {
  const { cluster, changed } = input;
  const shifts = [
    ...input.storedShifts.filter(s => s.zonalShiftId !== changed.zonalShiftId),
    changed,
  ];
  // By status, as the ingestion decides: ARC's clock, not ours, ends a shift.
  const active = shifts.filter(s => s.status === 'ACTIVE');
  const applied = pickAppliedShift(
    active,
    changed.status === 'ACTIVE' ? changed.awayFrom : undefined,
  );
  const zoneIds = [
    ...new Set([
      ...(input.resource?.availabilityZones ?? []),
      ...cluster.zones.map(z => z.id),
    ]),
  ].sort();
  const base: ArcResourceRecord = input.resource ?? {
    // ARC accepted a shift for it: it is a managed resource.
    arn: cluster.arn,
    accountId: cluster.accountId,
    region: cluster.region,
    availabilityZones: zoneIds,
    appliedWeights: {},
  };
  const [autoshift] = autoshiftsOfResource(
    base,
    cluster.zones,
    input.activeAutoshifts,
  );
  const appliedAwayFrom = applied?.awayFrom ?? autoshift?.awayFrom;
  const weightZones = new Set([
    ...zoneIds,
    ...Object.keys(base.appliedWeights),
  ]);
  const resource: ArcResourceRecord = {
    ...base,
    appliedWeights: Object.fromEntries(
      [...weightZones].sort().map(id => [id, id === appliedAwayFrom ? 0 : 1]),
    ),
  };
  delete resource.appliedAwayFrom;
  if (appliedAwayFrom !== undefined) {
    resource.appliedAwayFrom = appliedAwayFrom;
  }
  return {
    resource,
    clusterState: decideShiftState({
      arn: cluster.arn,
      zones: cluster.zones,
      resource,
      activeShifts: active,
      activeAutoshifts: input.activeAutoshifts,
    }),
  };
}
