import type { AwsServiceHandler } from '../../http';
import type { FleetModel } from '../../model/types';
import { callerAccountId } from '../common/caller';
import { AwsApiError } from '../common/errors';
import {
  constraintError,
  JsonObject,
  optionalInteger,
  optionalObjectList,
  optionalString,
  optionalStringList,
  parseJsonBody,
  requiredString,
} from '../common/input';
import { pageOf, pageOffset } from '../common/paging';
import { AWS_JSON_1_1, jsonService } from '../common/protocols';
import {
  baseConfigurationItem,
  ConfigurationItem,
  RecorderScope,
} from './configuration-items';
import { createItemIndex } from './item-index';
import { getAggregateDiscoveredResourceCounts } from './discovered-counts';
import {
  describeConfigurationRecorders,
  describeConfigurationRecorderStatus,
} from './recorders';
import {
  createSelect,
  invalidNextToken,
  MAX_EXPRESSION_LENGTH,
  type SelectRequest,
  type SelectOutput,
} from './select';

/**
 * AWS Config (signing name `config`, protocol awsJson1_1): the advanced
 * query operations and the discovered-resource reads. SelectResourceConfig,
 * ListDiscoveredResources and BatchGetResourceConfig see the caller's
 * account (see callerAccountId) in the caller's region, as one account's
 * recorder does; SelectAggregateResourceConfig sees the whole fleet. A type
 * an account's recorder does not record is absent from all of them.
 * DescribeConfigurationRecorders and DescribeConfigurationRecorderStatus
 * describe the caller's recorder (./recorders.ts).
 */

/**
 * The aggregator name the simulator offers unless told otherwise.
 *
 * @public
 */
export const DEFAULT_AGGREGATOR = 'fleet-aggregator';

/**
 * Options of the simulated AWS Config service.
 *
 * @public
 */
export interface ConfigServiceOptions {
  /** Aggregators that cover the whole fleet; default [DEFAULT_AGGREGATOR]. */
  aggregatorNames?: string[];
}

const TARGET_PREFIX = 'StarlingDoveService.';
const DEFAULT_SELECT_PAGE = 25;
const MAX_PAGE = 100;
const DEFAULT_DISCOVERED_PAGE = 100;
const MAX_RESOURCE_IDS = 20;
const MAX_RESOURCE_KEYS = 100;
const RESOURCE_TYPE = /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/;
const AGGREGATOR_NAME = /^[\w-]{1,256}$/;

interface Context {
  scope: RecorderScope;
  /** CIs in `scope` (the whole fleet when undefined), of `types` (all when undefined). */
  items(
    scope?: RecorderScope,
    types?: ReadonlySet<string>,
  ): ConfigurationItem[];
  /** Runs a select over the CIs in `scope` (the whole fleet when undefined). */
  select(
    scope: RecorderScope | undefined,
    request: SelectRequest,
  ): SelectOutput;
}

/** A page size from a 0..100 limit member; 0 or absent means the default. */
function pageSize(limit: number | undefined, fallback: number): number {
  if (limit !== undefined && (limit < 0 || limit > MAX_PAGE)) {
    throw new AwsApiError(
      'InvalidLimitException',
      `The specified limit ${limit} is outside the allowable range (0 to ${MAX_PAGE}).`,
    );
  }
  return limit || fallback;
}

function expressionOf(input: JsonObject): string {
  const expression = requiredString(input, 'Expression', 'expression');
  if (expression.length < 1) {
    throw constraintError(
      'expression',
      expression,
      'Member must have length greater than or equal to 1',
    );
  }
  if (expression.length > MAX_EXPRESSION_LENGTH) {
    throw constraintError(
      'expression',
      `${expression.slice(0, 32)}...`,
      `Member must have length less than or equal to ${MAX_EXPRESSION_LENGTH}`,
    );
  }
  return expression;
}

function selectResourceConfig(input: JsonObject, context: Context) {
  const expression = expressionOf(input);
  const size = pageSize(optionalInteger(input, 'Limit'), DEFAULT_SELECT_PAGE);
  return context.select(context.scope, {
    expression,
    pageSize: size,
    nextToken: optionalString(input, 'NextToken'),
    scopeKey: `${context.scope.accountId}/${context.scope.region}`,
  });
}

function selectAggregateResourceConfig(
  input: JsonObject,
  context: Context,
  aggregators: ReadonlySet<string>,
) {
  const expression = expressionOf(input);
  const name = requiredString(
    input,
    'ConfigurationAggregatorName',
    'configurationAggregatorName',
  );
  if (!AGGREGATOR_NAME.test(name)) {
    throw constraintError(
      'configurationAggregatorName',
      name,
      'Member must satisfy regular expression pattern: [\\w\\-]+',
    );
  }
  // Config takes either member; a non-zero Limit wins.
  const size = pageSize(
    optionalInteger(input, 'Limit'),
    pageSize(optionalInteger(input, 'MaxResults'), DEFAULT_SELECT_PAGE),
  );
  if (!aggregators.has(name)) {
    throw new AwsApiError(
      'NoSuchConfigurationAggregatorException',
      `The configuration aggregator '${name}' does not exist. Check the configuration aggregator name and try again.`,
    );
  }
  return context.select(undefined, {
    expression,
    pageSize: size,
    nextToken: optionalString(input, 'NextToken'),
    scopeKey: `aggregator/${name}`,
  });
}

function resourceTypeOf(input: JsonObject, member: string): string {
  const resourceType = requiredString(input, member);
  if (!RESOURCE_TYPE.test(resourceType)) {
    throw constraintError(
      member,
      resourceType,
      'Member must satisfy enum value set of AWS Config resource types',
    );
  }
  return resourceType;
}

function listDiscoveredResources(input: JsonObject, context: Context) {
  const resourceType = resourceTypeOf(input, 'resourceType');
  const resourceIds = optionalStringList(input, 'resourceIds');
  const resourceName = optionalString(input, 'resourceName');
  if (resourceIds && resourceIds.length > MAX_RESOURCE_IDS) {
    throw constraintError(
      'resourceIds',
      `[${resourceIds.length} IDs]`,
      `Member must have length less than or equal to ${MAX_RESOURCE_IDS}`,
    );
  }
  if (resourceIds?.length && resourceName !== undefined) {
    throw new AwsApiError(
      'ValidationException',
      'You can specify either resource IDs or a resource name, but not both, in the same request.',
    );
  }
  const size = pageSize(
    optionalInteger(input, 'limit'),
    DEFAULT_DISCOVERED_PAGE,
  );
  const tokenScope = JSON.stringify([
    'discovered',
    context.scope,
    resourceType,
    resourceIds ?? null,
    resourceName ?? null,
  ]);
  const offset = pageOffset(
    optionalString(input, 'nextToken'),
    tokenScope,
    invalidNextToken,
  );
  const wanted = resourceIds?.length ? new Set(resourceIds) : undefined;
  const found = context
    .items(context.scope)
    .filter(
      item =>
        item.resourceType === resourceType &&
        (!wanted || wanted.has(item.resourceId)) &&
        (resourceName === undefined || item.resourceName === resourceName),
    );
  const page = pageOf(found, offset, size, tokenScope);
  return {
    resourceIdentifiers: page.items.map(item => ({
      resourceType: item.resourceType,
      resourceId: item.resourceId,
      resourceName: item.resourceName,
    })),
    nextToken: page.nextToken,
  };
}

function batchGetResourceConfig(input: JsonObject, context: Context) {
  const keys = optionalObjectList(input, 'resourceKeys');
  if (!keys)
    throw constraintError('resourceKeys', keys, 'Member must not be null');
  if (keys.length < 1 || keys.length > MAX_RESOURCE_KEYS) {
    throw constraintError(
      'resourceKeys',
      `[${keys.length} keys]`,
      `Member must have length between 1 and ${MAX_RESOURCE_KEYS}`,
    );
  }
  const wanted = keys.map(key => ({
    resourceType: resourceTypeOf(key, 'resourceType'),
    resourceId: requiredString(key, 'resourceId'),
  }));
  const items = context.items(context.scope);
  const found = wanted.flatMap(key =>
    items.filter(
      item =>
        item.resourceType === key.resourceType &&
        item.resourceId === key.resourceId,
    ),
  );
  return {
    baseConfigurationItems: found.map(baseConfigurationItem),
    unprocessedResourceKeys: [],
  };
}

/**
 * Creates the simulated AWS Config service, which answers for the fleet's clusters.
 *
 * @public
 */
export function createConfigService(
  model: FleetModel,
  options: ConfigServiceOptions = {},
): AwsServiceHandler {
  const recordingSince = model.clock.now();
  const aggregators = new Set(options.aggregatorNames ?? [DEFAULT_AGGREGATOR]);
  const index = createItemIndex(model, recordingSince);
  const select = createSelect(index);
  const operations = new Map<
    string,
    (input: JsonObject, context: Context) => unknown
  >([
    ['SelectResourceConfig', selectResourceConfig],
    [
      'SelectAggregateResourceConfig',
      (input, context) =>
        selectAggregateResourceConfig(input, context, aggregators),
    ],
    [
      'GetAggregateDiscoveredResourceCounts',
      (input, context) =>
        getAggregateDiscoveredResourceCounts(
          input,
          types => context.items(undefined, types),
          aggregators,
        ),
    ],
    ['ListDiscoveredResources', listDiscoveredResources],
    ['BatchGetResourceConfig', batchGetResourceConfig],
    [
      'DescribeConfigurationRecorders',
      (input, context) =>
        describeConfigurationRecorders(model, context.scope, input),
    ],
    [
      'DescribeConfigurationRecorderStatus',
      (input, context) =>
        describeConfigurationRecorderStatus(
          model,
          context.scope,
          input,
          recordingSince,
        ),
    ],
  ]);
  return jsonService('config', AWS_JSON_1_1, (request, caller) => {
    const target = request.headers['x-amz-target'];
    const operation =
      typeof target === 'string' && target.startsWith(TARGET_PREFIX)
        ? operations.get(target.slice(TARGET_PREFIX.length))
        : undefined;
    if (!operation || request.method !== 'POST') {
      throw new AwsApiError(
        'UnknownOperationException',
        `The simulated AWS Config does not support the operation '${String(
          target ?? '',
        )}'`,
      );
    }
    const context: Context = {
      scope: {
        accountId: callerAccountId(model, caller) ?? '',
        region: caller.region,
      },
      items: index.items,
      select,
    };
    return operation(parseJsonBody(request.body), context);
  });
}
