import type {
  AutoshiftInResource,
  AutoshiftSummary,
  ManagedResource,
  ManagedResourceSummary,
  ZonalShiftInResource,
  ZonalShiftSummary,
} from './types';

/** A wire shape: the typed one with every Date as restJson1 epoch seconds. */
export type Wire<T> = {
  [K in keyof T]: T[K] extends Date
    ? number
    : T[K] extends Date | undefined
    ? number | undefined
    : T[K] extends Array<infer E> | undefined
    ? Array<Wire<E>> | Extract<T[K], undefined>
    : T[K];
};

/** restJson1 timestamps are epoch seconds (fractions allowed). */
export function toDate(value: number | string): Date {
  return typeof value === 'number' ? new Date(value * 1000) : new Date(value);
}

const optionalDate = (value: number | undefined) =>
  value === undefined ? undefined : toDate(value);

/** Also takes a plain ZonalShift: the summary members are optional. */
export function zonalShiftFromWire(
  wire: Wire<ZonalShiftSummary>,
): ZonalShiftSummary {
  return {
    ...wire,
    expiryTime: toDate(wire.expiryTime),
    startTime: toDate(wire.startTime),
  };
}

export function zonalShiftInResourceFromWire(
  wire: Wire<ZonalShiftInResource>,
): ZonalShiftInResource {
  return {
    ...wire,
    expiryTime: toDate(wire.expiryTime),
    startTime: toDate(wire.startTime),
  };
}

export function autoshiftInResourceFromWire(
  wire: Wire<AutoshiftInResource>,
): AutoshiftInResource {
  return { ...wire, startTime: toDate(wire.startTime) };
}

export function autoshiftSummaryFromWire(
  wire: Wire<AutoshiftSummary>,
): AutoshiftSummary {
  const { endTime, ...rest } = wire;
  const end = optionalDate(endTime);
  return {
    ...rest,
    startTime: toDate(wire.startTime),
    ...(end ? { endTime: end } : {}),
  };
}

export function managedResourceFromWire(
  wire: Wire<ManagedResource>,
): ManagedResource {
  const { zonalShifts, autoshifts, ...rest } = wire;
  return {
    ...rest,
    zonalShifts: zonalShifts.map(zonalShiftInResourceFromWire),
    ...(autoshifts
      ? { autoshifts: autoshifts.map(autoshiftInResourceFromWire) }
      : {}),
  };
}

export function managedResourceSummaryFromWire(
  wire: Wire<ManagedResourceSummary>,
): ManagedResourceSummary {
  const { zonalShifts, autoshifts, ...rest } = wire;
  return {
    ...rest,
    ...(zonalShifts
      ? { zonalShifts: zonalShifts.map(zonalShiftInResourceFromWire) }
      : {}),
    ...(autoshifts
      ? { autoshifts: autoshifts.map(autoshiftInResourceFromWire) }
      : {}),
  };
}
