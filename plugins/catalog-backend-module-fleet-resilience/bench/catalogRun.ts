/**
 * One side of bench:catalog in its own process (forked by catalog.bench.ts):
 * a Backstage backend with the real catalog plugin, the real scheduler and
 * SQLite in memory (one database per plugin), plus the side's features
 * (catalogSides.ts). It watches the catalog's tables until every entity the
 * providers emitted is either in the catalog or refused by processing, then
 * sends its figures to the parent and exits.
 *   --side ours|roadie --simulator <url> --accounts <id,...> --regions <r,...>
 *   --clusters <n> [--poll-ms 100] [--timeout-ms 900000]
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
// eslint-disable-next-line @backstage/no-undeclared-imports -- bench only: the scheduler a production backend runs
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import knexFactory, { type Knex } from 'knex';
import { parseArgs } from 'node:util';
import { awsRequestsByAction } from './benchSimulator';
import type { AwsRequestSummary } from './catalogReport';
import {
  catalogCounts,
  peakRssMiB,
  ProviderTally,
  refusalSamples,
  type CatalogCounts,
} from './catalogProgress';
import { sideConfig, sideFeatures, type Side } from './catalogSides';

const { values } = parseArgs({
  options: {
    side: { type: 'string' },
    simulator: { type: 'string' },
    accounts: { type: 'string' },
    regions: { type: 'string' },
    clusters: { type: 'string' },
    'poll-ms': { type: 'string', default: '100' },
    'timeout-ms': { type: 'string', default: '900000' },
  },
});

/** One SQLite database in memory per plugin, kept here so the bench can read the catalog's. */
function databasePerPlugin(knexByPlugin: Map<string, Knex>) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { pluginMetadata: coreServices.pluginMetadata },
    async factory({ pluginMetadata }) {
      const pluginId = pluginMetadata.getId();
      let knex = knexByPlugin.get(pluginId);
      if (!knex) {
        knex = knexFactory({
          client: 'better-sqlite3',
          connection: ':memory:',
          useNullAsDefault: true,
        });
        knexByPlugin.set(pluginId, knex);
      }
      const client = knex;
      return { getClient: async () => client };
    },
  });
}

export interface SideResult {
  side: Side;
  providers: number;
  /** From just before the backend starts. */
  backendStartedMs: number;
  /** Every provider has applied a mutation and together they handed the catalog one entity per cluster; null if they never did. */
  allEntitiesEmittedMs: number | null;
  /** The catalog serves as many valid entities as the fleet has clusters; null if it never does (entities refused). */
  allEntitiesMs: number | null;
  /** Every provider applied a full mutation, and every entity the catalog took is in it or refused by processing. */
  settledMs: number | null;
  timedOut: boolean;
  entitiesEmitted: number;
  catalog: CatalogCounts;
  refusalSamples: string[];
  /** Counted from the run's start until it settled or timed out (ours: the backend's own refresh may still be running then). */
  awsRequests: AwsRequestSummary;
  /** Counted from the run's start until all entities were emitted (null if they never were): what it took to get them. */
  awsRequestsWhenAllEmitted: AwsRequestSummary | null;
  peakRssMiB: number;
  providerErrors: string[];
}

const nullable = <T, U>(value: T | null, f: (v: T) => U): U | null =>
  value === null ? null : f(value);

async function main() {
  const side = values.side as Side;
  if (side !== 'ours' && side !== 'roadie')
    throw new Error('--side must be ours or roadie');
  const simulatorUrl = values.simulator!;
  const accounts = values.accounts!.split(',');
  const regions = values.regions!.split(',');
  const clusters = Number(values.clusters);
  const timeoutMs = Number(values['timeout-ms']);
  const stop = new AbortController();
  const providers = side === 'ours' ? 1 : accounts.length * regions.length;
  // The simulator's request log the moment all entities are emitted: ours'
  // backend reads the inventory again a minute later, and a busy catalog
  // can hold the watcher's next poll for seconds.
  let whenAllEmitted: Promise<AwsRequestSummary> | undefined;
  const tally = new ProviderTally(providers, clusters, () => {
    whenAllEmitted = awsRequestsByAction(simulatorUrl);
    whenAllEmitted.catch(() => undefined);
  });
  const options = {
    simulatorUrl,
    accounts,
    regions,
    tally,
    pollMs: Number(values['poll-ms']),
    signal: stop.signal,
  };
  const knexByPlugin = new Map<string, Knex>();

  const t0 = performance.now();
  const since = (t: number) => Math.round(t - t0);
  const backend = await startTestBackend({
    features: [
      catalogBackend,
      ...sideFeatures(side, options),
      mockServices.rootConfig.factory({ data: sideConfig(side, options) }),
      databasePerPlugin(knexByPlugin),
      schedulerServiceFactory,
    ],
  });
  const backendStartedMs = since(performance.now());
  const catalogDb = knexByPlugin.get('catalog')!;

  let allEntitiesMs: number | null = null;
  let settledMs: number | null = null;
  let counts = await catalogCounts(catalogDb);
  while (performance.now() - t0 < timeoutMs) {
    counts = await catalogCounts(catalogDb);
    const now = performance.now();
    if (allEntitiesMs === null && counts.inCatalog >= clusters)
      allEntitiesMs = since(now);
    if (
      tally.allComplete() &&
      counts.pending === 0 &&
      counts.inCatalog + counts.refused >= counts.taken
    ) {
      settledMs = since(now);
      break;
    }
    await new Promise(r => setTimeout(r, 100));
  }
  const awsRequests = await awsRequestsByAction(simulatorUrl);
  const result: SideResult = {
    side,
    providers,
    backendStartedMs,
    allEntitiesEmittedMs: nullable(tally.allEmittedAt(), since),
    allEntitiesMs,
    settledMs,
    timedOut: settledMs === null,
    entitiesEmitted: tally.emitted(),
    catalog: counts,
    refusalSamples: await refusalSamples(catalogDb),
    awsRequests,
    awsRequestsWhenAllEmitted: whenAllEmitted ? await whenAllEmitted : null,
    peakRssMiB: peakRssMiB(),
    providerErrors: tally.errors.slice(0, 5),
  };
  process.send!({ benchResult: result });
  stop.abort();
  await backend.stop();
}

main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);
