/**
 * Benchmark of the backend plugin against a generated fleet (default 1,000
 * clusters x 30 nodes x 300 pods):
 *   - one full refresh (inventory, ARC, Resilience Hub, EKS, every cluster's
 *     Kubernetes API): wall time;
 *   - peak memory (RSS) of the backend process, sampled every 20 ms from
 *     start-up to the end of the latency runs;
 *   - latency p50/p99 of GET /clusters (the first page, 50 clusters) and of
 *     GET /clusters/:arn under 50 concurrent requests.
 *
 * Three processes: the simulator (the package's CLI, a child), the backend
 * (this process: the real plugin in a Backstage test backend with the real
 * readers, SQLite in memory or PostgreSQL) and the load generator (a child),
 * so that neither the fleet nor the HTTP clients count against the backend.
 *
 * Run from the repository root:
 *   node --require @backstage/cli/config/nodeTransform.cjs plugins/fleet-resilience-backend/bench/backend.bench.ts
 * Options: --clusters 1000 --nodes 30 --pods 300 --seed 42
 *   --kubernetes-concurrency 16 --concurrency 50 --requests 3000
 *   --postgres postgresql://user@host:port (default: SQLite in memory)
 *
 * With --replicas R (needs --postgres) it runs replicaBench.ts instead: R
 * replica processes on a fresh database with the real scheduler.
 * Options: --shards 4 --shards-at-once 1 --kill-one
 *   --kubernetes-timeout <s> (default 120) --kubernetes-frequency <s>
 *   (default timeout + 65: the janitor that frees a dead replica's run
 *   runs every minute) --verbose (the replicas' output on stderr)
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fleetResiliencePlugin } from '../src/plugin';
import { simulatorAwsConfig, startFleetSimulator } from './benchSupport';
import {
  benchPermissionsFactory,
  OWNER_OR_TAG_USER,
  POLICY_USER,
} from './benchPermissions';
import type { LoadResult } from './loadGenerator';
import { runReplicaBench } from './replicaBench';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '1000' },
    nodes: { type: 'string', default: '30' },
    pods: { type: 'string', default: '300' },
    seed: { type: 'string', default: '42' },
    'kubernetes-concurrency': { type: 'string', default: '16' },
    concurrency: { type: 'string', default: '50' },
    requests: { type: 'string', default: '3000' },
    postgres: { type: 'string' },
    replicas: { type: 'string' },
    shards: { type: 'string', default: '1' },
    'shards-at-once': { type: 'string', default: '1' },
    'kill-one': { type: 'boolean', default: false },
    'kubernetes-timeout': { type: 'string', default: '120' },
    'kubernetes-frequency': { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
const option = (
  name:
    | 'clusters'
    | 'nodes'
    | 'pods'
    | 'seed'
    | 'kubernetes-concurrency'
    | 'concurrency'
    | 'requests',
) => Number(values[name]);

const API = '/api/fleet-resilience';
const LOAD_GENERATOR = resolve(__dirname, 'loadGenerator.ts');

function load(url: string, authorization?: string): Promise<LoadResult> {
  return new Promise((done, fail) => {
    const child: ChildProcess = fork(
      LOAD_GENERATOR,
      [
        '--url',
        url,
        '--concurrency',
        values.concurrency!,
        '--requests',
        values.requests!,
        ...(authorization ? ['--authorization', authorization] : []),
      ],
      {
        execArgv: ['--require', '@backstage/cli/config/nodeTransform.cjs'],
      },
    );
    // The node transform also sends its own (watch) messages: take ours.
    child.on('message', message => {
      if (
        typeof message === 'object' &&
        message !== null &&
        'requests' in message
      ) {
        done(message as LoadResult);
      }
    });
    child.once('exit', code =>
      code ? fail(new Error(`load generator exited with ${code}`)) : undefined,
    );
  });
}

async function main() {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

  let t = performance.now();
  const sim = await startFleetSimulator([
    '--generate',
    values.clusters!,
    '--nodes',
    values.nodes!,
    '--pods',
    values.pods!,
    '--seed',
    values.seed!,
    '--clock',
    'manual',
  ]);
  process.once('exit', () => sim.stop());
  const simulatorStartMs = Math.round(performance.now() - t);
  const target = simulatorAwsConfig(sim);
  const config = {
    backend: {
      database: values.postgres
        ? { client: 'pg', connection: values.postgres }
        : { client: 'better-sqlite3', connection: ':memory:' },
    },
    aws: target.aws,
    fleetResilience: {
      aws: { endpoints: target.endpoints },
      inventory: target.inventory,
      kubernetes: {
        allowInsecureEndpoints: true,
        concurrency: option('kubernetes-concurrency'),
        timeout: { seconds: 60 },
      },
      refresh: { aws: { concurrency: 8 } },
    },
  };

  const rssBeforeBackend = process.memoryUsage().rss;
  const backend = await startTestBackend({
    features: [
      fleetResiliencePlugin,
      mockServices.rootConfig.factory({ data: config }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      benchPermissionsFactory,
    ],
  });
  const base = `http://127.0.0.1:${backend.server.port()}${API}`;

  t = performance.now();
  const refresh = await fetch(`${base}/refresh`, { method: 'POST' });
  const refreshMs = Math.round(performance.now() - t);
  if (refresh.status !== 202)
    throw new Error(`refresh answered ${refresh.status}`);
  const rssAfterRefresh = process.memoryUsage().rss;
  const status = (await (await fetch(`${base}/refresh-status`)).json()) as {
    clusters: Record<string, number>;
    sources: Array<{
      source: string;
      ok: boolean;
      durationMs: number;
      errorMessage?: string;
    }>;
  };
  const list = (await (await fetch(`${base}/clusters?limit=1`)).json()) as {
    items: Array<{ ref: { arn: string } }>;
  };
  const detailPath = `/clusters/${encodeURIComponent(list.items[0].ref.arn)}`;

  // The floor: Backstage's HTTP stack answering 404 under the plugin's path,
  // with the same load generator on the same machine.
  const floorLatency = await load(`${base}/no-such-route`);
  const listLatency = await load(`${base}/clusters`);
  const detailLatency = await load(`${base}${detailPath}`);
  const fullListLatency = await load(`${base}/clusters?limit=500&sort=verdict`);
  // The same list for developers whose policy answers conditionally,
  // filtered in SQL: the shipped policy's owner condition, and a wider
  // owner-or-tag one.
  const conditional = async (user: string) => {
    const authorization = mockCredentials.user.header(user);
    const visible = (await (
      await fetch(`${base}/clusters?limit=1`, { headers: { authorization } })
    ).json()) as { totalCount: number };
    return {
      visible: visible.totalCount,
      list: await load(`${base}/clusters`, authorization),
      fullList: await load(
        `${base}/clusters?limit=500&sort=verdict`,
        authorization,
      ),
    };
  };
  const owner = await conditional(POLICY_USER);
  const ownerOrTag = await conditional(OWNER_OR_TAG_USER);
  clearInterval(sampler);

  const result = {
    fleet: {
      clusters: option('clusters'),
      nodesPerCluster: option('nodes'),
      podsPerCluster: option('pods'),
      seed: option('seed'),
    },
    database: values.postgres ? 'postgresql' : 'sqlite (in memory)',
    simulatorStartMs,
    refresh: {
      wallMs: refreshMs,
      clusters: status.clusters,
      phases: Object.fromEntries(
        status.sources
          .filter(
            s =>
              s.source.startsWith('refresh:') ||
              s.source === 'eks' ||
              s.source === 'kubernetes',
          )
          .map(s => [s.source, s.durationMs]),
      ),
      failedSources: status.sources
        .filter(s => !s.ok)
        .map(s => `${s.source}: ${s.errorMessage}`),
    },
    memory: {
      peakRssMiB: mib(peakRss),
      rssBeforeBackendMiB: mib(rssBeforeBackend),
      rssAfterRefreshMiB: mib(rssAfterRefresh),
      heapUsedMiB: mib(process.memoryUsage().heapUsed),
    },
    latency: {
      concurrency: option('concurrency'),
      'floor: 404 from the HTTP stack': floorLatency,
      'GET /clusters': listLatency,
      'GET /clusters/:arn': detailLatency,
      'GET /clusters?limit=500&sort=verdict': fullListLatency,
      [`GET /clusters, shipped policy's owner condition (${owner.visible} clusters visible)`]:
        owner.list,
      "GET /clusters?limit=500&sort=verdict, shipped policy's owner condition":
        owner.fullList,
      [`GET /clusters, owner-or-tag condition (${ownerOrTag.visible} clusters visible)`]:
        ownerOrTag.list,
      'GET /clusters?limit=500&sort=verdict, owner-or-tag condition':
        ownerOrTag.fullList,
    },
    targets: {
      refreshUnder60s: refreshMs <= 60_000,
      peakMemoryUnder1GiB: peakRss <= 2 ** 30,
      listP99Under100ms: listLatency.p99Ms <= 100,
      detailP99Under30ms: detailLatency.p99Ms <= 30,
      ownerConditionListP50Within1_5x:
        owner.list.p50Ms <= 1.5 * listLatency.p50Ms,
      ownerConditionListP99Within1_5x:
        owner.list.p99Ms <= 1.5 * listLatency.p99Ms,
      ownerOrTagListP50Within1_5x:
        ownerOrTag.list.p50Ms <= 1.5 * listLatency.p50Ms,
      ownerOrTagListP99Within1_5x:
        ownerOrTag.list.p99Ms <= 1.5 * listLatency.p99Ms,
    },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  await backend.stop();
  sim.stop();
}

/** A whole-number option from `min` to `max`; names the flag when not. */
function integerOption(name: string, min: number, max: number): number {
  const text = (values as Record<string, unknown>)[name];
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `--${name} must be an integer from ${min} to ${max}, got "${text}"`,
    );
  }
  return value;
}

async function replicasMain() {
  if (!values.postgres) {
    throw new Error('--replicas needs --postgres <url> (a shared database)');
  }
  if (values['kill-one'] && integerOption('replicas', 1, 16) < 2) {
    throw new Error('--kill-one needs --replicas 2 or more');
  }
  const timeoutSeconds = integerOption('kubernetes-timeout', 5, 3600);
  if (values['kubernetes-frequency'] === undefined) {
    values['kubernetes-frequency'] = String(timeoutSeconds + 65);
  }
  const result = await runReplicaBench({
    postgres: values.postgres,
    replicas: integerOption('replicas', 1, 16),
    shards: integerOption('shards', 1, 256),
    shardsAtOnce: integerOption('shards-at-once', 1, 256),
    killOne: values['kill-one']!,
    clusters: integerOption('clusters', 1, 100_000),
    nodes: integerOption('nodes', 1, 10_000),
    pods: integerOption('pods', 0, 100_000),
    seed: integerOption('seed', 0, 2 ** 31),
    kubernetesConcurrency: integerOption('kubernetes-concurrency', 1, 256),
    timeoutSeconds,
    frequencySeconds: integerOption('kubernetes-frequency', 10, 86_400),
    deadlineMs: 60 * 60_000,
    verbose: values.verbose!,
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

if (
  values.replicas === undefined &&
  (values['kill-one'] || values.shards !== '1')
) {
  process.stderr.write('--shards and --kill-one need --replicas\n');
  process.exit(2);
}

(values.replicas === undefined ? main() : replicasMain()).then(
  () => process.exit(0),
  error => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);
