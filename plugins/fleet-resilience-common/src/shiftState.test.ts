import {
  ShiftLike,
  appliedAwayZoneIds,
  appliedShift,
  isShiftLive,
  nextShiftExpiry,
} from './shiftState';
import { ZonalShift } from './zonalShift';

const T0 = Date.parse('2026-11-22T08:00:00.000Z');
const min = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

function shift(overrides: Partial<ZonalShift> = {}): ZonalShift {
  return {
    zonalShiftId: 'z-1',
    resourceIdentifier: 'arn:aws:eks:us-east-1:111122223333:cluster/payments',
    awayFrom: 'use1-az1',
    status: 'ACTIVE',
    shiftType: 'ZONAL_SHIFT',
    startTime: iso(T0 - 10 * min),
    expiryTime: iso(T0 + 60 * min),
    comment: '',
    ...overrides,
  };
}

describe('isShiftLive', () => {
  it.each<[string, ShiftLike, boolean]>([
    ['active before its expiry', shift(), true],
    ['active at its expiry', shift({ expiryTime: iso(T0) }), false],
    [
      'active after its expiry (stale record)',
      shift({ expiryTime: iso(T0 - 1) }),
      false,
    ],
    ['canceled', shift({ status: 'CANCELED' }), false],
    ['expired', shift({ status: 'EXPIRED' }), false],
    [
      'completed autoshift',
      {
        awayFrom: 'use1-az1',
        shiftType: 'ZONAL_AUTOSHIFT',
        status: 'COMPLETED',
      },
      false,
    ],
    [
      'autoshift without expiry',
      { awayFrom: 'use1-az1', shiftType: 'ZONAL_AUTOSHIFT' },
      true,
    ],
    ['expiry that is not a time', shift({ expiryTime: 'soon' }), false],
  ])('%s', (_, s, live) => {
    expect(isShiftLive(s, T0)).toBe(live);
  });

  it('without a clock, only the status decides', () => {
    expect(isShiftLive(shift({ expiryTime: iso(T0 - 1) }))).toBe(true);
    expect(isShiftLive(shift({ status: 'CANCELED' }))).toBe(false);
  });
});

describe('appliedAwayZoneIds', () => {
  it.each<[string, ShiftLike[], string[]]>([
    ['no shift', [], []],
    ['one customer shift', [shift({ awayFrom: 'use1-az2' })], ['use1-az2']],
    [
      'an FIS experiment counts as a customer shift',
      [
        shift({ shiftType: 'ZONAL_AUTOSHIFT', awayFrom: 'use1-az1' }),
        shift({ shiftType: 'FIS_EXPERIMENT', awayFrom: 'use1-az4' }),
      ],
      ['use1-az4'],
    ],
    [
      'customer beats autoshift beats practice run',
      [
        shift({
          shiftType: 'PRACTICE_RUN',
          awayFrom: 'use1-az1',
          startTime: iso(T0 - min),
        }),
        shift({
          shiftType: 'ZONAL_AUTOSHIFT',
          awayFrom: 'use1-az2',
          startTime: iso(T0 - 2 * min),
        }),
        shift({
          shiftType: 'ZONAL_SHIFT',
          awayFrom: 'use1-az4',
          startTime: iso(T0 - 3 * min),
        }),
      ],
      ['use1-az4'],
    ],
    [
      'autoshift beats practice run',
      [
        shift({ shiftType: 'PRACTICE_RUN', awayFrom: 'use1-az1' }),
        {
          awayFrom: 'use1-az2',
          shiftType: 'ZONAL_AUTOSHIFT',
          status: 'ACTIVE',
        },
      ],
      ['use1-az2'],
    ],
    [
      'a missing type is a customer shift',
      [
        { awayFrom: 'use1-az2', shiftType: 'ZONAL_AUTOSHIFT' },
        { awayFrom: 'use1-az4', expiryTime: iso(T0 + min) },
      ],
      ['use1-az4'],
    ],
    [
      'among equals the newest',
      [
        shift({ awayFrom: 'use1-az1', startTime: iso(T0 - 5 * min) }),
        shift({ awayFrom: 'use1-az2', startTime: iso(T0 - 2 * min) }),
      ],
      ['use1-az2'],
    ],
    [
      'an expired customer shift hands over to the autoshift',
      [
        shift({ awayFrom: 'use1-az1', expiryTime: iso(T0) }),
        { awayFrom: 'use1-az2', shiftType: 'ZONAL_AUTOSHIFT' },
      ],
      ['use1-az2'],
    ],
    [
      'canceled and expired never apply',
      [
        shift({ status: 'CANCELED', awayFrom: 'use1-az1' }),
        shift({ status: 'EXPIRED', awayFrom: 'use1-az2' }),
      ],
      [],
    ],
    [
      'ARC marked APPLIED wins',
      [
        {
          awayFrom: 'use1-az1',
          shiftType: 'ZONAL_SHIFT',
          appliedStatus: 'NOT_APPLIED',
          expiryTime: iso(T0 + min),
        },
        {
          awayFrom: 'use1-az2',
          shiftType: 'ZONAL_AUTOSHIFT',
          appliedStatus: 'APPLIED',
        },
      ],
      ['use1-az2'],
    ],
    [
      'ARC marked all NOT_APPLIED: nothing applies',
      [
        {
          awayFrom: 'use1-az1',
          shiftType: 'PRACTICE_RUN',
          appliedStatus: 'NOT_APPLIED',
          expiryTime: iso(T0 + min),
        },
      ],
      [],
    ],
    [
      'the APPLIED one expired: the next in line applies',
      [
        {
          awayFrom: 'use1-az1',
          shiftType: 'ZONAL_SHIFT',
          appliedStatus: 'APPLIED',
          expiryTime: iso(T0 - 1),
        },
        {
          awayFrom: 'use1-az2',
          shiftType: 'ZONAL_AUTOSHIFT',
          appliedStatus: 'NOT_APPLIED',
        },
      ],
      ['use1-az2'],
    ],
  ])('%s', (_, shifts, expected) => {
    expect(appliedAwayZoneIds(shifts, T0)).toEqual(expected);
  });

  it('ends a shift at its expiry time with no event', () => {
    const shifts = [shift({ expiryTime: iso(T0 + 30 * min) })];
    expect(appliedAwayZoneIds(shifts, T0 + 30 * min - 1)).toEqual(['use1-az1']);
    expect(appliedAwayZoneIds(shifts, new Date(T0 + 30 * min))).toEqual([]);
  });

  it('prefers the AZ ARC reports applied among equals', () => {
    const shifts = [
      shift({ awayFrom: 'use1-az1', startTime: iso(T0 - 5 * min) }),
      shift({ awayFrom: 'use1-az2', startTime: iso(T0 - 2 * min) }),
    ];
    expect(
      appliedAwayZoneIds(shifts, T0, { appliedAwayFrom: 'use1-az1' }),
    ).toEqual(['use1-az1']);
  });
});

describe('appliedShift', () => {
  it('returns the shift itself, by status alone without a clock', () => {
    const stale = shift({ zonalShiftId: 'stale', expiryTime: iso(T0 - min) });
    expect(appliedShift([stale])).toBe(stale);
    expect(appliedShift([stale], { now: T0 })).toBeUndefined();
  });
});

describe('nextShiftExpiry', () => {
  it('is the earliest future expiry of a live shift', () => {
    const shifts: ShiftLike[] = [
      shift({ expiryTime: iso(T0 + 30 * min) }),
      shift({ expiryTime: iso(T0 + 10 * min) }),
      shift({ expiryTime: iso(T0 - 10 * min) }),
      shift({ status: 'CANCELED', expiryTime: iso(T0 + 5 * min) }),
      { awayFrom: 'use1-az2', shiftType: 'ZONAL_AUTOSHIFT' },
    ];
    expect(nextShiftExpiry(shifts, T0)).toBe(T0 + 10 * min);
    expect(nextShiftExpiry([], T0)).toBeUndefined();
  });
});
