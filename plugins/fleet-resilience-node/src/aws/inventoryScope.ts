import type { Config } from '@backstage/config';
import {
  readAwsConfigInventorySettings,
  type AwsConfigInventoryScope,
} from './inventorySettings';

/**
 * Where the built-in AWS Config inventory reads (`fleetResilience.inventory.awsConfig`:
 * the aggregator, or the accounts and regions), validated as the source
 * validates it; undefined when the built-in source is not configured.
 *
 * @public
 */
export function readAwsConfigInventoryScope(
  config: Config,
): AwsConfigInventoryScope | undefined {
  return config.has('fleetResilience.inventory.awsConfig')
    ? readAwsConfigInventorySettings(config).scope
    : undefined;
}
