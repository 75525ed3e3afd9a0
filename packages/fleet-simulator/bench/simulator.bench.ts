/**
 * Benchmark of the simulator on a generated fleet (default 1,000 clusters x
 * 30 nodes x 300 pods): start-up time, memory, and requests per second for a
 * paged AWS Config query and a Kubernetes pod list through the real clients.
 * The simulator runs in a child process, so its start-up, memory and CPU are
 * its own and the clients' (de)serialisation does not compete with it.
 *
 * Run from packages/fleet-simulator:
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/simulator.bench.ts
 * Options: --clusters N --nodes N --pods N --concurrency N --seconds N --warm N --seed N
 *   --accounts N (default 2)
 *
 * `--figure config-pages` measures instead the simulator's time per AWS Config
 * page (bench/configPages.ts) for each fleet size of `--sizes` (default
 * 1000,5000), 10 accounts x 3 regions unless `--accounts` says otherwise,
 * best of `--rounds` (default 3).
 */
import {
  ConfigServiceClient,
  SelectAggregateResourceConfigCommand,
  type SelectAggregateResourceConfigCommandOutput,
} from '@aws-sdk/client-config-service';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { fork, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { generateFleet } from '../src/model/generate';
import { configPageFigure } from './configPages';
import { startSimulator, SIMULATOR_KUBE_TOKEN } from '../src/simulator';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '1000' },
    nodes: { type: 'string', default: '30' },
    pods: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '10' },
    warm: { type: 'string', default: '100' },
    seed: { type: 'string', default: '42' },
    accounts: { type: 'string' },
    figure: { type: 'string' },
    sizes: { type: 'string', default: '1000,5000' },
    rounds: { type: 'string', default: '3' },
    serve: { type: 'boolean', default: false },
  },
});
const option = (name: keyof typeof values) => Number(values[name]);

const QUERY =
  "SELECT resourceId, resourceName, accountId, awsRegion, arn, tags, configuration WHERE resourceType = 'AWS::EKS::Cluster'";

/** Memory after a GC (when exposed) and CPU seconds used so far. */
function memory() {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  const cpu = process.cpuUsage();
  return {
    rssMiB: Math.round(usage.rss / 2 ** 20),
    heapUsedMiB: Math.round(usage.heapUsed / 2 ** 20),
    cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]
    : 0;
}

/** Runs `task` from `concurrency` workers for `seconds`; returns requests/s and latency percentiles. */
async function load(
  concurrency: number,
  seconds: number,
  task: (worker: number, i: number) => Promise<number>,
) {
  const latencies: number[] = [];
  let requests = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; performance.now() < end; i++) {
        const t = performance.now();
        const count = await task(worker, i);
        requests += count;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: Math.round(requests / elapsed),
    operations: latencies.length,
    p50Ms: Math.round(percentile(latencies, 50)),
    p95Ms: Math.round(percentile(latencies, 95)),
  };
}

/** One full paged scan of every EKS cluster; returns the number of pages (requests). */
async function scanClusters(
  client: ConfigServiceClient,
  expected: number,
): Promise<number> {
  let pages = 0;
  let rows = 0;
  let NextToken: string | undefined;
  do {
    const page: SelectAggregateResourceConfigCommandOutput = await client.send(
      new SelectAggregateResourceConfigCommand({
        ConfigurationAggregatorName: 'fleet-aggregator',
        Expression: QUERY,
        Limit: 100,
        NextToken,
      }),
    );
    pages += 1;
    rows += page.Results?.length ?? 0;
    NextToken = page.NextToken;
  } while (NextToken);
  if (rows !== expected)
    throw new Error(`scan returned ${rows} clusters, expected ${expected}`);
  return pages;
}

function podApi(endpoint: string): CoreV1Api {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'c', server: endpoint, skipTLSVerify: true }],
    users: [{ name: 'u', token: SIMULATOR_KUBE_TOKEN }],
    contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
    currentContext: 'c',
  });
  return config.makeApiClient(CoreV1Api);
}

type Memory = ReturnType<typeof memory>;
type FromServer =
  | {
      type: 'ready';
      url: string;
      endpoints: string[];
      accountIds: string[];
      generateMs: number;
      startupMs: number;
      baseline: Memory;
      afterStart: Memory;
    }
  | { type: 'memory'; memory: Memory }
  | { type: 'cpu'; micros: number };

/** The child: builds the fleet, starts the simulator, answers memory questions until told to stop. */
async function serve() {
  const baseline = memory();
  let t = performance.now();
  const spec = generateFleet({
    clusters: option('clusters'),
    nodesPerCluster: option('nodes'),
    podsPerCluster: option('pods'),
    seed: option('seed'),
    accounts: values.accounts ? option('accounts') : undefined,
  });
  const generateMs = Math.round(performance.now() - t);
  t = performance.now();
  const sim = await startSimulator({ fleet: spec, seed: option('seed') });
  const startupMs = Math.round(performance.now() - t);
  const send = (message: FromServer) => process.send!(message);
  send({
    type: 'ready',
    url: sim.url,
    endpoints: sim.model.clusters().map(cluster => cluster.endpoint),
    accountIds: sim.model.accounts().map(account => account.accountId),
    generateMs,
    startupMs,
    baseline,
    afterStart: memory(),
  });
  process.on('message', async (message: string) => {
    if (message === 'memory') send({ type: 'memory', memory: memory() });
    if (message === 'cpu') {
      const usage = process.cpuUsage();
      send({ type: 'cpu', micros: usage.user + usage.system });
    }
    if (message === 'stop') {
      await sim.stop();
      process.exit(0);
    }
  });
}

/** The child's next reply; the node transform also sends `{type: 'watch'}` messages, which are skipped. */
function nextMessage(child: ChildProcess): Promise<FromServer> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`the simulator process exited (${code})`));
    const onMessage = (message: { type?: string }) => {
      if (!['ready', 'memory', 'cpu'].includes(message.type ?? '')) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as FromServer);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function serverMemory(child: ChildProcess): Promise<Memory> {
  const reply = nextMessage(child);
  child.send('memory');
  const message = await reply;
  if (message.type !== 'memory')
    throw new Error('unexpected message from the simulator process');
  return message.memory;
}

async function serverCpuMicros(child: ChildProcess): Promise<number> {
  const reply = nextMessage(child);
  child.send('cpu');
  const message = await reply;
  if (message.type !== 'cpu')
    throw new Error('unexpected message from the simulator process');
  return message.micros;
}

function startChild(args: string[]): ChildProcess {
  return fork(__filename, [...args, '--serve'], {
    execArgv: [
      '--expose-gc',
      '--require',
      '@backstage/cli/config/nodeTransform.cjs',
    ],
  });
}

function benchClient(url: string): ConfigServiceClient {
  return new ConfigServiceClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: {
      accessKeyId: 'AKIABENCHMARK0000000',
      secretAccessKey: 'not-checked',
    },
    maxAttempts: 1,
  });
}

/** `--figure config-pages`: one simulator per fleet size, its time per Config page. */
async function configPages() {
  const accounts = values.accounts ? option('accounts') : 10;
  const figures = [];
  for (const size of String(values.sizes).split(',').map(Number)) {
    const child = startChild([
      ...['--clusters', String(size), '--accounts', String(accounts)],
      ...['--nodes', '1', '--pods', '1', '--seed', String(option('seed'))],
    ]);
    const ready = await nextMessage(child);
    if (ready.type !== 'ready')
      throw new Error('unexpected message from the simulator process');
    const figure = await configPageFigure(
      benchClient(ready.url),
      () => serverCpuMicros(child),
      ready.accountIds,
      size,
      option('rounds'),
    );
    child.send('stop');
    figures.push({ clusters: size, accounts, regions: 3, ...figure });
  }
  process.stdout.write(
    `${JSON.stringify({ node: process.version, figures }, null, 2)}\n`,
  );
}

async function main() {
  const clusters = option('clusters');
  const concurrency = option('concurrency');
  const seconds = option('seconds');
  const warm = Math.min(option('warm'), clusters);

  const child = startChild(process.argv.slice(2));
  const ready = await nextMessage(child);
  if (ready.type !== 'ready')
    throw new Error('unexpected message from the simulator process');

  const url = ready.url;
  const config = benchClient(url);
  await scanClusters(config, clusters);
  const configLoad = await load(concurrency, seconds, () =>
    scanClusters(config, clusters),
  );

  // Kubernetes: a cluster's objects are created on its first request (cold), then served from its store.
  const apis = ready.endpoints.map(podApi);
  const coldLatencies: number[] = [];
  for (let i = 0; i < warm; i++) {
    const started = performance.now();
    const list = await apis[i].listPodForAllNamespaces();
    coldLatencies.push(performance.now() - started);
    if (list.items.length !== option('pods'))
      throw new Error(`cluster ${i} listed ${list.items.length} pods`);
  }
  coldLatencies.sort((a, b) => a - b);
  const afterWarm = await serverMemory(child);
  const podLoad = await load(concurrency, seconds, async (worker, i) => {
    await apis[(worker * 7919 + i) % warm].listPodForAllNamespaces();
    return 1;
  });
  const pagedPodLoad = await load(concurrency, seconds, async (worker, i) => {
    const api = apis[(worker * 7919 + i) % warm];
    let requests = 0;
    let _continue: string | undefined;
    do {
      const page = await api.listPodForAllNamespaces({ limit: 100, _continue });
      requests += 1;
      _continue = page.metadata?._continue || undefined;
    } while (_continue);
    return requests;
  });
  const afterLoad = await serverMemory(child);
  child.send('stop');
  const client = memory();

  const report = {
    fleet: {
      clusters,
      nodesPerCluster: option('nodes'),
      podsPerCluster: option('pods'),
      seed: option('seed'),
    },
    node: process.version,
    concurrency,
    generateMs: ready.generateMs,
    startupMs: ready.startupMs,
    simulatorMemory: {
      beforeFleet: ready.baseline,
      afterStart: ready.afterStart,
      afterWarmingClusters: { clusters: warm, ...afterWarm },
      afterLoad,
      heapMiBPerMaterialisedCluster: warm
        ? Number(
            (
              (afterWarm.heapUsedMiB - ready.afterStart.heapUsedMiB) /
              warm
            ).toFixed(2),
          )
        : 0,
    },
    clientProcess: client,
    kubernetesFirstRequestMs: {
      mean: Math.round(
        coldLatencies.reduce((sum, x) => sum + x, 0) / Math.max(warm, 1),
      ),
      p95: Math.round(percentile(coldLatencies, 95)),
    },
    configSelectAggregate100PerPage: configLoad,
    kubernetesPodListAll: podLoad,
    kubernetesPodListPaged100: pagedPodLoad,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

function run(): Promise<void> {
  if (values.serve) return serve();
  if (values.figure === undefined) return main();
  if (values.figure === 'config-pages') return configPages();
  throw new Error(`--figure must be config-pages, got "${values.figure}"`);
}

run().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
