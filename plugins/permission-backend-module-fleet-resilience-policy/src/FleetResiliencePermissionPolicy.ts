import type { UserInfoService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  readFleetResiliencePolicyConfig,
  type FleetResiliencePolicyConfig,
} from './config';
import {
  concernsFleetResiliencePolicy,
  decideFleetResiliencePermission,
} from './decision';

/**
 * Options of {@link FleetResiliencePermissionPolicy}.
 *
 * @public
 */
export interface FleetResiliencePermissionPolicyOptions {
  policy: FleetResiliencePolicyConfig;
  /** Where the user's ownership claims come from. */
  userInfo: UserInfoService;
}

/**
 * The permission policy: Fleet Resilience permissions (and the catalog's
 * read of cluster entities) as `fleetResilience.policy` says, every other
 * permission allowed, as the allow-all policy does.
 *
 * @public
 */
export class FleetResiliencePermissionPolicy implements PermissionPolicy {
  static fromConfig(
    config: Config,
    options: { userInfo: UserInfoService },
  ): FleetResiliencePermissionPolicy {
    return new FleetResiliencePermissionPolicy({
      policy: readFleetResiliencePolicyConfig(config),
      userInfo: options.userInfo,
    });
  }

  readonly #policy: FleetResiliencePolicyConfig;
  readonly #userInfo: UserInfoService;

  constructor(options: FleetResiliencePermissionPolicyOptions) {
    this.#policy = options.policy;
    this.#userInfo = options.userInfo;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!concernsFleetResiliencePolicy(this.#policy, request.permission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    // Claims come from the UserInfoService (PolicyQueryUser.info is
    // deprecated); the default service caches them per token.
    const claims = user
      ? await this.#userInfo.getUserInfo(user.credentials)
      : undefined;
    return (
      decideFleetResiliencePermission(
        this.#policy,
        request.permission,
        claims && { ownershipEntityRefs: claims.ownershipEntityRefs },
      ) ?? { result: AuthorizeResult.ALLOW }
    );
  }
}
