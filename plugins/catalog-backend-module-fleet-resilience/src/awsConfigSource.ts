/**
 * The built-in inventory source: AWS Config, configured under
 * `fleetResilience.inventory.awsConfig` and `fleetResilience.aws` exactly as
 * the backend plugin reads it (the node package validates both, tag filters
 * included, and builds the queries).
 */
import type { Config } from '@backstage/config';
import {
  AwsClientFactory,
  AwsConfigInventorySource,
  type FleetInventorySource,
} from '@fleet-resilience/plugin-fleet-resilience-node';

export const AWS_CONFIG_INVENTORY_KEY = 'fleetResilience.inventory.awsConfig';

/** The AWS Config source, or undefined when it is not configured. */
export function awsConfigSourceFromConfig(
  config: Config,
): FleetInventorySource | undefined {
  if (!config.has(AWS_CONFIG_INVENTORY_KEY)) {
    return undefined;
  }
  const clients = AwsClientFactory.fromConfig(config);
  return AwsConfigInventorySource.fromConfig(config, { clients });
}
