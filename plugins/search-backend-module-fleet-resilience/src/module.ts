import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { FleetClusterCollatorFactory } from './collator/FleetClusterCollatorFactory';
import { readCollatorConfig } from './config';

/**
 * Search module: one `fleet-cluster` document per EKS cluster, refreshed on
 * `search.collators.fleetResilience.schedule`.
 *
 * @public
 */
export const searchModuleFleetResilienceCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'fleet-resilience-collator',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({
        auth,
        config,
        discovery,
        logger,
        scheduler,
        indexRegistry,
      }) {
        const { schedule, pageSize } = readCollatorConfig(config);
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: new FleetClusterCollatorFactory({
            auth,
            discovery,
            logger,
            pageSize,
          }),
        });
      },
    });
  },
});
