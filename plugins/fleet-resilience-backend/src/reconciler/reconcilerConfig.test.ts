import { ConfigReader } from '@backstage/config';
import { readReconcilerConfig } from './reconcilerConfig';

const read = (reconciler: unknown) =>
  readReconcilerConfig(
    new ConfigReader({ fleetResilience: { reconciler } } as never),
  );

describe('readReconcilerConfig', () => {
  it('has defaults', () => {
    expect(readReconcilerConfig(new ConfigReader({}))).toEqual({
      enabled: true,
      mode: 'nodepool',
      overrides: new Map(),
      pollIntervalMs: 2_000,
      leaseMs: 60_000,
      concurrency: 16,
      clusterTimeoutMs: 20_000,
      maxConflictRetries: 5,
      kickCheckIntervalMs: 200,
      inventoryRefreshMs: 15_000,
    });
  });

  it('reads every key', () => {
    const arn = 'arn:aws:eks:us-east-1:111122223333:cluster/c1';
    expect(
      read({
        enabled: false,
        mode: 'keep-nodes',
        overrides: [{ arn, mode: 'observe' }],
        modeTag: 'fleet-resilience/reconcile-mode',
        pollInterval: '3s',
        lease: { minutes: 2 },
        concurrency: 4,
        clusterTimeout: { seconds: 30 },
        maxConflictRetries: 0,
        kickCheckInterval: { milliseconds: 100 },
      }),
    ).toEqual({
      enabled: false,
      mode: 'keep-nodes',
      overrides: new Map([[arn, 'observe']]),
      modeTag: 'fleet-resilience/reconcile-mode',
      pollIntervalMs: 3_000,
      leaseMs: 120_000,
      concurrency: 4,
      clusterTimeoutMs: 30_000,
      maxConflictRetries: 0,
      kickCheckIntervalMs: 100,
      inventoryRefreshMs: 15_000,
    });
  });

  it.each([
    [
      { mode: 'fight' },
      "'fleetResilience.reconciler.mode': must be one of nodepool, keep-nodes, observe, got 'fight'",
    ],
    [
      { pollInterval: { milliseconds: 10 } },
      "'fleetResilience.reconciler.pollInterval': must be from 500 ms",
    ],
    [
      { concurrency: 0 },
      "'fleetResilience.reconciler.concurrency': must be an integer from 1 to 256, got 0",
    ],
    [
      { lease: '20s' },
      "'fleetResilience.reconciler.lease': must be at least twice clusterTimeout",
    ],
    [
      { overrides: [{ arn: 'not-an-arn', mode: 'observe' }] },
      "'fleetResilience.reconciler.overrides[0].arn': must be an EKS cluster ARN",
    ],
    [
      {
        overrides: [
          { arn: 'arn:aws:eks:us-east-1:111122223333:cluster/c1', mode: 'x' },
        ],
      },
      "'fleetResilience.reconciler.overrides[0].mode': must be one of",
    ],
    [
      { enabled: 'yes please' },
      "'fleetResilience.reconciler.enabled': must be true or false",
    ],
    [
      { modeTag: ' padded ' },
      "'fleetResilience.reconciler.modeTag': must be an AWS tag key",
    ],
  ])('rejects %p', (reconciler, message) => {
    expect(() => read(reconciler)).toThrow(message);
  });
});
