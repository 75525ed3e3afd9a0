/**
 * bench:backend --replicas R: R backend replicas as separate processes
 * (replica.ts) on one fresh PostgreSQL database share the sharded
 * Kubernetes refresh through the real scheduler. Measures the wall time
 * from starting the replicas until every shard has completed once, the
 * shards each replica ran (from their log lines) and each replica's peak
 * RSS (VmHWM); with --kill-one, SIGKILLs the replica running the first
 * shard run a second into it and measures how long until another replica
 * completed that shard (the scheduler's janitor frees the dead run after
 * its timeout, within a minute).
 */
import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { startFleetSimulator } from './benchSupport';
import {
  completedRuns,
  replicaConfig,
  runsAfterInventory,
  spawnReplica,
  type ReplicaProcess,
} from './replicaProcess';

export interface ReplicaBenchOptions {
  postgres: string;
  replicas: number;
  shards: number;
  shardsAtOnce: number;
  killOne: boolean;
  clusters: number;
  nodes: number;
  pods: number;
  seed: number;
  kubernetesConcurrency: number;
  /** The Kubernetes shard tasks' schedule. */
  timeoutSeconds: number;
  frequencySeconds: number;
  /** Give up after this long. */
  deadlineMs: number;
  /** Echo the replicas' output to stderr. */
  verbose: boolean;
}

/** Runs a shard must have been going before --kill-one kills its replica. */
const KILL_AFTER_MS = 1_000;
const sleep = (ms: number) => new Promise(done => setTimeout(done, ms));

export async function runReplicaBench(o: ReplicaBenchOptions) {
  const sim = await startFleetSimulator([
    '--generate',
    String(o.clusters),
    '--nodes',
    String(o.nodes),
    '--pods',
    String(o.pods),
    '--seed',
    String(o.seed),
    '--clock',
    'manual',
  ]);
  const server = knexFactory({ client: 'pg', connection: o.postgres });
  const database = `fleet_bench_${Date.now()}_${randomBytes(4).toString(
    'hex',
  )}`;
  await server.raw('CREATE DATABASE ??', [database]);
  const replicas: ReplicaProcess[] = [];
  // Interrupted: take the replicas and the simulator down with the bench.
  const interrupted = () => {
    for (const replica of replicas) replica.kill('SIGKILL');
    sim.stop();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const config = replicaConfig({
      simulator: sim,
      database: {
        client: 'pg',
        connection: o.postgres,
        plugin: { 'fleet-resilience': { connection: { database } } },
      },
      shards: o.shards,
      shardsAtOnce: o.shardsAtOnce,
      kubernetesSchedule: {
        frequency: { seconds: o.frequencySeconds },
        timeout: { seconds: o.timeoutSeconds },
      },
      kubernetesConcurrency: o.kubernetesConcurrency,
    });
    const started = performance.now();
    const startedAt = Date.now();
    const spawn = (i: number) =>
      spawnReplica({
        name: `replica-${i + 1}`,
        config,
        onLine: o.verbose
          ? (line, stream) =>
              process.stderr.write(`[replica-${i + 1} ${stream}] ${line}\n`)
          : undefined,
      });
    // The first replica migrates the fresh database; the others start once
    // it listens (knex fails a migration that finds the lock taken instead
    // of waiting for it).
    replicas.push(await spawn(0));
    replicas.push(
      ...(await Promise.all(
        Array.from({ length: o.replicas - 1 }, (_, i) => spawn(i + 1)),
      )),
    );
    const listeningMs = Math.round(performance.now() - started);

    let killed:
      | {
          replica: ReplicaProcess;
          shard: number;
          at: number;
          runningForMs: number;
        }
      | undefined;
    const shardsLeft = () => {
      const done = new Set(runsAfterInventory(replicas).map(run => run.shard));
      return Array.from({ length: o.shards }, (_, i) => i + 1).filter(
        shard => !done.has(shard),
      );
    };
    const coverOfKilled = () =>
      killed &&
      completedRuns(replicas).find(
        run =>
          run.shard === killed!.shard &&
          run.replica !== killed!.replica.name &&
          run.startedAt > killed!.at,
      );
    for (;;) {
      if (o.killOne && !killed) {
        const now = Date.now();
        for (const replica of replicas) {
          const run = replica.runs.find(
            r => r.outcome === 'running' && now - r.startedAt >= KILL_AFTER_MS,
          );
          if (run) {
            replica.kill('SIGKILL');
            killed = {
              replica,
              shard: run.shard,
              at: now,
              runningForMs: now - run.startedAt,
            };
            break;
          }
        }
      }
      if (shardsLeft().length === 0 && (!o.killOne || coverOfKilled())) break;
      if (Date.now() - startedAt > o.deadlineMs) {
        throw new Error(
          `not done after ${
            o.deadlineMs
          } ms: shards never completed ${shardsLeft().join(', ')}${
            o.killOne
              ? `; killed: ${killed ? `shard ${killed.shard}` : 'none yet'}`
              : ''
          }`,
        );
      }
      await sleep(100);
    }
    const runs = runsAfterInventory(replicas);
    const firstOfEach = Array.from({ length: o.shards }, (_, i) =>
      runs.find(run => run.shard === i + 1),
    );
    const everyShardAt = Math.max(...firstOfEach.map(run => run!.completedAt));
    const cover = coverOfKilled();
    const alive = replicas.filter(r => r !== killed?.replica);
    const status = (await (
      await fetch(`${alive[0].api}/refresh-status`)
    ).json()) as {
      clusters: Record<string, number>;
      sources: Array<{ source: string; ok: boolean; durationMs: number }>;
    };

    return {
      fleet: {
        clusters: o.clusters,
        nodesPerCluster: o.nodes,
        podsPerCluster: o.pods,
        seed: o.seed,
      },
      database: 'postgresql (a fresh database, dropped afterwards)',
      replicas: o.replicas,
      shards: o.shards,
      shardsAtOnce: o.shardsAtOnce,
      kubernetesSchedule: {
        frequencySeconds: o.frequencySeconds,
        timeoutSeconds: o.timeoutSeconds,
      },
      replicasListeningMs: listeningMs,
      refresh: {
        // From spawning the replicas (start-up and the AWS run included).
        wallMsUntilEveryShardCompleted: everyShardAt - startedAt,
        // Shard k's first scheduled run waits (k-1) x frequency / n.
        firstCompletedMsByShard: firstOfEach.map(
          run => run!.completedAt - startedAt,
        ),
        clusters: status.clusters,
        failedSources: status.sources.filter(s => !s.ok).map(s => s.source),
      },
      perReplica: replicas.map(replica => {
        const own = runs.filter(run => run.replica === replica.name);
        return {
          name: replica.name,
          shardRunsCompleted: own.length,
          shards: own.map(run => run.shard),
          clustersRead:
            o.shards > 1
              ? own.reduce((sum, run) => sum + (run.clusters ?? 0), 0)
              : undefined,
          shardRunMs: own.map(run => run.ms),
          handedBack: replica.runs.filter(r => r.outcome === 'handed-back')
            .length,
          peakRssMiB: replica.peakRssMiB(),
          ...(replica === killed?.replica ? { killed: true } : {}),
        };
      }),
      ...(killed
        ? {
            killOne: {
              replica: killed.replica.name,
              shard: killed.shard,
              shardRunningForMsWhenKilled: killed.runningForMs,
              coveredBy: cover?.replica,
              msFromKillToCompletedElsewhere: cover
                ? cover.completedAt - killed.at
                : undefined,
              withinOneInterval: cover
                ? cover.completedAt - killed.at <= o.frequencySeconds * 1000
                : false,
            },
          }
        : {}),
    };
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await Promise.all(replicas.map(replica => replica.stop()));
    await server
      .raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [database])
      .catch(error =>
        process.stderr.write(`could not drop ${database}: ${error}\n`),
      );
    await server.destroy();
    sim.stop();
  }
}
