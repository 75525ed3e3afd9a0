import { toError } from './errors';

/**
 * The outcome of one item: its value, or the error it ended with.
 *
 * @public
 */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: Error };

/**
 * Runs `fn` over `items` with at most `limit` calls in flight and waits for
 * every one of them: a failure never cancels the others. Results come back
 * in the order of `items`. Items not started when `signal` aborts settle
 * with the abort reason.
 *
 * @public
 */
export async function mapWithConcurrency<I, O>(
  items: readonly I[],
  limit: number,
  fn: (item: I, index: number) => Promise<O>,
  options: { signal?: AbortSignal } = {},
): Promise<Array<Settled<O>>> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new TypeError(
      `concurrency limit must be a positive integer, got ${limit}`,
    );
  }
  const results = new Array<Settled<O>>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      if (options.signal?.aborted) {
        results[index] = { ok: false, error: toError(options.signal.reason) };
        continue;
      }
      try {
        results[index] = { ok: true, value: await fn(items[index], index) };
      } catch (error) {
        results[index] = { ok: false, error: toError(error) };
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}
