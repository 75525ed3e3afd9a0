import {
  browserTimeZone,
  formatDuration,
  formatRelative,
  formatShortDuration,
  formatTime,
  formatTimeParts,
  relativeChangesIn,
} from './format';

const S = 1;
const MIN = 60 * S;
const H = 60 * MIN;
const D = 24 * H;

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [45, '45 s'],
    [59, '59 s'],
    [59.999, '59 s'],
    [60, '1 min'],
    [61, '1 min'],
    [5 * MIN + 59, '5 min'],
    [59 * MIN + 59, '59 min'],
    [H, '1 h'],
    [H + MIN, '1 h 1 min'],
    [H + 59 * MIN + 59, '1 h 59 min'],
    [2 * H, '2 h'],
    [2 * H + 30, '2 h'],
    [23 * H + 59 * MIN + 59, '23 h 59 min'],
    [D, '1 d'],
    [D + 59 * MIN, '1 d'],
    [D + H, '1 d 1 h'],
    [3 * D + 4 * H + 59 * MIN, '3 d 4 h'],
    [400 * D, '400 d'],
  ])('%p s is %p', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('never reads longer than the truth: fractions and negatives go down', () => {
    expect(formatDuration(119.9)).toBe('1 min');
    expect(formatDuration(-5)).toBe('0 s');
    expect(formatDuration(NaN)).toBe('-');
  });
});

describe('formatShortDuration', () => {
  it.each([
    [59, '59s'],
    [60, '1m'],
    [H + 59 * MIN + 59, '1h59m'],
    [2 * H + 100, '2h1m'],
    [3 * D + 4 * H, '3d4h'],
    [D, '1d'],
  ])('%p s is %p', (seconds, text) => {
    expect(formatShortDuration(seconds)).toBe(text);
  });
});

describe('formatRelative', () => {
  const now = new Date('2026-12-07T01:26:00.000Z');
  const at = (offsetSeconds: number) =>
    new Date(now.getTime() + offsetSeconds * 1000).toISOString();

  it.each([
    // Future: counted down to the second, never rounded up.
    [H + 59 * MIN + 59, 'in 1 h 59 min'],
    [H + 59 * MIN + 59.999, 'in 1 h 59 min'],
    [2 * H, 'in 2 h'],
    [D, 'in 1 d'],
    [3 * D + 4 * H + 30 * MIN, 'in 3 d 4 h'],
    [60, 'in 1 min'],
    [59.999, 'in 59 s'],
    [45, 'in 45 s'],
    [1, 'in 1 s'],
    [0.999, 'just now'],
    [0, 'just now'],
    // Past: `just now` for under a minute.
    [-59.999, 'just now'],
    [-60, '1 min ago'],
    [-(5 * MIN + 59), '5 min ago'],
    [-(H + 59 * MIN + 59), '1 h 59 min ago'],
    [-D, '1 d ago'],
    [-(2 * D + 23 * H + 59 * MIN), '2 d 23 h ago'],
  ])('%p s from now is %p', (offset, text) => {
    expect(formatRelative(at(offset), now)).toBe(text);
  });

  it('returns a time it cannot parse as it is', () => {
    expect(formatRelative('soon', now)).toBe('soon');
  });
});

describe('relativeChangesIn', () => {
  const now = new Date('2026-12-07T01:26:00.000Z');
  const at = (offsetMs: number) =>
    new Date(now.getTime() + offsetMs).toISOString();
  // The text right before and right at the moment the function names.
  const textsAround = (offsetMs: number) => {
    const delay = relativeChangesIn(at(offsetMs), now)!;
    const before = new Date(now.getTime() + delay - 1);
    const after = new Date(now.getTime() + delay);
    return [
      formatRelative(at(offsetMs), before),
      formatRelative(at(offsetMs), after),
      delay,
    ];
  };

  it.each([
    [(H + 59 * MIN + 30) * 1000, 'in 1 h 59 min', 'in 1 h 58 min', 30_001],
    [2 * H * 1000, 'in 2 h', 'in 1 h 59 min', 1],
    [(D + 30 * MIN) * 1000, 'in 1 d', 'in 23 h 59 min', 30 * MIN * 1000 + 1],
    [45_500, 'in 45 s', 'in 44 s', 501],
    [60_000, 'in 1 min', 'in 59 s', 1],
    [500, 'just now', '1 min ago', 60_500],
    [-20_000, 'just now', '1 min ago', 40_000],
    [-(5 * MIN + 10) * 1000, '5 min ago', '6 min ago', 50_000],
    [-(D + 10 * MIN) * 1000, '1 d ago', '1 d 1 h ago', 50 * MIN * 1000],
  ])(
    'a time %p ms from now reads %p until it reads %p',
    (offset, before, after, delay) => {
      expect(textsAround(offset)).toEqual([before, after, delay]);
    },
  );

  it('is undefined for a time that does not parse', () => {
    expect(relativeChangesIn('soon', now)).toBeUndefined();
  });
});

describe('formatTime', () => {
  const iso = '2026-12-07T03:26:40.000Z';

  it('shows UTC with its zone by default', () => {
    expect(formatTime(iso)).toBe('7 Dec 2026, 03:26 UTC');
    expect(
      formatTime(iso, { zone: 'UTC', localTimeZone: 'Asia/Kolkata' }),
    ).toBe('7 Dec 2026, 03:26 UTC');
  });

  it('truncates to the minute and writes midnight as 00', () => {
    expect(formatTime('2026-12-07T00:05:59.999Z')).toBe(
      '7 Dec 2026, 00:05 UTC',
    );
    expect(formatTime('2026-09-30T23:59:00Z')).toBe('30 Sep 2026, 23:59 UTC');
  });

  it('shows the local zone by its name or offset', () => {
    expect(
      formatTime(iso, {
        zone: 'local',
        localTimeZone: 'America/New_York',
        locale: 'en-US',
      }),
    ).toBe('6 Dec 2026, 22:26 EST');
    expect(
      formatTime('2026-07-01T12:00:00Z', {
        zone: 'local',
        localTimeZone: 'Europe/Berlin',
        locale: 'en-GB',
      }),
    ).toBe('1 Jul 2026, 14:00 CEST');
    // Offsets read as UTC offsets, like the UTC choice.
    expect(
      formatTime(iso, {
        zone: 'local',
        localTimeZone: 'Asia/Kolkata',
        locale: 'en-US',
      }),
    ).toBe('7 Dec 2026, 08:56 UTC+5:30');
  });

  it('crosses the date line with the zone', () => {
    expect(
      formatTime('2026-12-31T23:30:00Z', {
        zone: 'local',
        localTimeZone: 'Pacific/Auckland',
        locale: 'en-US',
      }),
    ).toBe('1 Jan 2027, 12:30 UTC+13');
  });

  it('uses the browser zone for local without a named zone', () => {
    const real = Intl.DateTimeFormat.prototype.resolvedOptions;
    const spy = jest
      .spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions')
      .mockImplementation(function fixedZone(this: Intl.DateTimeFormat) {
        return { ...real.call(this), timeZone: 'Asia/Kolkata' };
      });
    try {
      expect(browserTimeZone()).toBe('Asia/Kolkata');
      expect(formatTime(iso, { zone: 'local', locale: 'en-US' })).toBe(
        '7 Dec 2026, 08:56 UTC+5:30',
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('returns a dash without a time and an unparseable time as it is', () => {
    expect(formatTime(undefined)).toBe('-');
    expect(formatTime('')).toBe('-');
    expect(formatTime('yesterday')).toBe('yesterday');
  });
});

describe('formatTimeParts', () => {
  it('splits the date from the clock time and zone', () => {
    expect(formatTimeParts('2026-12-07T03:26:00Z')).toEqual({
      date: '7 Dec 2026',
      clock: '03:26 UTC',
    });
    expect(formatTimeParts('nope')).toBeUndefined();
  });
});
