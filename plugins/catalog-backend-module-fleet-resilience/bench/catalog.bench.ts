/**
 * bench:catalog: time from backend start to all EKS clusters as catalog
 * entities, our entity provider side by side with Roadie's
 * `AWSEKSClusterProvider` (@roadiehq/catalog-backend-module-aws), both
 * reading the same simulated fleet.
 *
 * One simulator per fleet size (the package's CLI, a child process, a
 * generated fleet over --accounts x --regions); for each latency and side, a
 * fresh child process (catalogRun.ts) with the real catalog, the real
 * scheduler and SQLite in memory. Runs go one after another, so they do not
 * compete for the CPU. The simulator counts the AWS requests (reset before
 * each run) and adds the latency.
 *
 * Run from the repository root:
 *   yarn bench:catalog [--clusters 1000,5000] [--accounts 10] [--regions us-east-1,us-west-2,eu-west-1]
 *     [--latency-ms 0,100] [--only ours|roadie] [--seed 42] [--poll-ms 100] [--timeout-ms 900000]
 *     [--label <text>]
 * Prints JSON on stdout, then a markdown table (with ours/Roadie ratios
 * against the issue's targets) on stderr.
 */
import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  clearAwsRequests,
  setAwsLatency,
  startBenchSimulator,
} from './benchSimulator';
import {
  markdownTable,
  ratios,
  simulatorMsPerConfigPage,
  splitRequests,
} from './catalogReport';
import type { SideResult } from './catalogRun';
import { sideEnvironment, type Side } from './catalogSides';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '1000,5000' },
    accounts: { type: 'string', default: '10' },
    regions: { type: 'string', default: 'us-east-1,us-west-2,eu-west-1' },
    'latency-ms': { type: 'string', default: '0,100' },
    only: { type: 'string' },
    seed: { type: 'string', default: '42' },
    // Our provider finds the backend's first read at its next poll, Roadie's
    // apply on their first run: a coarse poll would add up to this much to
    // ours alone.
    'poll-ms': { type: 'string', default: '100' },
    'timeout-ms': { type: 'string', default: '900000' },
    label: { type: 'string' },
  },
});

function integers(name: string, text: string, min: number): number[] {
  const list = text.split(',').map(part => part.trim());
  const bad = list.find(part => !/^\d+$/.test(part) || Number(part) < min);
  if (bad !== undefined || list.length === 0)
    throw new Error(
      `--${name} must be a comma-separated list of integers >= ${min}, got "${text}"`,
    );
  return list.map(Number);
}

const RUN = resolve(__dirname, 'catalogRun.ts');

function runSide(
  side: Side,
  simulator: { url: string; accounts: string[] },
  regions: string[],
  clusters: number,
): Promise<SideResult> {
  return new Promise((done, fail) => {
    const child = fork(
      RUN,
      [
        '--side',
        side,
        '--simulator',
        simulator.url,
        '--accounts',
        simulator.accounts.join(','),
        '--regions',
        regions.join(','),
        '--clusters',
        String(clusters),
        '--poll-ms',
        values['poll-ms']!,
        '--timeout-ms',
        values['timeout-ms']!,
      ],
      {
        execArgv: ['--require', '@backstage/cli/config/nodeTransform.cjs'],
        env: {
          ...process.env,
          ...sideEnvironment(side, simulator.url, simulator.accounts),
        },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      },
    );
    let result: SideResult | undefined;
    // The node transform sends its own (watch) messages: take ours.
    child.on('message', message => {
      if (typeof message === 'object' && message && 'benchResult' in message)
        result = (message as { benchResult: SideResult }).benchResult;
    });
    child.once('exit', code =>
      result
        ? done(result)
        : fail(new Error(`${side} run exited with ${code} and no result`)),
    );
  });
}

/** A run's JSON: the child's figures, its requests split by what the side's entities are built from, the simulator's time per Config page. */
function figures(
  clusters: number,
  latencyMs: number,
  simulatorStartMs: number,
  result: SideResult,
) {
  const { awsRequests, awsRequestsWhenAllEmitted, catalog, ...rest } = result;
  // The entity path is counted until all entities were emitted: ours'
  // backend reads the inventory again every minute, and a later read did
  // not make the entities.
  const behindEntities = awsRequestsWhenAllEmitted ?? awsRequests;
  return {
    clusters,
    latencyMs,
    simulatorStartMs,
    ...rest,
    inCatalog: catalog.inCatalog,
    refused: catalog.refused,
    catalog,
    awsRequests: {
      entityPath: splitRequests(result.side, behindEntities.actions).entityPath,
      other: splitRequests(result.side, awsRequests.actions).other,
      countedUntil: awsRequestsWhenAllEmitted ? 'all emitted' : 'settled',
      total: awsRequests.total,
      actions: awsRequests.actions,
      handlerMs: awsRequests.handlerMs ?? null,
    },
    simulatorMsPerConfigPage: simulatorMsPerConfigPage(awsRequests),
  };
}

async function main() {
  const clusterCounts = integers('clusters', values.clusters!, 1);
  const [accounts] = integers('accounts', values.accounts!, 1);
  const latencies = integers('latency-ms', values['latency-ms']!, 0);
  const regions = values.regions!.split(',');
  integers('poll-ms', values['poll-ms']!, 1);
  integers('timeout-ms', values['timeout-ms']!, 1);
  integers('seed', values.seed!, 0);
  if (values.label !== undefined && values.label.trim() === '')
    throw new Error('--label must not be empty');
  if (values.only && !['ours', 'roadie'].includes(values.only))
    throw new Error('--only must be ours or roadie');
  const sides: Side[] = values.only
    ? [values.only as Side]
    : ['ours', 'roadie'];

  const runs = [];
  for (const clusters of clusterCounts) {
    const t = performance.now();
    const simulator = await startBenchSimulator([
      '--generate',
      String(clusters),
      // The catalog needs no pods: a light fleet keeps the simulator small.
      '--nodes',
      '3',
      '--pods',
      '10',
      '--accounts',
      String(accounts),
      '--regions',
      regions.join(','),
      '--seed',
      values.seed!,
      '--clock',
      'manual',
    ]);
    const simulatorStartMs = Math.round(performance.now() - t);
    try {
      for (const latencyMs of latencies) {
        for (const side of sides) {
          await setAwsLatency(simulator.url, latencyMs);
          await clearAwsRequests(simulator.url);
          const result = await runSide(side, simulator, regions, clusters);
          const run = figures(clusters, latencyMs, simulatorStartMs, result);
          runs.push(run);
          process.stderr.write(
            `${side}, ${clusters} clusters, ${latencyMs} ms: all entities emitted at ${run.allEntitiesEmittedMs} ms, valid in the catalog at ${run.allEntitiesMs} ms, settled at ${run.settledMs} ms, ${run.awsRequests.entityPath.total} entity-path + ${run.awsRequests.other.total} other AWS requests\n`,
          );
        }
      }
    } finally {
      simulator.stop();
    }
  }
  const output = {
    label: values.label ?? null,
    fleet: {
      clusters: clusterCounts,
      accounts,
      regions,
      seed: Number(values.seed),
      nodesPerCluster: 3,
      podsPerCluster: 10,
    },
    database: 'sqlite (in memory), one per plugin',
    pollMs: Number(values['poll-ms']),
    runs,
    ratios: ratios(runs),
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  process.stderr.write(
    `\n${values.label ? `${values.label}\n\n` : ''}${markdownTable(runs)}`,
  );
}

main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);
