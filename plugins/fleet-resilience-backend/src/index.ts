/**
 * The Fleet Resilience backend plugin: fleet inventory, per-AZ capacity, the
 * N-1 test and zonal shift status of an EKS fleet, behind a
 * permission-checked HTTP API.
 *
 * @packageDocumentation
 */

export { fleetResiliencePlugin as default } from './plugin';
export {
  fleetResilienceInventoryExtensionPoint,
  type FleetResilienceInventoryExtensionPoint,
} from '@fleet-resilience/plugin-fleet-resilience-node';
