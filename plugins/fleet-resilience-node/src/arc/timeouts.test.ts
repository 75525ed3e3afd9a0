import type { SimResponse } from '@fleet-resilience/fleet-simulator';
import { ArcZonalShiftTimeoutError } from './transport';
import {
  caught,
  PROD,
  startArcTestServer,
  type ArcTestServer,
} from './__testUtils__/arcTestServer';

/** A fault that never answers: the request is neither applied nor answered. */
const hang = () => new Promise<SimResponse>(() => undefined) as never;

describe('ArcZonalShiftClient timeouts', () => {
  let sim: ArcTestServer;
  beforeEach(async () => {
    sim = await startArcTestServer();
  });
  afterEach(() => sim.close());

  const start = (client: ReturnType<ArcTestServer['client']>) =>
    client.startZonalShift({
      resourceIdentifier: PROD,
      awayFrom: 'use1-az1',
      expiresIn: '1h',
      comment: 'timeout test',
    });

  it('fails a hung read after the attempt timeout, retrying it within maxAttempts', async () => {
    sim.fault = hang;
    const began = Date.now();
    const error = await caught(() =>
      sim
        .client({ attemptTimeoutMs: 100, deadlineMs: 5_000, maxAttempts: 3 })
        .listZonalShifts(),
    );
    expect(error).toBeInstanceOf(ArcZonalShiftTimeoutError);
    expect(error).toMatchObject({
      name: 'TimeoutError',
      mayHaveApplied: false,
    });
    expect(error.message).toContain('within the attempt timeout (100 ms)');
    expect(sim.requests).toHaveLength(3);
    expect(Date.now() - began).toBeLessThan(2_000);
  });

  it('retries a read that timed out once, and answers', async () => {
    sim.fault = (_request, attempt) => (attempt === 1 ? hang() : undefined);
    const page = await sim
      .client({ attemptTimeoutMs: 100, deadlineMs: 5_000 })
      .listManagedResources();
    expect(page.items.length).toBeGreaterThan(0);
    expect(sim.requests).toHaveLength(2);
  });

  it('never retries a write that timed out: ARC may have applied it', async () => {
    sim.fault = hang;
    const error = await caught(() =>
      start(sim.client({ attemptTimeoutMs: 100, maxAttempts: 5 })),
    );
    expect(error).toMatchObject({ name: 'TimeoutError', mayHaveApplied: true });
    expect(error.message).toContain('may have been applied');
    expect(sim.requests).toHaveLength(1);
  });

  it('bounds the whole call, retries and backoff included, by the deadline', async () => {
    sim.fault = hang;
    const began = Date.now();
    const error = await caught(() =>
      sim
        .client({ attemptTimeoutMs: 200, deadlineMs: 300, maxAttempts: 10 })
        .listAutoshifts(),
    );
    expect(error.message).toContain("within the call's deadline (300 ms)");
    expect(sim.requests.length).toBeLessThanOrEqual(2);
    expect(Date.now() - began).toBeLessThan(1_500);
  });

  it('stops retrying throttling when the backoff would pass the deadline', async () => {
    sim.fault = () =>
      sim.arc.error('ThrottlingException', 'slow down', 429) as SimResponse;
    const error = await caught(() =>
      sim
        .client({
          deadlineMs: 50,
          maxAttempts: 10,
          retryDelay: { baseMs: 200, maxMs: 200 },
        })
        .listZonalShifts(),
    );
    expect(error).toMatchObject({ name: 'ThrottlingException' });
    // Full jitter may draw a short wait; never all ten attempts.
    expect(sim.requests.length).toBeLessThan(10);
  });

  it('refuses timeouts that are not positive integers', () => {
    expect(() => sim.client({ attemptTimeoutMs: 0 })).toThrow(
      'attemptTimeoutMs must be a positive integer',
    );
    expect(() => sim.client({ deadlineMs: 1.5 })).toThrow(
      'deadlineMs must be a positive integer',
    );
  });
});
