/**
 * Search end to end: the simulated demo fleet over HTTP, the real Fleet
 * Resilience backend reading it, the real search backend (Lunr), and this
 * module's collator reading the backend's fleet list with a plugin token.
 */
import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import searchBackend from '@backstage/plugin-search-backend';
import {
  accessKeyIdFor,
  DEFAULT_AGGREGATOR,
  SIMULATOR_SECRET_ACCESS_KEY,
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- test only: the backend whose API the collator reads
import fleetResilienceBackend from '@fleet-resilience/plugin-fleet-resilience-backend';
import { resolve } from 'node:path';
import type { FleetClusterDocument } from './document/types';
import { searchModuleFleetResilienceCollator } from './module';

jest.setTimeout(120_000);

const DEMO_FLEET = resolve(__dirname, '../../../examples/fleets/demo.yaml');
const INDEX_TASK = 'search_index_fleet_cluster';

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
            accountId: accounts[0],
            region: 'us-east-1',
            name: DEFAULT_AGGREGATOR,
          },
        },
      },
      kubernetes: { allowInsecureEndpoints: true },
    },
  };
}

/** Hands the search plugin's scheduler to the test, to run the indexing. */
function schedulerProbe(onScheduler: (scheduler: SchedulerService) => void) {
  return createBackendModule({
    pluginId: 'search',
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

interface SearchResponse {
  results: Array<{ type: string; document: FleetClusterDocument }>;
}

describe('fleet-cluster search against the simulated demo fleet', () => {
  let simulator: RunningSimulator;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let searchScheduler: SchedulerService | undefined;
  let baseUrl: string;

  async function search(term: string, filters: Record<string, string> = {}) {
    const query = new URLSearchParams({
      term,
      'types[0]': 'fleet-cluster',
      pageLimit: '100',
    });
    for (const [key, value] of Object.entries(filters)) {
      query.set(`filters[${key}]`, value);
    }
    const response = await fetch(`${baseUrl}/api/search/query?${query}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as SearchResponse).results;
  }

  async function titles(term: string, filters?: Record<string, string>) {
    return (await search(term, filters)).map(r => r.document.title).sort();
  }

  beforeAll(async () => {
    simulator = await startSimulator({ fleet: DEMO_FLEET, seed: 3 });
    backend = await startTestBackend({
      features: [
        fleetResilienceBackend,
        searchBackend,
        searchModuleFleetResilienceCollator,
        schedulerProbe(s => {
          searchScheduler = s;
        }),
        mockServices.rootConfig.factory({ data: backendConfig(simulator) }),
        // Scheduled work runs only when the test triggers it.
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      ],
    });
    const address = backend.server.address();
    if (typeof address !== 'object' || !address)
      throw new Error('no server address');
    baseUrl = `http://localhost:${address.port}`;

    const refresh = await fetch(`${baseUrl}/api/fleet-resilience/refresh`, {
      method: 'POST',
    });
    if (refresh.status !== 202)
      throw new Error(`refresh answered ${refresh.status}`);
    await searchScheduler!.triggerTask(INDEX_TASK);
  });

  afterAll(async () => {
    await backend?.stop();
    await simulator?.stop();
  });

  it('indexes every cluster of the demo fleet', async () => {
    const all = await search('cluster');
    expect(all).toHaveLength(simulator.model.clusters().length);
    expect(all.every(r => r.type === 'fleet-cluster')).toBe(true);
  });

  it('finds a cluster by name, with its facts as fields', async () => {
    const [hit, ...rest] = await search('checkout-canary-use1');
    expect(rest.map(r => r.document.title)).not.toContain(
      'checkout-canary-use1',
    );
    expect(hit.document).toMatchObject({
      title: 'checkout-canary-use1',
      accountId: '444455556666',
      region: 'us-east-1',
      owner: 'payments-team',
    });
    // Account 444455556666 maps us-east-1a to use1-az4.
    expect(hit.document.zones).toEqual(
      expect.arrayContaining(['us-east-1a', 'use1-az4']),
    );
  });

  /** Names of the model's clusters that match, sorted. */
  function expectedNames(
    match: (
      cluster: ReturnType<RunningSimulator['model']['clusters']>[number],
    ) => boolean,
  ) {
    return simulator.model
      .clusters()
      .filter(match)
      .map(c => c.name)
      .sort();
  }

  /** The titles of the best `count` hits (free text ranks, it does not filter). */
  async function topTitles(term: string, count: number) {
    return (await search(term))
      .slice(0, count)
      .map(r => r.document.title)
      .sort();
  }

  it('ranks first the clusters of an account, a region or an owner', async () => {
    const shared = expectedNames(c => c.accountId === '444455556666');
    expect(await topTitles('444455556666', shared.length)).toEqual(shared);
    const euWest1 = expectedNames(c => c.region === 'eu-west-1');
    expect(await topTitles('eu-west-1', euWest1.length)).toEqual(euWest1);
    const searchTeam = expectedNames(c => c.tags.owner === 'search-team');
    expect(await topTitles('search-team', searchTeam.length)).toEqual(
      searchTeam,
    );
    const v133 = expectedNames(c => c.version === '1.33');
    expect(await titles('1.33', { version: '1.33' })).toEqual(v133);
  });

  it('ranks first the clusters in an AZ, by AZ ID or by AZ name with the account-specific mapping', async () => {
    const inAz2 = expectedNames(c => c.zones.some(z => z.id === 'use1-az2'));
    expect(await topTitles('use1-az2', inAz2.length)).toEqual(inAz2);
    // us-east-1a is use1-az1 in one account and use1-az4 in the other.
    const inUsEast1a = expectedNames(c =>
      c.zones.some(z => z.name === 'us-east-1a'),
    );
    const hits = (await search('us-east-1a')).slice(0, inUsEast1a.length);
    expect(hits.map(r => r.document.title).sort()).toEqual(inUsEast1a);
    expect(new Set(hits.map(r => r.document.accountId))).toEqual(
      new Set(['111122223333', '444455556666']),
    );
  });

  it('finds clusters by shift state and by N-1 verdict', async () => {
    const disabled = expectedNames(c => !c.zonalShiftEnabled);
    expect(await titles('zonal shift', { shiftState: 'unknown' })).toEqual(
      disabled,
    );

    const atRisk = await search('risk', { verdict: 'at-risk' });
    expect(atRisk.map(r => r.document.title)).toContain('search-prod-use1');
    expect(atRisk.every(r => r.document.verdict === 'at-risk')).toBe(true);
  });

  it("carries each cluster's readiness as the backend assessed it, and filters by it", async () => {
    const list = await fetch(
      `${baseUrl}/api/fleet-resilience/clusters?limit=100`,
    );
    const { items } = (await list.json()) as {
      items: Array<{
        ref: { name: string };
        readiness?: { verdict: string; score: number };
      }>;
    };
    const all = await search('');
    expect(
      all
        .map(r => [
          r.document.title,
          r.document.readiness,
          r.document.readinessScore,
        ])
        .sort(),
    ).toEqual(
      items
        .map(c => [
          c.ref.name,
          (c.readiness?.verdict ?? 'unknown').replace('-', ''),
          c.readiness?.score ?? 0,
        ])
        .sort(),
    );

    // platform-tools-use1 has zonal shift off: not ready, and the text says why.
    // The demo has ready clusters too: `notready` must not match them (Lunr
    // would read `not-ready` as `ready`, dropping the stop word `not`).
    const notReady = await search('readiness', { readiness: 'notready' });
    expect(notReady.map(r => r.document.title)).toContain(
      'platform-tools-use1',
    );
    expect(notReady.every(r => r.document.readiness === 'notready')).toBe(true);
    const platformTools = notReady.find(
      r => r.document.title === 'platform-tools-use1',
    )!;
    expect(platformTools.document.text).toContain(
      'Failing checks: Zonal shift enabled',
    );
  });
});
