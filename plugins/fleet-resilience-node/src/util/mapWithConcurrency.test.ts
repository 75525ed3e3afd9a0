import { mapWithConcurrency } from './mapWithConcurrency';

/** A promise with its resolve/reject handles, to control completion order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('mapWithConcurrency', () => {
  it('never has more than `limit` calls in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapWithConcurrency(
      Array.from({ length: 10 }, (_, i) => i),
      3,
      async item => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await tick();
        inFlight -= 1;
        return item * 2;
      },
    );
    expect(peak).toBe(3);
    expect(results.map(r => (r.ok ? r.value : undefined))).toEqual([
      0, 2, 4, 6, 8, 10, 12, 14, 16, 18,
    ]);
  });

  it('keeps the order of the items when calls finish out of order', async () => {
    const gates = [deferred<string>(), deferred<string>(), deferred<string>()];
    const pending = mapWithConcurrency([0, 1, 2], 3, i => gates[i].promise);
    gates[2].resolve('c');
    gates[0].resolve('a');
    gates[1].resolve('b');
    expect(await pending).toEqual([
      { ok: true, value: 'a' },
      { ok: true, value: 'b' },
      { ok: true, value: 'c' },
    ]);
  });

  it('settles every item when some fail, turning thrown non-errors into Errors', async () => {
    const calls: number[] = [];
    const results = await mapWithConcurrency([1, 2, 3, 4], 2, async item => {
      calls.push(item);
      if (item === 2) throw new Error('two failed');
      if (item === 3) throw 'three failed'; // eslint-disable-line no-throw-literal
      return item;
    });
    expect(calls.sort()).toEqual([1, 2, 3, 4]);
    expect(results[0]).toEqual({ ok: true, value: 1 });
    expect(results[1]).toMatchObject({
      ok: false,
      error: { message: 'two failed' },
    });
    expect(results[2].ok).toBe(false);
    expect(!results[2].ok && results[2].error).toBeInstanceOf(Error);
    expect(!results[2].ok && results[2].error.message).toBe('three failed');
    expect(results[3]).toEqual({ ok: true, value: 4 });
  });

  it('does not start items after the signal aborts', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const results = await mapWithConcurrency(
      [1, 2, 3],
      1,
      async item => {
        started.push(item);
        if (item === 1) controller.abort(new Error('stopped'));
        return item;
      },
      { signal: controller.signal },
    );
    expect(started).toEqual([1]);
    expect(results[0]).toEqual({ ok: true, value: 1 });
    expect(results[1]).toMatchObject({
      ok: false,
      error: { message: 'stopped' },
    });
    expect(results[2]).toMatchObject({
      ok: false,
      error: { message: 'stopped' },
    });
  });

  it('returns an empty list for no items and refuses a limit below one', async () => {
    await expect(mapWithConcurrency([], 4, async () => 1)).resolves.toEqual([]);
    await expect(mapWithConcurrency([1], 0, async () => 1)).rejects.toThrow(
      'positive integer',
    );
    await expect(mapWithConcurrency([1], 1.5, async () => 1)).rejects.toThrow(
      'positive integer',
    );
  });
});
