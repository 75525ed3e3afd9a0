/**
 * Control routes for the CloudWatch alarms practice runs watch, and for
 * ARC's own practice-run schedule: `GET alarms` lists the alarms not OK,
 * `PUT alarms` sets states (`{"<alarm ARN>": "ALARM" | "OK" |
 * "INSUFFICIENT_DATA"}`; the others keep theirs), `DELETE alarms` sets every
 * alarm OK; `GET`/`PUT practice-runs/schedule` (`{"enabled": false}`) reads
 * or switches the weekly practice runs ARC starts by itself.
 */
import { ALARM_STATES, type AlarmState } from '../arc';
import type { ControlApiOptions } from './api';
import { readBody, type Route } from './requests';

export function alarmRoutes(
  options: Pick<ControlApiOptions, 'arc'>,
): Record<string, Route> {
  const { arc } = options;
  const alarms = () => ({ alarms: arc.alarmStates() });
  return {
    'GET alarms': () => ({ body: alarms() }),
    'PUT alarms': body => {
      const states = readBody(body, (r, value) =>
        r.map(value, '', (item, at, key) => {
          // ARC's alarmIdentifier: 8 to 1024 characters (model: MetricIdentifier).
          if (key.length < 8 || key.length > 1024) {
            return r.fail(
              at,
              'is not an alarm identifier (8 to 1024 characters)',
            );
          }
          return ALARM_STATES.includes(item as AlarmState)
            ? (item as AlarmState)
            : r.fail(at, `must be one of ${ALARM_STATES.join(', ')}`);
        }),
      );
      arc.setAlarmStates(states);
      return { body: alarms() };
    },
    'DELETE alarms': () => {
      arc.setAlarmStates(
        Object.fromEntries(
          Object.keys(arc.alarmStates()).map(arn => [arn, 'OK' as const]),
        ),
      );
      return { body: alarms() };
    },
    'GET practice-runs/schedule': () => ({ body: arc.practiceRunSchedule() }),
    'PUT practice-runs/schedule': body => {
      const enabled = readBody(body, (r, value) => {
        const fields = r.object(value, '', ['enabled']);
        return fields ? r.boolean(fields, 'enabled', '', true) : undefined;
      });
      arc.setPracticeRunSchedule(enabled);
      return { body: arc.practiceRunSchedule() };
    },
  };
}
