import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * Fleet Resilience: the clusters of the Fleet Resilience backend's
       * inventory as `Resource` entities of type `kubernetes-cluster`. Where
       * clusters come from (AWS Config, sources added by modules, tag
       * filters, credentials) and which AWS tags hold the owner and system
       * (`fleetResilience.tags`) is the backend plugin's configuration; this
       * module reads the backend's inventory over its HTTP API.
       */
      fleetResilience?: {
        /**
         * When to read the backend's inventory. Default: every minute, 2
         * minute timeout, first run 30 seconds after start-up.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Owner of clusters without a usable owner tag (a group or user
         * ref). Default `group:default/platform-team`.
         */
        defaultOwner?: string;
        /** System of clusters without a usable system tag. Default: none. */
        defaultSystem?: string;
        /** AWS tags whose values become entity tags, e.g. `[environment]`. Default: none. */
        entityTagKeys?: string[];
        /**
         * The role Backstage's Kubernetes plugin assumes to reach a cluster,
         * written as `kubernetes.io/aws-assume-role` (and
         * `kubernetes.io/aws-external-id`). Default: the role Backstage's
         * `aws` integration config names for the cluster's account
         * (`aws.accounts[].roleName` and `externalId` for a listed account,
         * else `aws.accountDefaults`), in the cluster's partition; no
         * annotation for an account without a role.
         */
        kubernetes?: {
          /**
           * One role name (not an ARN; an IAM path may precede it) for every
           * account, instead of the integration's, e.g.
           * `backstage-kubernetes-viewer`.
           */
          assumeRoleName?: string;
          /** External ID for `assumeRoleName`; only read with it. */
          externalId?: string;
        };
      };
    };
  };
}
