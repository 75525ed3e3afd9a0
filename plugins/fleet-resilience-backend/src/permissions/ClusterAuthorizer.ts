/**
 * Turns a caller's permission on clusters into a {@link ClusterAccess}: one
 * `authorizeConditional` call per request, whose conditions become the SQL
 * filter of every list and count (clusterAccessSql.ts). Reading a cluster
 * the caller may not see answers 404, as for a cluster that does not exist;
 * a definitive deny answers 403.
 */
import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { ConditionTransformer } from '@backstage/plugin-permission-node';
import {
  fleetResilienceClusterReadPermission,
  type RESOURCE_TYPE_FLEET_RESILIENCE_CLUSTER,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { FleetClusterFilter } from '@fleet-resilience/plugin-fleet-resilience-node';
import type { Request } from 'express';
import type { ClusterAccess } from '../database/clusterAccessSql';

export type ClusterPermission = ResourcePermission<
  typeof RESOURCE_TYPE_FLEET_RESILIENCE_CLUSTER
>;

export interface ClusterAuthorizerOptions {
  permissions: PermissionsService;
  httpAuth: HttpAuthService;
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

  /**
   * The clusters the caller of `req` may read; 401 without credentials,
   * 403 when the decision is a definitive deny. `what` names what was to be
   * read, for the message.
   */
  async readAccess(req: Request, what = 'the fleet'): Promise<ClusterAccess> {
    const credentials = await this.#options.httpAuth.credentials(req);
    const access = await this.access(
      credentials,
      fleetResilienceClusterReadPermission,
    );
    if (access.kind === 'none') {
      throw new NotAllowedError(
        `Not allowed to read ${what} (${fleetResilienceClusterReadPermission.name})`,
      );
    }
    return access;
  }
}

/** 404 for a cluster that is not there or that the caller may not read. */
export function clusterNotFound(arn: string): NotFoundError {
  return new NotFoundError(`No cluster ${arn} in the fleet`);
}
