import type { JsonObject } from '../aws/common/input';
import {
  conflictError,
  validationError,
  type ValidationReason,
} from './errors';
import type { PracticeRunConfiguration } from './records';

type Alarm = PracticeRunConfiguration['outcomeAlarms'][number];

const WINDOW =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun):([0-9]{2}):([0-9]{2})-(Mon|Tue|Wed|Thu|Fri|Sat|Sun):([0-9]{2}):([0-9]{2})$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MAX_ALARMS = 10;
const MAX_WINDOWS_OR_DATES = 15;

/**
 * The practice run configuration a Create (no `base`) or Update (`base` =
 * current) request asks for; every member given replaces the current one.
 */
export function parsePracticeRunConfiguration(
  body: JsonObject,
  base?: PracticeRunConfiguration,
): PracticeRunConfiguration {
  if (!base && body.outcomeAlarms === undefined) {
    throw validationError("'outcomeAlarms' is required", 'MissingValue');
  }
  const config: PracticeRunConfiguration = {
    outcomeAlarms:
      body.outcomeAlarms === undefined
        ? base!.outcomeAlarms
        : parseAlarms(body.outcomeAlarms, 'outcomeAlarms', 1),
  };
  const blockingAlarms =
    body.blockingAlarms === undefined
      ? base?.blockingAlarms
      : parseAlarms(body.blockingAlarms, 'blockingAlarms', 0);
  const blockedWindows =
    body.blockedWindows === undefined
      ? base?.blockedWindows
      : parseStrings(
          body.blockedWindows,
          'blockedWindows',
          isWindow,
          'InvalidPracticeBlocker',
        );
  const allowedWindows =
    body.allowedWindows === undefined
      ? base?.allowedWindows
      : parseStrings(
          body.allowedWindows,
          'allowedWindows',
          isWindow,
          'InvalidPracticeAllowedWindow',
        );
  const blockedDates =
    body.blockedDates === undefined
      ? base?.blockedDates
      : parseStrings(
          body.blockedDates,
          'blockedDates',
          isDate,
          'InvalidPracticeBlocker',
        );
  if (blockedWindows?.length && allowedWindows?.length) {
    throw validationError(
      'Specify either blockedWindows or allowedWindows, not both',
      'InvalidPracticeWindows',
    );
  }
  if (blockingAlarms) config.blockingAlarms = blockingAlarms;
  if (blockedWindows) config.blockedWindows = blockedWindows;
  if (allowedWindows) config.allowedWindows = allowedWindows;
  if (blockedDates) config.blockedDates = blockedDates;
  return config;
}

/** Refuses an on-demand practice run that the configuration's dates or windows block. */
export function checkPracticeRunAllowed(
  config: PracticeRunConfiguration,
  now: number,
) {
  const date = new Date(now);
  const today = date.toISOString().slice(0, 10);
  if (config.blockedDates?.includes(today)) {
    throw conflictError(
      'PracticeInBlockedDates',
      `Practice runs are blocked on ${today}`,
    );
  }
  const day = DAYS[date.getUTCDay()];
  const minute = date.getUTCHours() * 60 + date.getUTCMinutes();
  const inWindow = (window: string) => {
    const [, startDay, startH, startM, , endH, endM] = WINDOW.exec(window)!;
    const start = Number(startH) * 60 + Number(startM);
    const end = Number(endH) * 60 + Number(endM);
    return startDay === day && minute >= start && minute < end;
  };
  if (config.blockedWindows?.some(inWindow)) {
    throw conflictError(
      'PracticeInBlockedWindows',
      'Practice runs are blocked at this time',
    );
  }
  if (config.allowedWindows?.length && !config.allowedWindows.some(inWindow)) {
    throw conflictError(
      'PracticeOutsideAllowedWindows',
      'Practice runs are allowed only in the configured windows',
    );
  }
}

function parseAlarms(value: unknown, member: string, min: number): Alarm[] {
  if (
    !Array.isArray(value) ||
    value.length < min ||
    value.length > MAX_ALARMS
  ) {
    throw validationError(
      `'${member}' must be a list of ${min} to ${MAX_ALARMS} alarms`,
      'InvalidAlarmCondition',
    );
  }
  return value.map(item => {
    const alarm = (
      typeof item === 'object' && item !== null ? item : {}
    ) as JsonObject;
    if (alarm.type !== 'CLOUDWATCH') {
      throw validationError(
        `${member}: the only alarm type is CLOUDWATCH`,
        'InvalidConditionType',
      );
    }
    const id = alarm.alarmIdentifier;
    if (typeof id !== 'string' || id.length < 8 || id.length > 1024) {
      throw validationError(
        `${member}: alarmIdentifier must be a CloudWatch alarm ARN`,
        'InvalidAlarmCondition',
      );
    }
    return { type: 'CLOUDWATCH', alarmIdentifier: id };
  });
}

function parseStrings(
  value: unknown,
  member: string,
  valid: (item: string) => boolean,
  reason: ValidationReason,
): string[] {
  if (
    !Array.isArray(value) ||
    value.length > MAX_WINDOWS_OR_DATES ||
    !value.every(item => typeof item === 'string' && valid(item))
  ) {
    throw validationError(`'${member}' has a value that is not valid`, reason);
  }
  return value as string[];
}

/** `Day:HH:MM-Day:HH:MM`, starting and ending on the same day. */
function isWindow(window: string): boolean {
  const match = WINDOW.exec(window);
  if (!match) return false;
  const [, startDay, startH, startM, endDay, endH, endM] = match;
  const start = Number(startH) * 60 + Number(startM);
  const end = Number(endH) * 60 + Number(endM);
  return (
    startDay === endDay &&
    Number(startH) < 24 &&
    Number(endH) <= 24 &&
    Number(startM) < 60 &&
    Number(endM) < 60 &&
    start < end &&
    end <= 24 * 60
  );
}

function isDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return (
    DATE.test(date) &&
    !Number.isNaN(parsed.getTime()) &&
    parsed.toISOString().startsWith(date)
  );
}
