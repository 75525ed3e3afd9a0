import { abortableSleep, retryWithBackoff } from './retry';

class Retryable extends Error {}

function options(
  overrides: Partial<Parameters<typeof retryWithBackoff>[1]> = {},
) {
  const delays: number[] = [];
  return {
    delays,
    options: {
      maxAttempts: 4,
      baseDelayMs: 100,
      maxDelayMs: 250,
      isRetryable: (error: unknown) => error instanceof Retryable,
      sleep: async (ms: number) => {
        delays.push(ms);
      },
      random: () => 1,
      ...overrides,
    },
  };
}

describe('retryWithBackoff', () => {
  it('retries retryable errors with a doubling, capped backoff until it succeeds', async () => {
    const { delays, options: opts } = options();
    let calls = 0;
    const result = await retryWithBackoff(async attempt => {
      calls += 1;
      if (attempt < 4) throw new Retryable(`attempt ${attempt}`);
      return 'done';
    }, opts);
    expect(result).toBe('done');
    expect(calls).toBe(4);
    expect(delays).toEqual([100, 200, 250]);
  });

  it('throws the last error after maxAttempts', async () => {
    const { delays, options: opts } = options({ maxAttempts: 2 });
    await expect(
      retryWithBackoff(async attempt => {
        throw new Retryable(`attempt ${attempt}`);
      }, opts),
    ).rejects.toThrow('attempt 2');
    expect(delays).toHaveLength(1);
  });

  it('does not retry an error isRetryable refuses', async () => {
    const { delays, options: opts } = options();
    let calls = 0;
    await expect(
      retryWithBackoff(async () => {
        calls += 1;
        throw new Error('not found');
      }, opts),
    ).rejects.toThrow('not found');
    expect(calls).toBe(1);
    expect(delays).toEqual([]);
  });

  it('uses full jitter: the delay is random() times the ceiling', async () => {
    const { delays, options: opts } = options({ random: () => 0.5 });
    await retryWithBackoff(async attempt => {
      if (attempt < 3) throw new Retryable('again');
      return 1;
    }, opts);
    expect(delays).toEqual([50, 100]);
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    const pending = retryWithBackoff(
      async () => {
        throw new Retryable('again');
      },
      {
        maxAttempts: 5,
        baseDelayMs: 60_000,
        maxDelayMs: 60_000,
        isRetryable: () => true,
        random: () => 1,
        signal: controller.signal,
      },
    );
    controller.abort(new Error('shutting down'));
    await expect(pending).rejects.toThrow('shutting down');
  });
});

describe('abortableSleep', () => {
  it('rejects at once for an aborted signal and resolves otherwise', async () => {
    await expect(
      abortableSleep(1, AbortSignal.abort(new Error('gone'))),
    ).rejects.toThrow('gone');
    await expect(abortableSleep(1)).resolves.toBeUndefined();
  });
});
