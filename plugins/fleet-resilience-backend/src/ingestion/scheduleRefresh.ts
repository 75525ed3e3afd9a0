/**
 * The refresh as two scheduled tasks with `scope: 'global'`: when several
 * replicas share a database, one of them runs each task at a time.
 *
 * - `fleet-resilience:refresh-aws` (default every minute): inventory, ARC,
 *   Resilience Hub, EKS DescribeCluster (new clusters, then every 30 min).
 * - `fleet-resilience:refresh-kubernetes` (default every 2 minutes): every
 *   cluster's Kubernetes API, a bounded number at a time.
 */
import type { SchedulerService, SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { FleetRefresher } from './FleetRefresher';

export const REFRESH_TASK_IDS = {
  aws: 'fleet-resilience:refresh-aws',
  kubernetes: 'fleet-resilience:refresh-kubernetes',
} as const;

export async function scheduleRefresh(options: {
  scheduler: SchedulerService;
  refresher: FleetRefresher;
  schedules: {
    aws: SchedulerServiceTaskScheduleDefinition;
    kubernetes: SchedulerServiceTaskScheduleDefinition;
  };
}): Promise<{ trigger: () => Promise<boolean> }> {
  const { scheduler, refresher, schedules } = options;
  await scheduler.scheduleTask({
    id: REFRESH_TASK_IDS.aws,
    ...schedules.aws,
    scope: 'global',
    fn: async signal => {
      await refresher.refreshAws(signal);
    },
  });
  await scheduler.scheduleTask({
    id: REFRESH_TASK_IDS.kubernetes,
    ...schedules.kubernetes,
    scope: 'global',
    fn: async signal => {
      await refresher.refreshKubernetes(signal);
    },
  });

  /** Asks for both tasks to run soon; false when both are running already. */
  async function trigger(): Promise<boolean> {
    let triggered = false;
    for (const id of [REFRESH_TASK_IDS.aws, REFRESH_TASK_IDS.kubernetes]) {
      try {
        await scheduler.triggerTask(id);
        triggered = true;
      } catch (error) {
        if (!(error instanceof ConflictError) && (error as Error)?.name !== 'ConflictError') {
          throw error;
        }
      }
    }
    return triggered;
  }
  return { trigger };
}
