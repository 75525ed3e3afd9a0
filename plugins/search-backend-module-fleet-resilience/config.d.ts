import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /**
       * Fleet Resilience: one `fleet-cluster` search document per EKS
       * cluster, from the fleet-resilience backend's fleet list.
       */
      fleetResilience?: {
        /**
         * When to rebuild the index. Default: every 10 minutes, 15 minute
         * timeout, first run 30 seconds after start-up.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /** Clusters per request to `GET /clusters`, 1-500. Default 500. */
        pageSize?: number;
      };
    };
  };
}
