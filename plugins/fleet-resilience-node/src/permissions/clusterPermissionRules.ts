/**
 * The permission rules of the fleet cluster resource, and the condition
 * factories policies build conditional decisions with (the way the catalog
 * exports `catalogConditions`). Owner refs are compared in lower case, as the
 * catalog compares ownership claims; tag keys and values exactly, as AWS does.
 */
import {
  createConditionExports,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { z } from 'zod';
import {
  fleetResilienceClusterPermissionResourceRef as resourceRef,
  type FleetClusterFilter,
} from './clusterResource';

const lower = (values: readonly string[]) =>
  [...new Set(values.map(v => v.toLocaleLowerCase('en-US')))].sort();

const isClusterOwner = createPermissionRule({
  name: 'IS_CLUSTER_OWNER',
  description:
    'Allow clusters whose owner tag names one of the given entities (usually the caller’s ownership claims)',
  resourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe(
        'Entity refs that own the cluster, e.g. the user’s ownership entity refs',
      ),
  }),
  apply: (cluster, { claims }) =>
    cluster.ownerRef !== undefined &&
    lower(claims).includes(cluster.ownerRef.toLocaleLowerCase('en-US')),
  toQuery: ({ claims }): FleetClusterFilter => ({
    kind: 'owner',
    ownerRefs: lower(claims),
  }),
});

const isInAccount = createPermissionRule({
  name: 'IS_IN_ACCOUNT',
  description: 'Allow clusters in one of the given AWS accounts',
  resourceRef,
  paramsSchema: z.object({
    accountIds: z.array(z.string()).describe('AWS account IDs, 12 digits each'),
  }),
  apply: (cluster, { accountIds }) => accountIds.includes(cluster.accountId),
  toQuery: ({ accountIds }): FleetClusterFilter => ({
    kind: 'account',
    accountIds: [...new Set(accountIds)].sort(),
  }),
});

const isInRegion = createPermissionRule({
  name: 'IS_IN_REGION',
  description: 'Allow clusters in one of the given AWS regions',
  resourceRef,
  paramsSchema: z.object({
    regions: z.array(z.string()).describe('AWS regions, e.g. us-east-1'),
  }),
  apply: (cluster, { regions }) => regions.includes(cluster.region),
  toQuery: ({ regions }): FleetClusterFilter => ({
    kind: 'region',
    regions: [...new Set(regions)].sort(),
  }),
});

const hasTag = createPermissionRule({
  name: 'HAS_TAG',
  description:
    'Allow clusters with the given AWS tag, and the given value if one is named',
  resourceRef,
  paramsSchema: z.object({
    key: z.string().describe('The tag key, matched exactly'),
    value: z
      .string()
      .optional()
      .describe('The tag value, matched exactly; any value when absent'),
  }),
  apply: (cluster, { key, value }) =>
    Object.prototype.hasOwnProperty.call(cluster.tags, key) &&
    (value === undefined || cluster.tags[key] === value),
  toQuery: ({ key, value }): FleetClusterFilter =>
    value === undefined ? { kind: 'tag', key } : { kind: 'tag', key, value },
});

/**
 * The rules of the fleet cluster resource.
 *
 * @public
 */
export const fleetResilienceClusterPermissionRules = {
  isClusterOwner,
  isInAccount,
  isInRegion,
  hasTag,
};

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef,
  rules: fleetResilienceClusterPermissionRules,
});

/**
 * Condition factories for policies: `isClusterOwner({ claims })`,
 * `isInAccount({ accountIds })`, `isInRegion({ regions })`,
 * `hasTag({ key, value })`.
 *
 * @public
 */
export const fleetResilienceClusterConditions = conditions;

/**
 * Wraps conditions on the fleet cluster resource into a conditional decision
 * for one of its permissions.
 *
 * @public
 */
export const createFleetResilienceClusterConditionalDecision =
  createConditionalDecision;
