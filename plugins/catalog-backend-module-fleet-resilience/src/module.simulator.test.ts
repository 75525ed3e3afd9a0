/**
 * The catalog module in a real backend (the catalog plugin, its database on
 * SQLite and PostgreSQL) reading the simulated demo fleet over HTTP through
 * the real AWS Config client, and the entities read back through the
 * catalog's HTTP API.
 */
import {
  coreServices,
  createBackendModule,
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
  SIMULATOR_SECRET_ACCESS_KEY,
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import { resolve } from 'node:path';
import { catalogModuleFleetResilience } from './module';

const DEMO_FLEET = resolve(__dirname, '../../../examples/fleets/demo.yaml');
const PROD = '111122223333';
const SHARED = '444455556666';
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];
const REFRESH_TASK = 'FleetResilienceEntityProvider:aws-config:refresh';

jest.setTimeout(60_000);

const databases = TestDatabases.create();

function backendConfig(simulatorUrl: string) {
  return {
    backend: { baseUrl: 'http://localhost:7007' },
    aws: {
      accounts: [PROD, SHARED].map(accountId => ({
        accountId,
        accessKeyId: accessKeyIdFor(accountId),
        secretAccessKey: SIMULATOR_SECRET_ACCESS_KEY,
      })),
    },
    fleetResilience: {
      aws: { endpoints: { config: simulatorUrl } },
      kubernetes: { allowInsecureEndpoints: true },
      inventory: {
        awsConfig: {
          accounts: [PROD, SHARED].map(accountId => ({
            accountId,
            regions: REGIONS,
          })),
        },
      },
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
          // The first run is triggered by the test, not by the clock.
          schedule: {
            frequency: { hours: 24 },
            timeout: { minutes: 1 },
            initialDelay: { hours: 24 },
          },
          defaultOwner: 'group:default/platform-team',
          entityTagKeys: ['environment'],
        },
      },
    },
  };
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
  'catalog module against the simulator on %p',
  databaseId => {
    let simulator: RunningSimulator;
    let backend: Awaited<ReturnType<typeof startTestBackend>>;
    let scheduler: SchedulerService | undefined;
    let baseUrl: string;

    beforeAll(async () => {
      simulator = await startSimulator({ fleet: DEMO_FLEET, seed: 3 });
      const knex = await databases.init(databaseId);
      backend = await startTestBackend({
        features: [
          catalogBackend,
          catalogModuleFleetResilience,
          schedulerProbe(s => {
            scheduler = s;
          }),
          mockServices.rootConfig.factory({
            data: backendConfig(simulator.url),
          }),
          mockServices.database.factory({ knex }),
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

    it('shows every cluster of the demo fleet as a kubernetes-cluster Resource', async () => {
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

    it('follows the fleet: a deleted cluster leaves the catalog, a retagged one changes owner', async () => {
      // In the simulated AWS account: delete one cluster, retag another with a bad owner.
      const clusters = simulator.model.clusters();
      const deleted = clusters.findIndex(c => c.name === 'search-staging-usw2');
      clusters.splice(deleted, 1);
      simulator.model.cluster(
        'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod-use1',
      )!.tags.owner = 'payments team (EU)';

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
