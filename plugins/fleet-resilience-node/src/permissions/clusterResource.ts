/**
 * The cluster as the permission framework sees it: what the rules decide on
 * (`apply`), and the filter each rule turns into for the store (`toQuery`),
 * which the backend translates into SQL. Both must agree; the backend's
 * property tests check that they do on random fleets.
 */
import { RESOURCE_TYPE_FLEET_RESILIENCE_CLUSTER } from '@fleet-resilience/plugin-fleet-resilience-common';
import { createPermissionResourceRef } from '@backstage/plugin-permission-node';

/**
 * A cluster, for permission rules.
 *
 * @public
 */
export interface FleetClusterResource {
  /** The cluster's ARN: its resource ref. */
  arn: string;
  accountId: string;
  region: string;
  /**
   * The owner as a full entity ref in lower case (`group:default/payments`),
   * from the cluster's owner tag; undefined when it has none or names no
   * group or user.
   */
  ownerRef?: string;
  /** The cluster's AWS tags, case as AWS returns them. */
  tags: Record<string, string>;
}

/**
 * What a rule asks of the store: one filter per rule, combined by the
 * conditional decision's allOf, anyOf and not.
 *
 * @public
 */
export type FleetClusterFilter =
  | { kind: 'owner'; ownerRefs: string[] }
  | { kind: 'account'; accountIds: string[] }
  | { kind: 'region'; regions: string[] }
  | { kind: 'tag'; key: string; value?: string };

/**
 * The permission resource ref of a fleet cluster.
 *
 * @public
 */
export const fleetResilienceClusterPermissionResourceRef =
  createPermissionResourceRef<FleetClusterResource, FleetClusterFilter>().with({
    pluginId: 'fleet-resilience',
    resourceType: RESOURCE_TYPE_FLEET_RESILIENCE_CLUSTER,
  });
