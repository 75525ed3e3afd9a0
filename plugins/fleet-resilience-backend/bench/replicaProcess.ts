/**
 * Starts replica.ts as a separate Node process and follows what it runs:
 * the scheduler's task starts and ends (printed by the replica's scheduler
 * wrapper) and the refresher's shard lines, matched into one record per
 * Kubernetes shard run. Used by bench:backend --replicas and by the
 * two-replica test. Node built-ins only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { simulatorAwsConfig } from './benchSupport';

const REPLICA = resolve(__dirname, 'replica.ts');

/** Printed by replica.ts; parsed here. */
export const REPLICA_MARKERS = {
  listening: 'fleet-resilience replica listening on port',
  taskStarted: 'fleet-resilience replica task started:',
  taskEnded: 'fleet-resilience replica task ended:',
} as const;

const KUBERNETES_TASK =
  /^fleet-resilience:refresh-kubernetes(?::(\d+)-of-(\d+))?$/;
// The refresher's lines (the sharding contract): keep them exact.
const SHARD_DONE =
  /Kubernetes refresh shard (\d+) of (\d+): (\d+) clusters, (\d+) failed, (\d+) ms/;
const SHARD_HANDED_BACK =
  /Kubernetes refresh shard (\d+) of (\d+): handed back, this replica already runs (\d+) shards/;

/** One run of a Kubernetes shard task on one replica, as its output tells. */
export interface ShardRun {
  /** 1-based. */
  shard: number;
  of: number;
  /** Date.now() in this process when the lines arrived. */
  startedAt: number;
  endedAt?: number;
  /**
   * Until the run ends: `running`; a run that ended without its shard line:
   * `ended` (the unsharded refresh logs none: its end completes it).
   */
  outcome: 'running' | 'completed' | 'handed-back' | 'failed' | 'ended';
  clusters?: number;
  failed?: number;
  /** The refresher's own duration. */
  ms?: number;
  /** When the completion line arrived. */
  completedAt?: number;
}

export interface ReplicaProcess {
  name: string;
  pid: number;
  port: number;
  /** http://127.0.0.1:<port>/api/fleet-resilience */
  api: string;
  runs: ShardRun[];
  /** When each task's first successful run ended here (Date.now()), by task ID. */
  firstEnded: Map<string, number>;
  /** Lines of stderr and of warnings the scheduler's janitor logs. */
  warnings: string[];
  /** Peak resident set (VmHWM) in MiB while the process lives. */
  peakRssMiB(): number | undefined;
  kill(signal?: NodeJS.Signals): void;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** VmHWM of a live process from /proc (Linux), in MiB. */
export function peakRssMiBOf(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Math.round(Number(match[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

function shardOfTask(id: string): { shard: number; of: number } | undefined {
  const match = KUBERNETES_TASK.exec(id);
  if (!match) return undefined;
  return match[1]
    ? { shard: Number(match[1]), of: Number(match[2]) }
    : { shard: 1, of: 1 };
}

/**
 * Spawns a replica with `config` (the whole app config) and resolves once it
 * listens. NODE_ENV=production: under Jest's `test` the scheduler would not
 * start its janitor, which frees the runs of replicas that died.
 */
export function spawnReplica(options: {
  name: string;
  config: object;
  /** Each output line, e.g. to echo it. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  startTimeoutMs?: number;
}): Promise<ReplicaProcess> {
  const { name, config, onLine, startTimeoutMs = 120_000 } = options;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      REPLICA,
    ],
    {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        FLEET_REPLICA_CONFIG: JSON.stringify(config),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const runs: ShardRun[] = [];
  const firstEnded = new Map<string, number>();
  const warnings: string[] = [];
  const running = new Map<number, ShardRun>();
  let peak: number | undefined;
  const exited = new Promise<number | string>(done =>
    child.once('exit', (code, signal) => done(code ?? signal ?? 'unknown')),
  );

  let listening: ((port: number) => void) | undefined;
  const onStdout = (line: string) => {
    const at = line.indexOf(REPLICA_MARKERS.listening);
    if (at >= 0) {
      listening?.(
        Number(line.slice(at + REPLICA_MARKERS.listening.length).trim()),
      );
      return;
    }
    const marker = (prefix: string) =>
      line.startsWith(prefix) ? line.slice(prefix.length).trim() : undefined;
    const started = marker(REPLICA_MARKERS.taskStarted);
    const startedShard = started && shardOfTask(started);
    if (startedShard) {
      const run: ShardRun = {
        ...startedShard,
        startedAt: Date.now(),
        outcome: 'running',
      };
      runs.push(run);
      running.set(run.shard, run);
      return;
    }
    const ended = marker(REPLICA_MARKERS.taskEnded);
    if (ended) {
      const [id, result] = ended.split(' ');
      if (result === 'ok' && !firstEnded.has(id))
        firstEnded.set(id, Date.now());
      const endedShard = shardOfTask(id);
      const run = endedShard && running.get(endedShard.shard);
      if (run) {
        running.delete(run.shard);
        run.endedAt = Date.now();
        if (run.outcome === 'running' && result === 'failed') {
          run.outcome = 'failed';
        } else if (run.outcome === 'running' && run.of === 1) {
          // The unsharded refresh logs no shard line: its run's end is it.
          run.outcome = 'completed';
          run.completedAt = run.endedAt;
        } else if (run.outcome === 'running') {
          run.outcome = 'ended';
        }
      }
      return;
    }
    const done = SHARD_DONE.exec(line);
    const handedBack = !done && SHARD_HANDED_BACK.exec(line);
    const match = done || handedBack;
    const run = match && running.get(Number(match[1]));
    if (run && done) {
      run.outcome = 'completed';
      run.completedAt = Date.now();
      run.clusters = Number(done[3]);
      run.failed = Number(done[4]);
      run.ms = Number(done[5]);
    } else if (run) {
      run.outcome = 'handed-back';
    }
  };

  const follow = (
    stream: NodeJS.ReadableStream,
    which: 'stdout' | 'stderr',
  ) => {
    createInterface({ input: stream }).on('line', line => {
      onLine?.(line, which);
      if (which === 'stdout') onStdout(line);
      if (which === 'stderr' || /Task timed out and was lost/.test(line)) {
        warnings.push(line);
      }
    });
  };
  follow(child.stdout!, 'stdout');
  follow(child.stderr!, 'stderr');

  const replica = (port: number): ReplicaProcess => ({
    name,
    pid: child.pid!,
    port,
    api: `http://127.0.0.1:${port}/api/fleet-resilience`,
    runs,
    firstEnded,
    warnings,
    peakRssMiB() {
      if (child.exitCode === null && child.signalCode === null) {
        peak = peakRssMiBOf(child.pid!) ?? peak;
      }
      return peak;
    },
    kill(signal = 'SIGKILL') {
      this.peakRssMiB();
      child.kill(signal);
    },
    exited,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      this.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  });

  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`replica ${name} did not start in ${startTimeoutMs} ms`));
    }, startTimeoutMs);
    listening = port => {
      clearTimeout(timer);
      done(replica(port));
    };
    exited.then(code => {
      clearTimeout(timer);
      fail(
        new Error(
          `replica ${name} exited with ${code}: ${warnings
            .slice(-20)
            .join('\n')}`,
        ),
      );
    });
  });
}

/** The AWS refresh task (inventory first; a shard run before it reads nothing). */
export const AWS_REFRESH_TASK = 'fleet-resilience:refresh-aws';

/**
 * Completed runs that read the stored inventory: those that started after
 * the first AWS refresh ended, and earlier ones that read clusters (a shard
 * run racing the first AWS run reads nothing).
 */
export function runsAfterInventory(
  replicas: readonly ReplicaProcess[],
): ReturnType<typeof completedRuns> {
  const ends = replicas.flatMap(r => r.firstEnded.get(AWS_REFRESH_TASK) ?? []);
  const since = ends.length ? Math.min(...ends) : Infinity;
  return completedRuns(replicas).filter(
    run => run.startedAt >= since || (run.clusters ?? 0) > 0,
  );
}

/** Completed runs of every replica, in the order they completed. */
export function completedRuns(
  replicas: readonly ReplicaProcess[],
): Array<ShardRun & { replica: string; completedAt: number }> {
  return replicas
    .flatMap(r =>
      r.runs.flatMap(run =>
        run.outcome === 'completed' && run.completedAt !== undefined
          ? [{ ...run, replica: r.name, completedAt: run.completedAt }]
          : [],
      ),
    )
    .sort((a, b) => a.completedAt - b.completedAt);
}

/**
 * The app config of a replica reading the simulator's fleet (every account
 * with the simulator's keys, every AWS endpoint at the simulator) from the
 * given database, with the Kubernetes refresh in `shards` shards.
 */
export function replicaConfig(options: {
  simulator: { url: string; accounts: readonly string[] };
  /** `backend.database`. */
  database: object;
  shards: number;
  shardsAtOnce: number;
  kubernetesSchedule: {
    frequency: { seconds: number };
    timeout: { seconds: number };
  };
  kubernetesConcurrency: number;
}): object {
  const { simulator, shards, shardsAtOnce } = options;
  const target = simulatorAwsConfig(simulator);
  return {
    backend: { database: options.database },
    aws: target.aws,
    fleetResilience: {
      aws: { endpoints: target.endpoints },
      inventory: target.inventory,
      kubernetes: {
        allowInsecureEndpoints: true,
        concurrency: options.kubernetesConcurrency,
        timeout: { seconds: 60 },
      },
      refresh: {
        aws: { concurrency: 8 },
        kubernetes: {
          schedule: options.kubernetesSchedule,
          shards,
          shardsAtOnce,
        },
        // POST /refresh starts a new round whenever asked.
        manualCooldown: { seconds: 0 },
      },
    },
  };
}
