/**
 * The refresh as scheduled tasks with `scope: 'global'`: when several
 * replicas share a database, one of them runs each task at a time.
 *
 * - `fleet-resilience:refresh-aws` (default every minute): inventory, ARC,
 *   Resilience Hub, EKS DescribeCluster (new clusters, then every 30 min).
 * - `fleet-resilience:refresh-kubernetes` (default every 2 minutes): every
 *   cluster's Kubernetes API, a bounded number at a time. With shards, one
 *   task per shard (`...:<k>-of-<n>`), all on the same schedule, so
 *   replicas share the clusters through the scheduler's locks.
 *
 * A replica runs at most `atOnce` shards at a time: a shard due while it
 * holds that many reads nothing and is handed back (triggered again once the
 * scheduler has released the run) for another replica to take.
 *
 * When the AWS run finds clusters whose Kubernetes API was never tried (a
 * fresh start, a new cluster), it asks at once for the runs of the shards
 * holding them rather than leaving them without capacity data until then.
 */
import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { durationToMilliseconds, type HumanDuration } from '@backstage/types';
import {
  allShards,
  KUBERNETES_REFRESH_TASK_ID,
  kubernetesShardTaskId,
  shardName,
  shardsHolding,
  type RefreshShard,
} from '../domain/refreshShards';
import type { FleetRefresher } from './FleetRefresher';

export const REFRESH_TASK_IDS = {
  aws: 'fleet-resilience:refresh-aws',
  kubernetes: KUBERNETES_REFRESH_TASK_ID,
} as const;

/** How long shard runs starting together are collected before admission. */
const ADMISSION_WINDOW_MS = 100;

/** How a handed-back shard is triggered again once its run is released. */
const HAND_BACK = { attempts: 20, delayMs: 50 };

type Schedule = SchedulerServiceTaskScheduleDefinition;

function isConflict(error: unknown): boolean {
  return (
    error instanceof ConflictError || (error as Error)?.name === 'ConflictError'
  );
}

/** A duration in ms; undefined for a cron or manual frequency. */
function durationMs(value: Schedule['frequency'] | undefined) {
  if (!value || 'cron' in value || 'trigger' in value) return undefined;
  if ('toMillis' in value && typeof value.toMillis === 'function') {
    return value.toMillis();
  }
  return durationToMilliseconds(value as HumanDuration);
}

/**
 * Why a dead replica's shard run would wait longer than an interval: the
 * scheduler frees a run only after its timeout, checked once a minute.
 */
export function shardCoverageWarning(schedule: Schedule): string | undefined {
  const frequencyMs = durationMs(schedule.frequency);
  const timeoutMs = durationMs(schedule.timeout);
  if (!frequencyMs || timeoutMs === undefined) return undefined;
  if (timeoutMs <= frequencyMs - 60_000) return undefined;
  return `Kubernetes refresh shards: the schedule's timeout (${timeoutMs} ms) is more than its frequency (${frequencyMs} ms) minus one minute, so a shard whose replica died mid-run waits up to the timeout plus a minute, not one interval, before another replica runs it`;
}

export async function scheduleRefresh(options: {
  scheduler: SchedulerService;
  refresher: FleetRefresher;
  schedules: { aws: Schedule; kubernetes: Schedule };
  /** Default one shard, held one at a time. */
  kubernetesShards?: { count: number; atOnce: number };
  /**
   * Clusters whose Kubernetes API has not been tried yet: true or false, or
   * their ARNs, to trigger only the shards that hold them.
   */
  kubernetesReadPending?: () => Promise<boolean | readonly string[]>;
  /** Called after every run, e.g. to tell open pages that data changed. */
  onRefreshed?: () => Promise<void>;
  logger?: LoggerService;
  /** For tests: how a handed-back shard is triggered again. */
  handBack?: { attempts: number; delayMs: number };
  /** For tests: how long shards that come due together are collected. */
  admissionWindowMs?: number;
}): Promise<{ trigger: () => Promise<boolean> }> {
  const { scheduler, refresher, schedules, onRefreshed, logger } = options;
  const { count, atOnce } = options.kubernetesShards ?? {
    count: 1,
    atOnce: 1,
  };
  const handBack = options.handBack ?? HAND_BACK;
  const admissionWindowMs = options.admissionWindowMs ?? ADMISSION_WINDOW_MS;
  const shards = allShards(count);
  const coverage = count > 1 && shardCoverageWarning(schedules.kubernetes);
  if (coverage) logger?.warn(coverage);

  /** Triggers one task; false when it is running already. */
  async function triggerOne(id: string): Promise<boolean> {
    try {
      await scheduler.triggerTask(id);
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }

  /**
   * Triggers a handed-back shard once the scheduler has released its run
   * (it does so right after the task function returns; until then the
   * trigger conflicts). Not awaited: the run must end first.
   */
  function triggerAfterRelease(id: string, shard: RefreshShard): void {
    void (async () => {
      for (let attempt = 0; attempt < handBack.attempts; attempt++) {
        await new Promise(resolve => {
          setTimeout(resolve, handBack.delayMs).unref?.();
        });
        try {
          await scheduler.triggerTask(id);
          return;
        } catch (error) {
          if (!isConflict(error)) {
            logger?.warn(
              `Kubernetes refresh ${shardName(
                shard,
              )}: could not be handed back (${error}); it runs when next due`,
            );
            return;
          }
        }
      }
      logger?.warn(
        `Kubernetes refresh ${shardName(shard)}: still running after ${
          handBack.attempts
        } tries to hand it back; it runs when next due`,
      );
    })();
  }

  await scheduler.scheduleTask({
    id: REFRESH_TASK_IDS.aws,
    ...schedules.aws,
    scope: 'global',
    fn: async signal => {
      await refresher.refreshAws(signal);
      await onRefreshed?.();
      const pending = await options.kubernetesReadPending?.();
      if (!pending) return;
      const due = pending === true ? shards : shardsHolding(pending, count);
      for (const shard of due) await triggerOne(kubernetesShardTaskId(shard));
    },
  });

  // Shard runs this replica holds now (the scheduler's locks are global).
  let held = 0;
  // When each shard's last run on this replica ended (ms), for admission.
  const lastEnded = new Map<number, number>();
  let contenders: Array<{ shard: RefreshShard; admit: (ok: boolean) => void }> =
    [];

  /**
   * Shards that come due together start within a few milliseconds of each
   * other (one scheduler poll resolves them all). Taking the slots first come
   * first served would always favour the same task IDs, and on a replica
   * short of slots a shard could be handed back forever (seen at 5,000
   * clusters on one replica). So the contenders of one short window are
   * admitted by how long ago their last run here ended, never-run first.
   */
  function admission(shard: RefreshShard): Promise<boolean> {
    // No slot to share: hand back at once, so the run holds the task's lock
    // for milliseconds and another replica's poll finds the shard due.
    if (held >= atOnce && contenders.length === 0) {
      return Promise.resolve(false);
    }
    return new Promise(admit => {
      contenders.push({ shard, admit });
      if (contenders.length > 1) return;
      setTimeout(() => {
        const batch = contenders;
        contenders = [];
        const ended = (c: { shard: RefreshShard }) =>
          lastEnded.get(c.shard.index) ?? -1;
        batch.sort((a, b) => ended(a) - ended(b));
        for (const contender of batch) {
          const ok = held < atOnce;
          if (ok) held += 1;
          contender.admit(ok);
        }
      }, admissionWindowMs);
    });
  }

  async function runShard(shard: RefreshShard, signal: AbortSignal) {
    if (!(await admission(shard))) {
      logger?.info(
        `Kubernetes refresh ${shardName(
          shard,
        )}: handed back, this replica already runs ${held} shards`,
      );
      triggerAfterRelease(kubernetesShardTaskId(shard), shard);
      return;
    }
    try {
      await refresher.refreshKubernetes(signal, shard);
    } finally {
      held -= 1;
      lastEnded.set(shard.index, Date.now());
    }
    await onRefreshed?.();
  }
  for (const shard of shards) {
    await scheduler.scheduleTask({
      id: kubernetesShardTaskId(shard),
      ...schedules.kubernetes,
      scope: 'global',
      fn: signal => runShard(shard, signal),
    });
  }

  /** Asks for every task to run soon; false when all are running already. */
  async function trigger(): Promise<boolean> {
    let started = await triggerOne(REFRESH_TASK_IDS.aws);
    for (const shard of shards) {
      started = (await triggerOne(kubernetesShardTaskId(shard))) || started;
    }
    return started;
  }
  return { trigger };
}
