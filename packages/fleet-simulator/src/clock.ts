/**
 * The simulator's clock. Every time-dependent behaviour (shift expiry,
 * Karpenter drift, autoshift windows) reads `now()` and reacts to `advance()`,
 * so tests move time forward instead of sleeping.
 *
 * @public
 */
export interface SimClock {
  /** Current simulated time, epoch milliseconds. */
  now(): number;
  /** Moves time forward and runs every listener once, in registration order. */
  advance(ms: number): void;
  /** Called after every advance with the new time; returns an unsubscribe function. */
  onAdvance(listener: (now: number) => void): () => void;
}

/**
 * A clock that starts at `start` and moves only when advanced.
 *
 * @public
 */
export function createManualClock(
  start = Date.UTC(2026, 10, 22, 8, 0, 0),
): SimClock {
  let now = start;
  const listeners = new Set<(now: number) => void>();
  return {
    now: () => now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new RangeError(`cannot advance the clock by ${ms} ms`);
      }
      now += ms;
      for (const listener of [...listeners]) listener(now);
    },
    onAdvance(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * A clock that follows real time (for the CLI and the portal's embedded
 * default): advanced every `tickMs` by the time that passed. `stop` ends it.
 *
 * @public
 */
export function createWallClock(tickMs = 1000): {
  clock: SimClock;
  stop(): void;
} {
  const clock = createManualClock(Date.now());
  let last = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    clock.advance(Math.max(0, now - last));
    last = now;
  }, tickMs);
  timer.unref?.();
  return { clock, stop: () => clearInterval(timer) };
}
