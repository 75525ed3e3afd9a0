import type { Config } from '@backstage/config';
import { checkTagFilter, type TagFilter } from './configQuery';
import { checkPositiveInteger } from './awsSettings';
import { isAccountId, isRegion } from './identifiers';

/**
 * Where AWS Config is read: one aggregator, or each account's own recorder per region.
 *
 * @public
 */
export type AwsConfigInventoryScope =
  | {
      mode: 'aggregator';
      aggregator: { accountId: string; region: string; name: string };
    }
  | {
      mode: 'accounts';
      accounts: Array<{ accountId: string; regions: string[] }>;
    };

export interface AwsConfigInventorySettings {
  scope: AwsConfigInventoryScope;
  tagFilters: TagFilter[];
  /** Account/regions read at once in `accounts` mode. */
  concurrency: number;
  allowInsecureEndpoints: boolean;
}

export const DEFAULT_INVENTORY_CONCURRENCY = 16;
const AGGREGATOR_NAME = /^[\w-]{1,256}$/;

function accountId(key: string, value: string): string {
  if (!isAccountId(value))
    throw new Error(`${key} must be a 12-digit AWS account ID, got '${value}'`);
  return value;
}

function region(key: string, value: string): string {
  if (!isRegion(value))
    throw new Error(
      `${key} must be an AWS region code like us-east-1, got '${value}'`,
    );
  return value;
}

function readScope(inventory: Config, prefix: string): AwsConfigInventoryScope {
  const aggregator = inventory.getOptionalConfig('aggregator');
  const accounts = inventory.getOptionalConfigArray('accounts');
  if ((aggregator === undefined) === (accounts === undefined)) {
    throw new Error(
      `${prefix} needs exactly one of 'aggregator' or 'accounts'`,
    );
  }
  if (aggregator) {
    const name = aggregator.getString('name');
    if (!AGGREGATOR_NAME.test(name)) {
      throw new Error(
        `${prefix}.aggregator.name must be letters, digits, _ or -, got '${name}'`,
      );
    }
    return {
      mode: 'aggregator',
      aggregator: {
        accountId: accountId(
          `${prefix}.aggregator.accountId`,
          aggregator.getString('accountId'),
        ),
        region: region(
          `${prefix}.aggregator.region`,
          aggregator.getString('region'),
        ),
        name,
      },
    };
  }
  const list = (accounts ?? []).map((account, index) => {
    const key = `${prefix}.accounts[${index}]`;
    const regions = account.getStringArray('regions');
    if (regions.length === 0)
      throw new Error(`${key}.regions must name at least one region`);
    return {
      accountId: accountId(`${key}.accountId`, account.getString('accountId')),
      regions: [...new Set(regions.map(r => region(`${key}.regions`, r)))],
    };
  });
  if (list.length === 0)
    throw new Error(`${prefix}.accounts must list at least one account`);
  return { mode: 'accounts', accounts: list };
}

/**
 * Reads `fleetResilience.inventory.awsConfig` (required) and
 * `fleetResilience.kubernetes.allowInsecureEndpoints`.
 */
export function readAwsConfigInventorySettings(
  config: Config,
): AwsConfigInventorySettings {
  const prefix = 'fleetResilience.inventory.awsConfig';
  const inventory = config.getConfig(prefix);
  const tagFilters = (inventory.getOptionalConfigArray('tagFilters') ?? []).map(
    filter =>
      checkTagFilter({
        key: filter.getString('key'),
        value: filter.getOptionalString('value'),
      }),
  );
  return {
    scope: readScope(inventory, prefix),
    tagFilters,
    concurrency: checkPositiveInteger(
      `${prefix}.concurrency`,
      inventory.getOptionalNumber('concurrency') ??
        DEFAULT_INVENTORY_CONCURRENCY,
    ),
    allowInsecureEndpoints:
      config.getOptionalBoolean(
        'fleetResilience.kubernetes.allowInsecureEndpoints',
      ) ?? false,
  };
}
