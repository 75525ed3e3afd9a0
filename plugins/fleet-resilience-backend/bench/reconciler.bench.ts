/**
 * Benchmark of the reconciler on a generated fleet (default 1,000 clusters,
 * 10 NodePools each):
 *   (a) from the portal's `POST /clusters/:arn/shifts` returning to every
 *       NodePool of that cluster patched (the action kicks the reconciler),
 *       p50/p99 over `--shifts` shifts, one cluster after another;
 *   (b) from an autoshift started out of band (`POST /_sim/autoshifts/start`,
 *       no portal action) to every NodePool patched, p50/p99 over
 *       `--autoshifts` autoshifts, at the default ARC poll interval.
 * "Patched" is read from the simulated cluster's Kubernetes API (every
 * NodePool carries the away-zones annotation), polled every 20 ms.
 *
 * Two processes: the simulator (the package's CLI, a child, wall clock) and
 * the backend (this process: the real plugin with the real scheduler, SQLite
 * in memory or PostgreSQL). The fleet is generateFleet's, with each cluster's
 * NodePool copied to `--nodepools` NodePools.
 *
 * Run from the repository root:
 *   node --require @backstage/cli/config/nodeTransform.cjs plugins/fleet-resilience-backend/bench/reconciler.bench.ts
 * Options: --clusters 1000 --nodepools 10 --nodes 6 --pods 30 --seed 42
 *   --shifts 50 --autoshifts 20 --postgres postgresql://user@host:port
 */
// The real scheduler (not the mock): the lead adds @backstage/backend-defaults as a devDependency.
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  generateFleet,
  type FleetSpec,
} from '@fleet-resilience/fleet-simulator';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fleetResiliencePlugin } from '../src/plugin';
import { latencySummary, startFleetSimulator } from './benchSupport';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '1000' },
    nodepools: { type: 'string', default: '10' },
    nodes: { type: 'string', default: '6' },
    pods: { type: 'string', default: '30' },
    seed: { type: 'string', default: '42' },
    shifts: { type: 'string', default: '50' },
    autoshifts: { type: 'string', default: '20' },
    postgres: { type: 'string' },
  },
});
const option = (
  name:
    | 'clusters'
    | 'nodepools'
    | 'nodes'
    | 'pods'
    | 'seed'
    | 'shifts'
    | 'autoshifts',
) => Number(values[name]);

const API = '/api/fleet-resilience';
const TOKEN = 'fleet-simulator-token';
const AWAY = 'fleet-resilience.io/away-zones';

/** generateFleet, with each cluster's NodePool copied to n NodePools (same zone requirement). */
function fleetWithNodePools(n: number): FleetSpec {
  const spec = generateFleet({
    clusters: option('clusters'),
    nodesPerCluster: option('nodes'),
    podsPerCluster: option('pods'),
    seed: option('seed'),
  });
  for (const cluster of spec.clusters) {
    const [pool] = cluster.nodePools ?? [];
    if (!pool) continue;
    cluster.nodePools = [
      pool,
      ...Array.from({ length: n - 1 }, (_, i) => ({
        ...structuredClone(pool),
        name: `pool-${i + 2}`,
      })),
    ];
  }
  return spec;
}

interface SimClusterInfo {
  arn: string;
  endpoint: string;
  zones: Array<{ name: string; id: string }>;
  zonalShift?: { enabled?: boolean; autoshift?: boolean } | boolean;
  karpenter?: { nativeZonalShift?: boolean } | null;
}

async function mapSequentially<T, R>(
  items: readonly T[],
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await fn(item));
  return out;
}

const sleep = (ms: number) => new Promise(done => setTimeout(done, ms));

/** Polls the cluster's NodePools until every one avoids `zoneId` (or not, with `restored`). */
async function waitForNodePools(
  endpoint: string,
  zoneId: string | undefined,
  timeoutMs: number,
): Promise<number> {
  const started = performance.now();
  for (;;) {
    const response = await fetch(`${endpoint}/apis/karpenter.sh/v1/nodepools`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const list = (await response.json()) as {
      items: Array<{ metadata: { annotations?: Record<string, string> } }>;
    };
    const done = list.items.every(item =>
      zoneId === undefined
        ? !item.metadata.annotations?.[AWAY]
        : item.metadata.annotations?.[AWAY]?.split(',').includes(zoneId),
    );
    if (done && list.items.length > 0) return performance.now() - started;
    if (performance.now() - started > timeoutMs)
      throw new Error(
        `NodePools at ${endpoint} not ${
          zoneId ? 'patched' : 'restored'
        } within ${timeoutMs} ms`,
      );
    await sleep(20);
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'reconciler-bench-'));
  const file = join(dir, 'fleet.json');
  writeFileSync(file, JSON.stringify(fleetWithNodePools(option('nodepools'))));
  const sim = await startFleetSimulator([
    '--fleet',
    file,
    '--seed',
    values.seed!,
    '--clock',
    'wall',
  ]);
  process.once('exit', () => sim.stop());

  const config = {
    backend: {
      database: values.postgres
        ? { client: 'pg', connection: values.postgres }
        : { client: 'better-sqlite3', connection: ':memory:' },
    },
    aws: {
      accounts: sim.accounts.map(accountId => ({
        accountId,
        accessKeyId: `AKIA${accountId}SIMU`,
        secretAccessKey: 'fleet-simulator-secret-not-checked',
      })),
    },
    fleetResilience: {
      aws: {
        endpoints: {
          config: sim.url,
          arc: sim.url,
          resiliencehub: sim.url,
          eks: sim.url,
        },
      },
      inventory: {
        awsConfig: {
          aggregator: {
            accountId: sim.accounts[0],
            region: 'us-east-1',
            name: 'fleet-aggregator',
          },
        },
      },
      kubernetes: {
        allowInsecureEndpoints: true,
        concurrency: 16,
        timeout: { seconds: 60 },
      },
      refresh: {
        aws: {
          concurrency: 8,
          schedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 } },
        },
        kubernetes: {
          schedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 } },
        },
      },
      // reconciler: the defaults (ARC read every 2 s).
    },
  };
  let t = performance.now();
  const backend = await startTestBackend({
    features: [
      fleetResiliencePlugin,
      mockServices.rootConfig.factory({ data: config }),
      schedulerServiceFactory,
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    ],
  });
  const base = `http://127.0.0.1:${backend.server.port()}${API}`;

  // The scheduler refreshes at start-up; the reconciler then passes over every cluster once.
  const { clusters: all } = (await (
    await fetch(`${sim.url}/_sim/clusters`)
  ).json()) as { clusters: SimClusterInfo[] };
  // Both refresh tasks start together: the first Kubernetes refresh may find
  // no cluster yet, so the refresh is asked again until every cluster was read.
  for (let asked = performance.now(); ; ) {
    const status = (await (await fetch(`${base}/refresh-status`)).json()) as {
      clusters: { total: number; never: number };
      sources: Array<{ source: string }>;
    };
    if (
      status.clusters.total > 0 &&
      status.clusters.never === 0 &&
      status.sources.some(s => s.source === 'eks')
    )
      break;
    if (performance.now() - asked > 10_000) {
      asked = performance.now();
      await fetch(`${base}/refresh`, { method: 'POST' });
    }
    await sleep(500);
  }
  const refreshMs = Math.round(performance.now() - t);
  t = performance.now();
  // Done when every cluster has a status, or the count has not grown for 10 s
  // (a cluster whose Kubernetes API was never read is left alone).
  let reconciledCount = 0;
  for (let stableSince = performance.now(); ; ) {
    const status = (await (await fetch(`${base}/reconcile`)).json()) as {
      items: unknown[];
    };
    if (status.items.length !== reconciledCount) {
      reconciledCount = status.items.length;
      stableSince = performance.now();
    }
    if (
      reconciledCount >= all.length ||
      (reconciledCount > 0 && performance.now() - stableSince > 10_000)
    )
      break;
    await sleep(500);
  }
  const firstSweepMs = Math.round(performance.now() - t);
  process.stderr.write(
    `refresh ${refreshMs} ms, first sweep ${firstSweepMs} ms, ${reconciledCount} clusters with a reconcile status\n`,
  );

  const eligible = (
    await mapSequentially(all, async cluster => {
      const detail = await fetch(
        `${base}/clusters/${encodeURIComponent(cluster.arn)}`,
      );
      if (detail.status !== 200) return undefined;
      const body = (await detail.json()) as {
        summary: {
          zonalShiftEnabled?: boolean;
          autoshiftStatus?: string;
          zones: Array<{ id: string }>;
        };
        karpenter?: { installed: boolean; nativeZonalShift: boolean };
        nodePools: Array<{ allowedZones: Array<{ id: string }> }>;
      };
      const zoneId = body.summary.zones[1]?.id;
      const ok =
        body.summary.zonalShiftEnabled &&
        body.karpenter?.installed &&
        !body.karpenter.nativeZonalShift &&
        body.nodePools.length > 0 &&
        zoneId &&
        body.nodePools.every(
          pool =>
            pool.allowedZones.length > 1 &&
            pool.allowedZones.some(z => z.id === zoneId),
        );
      return ok
        ? {
            ...cluster,
            zoneId: zoneId!,
            autoshift: body.summary.autoshiftStatus === 'ENABLED',
          }
        : undefined;
    })
  ).filter(<T>(c: T | undefined): c is T => c !== undefined);

  // (a) shifts through the portal's API.
  const shiftSamples: number[] = [];
  for (const cluster of eligible.slice(0, option('shifts'))) {
    const response = await fetch(
      `${base}/clusters/${encodeURIComponent(cluster.arn)}/shifts`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          awayFrom: cluster.zoneId,
          expiresIn: '1h',
          comment: 'reconciler benchmark',
        }),
      },
    );
    if (response.status !== 201)
      throw new Error(
        `start shift on ${cluster.arn}: ${
          response.status
        } ${await response.text()}`,
      );
    shiftSamples.push(
      await waitForNodePools(cluster.endpoint, cluster.zoneId, 30_000),
    );
  }

  // (b) autoshifts started out of band, one at a time (an autoshift is per AZ).
  const autoshiftSamples: number[] = [];
  const candidates = eligible.slice(option('shifts')).filter(c => c.autoshift);
  for (const cluster of candidates.slice(0, option('autoshifts'))) {
    const started = await fetch(`${sim.url}/_sim/autoshifts/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        awayFrom: cluster.zoneId,
        resourceArns: [cluster.arn],
      }),
    });
    if (started.status !== 201)
      throw new Error(
        `autoshift on ${cluster.arn}: ${
          started.status
        } ${await started.text()}`,
      );
    autoshiftSamples.push(
      await waitForNodePools(cluster.endpoint, cluster.zoneId, 60_000),
    );
    await fetch(`${sim.url}/_sim/autoshifts/end`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ awayFrom: cluster.zoneId }),
    });
    await waitForNodePools(cluster.endpoint, undefined, 60_000);
  }

  const a = latencySummary(shiftSamples);
  const b = latencySummary(autoshiftSamples);
  const result = {
    fleet: {
      clusters: option('clusters'),
      nodePoolsPerCluster: option('nodepools'),
      nodesPerCluster: option('nodes'),
      podsPerCluster: option('pods'),
      seed: option('seed'),
      eligibleClusters: eligible.length,
    },
    database: values.postgres ? 'postgresql' : 'sqlite (in memory)',
    startupMs: { refresh: refreshMs, firstReconcileSweep: firstSweepMs },
    clustersWithReconcileStatus: reconciledCount,
    'a: POST /clusters/:arn/shifts returned -> every NodePool patched': a,
    'b: autoshift started out of band -> every NodePool patched': b,
    targets: { aP99Under1s: a.p99Ms <= 1_000, bP99Under5s: b.p99Ms <= 5_000 },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  await backend.stop();
  sim.stop();
}

main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(
      `${error?.stack ?? error}\n${
        error?.cause ? `cause: ${error.cause?.stack ?? error.cause}\n` : ''
      }`,
    );
    process.exit(1);
  },
);
