import type {
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { FleetRefresher } from './FleetRefresher';
import { REFRESH_TASK_IDS, scheduleRefresh } from './scheduleRefresh';

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
