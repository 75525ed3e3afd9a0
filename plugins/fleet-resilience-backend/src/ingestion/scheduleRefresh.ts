/**
 * The refresh as two scheduled tasks with `scope: 'global'`: when several
 * replicas share a database, one of them runs each task at a time.
 *
 * - `fleet-resilience:refresh-aws` (default every minute): inventory, ARC,
 *   Resilience Hub, EKS DescribeCluster (new clusters, then every 30 min).
 * - `fleet-resilience:refresh-kubernetes` (default every 2 minutes): every
 *   cluster's Kubernetes API, a bounded number at a time.
 *
 * When the AWS run finds clusters whose Kubernetes API was never tried (a
 * fresh start, a new cluster), it asks for the Kubernetes run at once rather
 * than leaving them without capacity data until its next turn.
 */
import type {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
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
  /** True when some cluster's Kubernetes API has not been tried yet. */
  kubernetesReadPending?: () => Promise<boolean>;
  /** Called after every run, e.g. to tell open pages that data changed. */
  onRefreshed?: () => Promise<void>;
}): Promise<{ trigger: () => Promise<boolean> }> {
  const {
    scheduler,
    refresher,
    schedules,
    kubernetesReadPending,
    onRefreshed,
  } = options;

  /** Triggers one task; false when it is running already. */
  async function triggerOne(id: string): Promise<boolean> {
    try {
      await scheduler.triggerTask(id);
      return true;
    } catch (error) {
      if (
        error instanceof ConflictError ||
        (error as Error)?.name === 'ConflictError'
      ) {
        return false;
      }
      throw error;
    }
  }

  await scheduler.scheduleTask({
    id: REFRESH_TASK_IDS.aws,
    ...schedules.aws,
    scope: 'global',
    fn: async signal => {
      await refresher.refreshAws(signal);
      await onRefreshed?.();
      if (await kubernetesReadPending?.()) {
        await triggerOne(REFRESH_TASK_IDS.kubernetes);
      }
    },
  });
  await scheduler.scheduleTask({
    id: REFRESH_TASK_IDS.kubernetes,
    ...schedules.kubernetes,
    scope: 'global',
    fn: async signal => {
      await refresher.refreshKubernetes(signal);
      await onRefreshed?.();
    },
  });

  /** Asks for both tasks to run soon; false when both are running already. */
  async function trigger(): Promise<boolean> {
    const aws = await triggerOne(REFRESH_TASK_IDS.aws);
    const kubernetes = await triggerOne(REFRESH_TASK_IDS.kubernetes);
    return aws || kubernetes;
  }
  return { trigger };
}
