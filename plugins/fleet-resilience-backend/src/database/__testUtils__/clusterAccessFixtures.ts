/**
 * Fixtures of the cluster access tests: the transformer of the registered
 * cluster rules (conditions to store filters) and an evaluation of a
 * conditional decision's conditions with each rule's own `apply`, the
 * reference the SQL translation is checked against.
 */
import type { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import type {
  PermissionCondition,
  PermissionCriteria,
  PermissionRuleParams,
} from '@backstage/plugin-permission-common';
import {
  createPermissionIntegrationRouter,
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
  type ConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  fleetResilienceClusterPermissionRules,
  type FleetClusterFilter,
  type FleetClusterResource,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { Knex } from 'knex';
import { registerClusterResource } from '../../permissions/registerClusterResource';
import { loadClusterResources } from '../clusterResources';

export type Conditions = PermissionCriteria<
  PermissionCondition<string, PermissionRuleParams>
>;

/**
 * The transformer `registerClusterResource` returns, from a registry that
 * holds what it registers (the permission framework's own integration
 * router has the registry's methods).
 */
export function registeredTransformer(
  db: Knex,
): ConditionTransformer<FleetClusterFilter> {
  const registry = createPermissionIntegrationRouter();
  return registerClusterResource(
    registry as unknown as PermissionsRegistryService,
    arns => loadClusterResources(db, arns),
  );
}

const RULES = Object.values(fleetResilienceClusterPermissionRules);

/** Whether `resource` meets `conditions`, by each rule's `apply`. */
export function applies(
  conditions: Conditions,
  resource: FleetClusterResource,
): boolean {
  if (isAndCriteria(conditions)) {
    return conditions.allOf.every(part => applies(part, resource));
  }
  if (isOrCriteria(conditions)) {
    return conditions.anyOf.some(part => applies(part, resource));
  }
  if (isNotCriteria(conditions)) {
    return !applies(conditions.not, resource);
  }
  const rule = RULES.find(r => r.name === conditions.rule);
  if (!rule) {
    throw new Error(`No rule ${conditions.rule}`);
  }
  return (
    rule.apply as (r: FleetClusterResource, p: PermissionRuleParams) => boolean
  )(resource, conditions.params);
}

/** The ARNs of the stored clusters that meet `conditions`, by `apply`, sorted. */
export async function arnsByApply(
  db: Knex,
  conditions: Conditions,
): Promise<string[]> {
  const arns: Array<{ arn: string }> = await db('clusters').select('arn');
  const resources = await loadClusterResources(
    db,
    arns.map(row => row.arn),
  );
  return resources
    .filter((r): r is FleetClusterResource => r !== undefined)
    .filter(r => applies(conditions, r))
    .map(r => r.arn)
    .sort();
}
