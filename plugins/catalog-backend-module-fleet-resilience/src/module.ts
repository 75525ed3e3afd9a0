import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import type { FleetInventorySource } from '@fleet-resilience/plugin-fleet-resilience-node';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  AWS_CONFIG_INVENTORY_KEY,
  awsConfigSourceFromConfig,
} from './awsConfigSource';
import { readProviderConfig } from './config/readProviderConfig';
import { fleetResilienceCatalogExtensionPoint } from './extensions';
import { FleetResilienceEntityProvider } from './provider/FleetResilienceEntityProvider';

/**
 * Catalog module: the fleet's EKS clusters as `Resource` entities of type
 * `kubernetes-cluster`, refreshed on `catalog.providers.fleetResilience.schedule`.
 *
 * @public
 */
export const catalogModuleFleetResilience = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'fleet-resilience',
  register(env) {
    const extraSources: FleetInventorySource[] = [];
    env.registerExtensionPoint(fleetResilienceCatalogExtensionPoint, {
      addInventorySource(source) {
        extraSources.push(source);
      },
    });

    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, logger, scheduler }) {
        const { schedule, ...mapping } = readProviderConfig(config);
        const awsConfig = awsConfigSourceFromConfig(config);
        if (!awsConfig) {
          logger.info(
            `No ${AWS_CONFIG_INVENTORY_KEY} configured: no EKS clusters come from AWS Config`,
          );
        }
        const sources = awsConfig ? [awsConfig, ...extraSources] : extraSources;
        const ids = new Set<string>();
        for (const { id } of sources) {
          if (ids.has(id)) {
            throw new Error(`Two fleet inventory sources share the id '${id}'`);
          }
          ids.add(id);
        }
        const taskRunner = scheduler.createScheduledTaskRunner(schedule);
        catalog.addEntityProvider(
          sources.map(
            source =>
              new FleetResilienceEntityProvider({
                source,
                mapping,
                logger,
                taskRunner,
              }),
          ),
        );
      },
    });
  },
});
