import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { readFleetResiliencePolicyConfig } from './config';
import { FleetResiliencePermissionPolicy } from './FleetResiliencePermissionPolicy';

/**
 * The permission backend's policy, from `fleetResilience.policy`. Replaces
 * the allow-all policy module (a backend takes one policy).
 *
 * @public
 */
export const permissionModuleFleetResiliencePolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'fleet-resilience-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        userInfo: coreServices.userInfo,
        policy: policyExtensionPoint,
      },
      async init({ config, logger, userInfo, policy }) {
        const settings = readFleetResiliencePolicyConfig(config);
        policy.setPolicy(
          new FleetResiliencePermissionPolicy({ policy: settings, userInfo }),
        );
        logger.info(
          `Fleet Resilience policy: admins ${
            settings.admins.join(', ') || '(none)'
          }; read by ${settings.read}, shift by ${settings.shift}, refresh by ${
            settings.refresh
          }; cluster entities in the catalog ${
            settings.catalogClusters ? 'follow read' : 'not gated'
          }`,
        );
      },
    });
  },
});
