/**
 * Which role Backstage's Kubernetes plugin should assume per account: the
 * module's own `kubernetes.assumeRoleName` for every account when set,
 * otherwise the role Backstage's `aws` integration config names for the
 * account (`aws.accounts[].roleName`, else `aws.accountDefaults.roleName`),
 * which is the reader role the Fleet Resilience backend reads with.
 */
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type {
  KubernetesAwsRole,
  KubernetesAwsRoles,
} from '../mapping/kubernetesAwsRole';

export const KUBERNETES_CONFIG_KEY =
  'catalog.providers.fleetResilience.kubernetes';

// IAM: a role name of 1-64 `[\w+=,.@-]`, after an optional path; an
// external ID of 2-1224 `[\w+=,.@:/-]`.
const ROLE_NAME = /^(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

function checked(
  key: string,
  role: { roleName: string; externalId?: string },
): KubernetesAwsRole {
  if (!ROLE_NAME.test(role.roleName)) {
    throw new InputError(`${key}: '${role.roleName}' is not an IAM role name`);
  }
  if (role.externalId !== undefined && !EXTERNAL_ID.test(role.externalId)) {
    // Never echo the value: an external ID is not a secret, but it is not
    // for logs either.
    throw new InputError(
      `${key}: the external ID must be 2-1224 characters of letters, digits and +=,.@:/-`,
    );
  }
  return role.externalId === undefined
    ? { roleName: role.roleName }
    : { roleName: role.roleName, externalId: role.externalId };
}

export function readKubernetesAwsRoles(root: Config): KubernetesAwsRoles {
  const own = root.getOptionalConfig(KUBERNETES_CONFIG_KEY);
  const assumeRoleName = own?.getOptionalString('assumeRoleName');
  const externalId = own?.getOptionalString('externalId');
  if (assumeRoleName !== undefined) {
    return {
      accounts: {},
      defaultRole: checked(`${KUBERNETES_CONFIG_KEY}.assumeRoleName`, {
        roleName: assumeRoleName,
        externalId,
      }),
    };
  }
  if (externalId !== undefined) {
    throw new InputError(
      `${KUBERNETES_CONFIG_KEY}.externalId is only read with ${KUBERNETES_CONFIG_KEY}.assumeRoleName; the integration's own external IDs are under aws.accounts[] and aws.accountDefaults`,
    );
  }

  const accounts: Record<string, KubernetesAwsRole | null> = {};
  (root.getOptionalConfigArray('aws.accounts') ?? []).forEach((account, i) => {
    const accountId = account.getString('accountId');
    const roleName = account.getOptionalString('roleName');
    // A listed account without a role (keys, a profile) is reached with
    // those credentials: there is no role to name.
    accounts[accountId] =
      roleName === undefined
        ? null
        : checked(`aws.accounts[${i}].roleName`, {
            roleName,
            externalId: account.getOptionalString('externalId'),
          });
  });
  const defaults = root.getOptionalConfig('aws.accountDefaults');
  const defaultRoleName = defaults?.getOptionalString('roleName');
  return {
    accounts,
    ...(defaultRoleName !== undefined && {
      defaultRole: checked('aws.accountDefaults.roleName', {
        roleName: defaultRoleName,
        externalId: defaults?.getOptionalString('externalId'),
      }),
    }),
  };
}
