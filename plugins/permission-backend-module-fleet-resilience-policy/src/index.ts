/**
 * A permission policy for portals with Fleet Resilience, from config:
 * admins do everything, owners read and shift their own clusters, the
 * catalog hides foreign cluster entities, and every other permission is
 * allowed.
 *
 * @packageDocumentation
 */

export { permissionModuleFleetResiliencePolicy as default } from './module';
export {
  FleetResiliencePermissionPolicy,
  type FleetResiliencePermissionPolicyOptions,
} from './FleetResiliencePermissionPolicy';
export {
  decideFleetResiliencePermission,
  fleetClusterEntityReadCriteria,
  isFleetResilienceAdmin,
  type FleetResiliencePolicyUser,
} from './decision';
export {
  DEFAULT_FLEET_RESILIENCE_POLICY_CONFIG,
  FLEET_RESILIENCE_POLICY_CONFIG_KEY,
  readFleetResiliencePolicyConfig,
  type FleetResiliencePolicyConfig,
} from './config';
