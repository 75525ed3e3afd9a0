/**
 * At most `limit` calls of `run` in flight; the others wait their turn in
 * the order they came. Shared by every request of one read, so the read's
 * parallel parts together stay within one bound.
 */
export interface Limiter {
  /** Runs `fn` when a slot is free; rejects with the abort reason if `signal` aborts first. */
  run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new TypeError(
      `concurrency limit must be a positive integer, got ${limit}`,
    );
  }
  let active = 0;
  const waiting: Array<{ start: () => void }> = [];

  const release = () => {
    active--;
    waiting.shift()?.start();
  };

  const acquire = (signal?: AbortSignal): Promise<void> => {
    signal?.throwIfAborted();
    if (active < limit) {
      active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter = { start: () => {} };
      const onAbort = () => {
        const index = waiting.indexOf(waiter);
        if (index >= 0) waiting.splice(index, 1);
        reject(signal?.reason);
      };
      waiter.start = () => {
        signal?.removeEventListener('abort', onAbort);
        active++;
        resolve();
      };
      waiting.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  };

  return {
    async run(fn, signal) {
      await acquire(signal);
      try {
        return await fn();
      } finally {
        release();
      }
    },
  };
}
