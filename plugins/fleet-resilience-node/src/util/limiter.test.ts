import { createLimiter } from './limiter';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>(r => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('createLimiter', () => {
  it('runs at most `limit` calls at once and starts the others in order as slots free', async () => {
    const limiter = createLimiter(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    let inFlight = 0;
    let peak = 0;
    const runs = gates.map((gate, index) =>
      limiter.run(async () => {
        started.push(index);
        inFlight++;
        peak = Math.max(peak, inFlight);
        await gate.promise;
        inFlight--;
        return index;
      }),
    );
    await new Promise(r => setImmediate(r));
    expect(started).toEqual([0, 1]);
    gates[1].resolve();
    await new Promise(r => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    gates[0].resolve();
    gates[2].resolve();
    gates[3].resolve();
    await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2, 3]);
    expect(peak).toBe(2);
  });

  it('frees the slot of a call that throws', async () => {
    const limiter = createLimiter(1);
    await expect(
      limiter.run(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });

  it('rejects a waiting call when its signal aborts, and never runs it', async () => {
    const limiter = createLimiter(1);
    const gate = deferred();
    const first = limiter.run(() => gate.promise);
    const controller = new AbortController();
    const ran = jest.fn(async () => 'ran');
    const second = limiter.run(ran, controller.signal);
    controller.abort(new Error('stopped'));
    await expect(second).rejects.toThrow('stopped');
    gate.resolve();
    await first;
    expect(ran).not.toHaveBeenCalled();
    // The aborted waiter gave up its place: the next call runs at once.
    await expect(limiter.run(async () => 'third')).resolves.toBe('third');
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => createLimiter(0)).toThrow(/positive integer/);
    expect(() => createLimiter(1.5)).toThrow(/positive integer/);
  });
});
