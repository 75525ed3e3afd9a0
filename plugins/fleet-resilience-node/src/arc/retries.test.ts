import { ArcZonalShiftError } from './ArcZonalShiftError';
import { backoffDelay } from './transport';
import {
  caught,
  startArcTestServer,
  type ArcTestServer,
} from './__testUtils__/arcTestServer';

describe('ArcZonalShiftClient retries', () => {
  let sim: ArcTestServer;
  beforeEach(async () => {
    sim = await startArcTestServer();
  });
  afterEach(() => sim.close());

  const failFirst = (count: number, type: string, status: number) => {
    sim.fault = (_request, attempt) =>
      attempt <= count
        ? sim.arc.error(type, `injected ${type}`, status)
        : undefined;
  };

  it('retries throttling (429) until it passes', async () => {
    failFirst(2, 'ThrottlingException', 429);
    const page = await sim.client().listManagedResources();
    expect(page.items).toHaveLength(2);
    expect(sim.requests).toHaveLength(3);
  });

  it('retries a 500 and gives up after maxAttempts with a retryable error', async () => {
    failFirst(10, 'InternalServerException', 500);
    const error = await caught(() => sim.client().listZonalShifts());
    expect(error).toBeInstanceOf(ArcZonalShiftError);
    expect(error).toMatchObject({
      name: 'InternalServerException',
      statusCode: 500,
      retryable: true,
    });
    expect(sim.requests).toHaveLength(3);
  });

  it('honours maxAttempts', async () => {
    failFirst(4, 'ThrottlingException', 429);
    await sim.client({ maxAttempts: 5 }).listAutoshifts();
    expect(sim.requests).toHaveLength(5);
  });

  it('retries a start that was throttled, and the shift is started once', async () => {
    failFirst(1, 'ThrottlingException', 429);
    await sim.client().startZonalShift({
      resourceIdentifier: 'arn:aws:eks:us-east-1:111122223333:cluster/prod',
      awayFrom: 'use1-az1',
      expiresIn: '1h',
      comment: 'retried',
    });
    expect(sim.requests).toHaveLength(2);
    expect((await sim.client().listZonalShifts()).items).toHaveLength(1);
  });

  it.each([
    ['ValidationException', 400],
    ['AccessDeniedException', 403],
    ['ResourceNotFoundException', 404],
    ['ConflictException', 409],
  ])('never retries %s (%i)', async (type, status) => {
    failFirst(1, type, status);
    const error = await caught(() => sim.client().listZonalShifts());
    expect(error).toMatchObject({
      name: type,
      statusCode: status,
      retryable: false,
    });
    expect(sim.requests).toHaveLength(1);
  });
});

describe('backoffDelay', () => {
  const delay = { baseMs: 100, maxMs: 1_000 };

  it('grows exponentially under a cap, with full jitter', () => {
    expect(
      [1, 2, 3, 4, 5].map(attempt => backoffDelay(attempt, delay, () => 0.5)),
    ).toEqual([50, 100, 200, 400, 500]);
    expect(backoffDelay(3, delay, () => 0)).toBe(0);
    expect(backoffDelay(30, delay, () => 0.999)).toBeLessThan(1_000);
  });
});
