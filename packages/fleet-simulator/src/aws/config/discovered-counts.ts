/**
 * AWS Config GetAggregateDiscoveredResourceCounts (API 2014-11-12): how many
 * resources an aggregator holds, optionally filtered by resource type,
 * account and region and grouped by one of them. The aggregator sees the
 * whole fleet; an account's recorder that does not record a type has no CIs
 * of it, so it has none to count either.
 *
 * AWS does not document the order of the groups; the simulator sorts them by
 * `GroupName` (code-unit order), so pages are stable. Only groups holding at
 * least one resource are returned.
 */
import { isJsonObject } from '../../json';
import { AwsApiError } from '../common/errors';
import {
  constraintError,
  JsonObject,
  optionalInteger,
  optionalString,
  requiredString,
  serializationError,
} from '../common/input';
import { pageOf, pageOffset } from '../common/paging';
import type { ConfigurationItem } from './configuration-items';
import { invalidNextToken } from './select';

/** What is counted of a CI. */
export type CountedItem = Pick<
  ConfigurationItem,
  'accountId' | 'awsRegion' | 'resourceType'
>;

/** ResourceCountGroupKey -> the CI field it groups by. */
const GROUP_KEYS = {
  RESOURCE_TYPE: 'resourceType',
  ACCOUNT_ID: 'accountId',
  AWS_REGION: 'awsRegion',
} as const;
type GroupByKey = keyof typeof GROUP_KEYS;

/** GroupByAPILimit: 0..1000, 0 or absent = the default. */
const MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 1000;
const MAX_AGGREGATOR_NAME = 256;
const AGGREGATOR_NAME = /^[\w-]+$/;
const ACCOUNT_ID = /^\d{12}$/;
const MAX_REGION = 64;
/** The ResourceType enum is long and grows; its members share this form. */
const RESOURCE_TYPE = /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/;

export interface GetAggregateDiscoveredResourceCountsOutput {
  TotalDiscoveredResources: number;
  GroupByKey?: GroupByKey;
  GroupedResourceCounts: Array<{ GroupName: string; ResourceCount: number }>;
  NextToken?: string;
}

interface Filters {
  resourceType?: string;
  accountId?: string;
  region?: string;
}

function lengthProblem(
  member: string,
  value: string,
  min: number,
  max: number,
): AwsApiError | undefined {
  if (value.length < min) {
    return constraintError(
      member,
      value,
      `Member must have length greater than or equal to ${min}`,
    );
  }
  if (value.length > max) {
    return constraintError(
      member,
      `${value.slice(0, 32)}...`,
      `Member must have length less than or equal to ${max}`,
    );
  }
  return undefined;
}

function aggregatorNameOf(input: JsonObject): string {
  const name = requiredString(
    input,
    'ConfigurationAggregatorName',
    'configurationAggregatorName',
  );
  const problem = lengthProblem(
    'configurationAggregatorName',
    name,
    1,
    MAX_AGGREGATOR_NAME,
  );
  if (problem) throw problem;
  if (!AGGREGATOR_NAME.test(name)) {
    throw constraintError(
      'configurationAggregatorName',
      name,
      'Member must satisfy regular expression pattern: [\\w\\-]+',
    );
  }
  return name;
}

function filtersOf(input: JsonObject): Filters {
  const value = input.Filters;
  if (value === undefined || value === null) return {};
  if (!isJsonObject(value)) throw serializationError('Filters', 'a structure');
  const resourceType = optionalString(value, 'ResourceType');
  const accountId = optionalString(value, 'AccountId');
  const region = optionalString(value, 'Region');
  if (resourceType !== undefined && !RESOURCE_TYPE.test(resourceType)) {
    throw constraintError(
      'filters.resourceType',
      resourceType,
      'Member must satisfy enum value set of AWS Config resource types',
    );
  }
  if (accountId !== undefined && !ACCOUNT_ID.test(accountId)) {
    throw constraintError(
      'filters.accountId',
      accountId,
      'Member must satisfy regular expression pattern: \\d{12}',
    );
  }
  const regionProblem =
    region === undefined
      ? undefined
      : lengthProblem('filters.region', region, 1, MAX_REGION);
  if (regionProblem) throw regionProblem;
  return { resourceType, accountId, region };
}

function groupByKeyOf(input: JsonObject): GroupByKey | undefined {
  const key = optionalString(input, 'GroupByKey');
  if (key === undefined) return undefined;
  if (!Object.hasOwn(GROUP_KEYS, key)) {
    throw constraintError(
      'groupByKey',
      key,
      `Member must satisfy enum value set: [${Object.keys(GROUP_KEYS).join(
        ', ',
      )}]`,
    );
  }
  return key as GroupByKey;
}

function limitOf(input: JsonObject): number {
  const limit = optionalInteger(input, 'Limit');
  if (limit !== undefined && (limit < 0 || limit > MAX_LIMIT)) {
    throw new AwsApiError(
      'InvalidLimitException',
      `The specified limit ${limit} is outside the allowable range (0 to ${MAX_LIMIT}).`,
    );
  }
  return limit || DEFAULT_LIMIT;
}

/**
 * Answers GetAggregateDiscoveredResourceCounts. `fleetItems` gives the CIs
 * the aggregator sees (the whole fleet), of `types` only when given;
 * `aggregators` are the aggregator names that exist.
 */
export function getAggregateDiscoveredResourceCounts(
  input: JsonObject,
  fleetItems: (types?: ReadonlySet<string>) => ReadonlyArray<CountedItem>,
  aggregators: ReadonlySet<string>,
): GetAggregateDiscoveredResourceCountsOutput {
  const name = aggregatorNameOf(input);
  const filters = filtersOf(input);
  const groupByKey = groupByKeyOf(input);
  const size = limitOf(input);
  const nextToken = optionalString(input, 'NextToken');
  if (!aggregators.has(name)) {
    throw new AwsApiError(
      'NoSuchConfigurationAggregatorException',
      `The configuration aggregator '${name}' does not exist. Check the configuration aggregator name and try again.`,
    );
  }
  const tokenScope = JSON.stringify([
    'aggregate-discovered-resource-counts',
    name,
    filters.resourceType ?? null,
    filters.accountId ?? null,
    filters.region ?? null,
    groupByKey ?? null,
  ]);
  const offset = pageOffset(nextToken, tokenScope, invalidNextToken);
  const counted = fleetItems(
    filters.resourceType ? new Set([filters.resourceType]) : undefined,
  ).filter(
    item =>
      (!filters.resourceType || item.resourceType === filters.resourceType) &&
      (!filters.accountId || item.accountId === filters.accountId) &&
      (!filters.region || item.awsRegion === filters.region),
  );
  if (!groupByKey) {
    return {
      TotalDiscoveredResources: counted.length,
      GroupedResourceCounts: [],
    };
  }
  const field = GROUP_KEYS[groupByKey];
  const groups = new Map<string, number>();
  for (const item of counted) {
    groups.set(item[field], (groups.get(item[field]) ?? 0) + 1);
  }
  const sorted = [...groups.keys()]
    .sort((a, b) => (a < b ? -1 : 1))
    .map(group => ({ GroupName: group, ResourceCount: groups.get(group)! }));
  const page = pageOf(sorted, offset, size, tokenScope);
  return {
    TotalDiscoveredResources: counted.length,
    GroupByKey: groupByKey,
    GroupedResourceCounts: page.items,
    NextToken: page.nextToken,
  };
}
