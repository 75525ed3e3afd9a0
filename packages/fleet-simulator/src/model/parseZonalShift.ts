/** Reads a cluster's zonal shift section: autoshift and the practice run configuration. */
import type { ArcResourceSettings } from '../arc/types';
import type { ZonalShiftSpec } from './spec';
import type { Reader } from './validate';

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
  const fields = r.object(value, path, ['enabled', 'autoshift', 'practiceRun']);
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
  return { enabled, autoshift, practiceRun };
}
