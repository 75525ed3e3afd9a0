/** Reads a cluster's zonal shift section: autoshift and the practice run configuration. */
import type {
  ArcResourceSettings,
  PracticeRunHistoryEntry,
} from '../arc/types';
import type { ZonalShiftSpec } from './spec';
import type { Reader } from './validate';

const PRACTICE_RUN_HISTORY_OUTCOMES = ['SUCCEEDED', 'FAILED', 'INTERRUPTED'];

function readAlarms(
  r: Reader,
  fields: Record<string, unknown>,
  key: string,
  path: string,
  required: boolean,
) {
  return r.list(
    fields,
    key,
    path,
    (item, at) => {
      const alarm = r.object(item, at, ['type', 'alarmIdentifier']);
      if (!alarm) return undefined;
      const type = r.string(alarm, 'type', at, {
        required: true,
        oneOf: ['CLOUDWATCH'],
      });
      const alarmIdentifier = r.string(alarm, 'alarmIdentifier', at, {
        required: true,
        pattern: /^arn:aws:cloudwatch:[a-z0-9-]+:\d{12}:alarm:.+$/,
        hint: 'a CloudWatch alarm ARN',
      });
      return type && alarmIdentifier ? { type, alarmIdentifier } : undefined;
    },
    { required, min: required ? 1 : undefined },
  );
}

export function readZonalShift(
  r: Reader,
  value: unknown,
  path: string,
): ZonalShiftSpec | undefined {
  const fields = r.object(value, path, [
    'enabled',
    'autoshift',
    'practiceRun',
    'practiceRunHistory',
  ]);
  if (!fields) return undefined;
  const enabled = r.boolean(fields, 'enabled', path, true);
  const autoshift = r.boolean(fields, 'autoshift', path);
  let practiceRun: ArcResourceSettings['practiceRunConfiguration'];
  if (fields.practiceRun !== undefined) {
    const runPath = `${path}.practiceRun`;
    const run = r.object(fields.practiceRun, runPath, [
      'outcomeAlarms',
      'blockingAlarms',
      'blockedWindows',
      'allowedWindows',
      'blockedDates',
    ]);
    if (run) {
      practiceRun = {
        outcomeAlarms: readAlarms(r, run, 'outcomeAlarms', runPath, true) ?? [],
        blockingAlarms: readAlarms(r, run, 'blockingAlarms', runPath, false),
        blockedWindows: r.strings(run, 'blockedWindows', runPath),
        allowedWindows: r.strings(run, 'allowedWindows', runPath),
        blockedDates: r.strings(run, 'blockedDates', runPath),
      };
    }
  }
  const practiceRunHistory = r.list(
    fields,
    'practiceRunHistory',
    path,
    (item, at) => {
      const entry = r.object(item, at, ['daysAgo', 'outcome']);
      if (!entry) return undefined;
      const daysAgo = r.number(entry, 'daysAgo', at, {
        required: true,
        integer: true,
        min: 1,
        max: 90,
      });
      const outcome = r.string(entry, 'outcome', at, {
        required: true,
        oneOf: PRACTICE_RUN_HISTORY_OUTCOMES,
      }) as PracticeRunHistoryEntry['outcome'] | undefined;
      return daysAgo !== undefined && outcome
        ? { daysAgo, outcome }
        : undefined;
    },
  );
  if (practiceRunHistory?.length && (!practiceRun || enabled === false)) {
    r.fail(
      `${path}.practiceRunHistory`,
      'needs zonal shift enabled and a practiceRun configuration (ARC runs practice runs only then)',
    );
  }
  if (autoshift && enabled === false) {
    r.fail(`${path}.autoshift`, 'needs zonal shift enabled on the cluster');
  }
  if (autoshift && !practiceRun) {
    r.fail(
      `${path}.autoshift`,
      'ARC requires a practiceRun configuration before autoshift is enabled',
    );
  }
  if (enabled === undefined) return undefined;
  return {
    enabled,
    autoshift,
    practiceRun,
    ...(practiceRunHistory?.length ? { practiceRunHistory } : {}),
  };
}
