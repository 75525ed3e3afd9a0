/**
 * ARC's practice-run facts as the store keeps them: a managed resource's
 * practice-run configuration and a practice run's outcome, with what is not
 * what ARC sends left out (and said). Pure.
 */
import type {
  PracticeRunAlarm,
  PracticeRunConfiguration,
  PracticeRunOutcome,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { isStorable } from '../domain/storableText';

const OUTCOMES: ReadonlySet<string> = new Set<PracticeRunOutcome>([
  'FAILED',
  'INTERRUPTED',
  'PENDING',
  'SUCCEEDED',
  'CAPACITY_CHECK_FAILED',
]);

/** More than ARC allows of any list (its limits are 10 alarms and 15 windows or dates). */
const MAX_ITEMS = 20;
/** ARC's alarm identifiers are ARNs of up to 1024 characters; windows and dates are short. */
const MAX_TEXT = 1024;

export function isPracticeRunOutcome(
  value: unknown,
): value is PracticeRunOutcome {
  return typeof value === 'string' && OUTCOMES.has(value);
}

function text(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length > 0 && isStorable(value, MAX_TEXT)
  );
}

function alarms(list: unknown): PracticeRunAlarm[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const kept = list.filter(
    (alarm): alarm is PracticeRunAlarm =>
      typeof alarm === 'object' &&
      alarm !== null &&
      (alarm as PracticeRunAlarm).type === 'CLOUDWATCH' &&
      text((alarm as PracticeRunAlarm).alarmIdentifier),
  );
  return kept.slice(0, MAX_ITEMS).map(alarm => ({
    type: 'CLOUDWATCH',
    alarmIdentifier: alarm.alarmIdentifier,
  }));
}

function texts(list: unknown): string[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.filter(text).slice(0, MAX_ITEMS);
}

/**
 * The configuration with only well-formed alarms, windows and dates, and
 * whether anything was left out. Undefined when ARC sent none (or not an
 * object).
 */
export function storablePracticeRunConfiguration(value: unknown): {
  configuration?: PracticeRunConfiguration;
  dropped: boolean;
} {
  if (value === undefined || value === null) {
    return { dropped: false };
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { dropped: true };
  }
  const raw = value as Record<keyof PracticeRunConfiguration, unknown>;
  const outcomeAlarms = alarms(raw.outcomeAlarms) ?? [];
  const configuration: PracticeRunConfiguration = { outcomeAlarms };
  const blockingAlarms = alarms(raw.blockingAlarms);
  const blockedWindows = texts(raw.blockedWindows);
  const blockedDates = texts(raw.blockedDates);
  const allowedWindows = texts(raw.allowedWindows);
  if (blockingAlarms) configuration.blockingAlarms = blockingAlarms;
  if (blockedWindows) configuration.blockedWindows = blockedWindows;
  if (blockedDates) configuration.blockedDates = blockedDates;
  if (allowedWindows) configuration.allowedWindows = allowedWindows;
  const count = (list: unknown) => (Array.isArray(list) ? list.length : 0);
  const dropped =
    !Array.isArray(raw.outcomeAlarms) ||
    outcomeAlarms.length !== count(raw.outcomeAlarms) ||
    (blockingAlarms?.length ?? 0) !== count(raw.blockingAlarms) ||
    (blockedWindows?.length ?? 0) !== count(raw.blockedWindows) ||
    (blockedDates?.length ?? 0) !== count(raw.blockedDates) ||
    (allowedWindows?.length ?? 0) !== count(raw.allowedWindows);
  return { configuration, dropped };
}
