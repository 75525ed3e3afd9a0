/**
 * Reconcile lag and shifts observed, from the reconciler's passes. Pure: the
 * state of one cluster's current shift goes in with a pass and comes out
 * with what to measure.
 *
 * A shift is a cluster's applied away zones with the ARC type of the shift
 * that applies them. Its lag runs from when it was applied (ARC's
 * `startTime`, else the start of the first pass that saw it) to the end of
 * the first pass that converged with NodePools to narrow. A replica that
 * takes the reconciler over finds the last pass in the store: a shift that
 * pass already saw is adopted, neither counted again nor timed again once
 * converged.
 */

/** What a pass tells the metrics (never stored; the ARN keys this replica's state). */
export interface ShiftPassFacts {
  clusterArn: string;
  /** The away zones the pass worked towards. */
  awayZoneIds: readonly string[];
  /** The shift ARC applies, when known: its type and start (epoch ms). */
  applied?: { shiftType: string; startedAt?: number };
  /** The cluster's reconcile state after the pass. */
  state: string;
  /** NodePools the pass looked at. */
  nodePools: number;
  /** Epoch ms. */
  startedAt: number;
  finishedAt: number;
  /** The last pass recorded before this one (by any replica). */
  previous?: { awayZoneIds: readonly string[]; state: string };
}

/** One cluster's current shift, as this replica follows it. */
export interface ShiftTrack {
  key: string;
  shiftType: string;
  /** Epoch ms the shift was applied, as far as is known. */
  since: number;
  /** The lag was measured (or the shift converged before this replica saw it). */
  measured: boolean;
}

export interface ShiftPassMeasures {
  /** The cluster's track after the pass (undefined: no shift applies). */
  track?: ShiftTrack;
  /** The ARC type of a shift seen for the first time. */
  observed?: string;
  /** Seconds from the shift being applied to its NodePools converging. */
  lagSeconds?: number;
}

const zonesKey = (zones: readonly string[]) => [...zones].sort().join(',');

export function measureShiftPass(
  track: ShiftTrack | undefined,
  pass: ShiftPassFacts,
): ShiftPassMeasures {
  if (pass.awayZoneIds.length === 0) {
    return {};
  }
  const shiftType = pass.applied?.shiftType ?? 'unknown';
  const key = `${shiftType}:${zonesKey(pass.awayZoneIds)}`;
  let current = track;
  let observed: string | undefined;
  if (!current || current.key !== key) {
    const since = pass.applied?.startedAt ?? pass.startedAt;
    const seenBefore =
      !current &&
      pass.previous !== undefined &&
      zonesKey(pass.previous.awayZoneIds) === zonesKey(pass.awayZoneIds);
    current = {
      key,
      shiftType,
      since,
      measured: seenBefore && pass.previous?.state === 'converged',
    };
    observed = seenBefore ? undefined : shiftType;
  }
  if (current.measured || pass.state !== 'converged' || pass.nodePools === 0) {
    return { track: current, ...(observed ? { observed } : {}) };
  }
  return {
    track: { ...current, measured: true },
    ...(observed ? { observed } : {}),
    // A clock behind ARC's must not give a negative lag.
    lagSeconds: Math.max(0, pass.finishedAt - current.since) / 1000,
  };
}
