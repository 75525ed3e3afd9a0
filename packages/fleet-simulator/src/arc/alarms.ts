/**
 * CloudWatch alarm states as the practice runs see them. The simulator has no
 * CloudWatch: tests and the demo set states through `PUT /_sim/alarms`. An
 * alarm never set is OK (ARC does not check that a configured alarm exists;
 * see the README's facts).
 */

/**
 * A CloudWatch alarm state.
 *
 * @public
 */
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export const ALARM_STATES: readonly AlarmState[] = [
  'OK',
  'ALARM',
  'INSUFFICIENT_DATA',
];

export class AlarmStates {
  private readonly states = new Map<string, AlarmState>();

  state(alarmArn: string): AlarmState {
    return this.states.get(alarmArn) ?? 'OK';
  }

  /** Sets the given alarms; the others keep their state. OK forgets an alarm. */
  set(states: Record<string, AlarmState>) {
    for (const [arn, state] of Object.entries(states)) {
      if (state === 'OK') this.states.delete(arn);
      else this.states.set(arn, state);
    }
  }

  clear() {
    this.states.clear();
  }

  /** The alarms not OK, by ARN. */
  list(): Record<string, AlarmState> {
    return Object.fromEntries(
      [...this.states].sort(([a], [b]) => a.localeCompare(b)),
    );
  }

  anyInAlarm(alarms: ReadonlyArray<{ alarmIdentifier: string }> | undefined) {
    return (alarms ?? []).some(
      alarm => this.state(alarm.alarmIdentifier) === 'ALARM',
    );
  }
}
