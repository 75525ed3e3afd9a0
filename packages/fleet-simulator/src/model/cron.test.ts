import { parseCron, windowOpen } from './cron';
import { parseDuration } from './duration';

const at = (iso: string) => Date.parse(iso);

describe('parseCron', () => {
  it('matches minutes, hours, ranges, steps and weekdays in UTC', () => {
    const businessHours = parseCron('0 9 * * 1-5')!;
    expect(businessHours.matches(at('2026-11-23T09:00:30Z'))).toBe(true); // Monday
    expect(businessHours.matches(at('2026-11-22T09:00:00Z'))).toBe(false); // Sunday
    expect(businessHours.matches(at('2026-11-23T09:01:00Z'))).toBe(false);
    const everyQuarter = parseCron('*/15 * * * *')!;
    expect(everyQuarter.matches(at('2026-11-23T10:45:00Z'))).toBe(true);
    expect(everyQuarter.matches(at('2026-11-23T10:50:00Z'))).toBe(false);
  });

  it('accepts macros and refuses malformed schedules', () => {
    expect(parseCron('@daily')!.matches(at('2026-11-23T00:00:00Z'))).toBe(true);
    expect(parseCron('0 9 * *')).toBeUndefined();
    expect(parseCron('61 * * * *')).toBeUndefined();
    expect(parseCron('a b c d e')).toBeUndefined();
  });
});

describe('windowOpen', () => {
  it('is open from each scheduled start for the duration', () => {
    const schedule = parseCron('0 9 * * *')!;
    const eightHours = parseDuration('8h')!;
    expect(windowOpen(schedule, eightHours, at('2026-11-23T08:59:00Z'))).toBe(
      false,
    );
    expect(windowOpen(schedule, eightHours, at('2026-11-23T09:00:00Z'))).toBe(
      true,
    );
    expect(windowOpen(schedule, eightHours, at('2026-11-23T16:59:00Z'))).toBe(
      true,
    );
    expect(windowOpen(schedule, eightHours, at('2026-11-23T17:00:00Z'))).toBe(
      false,
    );
  });
});

describe('parseDuration', () => {
  it('reads Go-style durations', () => {
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('45s')).toBe(45_000);
    expect(parseDuration('')).toBeUndefined();
    expect(parseDuration('5 minutes')).toBeUndefined();
  });
});
