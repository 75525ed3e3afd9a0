import { randomUUID } from 'node:crypto';
import { accountNamedBy, scopeOf } from '../aws/common/caller';
import { answering } from '../aws/common/protocols';
import { unknownOperation } from '../aws/common/routing';
import type { SimClock } from '../clock';
import type { AwsServiceHandler } from '../http';
import {
  endAutoshift,
  endFisExperiment,
  startAutoshift,
  startFisExperiment,
  type ArcAutoshiftView,
  type ArcShiftView,
  type StartAutoshiftInput,
  type StartFisExperimentInput,
} from './control';
import { AlarmStates, type AlarmState } from './alarms';
import { seedPracticeRunHistory } from './practiceHistory';
import { PracticeRunScheduler } from './practiceSchedule';
import { routeArcRequest } from './routes';
import { ArcState } from './state';
import type { ArcEvent, ArcFleetView, ArcResourceSettings } from './types';
import { arcJson } from './wire';

export type * from './types';
export type {
  ArcAutoshiftView,
  ArcShiftView,
  StartAutoshiftInput,
  StartFisExperimentInput,
} from './control';
export { ArcControlError } from './errors';
export { ALARM_STATES, type AlarmState } from './alarms';
export { createStaticArcFleet, type StaticArcFleet } from './staticFleet';

/**
 * What the ARC emulator simulates: its clock, the fleet it shifts and the initial settings.
 *
 * @public
 */
export interface ArcEmulatorOptions {
  clock: SimClock;
  fleet: ArcFleetView;
  /** Initial autoshift and practice run settings, by resource ARN. */
  settings?: Map<string, ArcResourceSettings>;
  /** Zonal shift IDs; default: random UUIDs, as AWS issues. */
  newId?: () => string;
  /** Every EventBridge event ARC would send, as it happens. */
  onEvent?: (event: ArcEvent) => void;
}

/**
 * The ARC zonal shift API (`arc-zonal-shift`, restJson1) plus the control
 * methods that act "the way AWS would". Control methods throw ArcControlError.
 *
 * @public
 */
export interface ArcEmulator extends AwsServiceHandler {
  startAutoshift(input: StartAutoshiftInput): ArcAutoshiftView;
  endAutoshift(awayFrom: string): ArcAutoshiftView;
  startFisExperiment(input: StartFisExperimentInput): ArcShiftView;
  endFisExperiment(zonalShiftId: string): ArcShiftView;
  /** The AZ ID the shift in effect moves the resource away from, if any. */
  appliedAwayZone(arn: string): string | undefined;
  /**
   * Sets CloudWatch alarm states (others keep theirs; never set = OK). A
   * running practice run whose outcome alarm is now in ALARM ends FAILED,
   * whose blocking alarm is, INTERRUPTED.
   */
  setAlarmStates(states: Record<string, AlarmState>): void;
  /** The alarms not OK, by ARN. */
  alarmStates(): Record<string, AlarmState>;
  /** Whether ARC starts the weekly practice runs by itself (default true). */
  practiceRunSchedule(): { enabled: boolean };
  setPracticeRunSchedule(enabled: boolean): void;
  /** When ARC's next scheduled practice run of `arn` is due (epoch ms), if it has one. */
  practiceRunDueAt(arn: string): number | undefined;
  /** Stops following the clock. */
  dispose(): void;
}

/**
 * Creates the ARC zonal shift emulator.
 *
 * @public
 */
export function createArcEmulator(options: ArcEmulatorOptions): ArcEmulator {
  const newId = options.newId ?? randomUUID;
  const state = new ArcState({
    clock: options.clock,
    fleet: options.fleet,
    settings: options.settings,
    emit: event => options.onEvent?.(event),
  });
  const alarms = new AlarmStates();
  const scheduler = new PracticeRunScheduler(state, alarms, newId);
  seedPracticeRunHistory(state, options.fleet, options.settings, newId);
  const settle = () => {
    state.settle();
    scheduler.settle();
  };
  // Expiry and scheduled practice runs happen as time moves; every read and
  // control call settles too, so results are right even when nobody advanced
  // the clock (and a resource just made eligible is noted at once).
  const unsubscribe = options.clock.onAdvance(settle);
  settle();
  const settled = <T>(action: () => T): T => {
    settle();
    const result = action();
    scheduler.settle();
    return result;
  };

  return {
    signingName: 'arc-zonal-shift',
    handle(request, caller) {
      settle();
      return answering(() => {
        const { method, url } = request;
        const route = routeArcRequest(method, url.pathname);
        if (!route)
          throw unknownOperation('ARC zonal shift', method, url.pathname);
        return route.operation({
          state,
          newId,
          scope: scopeOf(
            accountNamedBy(caller.accessKeyId, state.accountIds()),
            caller.region,
          ),
          label: route.label,
          query: url.searchParams,
          body: request.body,
          alarms,
        });
      }, arcJson.error).finally(() => scheduler.settle());
    },
    error: arcJson.error,
    startAutoshift: input => settled(() => startAutoshift(state, input)),
    endAutoshift: awayFrom => settled(() => endAutoshift(state, awayFrom)),
    startFisExperiment: input =>
      settled(() => startFisExperiment(state, newId, input)),
    endFisExperiment: zonalShiftId =>
      settled(() => endFisExperiment(state, zonalShiftId)),
    appliedAwayZone: arn => settled(() => state.appliedAwayFrom(arn)),
    setAlarmStates: states =>
      settled(() => {
        alarms.set(states);
        scheduler.evaluateAlarms();
      }),
    alarmStates: () => alarms.list(),
    practiceRunSchedule: () => ({ enabled: scheduler.isEnabled() }),
    setPracticeRunSchedule: enabled =>
      settled(() => scheduler.setEnabled(enabled)),
    practiceRunDueAt: arn => settled(() => scheduler.dueAt(arn)),
    dispose: unsubscribe,
  };
}
