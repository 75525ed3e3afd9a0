import {
  appliedShiftAt,
  awayZoneIdsAt,
  type ArcObservation,
} from './arcObservation';

const NOW = Date.parse('2026-12-07T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('appliedShiftAt', () => {
  it('gives the type and start of the shift whose zone awayZoneIdsAt answers', () => {
    const observation: ArcObservation = {
      observedAt: NOW,
      registered: true,
      shifts: [
        {
          awayFrom: 'use1-az1',
          shiftType: 'ZONAL_AUTOSHIFT',
          appliedStatus: 'NOT_APPLIED',
          startTime: iso(NOW - 60_000),
        },
        {
          awayFrom: 'use1-az2',
          shiftType: 'PRACTICE_RUN',
          appliedStatus: 'APPLIED',
          startTime: iso(NOW - 30_000),
          expiryTime: iso(NOW + 60_000),
        },
      ],
    };
    expect(awayZoneIdsAt(observation, NOW)).toEqual(['use1-az2']);
    expect(appliedShiftAt(observation, NOW)).toEqual({
      shiftType: 'PRACTICE_RUN',
      startedAt: NOW - 30_000,
    });
    // The practice run expired by the clock: the autoshift is what is left, as for the away zones.
    expect(awayZoneIdsAt(observation, NOW + 61_000)).toEqual(['use1-az1']);
    expect(appliedShiftAt(observation, NOW + 61_000)).toEqual({
      shiftType: 'ZONAL_AUTOSHIFT',
      startedAt: NOW - 60_000,
    });
  });

  it('a shift without a type is a customer’s; without a readable start, none', () => {
    expect(
      appliedShiftAt(
        {
          observedAt: NOW,
          registered: true,
          shifts: [{ awayFrom: 'use1-az1', startTime: 'not a time' }],
        },
        NOW,
      ),
    ).toEqual({ shiftType: 'ZONAL_SHIFT' });
  });

  it('nothing applies to a cluster ARC does not manage', () => {
    expect(
      appliedShiftAt(
        {
          observedAt: NOW,
          registered: false,
          shifts: [{ awayFrom: 'use1-az1', appliedStatus: 'APPLIED' }],
        },
        NOW,
      ),
    ).toBeUndefined();
  });
});
