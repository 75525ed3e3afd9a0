import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { FleetInventorySource } from './sources/types';

/**
 * Lets backend modules add sources of EKS clusters to the Fleet Resilience
 * backend, next to (or instead of) the built-in AWS Config source.
 *
 * @public
 */
export interface FleetResilienceInventoryExtensionPoint {
  /** Each source needs a unique `id`; clusters are keyed by ARN across sources. */
  addInventorySource(...sources: FleetInventorySource[]): void;
}

/**
 * The extension point of {@link FleetResilienceInventoryExtensionPoint}.
 *
 * @public
 */
export const fleetResilienceInventoryExtensionPoint =
  createExtensionPoint<FleetResilienceInventoryExtensionPoint>({
    id: 'fleet-resilience.inventory',
  });
