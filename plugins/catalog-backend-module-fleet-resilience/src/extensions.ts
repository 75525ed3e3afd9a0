import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { FleetInventorySource } from '@fleet-resilience/plugin-fleet-resilience-node';

/**
 * Adds inventory sources besides AWS Config; each gets its own entity
 * provider (`FleetResilienceEntityProvider:<source id>`) on the same schedule.
 *
 * @public
 */
export interface FleetResilienceCatalogExtensionPoint {
  addInventorySource(source: FleetInventorySource): void;
}

/** @public */
export const fleetResilienceCatalogExtensionPoint =
  createExtensionPoint<FleetResilienceCatalogExtensionPoint>({
    id: 'catalog.fleet-resilience.inventory-sources',
  });
