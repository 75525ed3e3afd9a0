/**
 * Cron schedules of Karpenter disruption budgets: five fields (minute hour
 * day-of-month month day-of-week) or a macro, evaluated in UTC as Karpenter does.
 */

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const FIELD_RANGES: Array<[number, number]> = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];

export interface CronSchedule {
  /** Whether the schedule fires at the (UTC) minute containing `time`. */
  matches(time: number): boolean;
}

function parseField(
  field: string,
  [min, max]: [number, number],
): Set<number> | undefined {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) return undefined;
    const [, , from, to, step] = match;
    const start = from === undefined ? min : Number(from);
    // `*` and `n/step` run to the field's end; a bare `n` is just n.
    let end = from === undefined || step ? max : start;
    if (to !== undefined) end = Number(to);
    const stride = step === undefined ? 1 : Number(step);
    if (start < min || end > max || start > end || stride < 1) return undefined;
    for (let value = start; value <= end; value += stride) values.add(value);
  }
  return values;
}

/** Parses a schedule; undefined when it is not one. */
export function parseCron(text: string): CronSchedule | undefined {
  const fields = (MACROS[text] ?? text).trim().split(/\s+/);
  if (fields.length !== 5) return undefined;
  const sets = fields.map((field, index) =>
    parseField(field, FIELD_RANGES[index]),
  );
  if (sets.some(set => set === undefined)) return undefined;
  const [minutes, hours, days, months, weekdays] = sets as Array<Set<number>>;
  // Standard cron: when both day fields are restricted, either may match.
  const dayRestricted = fields[2] !== '*';
  const weekdayRestricted = fields[4] !== '*';
  return {
    matches(time) {
      const date = new Date(time);
      const dayMatch = days.has(date.getUTCDate());
      const weekdayMatch = weekdays.has(date.getUTCDay());
      const day =
        dayRestricted && weekdayRestricted
          ? dayMatch || weekdayMatch
          : dayMatch && weekdayMatch;
      return (
        minutes.has(date.getUTCMinutes()) &&
        hours.has(date.getUTCHours()) &&
        months.has(date.getUTCMonth() + 1) &&
        day
      );
    },
  };
}

const MINUTE = 60_000;

/** Whether a window that opens at each scheduled minute and lasts `durationMs` is open at `time`. */
export function windowOpen(
  schedule: CronSchedule,
  durationMs: number,
  time: number,
): boolean {
  const latestMinute = Math.floor(time / MINUTE) * MINUTE;
  for (let start = latestMinute; start > time - durationMs; start -= MINUTE) {
    if (schedule.matches(start)) return true;
  }
  return false;
}
