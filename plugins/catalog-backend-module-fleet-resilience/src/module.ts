import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readProviderConfig } from './config/readProviderConfig';
import { FleetInventoryClient } from './inventory/FleetInventoryClient';
import { FleetResilienceEntityProvider } from './provider/FleetResilienceEntityProvider';

/**
 * Catalog module: the clusters of the Fleet Resilience backend's inventory as
 * `Resource` entities of type `kubernetes-cluster`, refreshed on
 * `catalog.providers.fleetResilience.schedule`. Needs the Fleet Resilience
 * backend plugin (`@fleet-resilience/plugin-fleet-resilience-backend`), in
 * this backend or reachable through discovery.
 *
 * @public
 */
export const catalogModuleFleetResilience = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'fleet-resilience',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ auth, catalog, config, discovery, logger, scheduler }) {
        const { schedule, ...mapping } = readProviderConfig(config);
        catalog.addEntityProvider(
          new FleetResilienceEntityProvider({
            inventory: new FleetInventoryClient({ discovery, auth }),
            mapping,
            logger,
            taskRunner: scheduler.createScheduledTaskRunner(schedule),
          }),
        );
      },
    });
  },
});
