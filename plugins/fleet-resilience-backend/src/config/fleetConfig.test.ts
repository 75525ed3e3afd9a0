import { ConfigReader } from '@backstage/config';
import { MAX_REFRESH_SHARDS } from '../domain/refreshShards';
import { readFleetResilienceConfig } from './fleetConfig';

function read(fleetResilience: unknown) {
  return readFleetResilienceConfig(
    new ConfigReader(
      fleetResilience === undefined ? {} : ({ fleetResilience } as never),
    ),
  );
}

describe('readFleetResilienceConfig', () => {
  it('has defaults for everything', () => {
    expect(read(undefined)).toEqual({
      tags: { owner: 'owner', system: 'system' },
      schedules: {
        aws: { frequency: { minutes: 1 }, timeout: { minutes: 5 } },
        kubernetes: { frequency: { minutes: 2 }, timeout: { minutes: 10 } },
      },
      kubernetesShards: { count: 1, atOnce: 1 },
      awsConcurrency: 4,
      eksRecheckMs: 30 * 60_000,
      kubernetes: { concurrency: 8, timeoutMs: 30_000 },
      snapshotsPerCluster: 10,
      awsConfigInventory: false,
    });
  });

  it('reads every key', () => {
    const config = read({
      tags: { owner: 'team', system: 'app:system' },
      refresh: {
        aws: {
          schedule: {
            frequency: { seconds: 30 },
            timeout: 'PT2M',
            initialDelay: { seconds: 5 },
          },
          concurrency: 2,
        },
        kubernetes: {
          schedule: { frequency: { cron: '*/5 * * * *' } },
          shards: 8,
          shardsAtOnce: 2,
        },
        eks: { recheckAfter: { hours: 1 } },
      },
      kubernetes: { concurrency: 16, timeout: { seconds: 5 } },
      history: { capacitySnapshotsPerCluster: 3 },
      inventory: { awsConfig: { accounts: [] } },
    });
    expect(config.tags).toEqual({ owner: 'team', system: 'app:system' });
    expect(config.schedules.aws).toMatchObject({
      frequency: { seconds: 30 },
      initialDelay: { seconds: 5 },
    });
    expect(config.schedules.kubernetes).toMatchObject({
      frequency: { cron: '*/5 * * * *' },
      timeout: { minutes: 10 },
    });
    expect(config.kubernetesShards).toEqual({ count: 8, atOnce: 2 });
    expect(config.awsConcurrency).toBe(2);
    expect(config.eksRecheckMs).toBe(3600_000);
    expect(config.kubernetes).toEqual({ concurrency: 16, timeoutMs: 5000 });
    expect(config.snapshotsPerCluster).toBe(3);
    expect(config.awsConfigInventory).toBe(true);
  });

  it.each([
    [
      { kubernetes: { concurrency: 0 } },
      "Invalid config at 'fleetResilience.kubernetes.concurrency': must be an integer from 1 to 256, got 0",
    ],
    [
      { kubernetes: { concurrency: 2.5 } },
      "'fleetResilience.kubernetes.concurrency'",
    ],
    [
      { kubernetes: { concurrency: 'many' } },
      "Invalid config at 'fleetResilience.kubernetes.concurrency': must be a number",
    ],
    [
      { kubernetes: { timeout: { seconds: 0 } } },
      "Invalid config at 'fleetResilience.kubernetes.timeout': must be at least 100 ms",
    ],
    [
      { kubernetes: { timeout: 'soon' } },
      "Invalid config at 'fleetResilience.kubernetes.timeout'",
    ],
    [
      { refresh: { aws: { schedule: { frequency: 'often' } } } },
      "Invalid config at 'fleetResilience.refresh.aws.schedule'",
    ],
    [
      { refresh: { aws: { schedule: 5 } } },
      "Invalid config at 'fleetResilience.refresh.aws.schedule': must be an object with frequency and timeout",
    ],
    [
      { refresh: { aws: { concurrency: 100 } } },
      "'fleetResilience.refresh.aws.concurrency': must be an integer from 1 to 64, got 100",
    ],
    [
      { refresh: { kubernetes: { shards: 0 } } },
      "Invalid config at 'fleetResilience.refresh.kubernetes.shards': must be an integer from 1 to 256, got 0",
    ],
    [
      { refresh: { kubernetes: { shards: 257 } } },
      "'fleetResilience.refresh.kubernetes.shards': must be an integer from 1 to 256, got 257",
    ],
    [
      { refresh: { kubernetes: { shards: 1.5 } } },
      "'fleetResilience.refresh.kubernetes.shards': must be an integer",
    ],
    [
      { refresh: { kubernetes: { shards: 'four' } } },
      "Invalid config at 'fleetResilience.refresh.kubernetes.shards': must be a number",
    ],
    [
      { refresh: { kubernetes: { shardsAtOnce: 0 } } },
      "Invalid config at 'fleetResilience.refresh.kubernetes.shardsAtOnce': must be an integer from 1 to 256, got 0",
    ],
    [
      { refresh: { kubernetes: { shardsAtOnce: -2 } } },
      "'fleetResilience.refresh.kubernetes.shardsAtOnce'",
    ],
    [
      { tags: { owner: '' } },
      "Invalid config at 'fleetResilience.tags.owner': must be a string",
    ],
    [
      { tags: { owner: 'x'.repeat(129) } },
      "Invalid config at 'fleetResilience.tags.owner': must be an AWS tag key",
    ],
    [{ tags: { system: ' team ' } }, "'fleetResilience.tags.system'"],
    [
      { history: { capacitySnapshotsPerCluster: 5000 } },
      "'fleetResilience.history.capacitySnapshotsPerCluster'",
    ],
  ])('fails with a message naming the key for %j', (given, message) => {
    expect(() => read(given)).toThrow(message);
  });

  it('allows as many shards as the shard functions do', () => {
    expect(
      read({ refresh: { kubernetes: { shards: MAX_REFRESH_SHARDS } } })
        .kubernetesShards.count,
    ).toBe(MAX_REFRESH_SHARDS);
    expect(() =>
      read({ refresh: { kubernetes: { shards: MAX_REFRESH_SHARDS + 1 } } }),
    ).toThrow('refresh.kubernetes.shards');
  });
});
