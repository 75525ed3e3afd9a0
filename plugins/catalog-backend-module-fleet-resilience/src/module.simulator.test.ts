/**
 * One inventory pipeline, end to end: the simulated demo fleet over HTTP, the
 * real Fleet Resilience backend reading it (AWS Config, once) into its store,
 * the real catalog plugin, and this module reading the backend's inventory
 * with a plugin token; the entities are read back through the catalog's HTTP
 * API. Each plugin has its own database, on SQLite and PostgreSQL.
 */
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogBackend from '@backstage/plugin-catalog-backend';
import {
  accessKeyIdFor,
  DEFAULT_AGGREGATOR,
  SIMULATOR_SECRET_ACCESS_KEY,
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- test only: the backend whose inventory the module reads
import fleetResilienceBackend from '@fleet-resilience/plugin-fleet-resilience-backend';
import type { Knex } from 'knex';
import { resolve } from 'node:path';
import { catalogModuleFleetResilience } from './module';

const DEMO_FLEET = resolve(__dirname, '../../../examples/fleets/demo.yaml');
const PROD = '111122223333';
const REFRESH_TASK = 'FleetResilienceEntityProvider:refresh';

jest.setTimeout(120_000);

const databases = TestDatabases.create();

function backendConfig(simulator: RunningSimulator) {
  const accounts = simulator.model.accounts().map(account => account.accountId);
  return {
    aws: {
      accounts: accounts.map(accountId => ({
        accountId,
        accessKeyId: accessKeyIdFor(accountId),
        secretAccessKey: SIMULATOR_SECRET_ACCESS_KEY,
      })),
    },
    fleetResilience: {
      aws: {
        endpoints: Object.fromEntries(
          ['config', 'arc', 'resiliencehub', 'eks'].map(service => [
            service,
            simulator.url,
          ]),
        ),
      },
      inventory: {
        awsConfig: {
          aggregator: {
            accountId: PROD,
            region: 'us-east-1',
            name: DEFAULT_AGGREGATOR,
          },
        },
      },
      kubernetes: { allowInsecureEndpoints: true },
      // The test refreshes the backend more than once a minute.
      refresh: { manualCooldown: { milliseconds: 0 } },
    },
    catalog: {
      rules: [
        {
          allow: [
            'Component',
            'System',
            'API',
            'Resource',
            'Location',
            'User',
            'Group',
          ],
        },
      ],
      providers: {
        fleetResilience: {
          defaultOwner: 'group:default/platform-team',
          entityTagKeys: ['environment'],
        },
      },
    },
  };
}

/** One database per plugin (each runs its own migrations). */
function databasePerPlugin(knexByPlugin: Record<string, Knex>) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { pluginMetadata: coreServices.pluginMetadata },
    async factory({ pluginMetadata }) {
      const pluginId = pluginMetadata.getId();
      const knex = knexByPlugin[pluginId];
      if (!knex) throw new Error(`No test database for plugin ${pluginId}`);
      return { getClient: async () => knex };
    },
  });
}

/** Hands the catalog plugin's scheduler to the test, to trigger the refresh. */
function schedulerProbe(onScheduler: (scheduler: SchedulerService) => void) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-scheduler-probe',
    register(env) {
      env.registerInit({
        deps: { scheduler: coreServices.scheduler },
        async init({ scheduler }) {
          onScheduler(scheduler);
        },
      });
    },
  });
}

async function clusterEntities(baseUrl: string): Promise<Entity[]> {
  const response = await fetch(
    `${baseUrl}/api/catalog/entities/by-query?filter=kind=resource,spec.type=kubernetes-cluster&limit=100`,
  );
  expect(response.status).toBe(200);
  const body = (await response.json()) as { items: Entity[] };
  return body.items;
}

async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise(r => setTimeout(r, 250));
  }
}

describe.each(databases.eachSupportedId())(
  'catalog module on the backend inventory of the simulated fleet, on %p',
  databaseId => {
    let simulator: RunningSimulator;
    let backend: Awaited<ReturnType<typeof startTestBackend>>;
    let scheduler: SchedulerService | undefined;
    let baseUrl: string;

    /** The backend's refresh, to its end (the mock scheduler runs it in the request). */
    async function refreshBackend() {
      const response = await fetch(`${baseUrl}/api/fleet-resilience/refresh`, {
        method: 'POST',
      });
      expect(response.status).toBe(202);
    }

    beforeAll(async () => {
      simulator = await startSimulator({ fleet: DEMO_FLEET, seed: 3 });
      backend = await startTestBackend({
        features: [
          fleetResilienceBackend,
          catalogBackend,
          catalogModuleFleetResilience,
          schedulerProbe(s => {
            scheduler = s;
          }),
          mockServices.rootConfig.factory({ data: backendConfig(simulator) }),
          databasePerPlugin({
            'fleet-resilience': await databases.init(databaseId),
            catalog: await databases.init(databaseId),
          }),
          // Scheduled work runs only when the test triggers it.
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        ],
      });
      const address = backend.server.address();
      if (typeof address !== 'object' || !address)
        throw new Error('no server address');
      baseUrl = `http://localhost:${address.port}`;
    });

    afterAll(async () => {
      await backend?.stop();
      await simulator?.stop();
    });

    it('provides nothing before the backend has read its inventory', async () => {
      await scheduler!.triggerTask(REFRESH_TASK);
      expect(await clusterEntities(baseUrl)).toEqual([]);
    });

    it('shows every cluster of the backend inventory as a kubernetes-cluster Resource', async () => {
      await refreshBackend();
      await scheduler!.triggerTask(REFRESH_TASK);
      const expected = simulator.model.clusters().length;
      expect(expected).toBe(12);
      const entities = await waitFor(
        () => clusterEntities(baseUrl),
        items => items.length === expected,
      );
      expect(entities).toHaveLength(expected);

      const names = entities.map(e => e.metadata.name).sort();
      expect(names).toContain('payments-prod-use1-us-east-1-111122223333');
      expect(names).toContain('checkout-canary-use1-us-east-1-444455556666');
      expect(new Set(names).size).toBe(expected);

      const payments = entities.find(
        e => e.metadata.name === 'payments-prod-use1-us-east-1-111122223333',
      )!;
      const cluster = simulator.model.cluster(
        'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod-use1',
      )!;
      expect(payments.metadata.title).toBe('payments-prod-use1');
      expect(payments.spec).toEqual({
        type: 'kubernetes-cluster',
        owner: 'group:default/payments-team',
        system: 'system:default/payments',
      });
      expect(payments.metadata.tags).toEqual(['eks', 'prod']);
      expect(payments.metadata.annotations).toMatchObject({
        'fleet-resilience.io/cluster-arn': cluster.arn,
        'fleet-resilience.io/account-id': PROD,
        'fleet-resilience.io/region': 'us-east-1',
        'fleet-resilience.io/inventory-source': 'aws-config',
        'kubernetes.io/api-server': cluster.endpoint,
        'kubernetes.io/api-server-certificate-authority':
          cluster.certificateAuthorityData,
        'kubernetes.io/auth-provider': 'aws',
        'kubernetes.io/x-k8s-aws-id': 'payments-prod-use1',
        'backstage.io/managed-by-location': 'fleet-resilience:aws-config',
      });
      // The catalog resolved the owner relation from spec.owner.
      expect(payments.relations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            type: 'ownedBy',
            targetRef: 'group:default/payments-team',
          }),
        ]),
      );
    });

    it("labels each entity with the backend's readiness verdict, filterable by label", async () => {
      // The backend's list says each cluster's readiness as it assessed it.
      const list = await fetch(
        `${baseUrl}/api/fleet-resilience/clusters?limit=100`,
      );
      expect(list.status).toBe(200);
      const { items } = (await list.json()) as {
        items: Array<{ ref: { arn: string }; readiness?: { verdict: string } }>;
      };
      const verdicts = new Map(
        items.map(item => [item.ref.arn, item.readiness?.verdict]),
      );
      // platform-tools-use1 has zonal shift off: a failing check.
      expect(
        verdicts.get(
          'arn:aws:eks:us-east-1:111122223333:cluster/platform-tools-use1',
        ),
      ).toBe('not-ready');

      const entities = await clusterEntities(baseUrl);
      expect(entities).toHaveLength(12);
      for (const entity of entities) {
        const arn =
          entity.metadata.annotations!['fleet-resilience.io/cluster-arn'];
        expect([
          arn,
          entity.metadata.labels?.['fleet-resilience.io/readiness'],
        ]).toEqual([arn, verdicts.get(arn)]);
      }

      // The catalog filters on the label.
      const response = await fetch(
        `${baseUrl}/api/catalog/entities/by-query?filter=kind=resource,metadata.labels.fleet-resilience.io/readiness=not-ready&limit=100`,
      );
      const notReady = ((await response.json()) as { items: Entity[] }).items;
      expect(
        notReady
          .map(e => e.metadata.annotations!['fleet-resilience.io/cluster-arn'])
          .sort(),
      ).toEqual(
        [...verdicts]
          .filter(([, verdict]) => verdict === 'not-ready')
          .map(([arn]) => arn)
          .sort(),
      );
    });

    it('follows the fleet through the backend: a deleted cluster leaves the catalog, a retagged one changes owner', async () => {
      // In the simulated AWS account: delete one cluster, retag another with a bad owner.
      const clusters = simulator.model.clusters();
      const deleted = clusters.findIndex(c => c.name === 'search-staging-usw2');
      clusters.splice(deleted, 1);
      simulator.model.cluster(
        'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod-use1',
      )!.tags.owner = 'payments team (EU)';

      // The catalog follows the backend's store, not AWS: nothing changes
      // until the backend has read the inventory again.
      await scheduler!.triggerTask(REFRESH_TASK);
      expect(await clusterEntities(baseUrl)).toHaveLength(12);

      await refreshBackend();
      await scheduler!.triggerTask(REFRESH_TASK);
      const entities = await waitFor(
        () => clusterEntities(baseUrl),
        items =>
          items.length === 11 &&
          items.some(
            e =>
              e.spec?.owner === 'group:default/platform-team' &&
              e.metadata.title === 'payments-prod-use1',
          ),
      );
      expect(entities.map(e => e.metadata.title)).not.toContain(
        'search-staging-usw2',
      );
      expect(entities).toHaveLength(11);
      expect(
        entities.find(e => e.metadata.title === 'payments-prod-use1')?.spec
          ?.owner,
      ).toBe('group:default/platform-team');
    });
  },
);
