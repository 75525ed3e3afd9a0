/**
 * Maps items with at most `concurrency` calls in flight; results keep the
 * input order and a failed item yields its error instead of failing all.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<R>,
): Promise<Array<{ value: R } | { error: unknown }>> {
  const results: Array<{ value: R } | { error: unknown }> = new Array(
    items.length,
  );
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { value: await fn(items[index]) };
      } catch (error) {
        results[index] = { error };
      }
    }
  };
  await Promise.all(
    Array.from(
      { length: Math.max(1, Math.min(concurrency, items.length)) },
      worker,
    ),
  );
  return results;
}
