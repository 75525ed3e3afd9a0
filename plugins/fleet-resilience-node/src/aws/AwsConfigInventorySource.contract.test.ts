/**
 * AwsConfigInventorySource against the simulated fleet over HTTP, through
 * the real AWS SDK Config client and the real Backstage credentials manager.
 */
import {
  createConfigService,
  startServer,
  type AwsServiceHandler,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import {
  AGGREGATOR,
  clusterArn,
  PROD,
  REGIONS,
  SHARED,
  simulatorConfig,
  startDemoSimulator,
} from '../__testUtils__/simulator';
import { observedConfigClients } from '../__testUtils__/observedConfigClients';
import type { InventorySnapshot } from '../sources/types';
import { AwsClientFactory } from './AwsClientFactory';
import { AwsConfigInventorySource } from './AwsConfigInventorySource';

// The demo fleet (examples/fleets/demo.yaml): name -> [account, region, version, zone count].
const DEMO: Record<string, [string, string, string, number]> = {
  'payments-prod-use1': [PROD, 'us-east-1', '1.33', 3],
  'payments-prod-usw2': [PROD, 'us-west-2', '1.33', 3],
  'search-prod-use1': [SHARED, 'us-east-1', '1.32', 3],
  'search-prod-euw1': [SHARED, 'eu-west-1', '1.33', 3],
  'search-staging-usw2': [SHARED, 'us-west-2', '1.31', 3],
  'platform-tools-use1': [PROD, 'us-east-1', '1.32', 3],
  'platform-observability-euw1': [PROD, 'eu-west-1', '1.33', 3],
  'payments-dr-euw1': [SHARED, 'eu-west-1', '1.33', 2],
  'search-indexer-use1': [PROD, 'us-east-1', '1.31', 3],
  'checkout-canary-use1': [SHARED, 'us-east-1', '1.33', 4],
  'data-platform-usw2': [PROD, 'us-west-2', '1.32', 2],
  'identity-prod-euw1': [PROD, 'eu-west-1', '1.33', 3],
};
const ALL_ACCOUNTS = [PROD, SHARED].map(accountId => ({
  accountId,
  regions: REGIONS,
}));

const names = (snapshot: InventorySnapshot) =>
  snapshot.clusters.map(c => c.ref.name).sort();

/** The real clients, each call noted (see observedConfigClients). */
function observed(factory: AwsClientFactory) {
  const { seen, clients } = observedConfigClients(factory);
  return { calls: seen.calls, clients };
}

describe('AwsConfigInventorySource against the simulator', () => {
  let sim: RunningSimulator;
  let factory: AwsClientFactory;

  beforeAll(async () => {
    sim = await startDemoSimulator();
    factory = AwsClientFactory.fromConfig(simulatorConfig(sim.url));
  });
  afterAll(() => sim.stop());
  afterEach(() => sim.setFaults({ seed: 1, services: {} }));

  describe('aggregator mode', () => {
    let snapshot: InventorySnapshot;
    beforeAll(async () => {
      const source = new AwsConfigInventorySource({
        clients: factory,
        scope: { mode: 'aggregator', aggregator: AGGREGATOR },
        allowInsecureEndpoints: true,
      });
      snapshot = await source.readInventory();
    });

    it('returns every cluster of both accounts and three regions, as the fleet file has them', () => {
      expect(snapshot.problems).toEqual([]);
      expect(names(snapshot)).toEqual(Object.keys(DEMO).sort());
      for (const cluster of snapshot.clusters) {
        const [accountId, region, version, zoneCount] = DEMO[cluster.ref.name];
        expect(cluster.ref).toEqual({
          accountId,
          region,
          name: cluster.ref.name,
          arn: clusterArn(accountId, region, cluster.ref.name),
        });
        expect(cluster.version).toBe(version);
        expect(cluster.status).toBe('ACTIVE');
        expect(cluster.subnetIds).toHaveLength(zoneCount);
        expect(cluster.endpoint).toMatch(new RegExp(`^${sim.url}/k8s/`));
        expect(cluster.certificateAuthorityData).toMatch(/^[A-Za-z0-9+/]+=*$/);
        expect(cluster.capturedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      }
      const payments = snapshot.clusters.find(
        c => c.ref.name === 'payments-prod-use1',
      )!;
      expect(payments.tags).toEqual({
        owner: 'payments-team',
        system: 'payments',
        environment: 'prod',
      });
    });

    it('returns exactly the subnets the clusters use, with each account’s own AZ mapping', () => {
      const used = new Set(snapshot.clusters.flatMap(c => c.subnetIds));
      expect(new Set(snapshot.subnets.map(s => s.subnetId))).toEqual(used);
      expect(snapshot.subnets).toHaveLength(35);
      const zonesOf = (name: string) => {
        const cluster = snapshot.clusters.find(c => c.ref.name === name)!;
        return snapshot.subnets
          .filter(s => cluster.subnetIds.includes(s.subnetId))
          .map(s => `${s.zone.name}=${s.zone.id}`)
          .sort();
      };
      // us-east-1a is use1-az1 in the prod account but use1-az4 in shared-services.
      expect(zonesOf('payments-prod-use1')).toEqual([
        'us-east-1a=use1-az1',
        'us-east-1b=use1-az2',
        'us-east-1c=use1-az4',
      ]);
      expect(zonesOf('checkout-canary-use1')).toEqual([
        'us-east-1a=use1-az4',
        'us-east-1b=use1-az6',
        'us-east-1c=use1-az1',
        'us-east-1d=use1-az2',
      ]);
    });

    it('follows NextToken through small pages to the same result', async () => {
      const { calls, clients } = observed(factory);
      const paged = await new AwsConfigInventorySource({
        clients,
        scope: { mode: 'aggregator', aggregator: AGGREGATOR },
        allowInsecureEndpoints: true,
        pageSize: 5,
      }).readInventory();
      expect(names(paged)).toEqual(names(snapshot));
      expect(paged.subnets).toHaveLength(35);
      // The counts; each account's clusters (PROD 7: two pages, SHARED 5:
      // one); the remainder (one empty page); each account's subnets in
      // queries of at most 5 IDs (PROD 20: four, SHARED 15: three).
      expect(calls).toHaveLength(1 + 2 + 1 + 1 + 4 + 3);
    });

    it('keeps the clusters but drops their http endpoints when insecure endpoints are not allowed', async () => {
      const strict = await new AwsConfigInventorySource({
        clients: factory,
        scope: { mode: 'aggregator', aggregator: AGGREGATOR },
      }).readInventory();
      expect(strict.clusters).toHaveLength(12);
      expect(strict.clusters.every(c => c.endpoint === undefined)).toBe(true);
      expect(strict.problems).toHaveLength(12);
      expect(strict.problems[0].message).toContain('must use https');
    });

    it('filters by tag inside the query', async () => {
      const read = (tagFilters: Array<{ key: string; value?: string }>) =>
        new AwsConfigInventorySource({
          clients: factory,
          scope: { mode: 'aggregator', aggregator: AGGREGATOR },
          allowInsecureEndpoints: true,
          tagFilters,
        }).readInventory();
      expect(
        names(await read([{ key: 'owner', value: 'payments-team' }])),
      ).toEqual([
        'checkout-canary-use1',
        'payments-dr-euw1',
        'payments-prod-use1',
        'payments-prod-usw2',
      ]);
      expect(
        names(
          await read([
            { key: 'owner', value: 'payments-team' },
            { key: 'environment', value: 'prod' },
          ]),
        ),
      ).toEqual(['payments-prod-use1', 'payments-prod-usw2']);
      expect(await read([{ key: 'team' }])).toMatchObject({
        clusters: [],
        subnets: [],
      });
    });

    it('rejects, naming the aggregator, when the aggregator does not exist', async () => {
      const source = new AwsConfigInventorySource({
        clients: factory,
        scope: {
          mode: 'aggregator',
          aggregator: { ...AGGREGATOR, name: 'no-such-aggregator' },
        },
      });
      await expect(source.readInventory()).rejects.toThrow(
        /aggregator 'no-such-aggregator' in 111122223333\/us-east-1 could not be read.*NoSuchConfigurationAggregatorException/,
      );
    });
  });

  describe('accounts mode', () => {
    it('reads each account’s recorder per region and finds the same fleet', async () => {
      const { calls, clients } = observed(factory);
      const snapshot = await new AwsConfigInventorySource({
        clients,
        scope: { mode: 'accounts', accounts: ALL_ACCOUNTS },
        allowInsecureEndpoints: true,
        concurrency: 2,
      }).readInventory();
      expect(snapshot.problems).toEqual([]);
      expect(snapshot.incompleteScopes).toBeUndefined();
      expect(names(snapshot)).toEqual(Object.keys(DEMO).sort());
      expect(snapshot.subnets).toHaveLength(35);
      expect(new Set(calls.map(call => call.scope)).size).toBe(6);
    });

    it('reads one account in one region', async () => {
      const snapshot = await new AwsConfigInventorySource({
        clients: factory,
        scope: {
          mode: 'accounts',
          accounts: [{ accountId: PROD, regions: ['us-east-1'] }],
        },
        allowInsecureEndpoints: true,
        pageSize: 1,
      }).readInventory();
      expect(names(snapshot)).toEqual([
        'payments-prod-use1',
        'platform-tools-use1',
        'search-indexer-use1',
      ]);
      expect(
        snapshot.subnets.every(
          s => s.accountId === PROD && s.region === 'us-east-1',
        ),
      ).toBe(true);
      expect(snapshot.subnets).toHaveLength(9);
    });

    it('reports an account/region it cannot read and returns the others', async () => {
      const snapshot = await new AwsConfigInventorySource({
        clients: {
          config: target =>
            target.accountId === SHARED && target.region === 'eu-west-1'
              ? Promise.reject(
                  new Error('AccessDeniedException: not authorized'),
                )
              : factory.config(target),
        },
        scope: { mode: 'accounts', accounts: ALL_ACCOUNTS },
        allowInsecureEndpoints: true,
      }).readInventory();
      expect(snapshot.incompleteScopes).toEqual([
        { accountId: SHARED, region: 'eu-west-1' },
      ]);
      expect(snapshot.problems).toEqual([
        {
          source: 'aws-config',
          resource: `${SHARED}/eu-west-1`,
          message: expect.stringContaining('AccessDeniedException'),
        },
      ]);
      expect(names(snapshot)).toEqual(
        Object.keys(DEMO)
          .filter(
            name => !['search-prod-euw1', 'payments-dr-euw1'].includes(name),
          )
          .sort(),
      );
    });

    it('rejects when no account/region can be read', async () => {
      sim.setFaults({ seed: 1, services: { config: { errorRate: 1 } } });
      const source = new AwsConfigInventorySource({
        clients: AwsClientFactory.fromConfig(
          simulatorConfig(sim.url, {
            fleetResilience: { aws: { maxAttempts: 1 } },
          }),
        ),
        scope: { mode: 'accounts', accounts: ALL_ACCOUNTS },
      });
      await expect(source.readInventory()).rejects.toThrow(
        /could not be read in any of 6 account\/region\(s\).*InternalFailure/,
      );
    });
  });

  it('retries injected throttling and 5xx and loses nothing', async () => {
    const faults = {
      seed: 5,
      services: { config: { throttleRate: 0.15, errorRate: 0.15 } },
    };
    const read = async (maxAttempts: number) => {
      sim.setFaults(faults);
      const { calls, clients } = observed(
        AwsClientFactory.fromConfig(
          simulatorConfig(sim.url, {
            fleetResilience: { aws: { maxAttempts } },
          }),
        ),
      );
      const snapshot = await new AwsConfigInventorySource({
        clients,
        scope: { mode: 'aggregator', aggregator: AGGREGATOR },
        allowInsecureEndpoints: true,
        pageSize: 4,
      }).readInventory();
      return { snapshot, calls };
    };
    // Without retries the same seeded faults fail the read: faults were injected.
    await expect(read(1)).rejects.toThrow(
      /ThrottlingException|InternalFailure/,
    );
    const { snapshot, calls } = await read(6);
    expect(names(snapshot)).toEqual(Object.keys(DEMO).sort());
    expect(snapshot.subnets).toHaveLength(35);
    expect(calls.some(call => (call.attempts ?? 0) > 1)).toBe(true);
  }, 60_000);

  it('turns corrupted rows into problems and reads the rest', async () => {
    // The simulator's own Config emulator, with two rows of its answer corrupted on the way out.
    const inner = createConfigService(sim.model);
    const corrupting: AwsServiceHandler = {
      ...inner,
      async handle(request, caller) {
        const response = await inner.handle(request, caller);
        const body = JSON.parse(response.body ?? '{}') as {
          Results?: string[];
        };
        body.Results = body.Results?.map(row => {
          const parsed = JSON.parse(row) as Record<string, unknown>;
          if (parsed.resourceName === 'search-prod-use1')
            return '{"arn": "arn:aws:eks:nowhere"';
          if (parsed.resourceName === 'payments-dr-euw1')
            return JSON.stringify({ ...parsed, configuration: '{not json' });
          return row;
        });
        return { ...response, body: JSON.stringify(body) };
      },
    };
    const notFound = async (
      _req: unknown,
      res: { statusCode: number; end(): void },
    ) => {
      res.statusCode = 404;
      res.end();
    };
    const server = await startServer({
      aws: [corrupting],
      kubernetes: notFound,
      control: notFound,
    });
    try {
      const snapshot = await new AwsConfigInventorySource({
        clients: AwsClientFactory.fromConfig(simulatorConfig(server.url)),
        scope: { mode: 'aggregator', aggregator: AGGREGATOR },
        allowInsecureEndpoints: true,
      }).readInventory();
      expect(snapshot.clusters).toHaveLength(10);
      expect(names(snapshot)).not.toContain('search-prod-use1');
      expect(snapshot.problems).toEqual([
        expect.objectContaining({
          source: 'aws-config',
          message: expect.stringContaining('not JSON'),
        }),
        expect.objectContaining({
          source: 'aws-config',
          resource: clusterArn(SHARED, 'eu-west-1', 'payments-dr-euw1'),
          message: expect.stringContaining(
            'configuration is a string but not JSON',
          ),
        }),
      ]);
      // The subnets of the clusters that were read, and only those.
      expect(snapshot.subnets).toHaveLength(35 - 3 - 2);
    } finally {
      await server.close();
    }
  });
});
