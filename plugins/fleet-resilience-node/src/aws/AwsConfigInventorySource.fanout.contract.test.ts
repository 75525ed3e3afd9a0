/**
 * The fanned-out AWS Config read (account partitions and subnet batches at
 * once) against a generated fleet of many accounts, through the real AWS
 * SDK Config client over HTTP: it must find exactly what one query read
 * page after page finds, keep its requests in flight within its bound, and
 * still read everything when it may not read the aggregator's counts.
 */
import {
  SelectAggregateResourceConfigCommand,
  type ConfigServiceClient,
} from '@aws-sdk/client-config-service';
import { ConfigReader } from '@backstage/config';
import {
  accessKeyIdFor,
  generateFleet,
  SIMULATOR_SECRET_ACCESS_KEY,
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import { observedConfigClients } from '../__testUtils__/observedConfigClients';
import type { InventorySnapshot } from '../sources/types';
import { AwsClientFactory } from './AwsClientFactory';
import { AwsConfigInventorySource } from './AwsConfigInventorySource';
import { buildClusterQuery, buildSubnetQueries } from './configQuery';
import { parseClusterRow, parseSubnetRow } from './configRows';

const FLEET = generateFleet({
  clusters: 150,
  nodesPerCluster: 1,
  podsPerCluster: 1,
  seed: 18,
  accounts: 7,
  regions: ['us-east-1', 'us-west-2', 'eu-west-1'],
});
const ACCOUNTS = FLEET.accounts.map(account => account.id);
const AGGREGATOR = {
  accountId: ACCOUNTS[0],
  region: 'us-east-1',
  name: 'fleet-aggregator',
};

function clientsFor(url: string, maxAttempts = 5) {
  return AwsClientFactory.fromConfig(
    new ConfigReader({
      aws: {
        accounts: ACCOUNTS.map(accountId => ({
          accountId,
          accessKeyId: accessKeyIdFor(accountId),
          secretAccessKey: SIMULATOR_SECRET_ACCESS_KEY,
        })),
      },
      fleetResilience: { aws: { endpoints: { config: url }, maxAttempts } },
    }),
  );
}

/** What the inventory read before fanning out did: one cluster query, then the subnets, page after page. */
async function readSequentially(
  client: ConfigServiceClient,
  pageSize: number,
): Promise<Pick<InventorySnapshot, 'clusters' | 'subnets'>> {
  const all = async (expression: string) => {
    const rows: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new SelectAggregateResourceConfigCommand({
          ConfigurationAggregatorName: AGGREGATOR.name,
          Expression: expression,
          Limit: pageSize,
          NextToken: token,
        }),
      );
      rows.push(...(page.Results ?? []));
      token = page.NextToken;
    } while (token);
    return rows;
  };
  const clusters = (await all(buildClusterQuery())).flatMap(row => {
    const parsed = parseClusterRow(row, { allowInsecureEndpoints: true });
    return parsed.ok ? [parsed.value] : [];
  });
  const subnets = [];
  for (const query of buildSubnetQueries(clusters.flatMap(c => c.subnetIds))) {
    for (const row of await all(query)) {
      const parsed = parseSubnetRow(row);
      if (parsed.ok) subnets.push(parsed.value);
    }
  }
  return { clusters, subnets };
}

const sorted = <T>(items: T[], key: (item: T) => string) =>
  [...items].sort((a, b) => key(a).localeCompare(key(b)));

describe('AwsConfigInventorySource fanning out over an aggregator', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator({ fleet: FLEET, seed: 18 });
  });
  afterAll(() => sim.stop());
  afterEach(() => {
    sim.setFaults({ seed: 1, services: {} });
    sim.setIamDenies([]);
  });

  const read = async (options: {
    concurrency: number;
    pageSize: number;
    maxAttempts?: number;
  }) => {
    const { maxAttempts, ...sourceOptions } = options;
    const { seen, clients } = observedConfigClients(
      clientsFor(sim.url, maxAttempts),
    );
    const snapshot = await new AwsConfigInventorySource({
      clients,
      scope: { mode: 'aggregator', aggregator: AGGREGATOR },
      allowInsecureEndpoints: true,
      ...sourceOptions,
    }).readInventory();
    return { snapshot, seen };
  };

  it('finds exactly the clusters and subnets one query read page after page finds', async () => {
    const reference = await readSequentially(
      await clientsFor(sim.url).config(AGGREGATOR),
      7,
    );
    expect(reference.clusters).toHaveLength(150);
    const { snapshot, seen } = await read({ concurrency: 5, pageSize: 7 });
    expect(snapshot.problems).toEqual([]);
    expect(sorted(snapshot.clusters, c => c.ref.arn)).toEqual(
      sorted(reference.clusters, c => c.ref.arn),
    );
    expect(sorted(snapshot.subnets, s => s.subnetId)).toEqual(
      sorted(reference.subnets, s => s.subnetId),
    );
    // It asked for the counts once, and read in several partitions at once.
    expect(
      seen.calls.filter(
        c => c.command === 'GetAggregateDiscoveredResourceCountsCommand',
      ),
    ).toHaveLength(1);
    expect(seen.peak).toBeGreaterThan(1);
  });

  it('never has more requests in flight than its concurrency', async () => {
    sim.setFaults({ seed: 1, services: { config: { latencyMs: 20 } } });
    const { snapshot, seen } = await read({ concurrency: 3, pageSize: 10 });
    expect(snapshot.clusters).toHaveLength(150);
    expect(seen.peak).toBe(3);
  });

  it('costs about the pages it reads: clusters and subnets a page at a time, plus the counts and the remainder', async () => {
    const { snapshot, seen } = await read({ concurrency: 4, pageSize: 100 });
    const clusterPages = Math.ceil(150 / 100);
    const subnetPages = Math.ceil(snapshot.subnets.length / 100);
    // Per account at most one part-filled page more than the page count, plus the counts and the remainder.
    expect(seen.calls.length).toBeLessThanOrEqual(
      clusterPages + subnetPages + ACCOUNTS.length + 2,
    );
  });

  it('reads everything in one query, and says which permission is missing, when it may not read the counts', async () => {
    sim.setIamDenies([
      { action: 'config:GetAggregateDiscoveredResourceCounts' },
    ]);
    const { snapshot, seen } = await read({ concurrency: 4, pageSize: 25 });
    expect(snapshot.clusters).toHaveLength(150);
    expect(snapshot.problems).toEqual([
      expect.objectContaining({
        source: 'aws-config',
        message: expect.stringContaining(
          'config:GetAggregateDiscoveredResourceCounts is denied',
        ),
      }),
    ]);
    expect(seen.calls.map(c => c.command)).toContain(
      'GetAggregateDiscoveredResourceCountsCommand',
    );
  });

  it('loses nothing under heavy throttling: the SDK backs off and retries', async () => {
    // A request fails only if all 10 attempts are throttled (0.2^10).
    sim.setFaults({ seed: 9, services: { config: { throttleRate: 0.2 } } });
    const { snapshot, seen } = await read({
      concurrency: 6,
      pageSize: 10,
      maxAttempts: 10,
    });
    expect(snapshot.clusters).toHaveLength(150);
    expect(snapshot.problems).toEqual([]);
    expect(seen.calls.some(c => (c.attempts ?? 0) > 1)).toBe(true);
  }, 60_000);
});
