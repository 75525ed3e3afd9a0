import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * Fleet Resilience: EKS clusters as `Resource` entities of type
       * `kubernetes-cluster`. Where clusters come from (AWS Config accounts or
       * aggregator, tag filters, credentials, endpoints) is configured once,
       * for the backend plugin and this module alike, under
       * `fleetResilience.inventory.awsConfig` and `fleetResilience.aws`.
       */
      fleetResilience?: {
        /**
         * When to read the inventory. Default: every 10 minutes, 5 minute
         * timeout, first run 10 seconds after start-up.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * AWS tag whose value is the owner: `team-a`, `group:team-a`,
         * `user:default/jdoe`. Default `owner`.
         */
        ownerTag?: string;
        /** AWS tag whose value is the system: `payments` or `system:payments`. Default `system`. */
        systemTag?: string;
        /**
         * Owner of clusters without a usable owner tag (a group or user
         * ref). Default `group:default/platform-team`.
         */
        defaultOwner?: string;
        /** System of clusters without a usable system tag. Default: none. */
        defaultSystem?: string;
        /** AWS tags whose values become entity tags, e.g. `[environment]`. Default: none. */
        entityTagKeys?: string[];
      };
    };
  };
}
