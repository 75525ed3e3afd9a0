import { planExtension } from './extension';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (ms: number) => new Date(ms).toISOString();

describe('planExtension', () => {
  it('adds the extension to the current expiry and counts expiresIn from now', () => {
    // Expires in 2 h; add 1 h: 3 h from now, not the 1 h that would shorten it.
    expect(
      planExtension({
        currentExpiry: at(NOW + 2 * HOUR),
        now: NOW,
        extendBy: '1h',
      }),
    ).toEqual({ ok: true, expiresIn: '3h', newExpiry: at(NOW + 3 * HOUR) });
  });

  it('gives whole hours as h and anything else as m', () => {
    expect(
      planExtension({
        currentExpiry: at(NOW + 30 * MINUTE),
        now: NOW,
        extendBy: '1h',
      }),
    ).toEqual({ ok: true, expiresIn: '90m', newExpiry: at(NOW + 90 * MINUTE) });
    expect(
      planExtension({
        currentExpiry: at(NOW + 30 * MINUTE),
        now: NOW,
        extendBy: '30m',
      }),
    ).toEqual({ ok: true, expiresIn: '1h', newExpiry: at(NOW + HOUR) });
  });

  it('rounds a part minute up, so the shift never ends before current expiry + extendBy', () => {
    const plan = planExtension({
      currentExpiry: at(NOW + 59 * MINUTE + 1_000),
      now: NOW,
      extendBy: '1h',
    });
    expect(plan).toEqual({
      ok: true,
      expiresIn: '2h',
      newExpiry: at(NOW + 119 * MINUTE + 1_000),
    });
    // One millisecond past a whole minute is a minute more.
    expect(
      planExtension({
        currentExpiry: at(NOW + HOUR + 1),
        now: NOW,
        extendBy: '1m',
      }),
    ).toMatchObject({ ok: true, expiresIn: '62m' });
    // Exactly on a minute: nothing to round.
    expect(
      planExtension({
        currentExpiry: at(NOW + HOUR),
        now: NOW,
        extendBy: '1m',
      }),
    ).toMatchObject({ ok: true, expiresIn: '61m' });
  });

  it('takes the clock as epoch milliseconds or a Date', () => {
    const request = { currentExpiry: at(NOW + HOUR), extendBy: '2h' };
    expect(planExtension({ ...request, now: new Date(NOW) })).toEqual(
      planExtension({ ...request, now: NOW }),
    );
  });

  it('reads expiry times with an offset', () => {
    expect(
      planExtension({
        currentExpiry: '2026-12-01T12:00:00+01:00',
        now: NOW,
        extendBy: '1h',
      }),
    ).toEqual({ ok: true, expiresIn: '2h', newExpiry: at(NOW + 2 * HOUR) });
  });

  it('allows a new expiry of exactly 72 h from now', () => {
    expect(
      planExtension({
        currentExpiry: at(NOW + 2 * HOUR),
        now: NOW,
        extendBy: '70h',
      }),
    ).toEqual({ ok: true, expiresIn: '72h', newExpiry: at(NOW + 72 * HOUR) });
    expect(
      planExtension({
        currentExpiry: at(NOW + 71 * HOUR + 59 * MINUTE),
        now: NOW,
        extendBy: '1m',
      }),
    ).toMatchObject({ ok: true, expiresIn: '72h' });
  });

  it('refuses an expiry beyond 72 h from now and says how much can still be added', () => {
    expect(
      planExtension({
        currentExpiry: at(NOW + 2 * HOUR),
        now: NOW,
        extendBy: '71h',
      }),
    ).toEqual({
      ok: false,
      problem:
        'adding 71 h would end the shift 73 h from now, and ARC allows at most 72 h from now; at most 70 h (70h) can be added now',
    });
    expect(
      planExtension({
        currentExpiry: at(NOW + 90 * MINUTE),
        now: NOW,
        extendBy: '71h',
      }),
    ).toEqual({
      ok: false,
      problem:
        'adding 71 h would end the shift 72 h 30 min from now, and ARC allows at most 72 h from now; at most 70 h 30 min (4230m) can be added now',
    });
    // A part minute left counts as a whole one here too.
    expect(
      planExtension({
        currentExpiry: at(NOW + 71 * HOUR + 59 * MINUTE + 1),
        now: NOW,
        extendBy: '1m',
      }),
    ).toEqual({
      ok: false,
      problem:
        'adding 1 min would end the shift 72 h 1 min from now, and ARC allows at most 72 h from now; it already ends 72 h from now, so nothing can be added now',
    });
    expect(
      planExtension({
        currentExpiry: at(NOW + 71 * HOUR),
        now: NOW,
        extendBy: '2h',
      }),
    ).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/at most 1 h \(1h\) can be added now$/),
    });
    expect(
      planExtension({
        currentExpiry: at(NOW + 72 * HOUR - 59 * MINUTE),
        now: NOW,
        extendBy: '1h',
      }),
    ).toMatchObject({
      ok: false,
      problem: expect.stringMatching(
        /at most 59 min \(59m\) can be added now$/,
      ),
    });
  });

  it('refuses a shift at or past its expiry: it has ended', () => {
    for (const currentExpiry of [at(NOW), at(NOW - 1), at(NOW - HOUR)]) {
      expect(
        planExtension({ currentExpiry, now: NOW, extendBy: '1h' }),
      ).toEqual({
        ok: false,
        problem: `the shift has ended (it expired at ${currentExpiry}): there is nothing to extend; start a new shift instead`,
      });
    }
    // One millisecond left is still a live shift.
    expect(
      planExtension({ currentExpiry: at(NOW + 1), now: NOW, extendBy: '1h' }),
    ).toMatchObject({ ok: true, expiresIn: '61m' });
  });

  it.each([
    ['0m', /^extendBy "0m" must be a whole number of minutes or hours/],
    ['1d', /^extendBy "1d" must be a whole number/],
    ['01h', /^extendBy "01h" must be a whole number/],
    ['1 h', /^extendBy "1 h" must be a whole number/],
    ['73h', /^extendBy "73h" is longer than ARC's maximum of 72h/],
    ['', /^extendBy is required/],
  ])('refuses the extension %j', (extendBy, problem) => {
    const plan = planExtension({
      currentExpiry: at(NOW + HOUR),
      now: NOW,
      extendBy,
    });
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.problem).toMatch(problem);
  });

  it('refuses a current expiry or a clock that is not a time', () => {
    expect(
      planExtension({ currentExpiry: 'soon', now: NOW, extendBy: '1h' }),
    ).toEqual({
      ok: false,
      problem: `the shift's current expiry "soon" is not a time`,
    });
    for (const now of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      new Date('nope'),
    ]) {
      expect(
        planExtension({ currentExpiry: at(NOW + HOUR), now, extendBy: '1h' }),
      ).toEqual({
        ok: false,
        problem: 'the current time is not a valid time',
      });
    }
  });
});
