/**
 * A changed shift as an action answers and stores it: the public shape of
 * the record, and the cluster's shift state once it is stored. Pure.
 */
import type { ZonalShift } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { ShiftStateInputs } from '../database/arcState';
import type { ShiftRecord } from '../domain/records';
import { shiftStateAfterAction } from '../domain/shiftStateAfterAction';

export function publicShift(record: ShiftRecord): ZonalShift {
  const { accountId: _a, region: _r, ...shift } = record;
  return shift;
}

/** The cluster's shift state once `changed` is stored (see shiftStateAfterAction). */
export function shiftStateAfter(changed: ShiftRecord) {
  return ({ cluster, resource, storedShifts, autoshifts }: ShiftStateInputs) =>
    shiftStateAfterAction({
      cluster: { ...cluster.ref, zones: cluster.zones },
      resource,
      storedShifts,
      changed,
      activeAutoshifts: autoshifts.filter(a => a.status === 'ACTIVE'),
    });
}
