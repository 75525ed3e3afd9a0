/**
 * The simulator's event log: ARC's EventBridge events as ARC emits them, and
 * the simulated controllers' own events (cordons, drift, replacements), each
 * stamped with the simulated time. Bounded: the oldest entries fall off.
 */
import type { SimClock } from '../clock';

/**
 * Where an event of the simulator's event log comes from.
 *
 * @public
 */
export type SimEventSource = 'aws.arc-zonal-shift' | 'simulator';

/**
 * One entry of the simulator's event log.
 *
 * @public
 */
export interface SimEvent {
  /** Increasing from 1; `?since=<seq>` reads what came after. */
  seq: number;
  /** Simulated time, ISO 8601. */
  time: string;
  source: SimEventSource;
  /** EventBridge detail-type for ARC events; e.g. `NodeCordoned` for the simulator's. */
  type: string;
  clusterArn?: string;
  detail: Record<string, unknown>;
}

/**
 * The simulator's log of ARC events and its own, kept in order.
 *
 * @public
 */
export interface EventLog {
  record(event: Omit<SimEvent, 'seq' | 'time'>): SimEvent;
  /** Events after `since` (a seq), oldest first, at most `limit`. */
  list(options?: { since?: number; limit?: number }): SimEvent[];
  /** The seq of the newest event (0 when none). */
  lastSeq(): number;
}

export function createEventLog(clock: SimClock, capacity = 10_000): EventLog {
  const events: SimEvent[] = [];
  let seq = 0;
  return {
    record(event) {
      seq += 1;
      const entry: SimEvent = {
        seq,
        time: new Date(clock.now()).toISOString(),
        ...event,
      };
      events.push(entry);
      if (events.length > capacity) events.shift();
      return entry;
    },
    list({ since = 0, limit = 1000 } = {}) {
      const start = events.findIndex(event => event.seq > since);
      return start < 0 ? [] : events.slice(start, start + limit);
    },
    lastSeq: () => seq,
  };
}
