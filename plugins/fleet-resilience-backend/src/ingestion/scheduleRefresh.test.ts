import type {
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { shardOf, type RefreshShard } from '../domain/refreshShards';
import type { FleetRefresher } from './FleetRefresher';
import {
  REFRESH_TASK_IDS,
  scheduleRefresh,
  shardCoverageWarning,
} from './scheduleRefresh';

function fakeScheduler(running: Set<string> = new Set()) {
  const tasks = new Map<
    string,
    SchedulerServiceTaskInvocationDefinition['fn']
  >();
  const triggered: string[] = [];
  const scheduler = {
    scheduleTask: async (task: SchedulerServiceTaskInvocationDefinition) => {
      tasks.set(task.id, task.fn);
    },
    triggerTask: async (id: string) => {
      if (running.has(id)) throw new ConflictError(`task ${id} is running`);
      triggered.push(id);
    },
  } as unknown as SchedulerService;
  const run = (id: string) => tasks.get(id)!(new AbortController().signal);
  return { scheduler, triggered, run };
}

const schedules = {
  aws: { frequency: { minutes: 1 }, timeout: { minutes: 5 } },
  kubernetes: { frequency: { minutes: 2 }, timeout: { minutes: 5 } },
};

function fakeRefresher() {
  const calls: string[] = [];
  const refresher = {
    refreshAws: async () => {
      calls.push('aws');
      return { clusters: 1, failed: 0 };
    },
    refreshKubernetes: async () => {
      calls.push('kubernetes');
      return { clusters: 1, failed: 0 };
    },
  } as unknown as FleetRefresher;
  return { refresher, calls };
}

describe('scheduleRefresh', () => {
  it('asks for the Kubernetes run right after an AWS run that found clusters never read', async () => {
    const { scheduler, triggered, run } = fakeScheduler();
    const { refresher, calls } = fakeRefresher();
    await scheduleRefresh({
      scheduler,
      refresher,
      schedules,
      kubernetesReadPending: async () => true,
    });
    await run(REFRESH_TASK_IDS.aws);
    expect(calls).toEqual(['aws']);
    expect(triggered).toEqual([REFRESH_TASK_IDS.kubernetes]);
  });

  it('reports the end of every run', async () => {
    const { scheduler, run } = fakeScheduler();
    const { refresher, calls } = fakeRefresher();
    await scheduleRefresh({
      scheduler,
      refresher,
      schedules,
      onRefreshed: async () => {
        calls.push('refreshed');
      },
    });
    await run(REFRESH_TASK_IDS.aws);
    await run(REFRESH_TASK_IDS.kubernetes);
    expect(calls).toEqual(['aws', 'refreshed', 'kubernetes', 'refreshed']);
  });

  it('leaves the Kubernetes run to its schedule when every cluster was tried', async () => {
    const { scheduler, triggered, run } = fakeScheduler();
    const { refresher } = fakeRefresher();
    await scheduleRefresh({
      scheduler,
      refresher,
      schedules,
      kubernetesReadPending: async () => false,
    });
    await run(REFRESH_TASK_IDS.aws);
    expect(triggered).toEqual([]);
  });

  it('does not fail the AWS run when the Kubernetes run is already running', async () => {
    const { scheduler, run } = fakeScheduler(
      new Set([REFRESH_TASK_IDS.kubernetes]),
    );
    const { refresher } = fakeRefresher();
    await scheduleRefresh({
      scheduler,
      refresher,
      schedules,
      kubernetesReadPending: async () => true,
    });
    await expect(run(REFRESH_TASK_IDS.aws)).resolves.toBeUndefined();
  });

  it('trigger asks for both runs and says whether any was started', async () => {
    const { scheduler, triggered } = fakeScheduler(
      new Set([REFRESH_TASK_IDS.aws]),
    );
    const { refresher } = fakeRefresher();
    const { trigger } = await scheduleRefresh({
      scheduler,
      refresher,
      schedules,
    });
    expect(await trigger()).toBe(true);
    expect(triggered).toEqual([REFRESH_TASK_IDS.kubernetes]);

    const busy = fakeScheduler(
      new Set([REFRESH_TASK_IDS.aws, REFRESH_TASK_IDS.kubernetes]),
    );
    const again = await scheduleRefresh({
      scheduler: busy.scheduler,
      refresher,
      schedules,
    });
    expect(await again.trigger()).toBe(false);
  });
});

const shardTask = (k: number, n: number) =>
  `fleet-resilience:refresh-kubernetes:${k}-of-${n}`;

/** Resolves once `check` holds (polling), failing after a second. */
async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) {
    await new Promise(resolve => setTimeout(resolve, 5));
  }
  expect(check()).toBe(true);
}

/**
 * A refresher whose shard runs wait until released, recording which shards
 * ran and how many ran at once.
 */
function blockingRefresher() {
  const started: number[] = [];
  const finished: number[] = [];
  const releases = new Map<number, () => void>();
  let running = 0;
  let mostAtOnce = 0;
  const refresher = {
    refreshAws: async () => ({ clusters: 0, failed: 0 }),
    refreshKubernetes: async (_signal: AbortSignal, shard: RefreshShard) => {
      started.push(shard.index + 1);
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise<void>(resolve =>
        releases.set(shard.index + 1, resolve),
      );
      running -= 1;
      finished.push(shard.index + 1);
      return { clusters: 1, failed: 0 };
    },
  } as unknown as FleetRefresher;
  return {
    refresher,
    started,
    finished,
    release: (k: number) => releases.get(k)!(),
    mostAtOnce: () => mostAtOnce,
  };
}

describe('scheduleRefresh with shards', () => {
  it('schedules one global task per shard, their first runs spread over one interval', async () => {
    const scheduler = mockServices.scheduler();
    const scheduled = jest.spyOn(scheduler, 'scheduleTask');
    const { refresher } = fakeRefresher();
    await scheduleRefresh({
      scheduler,
      refresher,
      schedules,
      kubernetesShards: { count: 4, atOnce: 1 },
    });
    const tasks = await scheduler.getScheduledTasks();
    expect(tasks.map(t => [t.id, t.scope])).toEqual([
      [REFRESH_TASK_IDS.aws, 'global'],
      [shardTask(1, 4), 'global'],
      [shardTask(2, 4), 'global'],
      [shardTask(3, 4), 'global'],
      [shardTask(4, 4), 'global'],
    ]);
    // All due together: a replica holding its share hands the rest back
    // (no first-run stagger, which would also hold triggers off).
    const shardCalls = scheduled.mock.calls.slice(1).map(([task]) => task);
    expect(shardCalls.map(t => t.initialDelay)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    for (const task of shardCalls) {
      expect(task).toMatchObject(schedules.kubernetes);
    }
  });

  it('keeps the one unsharded task for one shard', async () => {
    const scheduler = mockServices.scheduler();
    const { refresher } = fakeRefresher();
    await scheduleRefresh({
      scheduler,
      refresher,
      schedules,
      kubernetesShards: { count: 1, atOnce: 1 },
    });
    expect((await scheduler.getScheduledTasks()).map(t => t.id)).toEqual([
      REFRESH_TASK_IDS.aws,
      'fleet-resilience:refresh-kubernetes',
    ]);
  });

  it('runs each shard with its own shard, and trigger asks for the AWS run and every shard', async () => {
    const { scheduler, triggered, run } = fakeScheduler(
      new Set([shardTask(2, 3)]),
    );
    const shards: RefreshShard[] = [];
    const refresher = {
      refreshKubernetes: async (_signal: AbortSignal, shard: RefreshShard) => {
        shards.push(shard);
        return { clusters: 0, failed: 0 };
      },
    } as unknown as FleetRefresher;
    const { trigger } = await scheduleRefresh({
      scheduler,
      refresher,
      schedules,
      kubernetesShards: { count: 3, atOnce: 1 },
    });
    await run(shardTask(3, 3));
    expect(shards).toEqual([{ index: 2, count: 3 }]);
    expect(await trigger()).toBe(true);
    expect(triggered).toEqual([
      REFRESH_TASK_IDS.aws,
      shardTask(1, 3),
      shardTask(3, 3),
    ]);

    const busy = fakeScheduler(
      new Set([REFRESH_TASK_IDS.aws, shardTask(1, 2), shardTask(2, 2)]),
    );
    const again = await scheduleRefresh({
      scheduler: busy.scheduler,
      refresher,
      schedules,
      kubernetesShards: { count: 2, atOnce: 1 },
    });
    expect(await again.trigger()).toBe(false);
  });

  it('after an AWS run triggers only the shards that hold a cluster never read', async () => {
    const pending = [
      'arn:aws:eks:us-east-1:111122223333:cluster/alpha',
      'arn:aws:eks:eu-west-1:444455556666:cluster/gamma',
    ];
    const expected = [...new Set(pending.map(arn => shardOf(arn, 8)))]
      .sort((a, b) => a - b)
      .map(index => shardTask(index + 1, 8));
    const { scheduler, triggered, run } = fakeScheduler();
    const { refresher } = fakeRefresher();
    let answer: boolean | string[] = pending;
    await scheduleRefresh({
      scheduler,
      refresher,
      schedules,
      kubernetesShards: { count: 8, atOnce: 1 },
      kubernetesReadPending: async () => answer,
    });
    await run(REFRESH_TASK_IDS.aws);
    expect(triggered).toEqual(expected);
    expect(expected.length).toBeLessThan(8);

    triggered.length = 0;
    answer = [];
    await run(REFRESH_TASK_IDS.aws);
    expect(triggered).toEqual([]);
    answer = true;
    await run(REFRESH_TASK_IDS.aws);
    expect(triggered).toHaveLength(8);
  });

  it('hands a shard back while the replica holds shardsAtOnce runs, and runs it once one is free', async () => {
    const scheduler = mockServices.scheduler();
    const logger = mockServices.logger.mock();
    const { refresher, started, finished, release, mostAtOnce } =
      blockingRefresher();
    await scheduleRefresh({
      scheduler,
      refresher,
      schedules,
      logger,
      kubernetesShards: { count: 2, atOnce: 1 },
      handBack: { attempts: 3, delayMs: 5 },
    });
    const first = scheduler.triggerTask(shardTask(1, 2));
    await until(() => started.length === 1);
    // Shard 2 comes due on this replica: it reads nothing and is handed back.
    await scheduler.triggerTask(shardTask(2, 2));
    expect(started).toEqual([1]);
    expect(logger.info).toHaveBeenCalledWith(
      'Kubernetes refresh shard 2 of 2: handed back, this replica already runs 1 shards',
    );
    // Triggered again after the release: still busy, so handed back again.
    await until(() => logger.info.mock.calls.length >= 2);
    expect(started).toEqual([1]);

    release(1);
    await first;
    await until(() => started.length === 2);
    expect(started).toEqual([1, 2]);
    release(2);
    await until(() => finished.length === 2);
    expect(mostAtOnce()).toBe(1);
  });

  it('admits the shard whose last run here ended longest ago when several come due together, so none starves', async () => {
    const { scheduler, triggered, run } = fakeScheduler();
    const { refresher, started, release } = blockingRefresher();
    await scheduleRefresh({
      scheduler,
      refresher,
      schedules,
      kubernetesShards: { count: 3, atOnce: 1 },
      handBack: { attempts: 1, delayMs: 1 },
      admissionWindowMs: 20,
    });
    // Shards 1 and 2 run one after the other; shard 3 never ran here.
    for (const k of [1, 2]) {
      const done = run(shardTask(k, 3));
      await until(() => started.length === k);
      release(k);
      await done;
    }
    // One scheduler poll finds all three due: they start in task ID order.
    const round = [1, 2, 3].map(k => run(shardTask(k, 3)));
    await until(() => started.length === 3);
    expect(started).toEqual([1, 2, 3]);
    await until(() => triggered.length === 2);
    expect([...triggered].sort()).toEqual([shardTask(1, 3), shardTask(2, 3)]);
    release(3);
    await Promise.all(round);
    // Now shard 1's last run is the oldest: it goes before shard 2.
    const next = [2, 1].map(k => run(shardTask(k, 3)));
    await until(() => started.length === 4);
    expect(started[3]).toBe(1);
    release(1);
    await Promise.all(next);
  });

  it('runs up to shardsAtOnce shards at a time on one replica', async () => {
    const scheduler = mockServices.scheduler();
    const logger = mockServices.logger.mock();
    const { refresher, started, finished, release, mostAtOnce } =
      blockingRefresher();
    await scheduleRefresh({
      scheduler,
      refresher,
      schedules,
      logger,
      kubernetesShards: { count: 3, atOnce: 2 },
      handBack: { attempts: 3, delayMs: 5 },
    });
    const runs = [1, 2].map(k => scheduler.triggerTask(shardTask(k, 3)));
    await until(() => started.length === 2);
    await scheduler.triggerTask(shardTask(3, 3));
    expect(started).toEqual([1, 2]);
    expect(logger.info).toHaveBeenCalledWith(
      'Kubernetes refresh shard 3 of 3: handed back, this replica already runs 2 shards',
    );
    release(1);
    release(2);
    await Promise.all(runs);
    await until(() => started.length === 3);
    release(3);
    await until(() => finished.length === 3);
    expect(mostAtOnce()).toBe(2);
  });

  it('retries the hand-back while the scheduler has not released the run yet', async () => {
    let conflicts = 2;
    const attempts: string[] = [];
    const logger = mockServices.logger.mock();
    const tasks = new Map<
      string,
      SchedulerServiceTaskInvocationDefinition['fn']
    >();
    const scheduler = {
      scheduleTask: async (task: SchedulerServiceTaskInvocationDefinition) => {
        tasks.set(task.id, task.fn);
      },
      triggerTask: async (id: string) => {
        attempts.push(id);
        if (conflicts-- > 0) throw new ConflictError(`${id} is running`);
      },
    } as unknown as SchedulerService;
    const { refresher, started, release } = blockingRefresher();
    await scheduleRefresh({
      scheduler,
      refresher,
      schedules,
      logger,
      kubernetesShards: { count: 2, atOnce: 1 },
      handBack: { attempts: 3, delayMs: 5 },
    });
    logger.warn.mockClear(); // the timeout warning, tested below
    const signal = new AbortController().signal;
    const first = tasks.get(shardTask(1, 2))!(signal);
    await until(() => started.length === 1);
    await tasks.get(shardTask(2, 2))!(signal);
    await until(() => attempts.length === 3);
    await new Promise(resolve => setTimeout(resolve, 30));
    // Two conflicts, then the trigger went through: no more tries.
    expect(attempts).toEqual(new Array(3).fill(shardTask(2, 2)));
    expect(logger.warn).not.toHaveBeenCalled();

    // Conflicts every time: gives up after the attempts, and says so.
    conflicts = 99;
    attempts.length = 0;
    await tasks.get(shardTask(2, 2))!(signal);
    await until(() => logger.warn.mock.calls.length === 1);
    expect(attempts).toHaveLength(3);
    expect(logger.warn.mock.calls[0][0]).toMatch(
      /^Kubernetes refresh shard 2 of 2: still running after 3 tries/,
    );
    release(1);
    await first;
  });

  it("warns when a dead replica's shard would wait longer than one interval", async () => {
    expect(
      shardCoverageWarning({
        frequency: { minutes: 5 },
        timeout: { minutes: 4 },
      }),
    ).toBeUndefined();
    expect(
      shardCoverageWarning({
        frequency: { minutes: 5 },
        timeout: { minutes: 4, seconds: 1 },
      }),
    ).toMatch(/timeout \(241000 ms\) is more than its frequency \(300000 ms\)/);
    expect(
      shardCoverageWarning({
        frequency: { cron: '* * * * *' },
        timeout: { minutes: 9 },
      }),
    ).toBeUndefined();

    const logger = mockServices.logger.mock();
    const { refresher } = fakeRefresher();
    await scheduleRefresh({
      scheduler: mockServices.scheduler(),
      refresher,
      schedules,
      logger,
      kubernetesShards: { count: 2, atOnce: 1 },
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Kubernetes refresh shards: the schedule's timeout/,
      ),
    );
    const unsharded = mockServices.logger.mock();
    await scheduleRefresh({
      scheduler: mockServices.scheduler(),
      refresher,
      schedules,
      logger: unsharded,
    });
    expect(unsharded.warn).not.toHaveBeenCalled();
  });
});
