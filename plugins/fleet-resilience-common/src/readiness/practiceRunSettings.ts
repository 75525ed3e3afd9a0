import type { PracticeRunSettings } from '../api/readiness';

/**
 * ARC's limits on a practice-run configuration (ARC zonal shift API model,
 * 2022-10-30: `OutcomeAlarms` 1..10, `BlockingAlarms` 0..10,
 * `BlockedWindows` and `BlockedDates` 0..15 each, an alarm identifier of 8
 * to 1,024 characters).
 *
 * @public
 */
export const PRACTICE_RUN_LIMITS = {
  outcomeAlarms: { min: 1, max: 10 },
  blockingAlarms: { min: 0, max: 10 },
  blockedWindows: { min: 0, max: 15 },
  blockedDates: { min: 0, max: 15 },
} as const;

const FIELDS = Object.keys(PRACTICE_RUN_LIMITS) as Array<
  keyof typeof PRACTICE_RUN_LIMITS
>;
const PREFIX = 'practiceRuns';

/**
 * A CloudWatch alarm ARN: ARC's model takes any string of 8 to 1,024
 * characters; we hold it to the ARN of an alarm (any partition, a region, a
 * 12-digit account, a name of 1 to 255 characters without control
 * characters) so that a typo fails here, not at the first practice run.
 */
const ALARM_ARN =
  /^arn:aws[a-z-]*:cloudwatch:([a-z]{2}(?:-[a-z]+)+-[0-9]+):[0-9]{12}:alarm:(.{1,255})$/u;
const CONTROL = /\p{Cc}/u;
/** ARC's BlockedWindow pattern; the model's documentation adds: one day. */
const WINDOW =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun):([0-9]{2}):([0-9]{2})-(Mon|Tue|Wed|Thu|Fri|Sat|Sun):([0-9]{2}):([0-9]{2})$/;
const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

function windowProblem(window: string): string | undefined {
  const m = WINDOW.exec(window);
  if (!m) return 'must look like Mon:09:00-Mon:17:00 (UTC)';
  const [, startDay, startH, startM, endDay, endH, endM] = m;
  if ([startH, endH].some(h => Number(h) > 23)) return 'hours go from 00 to 23';
  if ([startM, endM].some(min => Number(min) > 59))
    return 'minutes go from 00 to 59';
  if (startDay !== endDay) return 'must start and end on the same day (ARC)';
  if (`${startH}:${startM}` >= `${endH}:${endM}`)
    return 'must end after it starts';
  return undefined;
}

function dateProblem(date: string): string | undefined {
  const m = DATE.exec(date);
  if (!m) return 'must be a date YYYY-MM-DD';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCFullYear() === year &&
    parsed.getUTCMonth() === month - 1 &&
    parsed.getUTCDate() === day
    ? undefined
    : 'is not a date of the calendar';
}

function alarmProblem(alarm: string, region?: string): string | undefined {
  const match = ALARM_ARN.exec(alarm);
  if (!match || CONTROL.test(alarm)) {
    return 'must be a CloudWatch alarm ARN (arn:aws:cloudwatch:<region>:<account>:alarm:<name>)';
  }
  // ARC's guide: the alarms must be in the resource's Region.
  if (region && match[1] !== region) {
    return `must be an alarm in the cluster's region ${region}, not ${match[1]}`;
  }
  return undefined;
}

function itemProblem(
  field: keyof typeof PRACTICE_RUN_LIMITS,
  item: string,
  region?: string,
): string | undefined {
  switch (field) {
    case 'blockedWindows':
      return windowProblem(item);
    case 'blockedDates':
      return dateProblem(item);
    default:
      return alarmProblem(item, region);
  }
}

function parseList(
  field: keyof typeof PRACTICE_RUN_LIMITS,
  value: unknown,
  problems: string[],
  region?: string,
): string[] | undefined {
  const { min, max } = PRACTICE_RUN_LIMITS[field];
  const name = `${PREFIX}.${field}`;
  if (!Array.isArray(value)) {
    problems.push(`${name}: must be a list of ${min} to ${max} strings`);
    return undefined;
  }
  if (value.length < min || value.length > max) {
    problems.push(
      `${name}: must hold ${min} to ${max} entries, got ${value.length}`,
    );
  }
  const seen = new Set<string>();
  value.forEach((item, i) => {
    if (typeof item !== 'string') {
      problems.push(`${name}[${i}]: must be a string`);
      return;
    }
    const problem = itemProblem(field, item, region);
    if (problem) problems.push(`${name}[${i}]: ${problem}`);
    else if (seen.has(item))
      problems.push(`${name}[${i}]: ${item} is listed twice`);
    seen.add(item);
  });
  return value as string[];
}

/**
 * Validates the practice-run settings a user gives, with ARC's limits (see
 * {@link PRACTICE_RUN_LIMITS}): outcome alarms required; blocking alarms,
 * blocked windows (`Mon:09:00-Mon:17:00`, UTC, within one day) and blocked
 * dates (a real `YYYY-MM-DD`) optional; `null` counts as absent, an empty
 * list is kept (it clears the member on update). Every problem names its
 * field (`practiceRuns.blockedWindows[1]: ...`); unknown fields are refused.
 * With `options.region` (the cluster's), alarms in another region are
 * refused too, as ARC refuses them.
 *
 * @public
 */
export function parsePracticeRunSettings(
  value: unknown,
  options: { region?: string } = {},
): { settings: PracticeRunSettings } | { problems: string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      problems: [
        `${PREFIX}: must be an object with outcomeAlarms (and optionally ${FIELDS.slice(
          1,
        ).join(', ')})`,
      ],
    };
  }
  const input = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(input)) {
    if (!(FIELDS as string[]).includes(key)) {
      problems.push(
        `${PREFIX}.${key}: unknown field (expected ${FIELDS.join(', ')})`,
      );
    }
  }
  const settings: Partial<PracticeRunSettings> = {};
  for (const field of FIELDS) {
    const raw = input[field];
    if (raw === undefined || raw === null) {
      if (field === 'outcomeAlarms') {
        problems.push(
          `${PREFIX}.outcomeAlarms: required (1 to 10 CloudWatch alarm ARNs)`,
        );
      }
      continue;
    }
    const list = parseList(field, raw, problems, options.region);
    if (list) settings[field] = [...list];
  }
  return problems.length
    ? { problems }
    : { settings: settings as PracticeRunSettings };
}
