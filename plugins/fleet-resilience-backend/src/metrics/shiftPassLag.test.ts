import { measureShiftPass, type ShiftPassFacts } from './shiftPassLag';

const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/c1';
const T0 = Date.parse('2026-12-07T10:00:00.000Z');

function pass(overrides: Partial<ShiftPassFacts> = {}): ShiftPassFacts {
  return {
    clusterArn: ARN,
    awayZoneIds: ['use1-az1'],
    applied: { shiftType: 'ZONAL_SHIFT', startedAt: T0 },
    state: 'converged',
    nodePools: 1,
    startedAt: T0 + 1_000,
    finishedAt: T0 + 1_500,
    ...overrides,
  };
}

describe('measureShiftPass', () => {
  it('measures nothing and keeps no track when no shift applies', () => {
    expect(measureShiftPass(undefined, pass({ awayZoneIds: [] }))).toEqual({});
    const { track } = measureShiftPass(undefined, pass());
    expect(measureShiftPass(track, pass({ awayZoneIds: [] }))).toEqual({});
  });

  it('counts a new shift once and times it from ARC’s start to the converged pass', () => {
    const first = measureShiftPass(undefined, pass());
    expect(first).toEqual({
      track: {
        key: 'ZONAL_SHIFT:use1-az1',
        shiftType: 'ZONAL_SHIFT',
        since: T0,
        measured: true,
      },
      observed: 'ZONAL_SHIFT',
      lagSeconds: 1.5,
    });
    // The same shift again: neither counted nor timed again.
    expect(
      measureShiftPass(first.track, pass({ finishedAt: T0 + 9_000 })),
    ).toEqual({ track: first.track });
  });

  it('times a shift that converges only on a later pass from its start', () => {
    const pending = measureShiftPass(undefined, pass({ state: 'pending' }));
    expect(pending.observed).toBe('ZONAL_SHIFT');
    expect(pending.lagSeconds).toBeUndefined();
    expect(pending.track?.measured).toBe(false);
    const converged = measureShiftPass(
      pending.track,
      pass({ startedAt: T0 + 4_000, finishedAt: T0 + 5_000 }),
    );
    expect(converged.observed).toBeUndefined();
    expect(converged.lagSeconds).toBe(5);
  });

  it('starts from the first pass that saw the shift when ARC gave no start time', () => {
    const result = measureShiftPass(
      undefined,
      pass({ applied: { shiftType: 'ZONAL_AUTOSHIFT' } }),
    );
    expect(result).toMatchObject({
      observed: 'ZONAL_AUTOSHIFT',
      lagSeconds: 0.5,
    });
    expect(
      measureShiftPass(undefined, pass({ applied: undefined })),
    ).toMatchObject({ observed: 'unknown', lagSeconds: 0.5 });
  });

  it('never reports a negative lag when ARC’s clock is ahead', () => {
    expect(
      measureShiftPass(
        undefined,
        pass({ applied: { shiftType: 'ZONAL_SHIFT', startedAt: T0 + 60_000 } }),
      ).lagSeconds,
    ).toBe(0);
  });

  it('does not time a pass that did not converge, observed, or had no NodePools', () => {
    for (const facts of [
      pass({ state: 'observing' }),
      pass({ state: 'blocked' }),
      pass({ state: 'error' }),
      pass({ nodePools: 0 }),
    ]) {
      const result = measureShiftPass(undefined, facts);
      expect(result.observed).toBe('ZONAL_SHIFT');
      expect(result.lagSeconds).toBeUndefined();
    }
  });

  it('a new zone or a new type of shift is a new shift', () => {
    const { track } = measureShiftPass(undefined, pass());
    expect(
      measureShiftPass(track, pass({ awayZoneIds: ['use1-az2'] })),
    ).toMatchObject({ observed: 'ZONAL_SHIFT', lagSeconds: 1.5 });
    expect(
      measureShiftPass(
        track,
        pass({ applied: { shiftType: 'PRACTICE_RUN', startedAt: T0 + 1_000 } }),
      ),
    ).toMatchObject({ observed: 'PRACTICE_RUN', lagSeconds: 0.5 });
  });

  it('adopts a shift the last stored pass already saw (another replica held the reconciler)', () => {
    expect(
      measureShiftPass(
        undefined,
        pass({ previous: { awayZoneIds: ['use1-az1'], state: 'converged' } }),
      ),
    ).toEqual({
      track: expect.objectContaining({ measured: true }),
    });
    // Seen but not converged before: timed now, not counted again.
    expect(
      measureShiftPass(
        undefined,
        pass({ previous: { awayZoneIds: ['use1-az1'], state: 'pending' } }),
      ),
    ).toEqual({ track: expect.any(Object), lagSeconds: 1.5 });
    // The last pass was for another zone: a new shift.
    expect(
      measureShiftPass(
        undefined,
        pass({ previous: { awayZoneIds: [], state: 'converged' } }),
      ),
    ).toMatchObject({ observed: 'ZONAL_SHIFT', lagSeconds: 1.5 });
  });
});
