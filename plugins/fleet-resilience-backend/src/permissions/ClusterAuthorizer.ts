/**
 * Turns a caller's permission on clusters into a {@link ClusterAccess}: one
 * `authorizeConditional` call per request, whose conditions become the SQL
 * filter of every list and count (clusterAccessSql.ts). Reading a cluster
 * the caller may not see answers 404, as for a cluster that does not exist.
 */
import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { ConditionTransformer } from '@backstage/plugin-permission-node';
import type { RESOURCE_TYPE_FLEET_RESILIENCE_CLUSTER } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { FleetClusterFilter } from '@fleet-resilience/plugin-fleet-resilience-node';
import type { ClusterAccess } from '../database/clusterAccessSql';

export type ClusterPermission = ResourcePermission<
  typeof RESOURCE_TYPE_FLEET_RESILIENCE_CLUSTER
>;

export interface ClusterAuthorizerOptions {
  permissions: PermissionsService;
  /** From the registered ruleset (createConditionTransformer). */
  transform: ConditionTransformer<FleetClusterFilter>;
}

export class ClusterAuthorizer {
  readonly #options: ClusterAuthorizerOptions;

  constructor(options: ClusterAuthorizerOptions) {
    this.#options = options;
  }

  /** The clusters `credentials` hold `permission` on. */
  async access(
    credentials: BackstageCredentials,
    permission: ClusterPermission,
  ): Promise<ClusterAccess> {
    const [decision] = await this.#options.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) {
      return { kind: 'all' };
    }
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      return { kind: 'none' };
    }
    return {
      kind: 'some',
      criteria: this.#options.transform(decision.conditions),
    };
  }
}

/** 404 for a cluster that is not there or that the caller may not read. */
export function clusterNotFound(arn: string): NotFoundError {
  return new NotFoundError(`No cluster ${arn} in the fleet`);
}
