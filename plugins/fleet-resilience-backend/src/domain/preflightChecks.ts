/**
 * Preflight, the AWS side (credentials, ARC; Config in preflightConfig.ts): from what each call answered, the check's verdict,
 * what was seen and what to change, naming the exact IAM action, role,
 * account, Config recorder setting or aggregator source. Pure: the I/O in
 * preflight/ only gathers the observations.
 */
import type {
  PreflightCheck,
  PreflightScope,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  deniedAction,
  describeProbeError,
  failureKind,
  type ProbeError,
  type ProbeOutcome,
} from './preflightFailures';

export type PreflightRole = 'reader' | 'operator';

/** Who acts for one role in one account: the configured role name, if any. */
export interface RoleInAccount {
  accountId: string;
  role: PreflightRole;
  /** The IAM role assumed; undefined when the account uses keys or the backend's own identity. */
  roleName?: string;
}

export const EKS_CLUSTER_TYPE = 'AWS::EKS::Cluster';
export const SUBNET_TYPE = 'AWS::EC2::Subnet';

/** The partition of a region, for the ARNs the fixes name. */
export function partitionOf(region: string | undefined): string {
  if (region?.startsWith('cn-')) return 'aws-cn';
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** "the role fleet-resilience-reader in account 111122223333", or the identity that stands in for it. */
export function roleWords(who: RoleInAccount): string {
  return who.roleName
    ? `the role ${who.roleName} in account ${who.accountId}`
    : `the identity the backend uses for account ${who.accountId} (no ${who.role} role is configured for it)`;
}

/** The fix for a refused, unreachable or failing AWS call, per kind of failure. */
export function awsCallFix(options: {
  who: RoleInAccount;
  error: ProbeError;
  /** The IAM action the call needs, when AWS does not name it. */
  action: string;
  /** The service's endpoint, in words, e.g. "AWS Config in us-east-1". */
  service: string;
}): string | undefined {
  const { who, error, action, service } = options;
  switch (failureKind(error)) {
    case 'access-denied':
      return `Add ${deniedAction(error, action)} to ${roleWords(who)}`;
    case 'bad-credentials':
      return `The credentials for account ${who.accountId} were refused: check its entry under aws.accounts (or aws.accountDefaults)`;
    case 'unreachable':
    case 'timeout':
      return `Open a network path from the backend to ${service} (HTTPS egress, a VPC endpoint or a proxy), or fix fleetResilience.aws.endpoints`;
    case 'throttled':
      return `${service} throttled the call: run preflight again later, or lower fleetResilience.refresh.aws.concurrency`;
    default:
      return undefined;
  }
}

export function failed(
  base: Omit<PreflightCheck, 'status' | 'detail' | 'fix'>,
  error: ProbeError,
  fix: string | undefined,
): PreflightCheck {
  return {
    ...base,
    status: 'fail',
    detail: describeProbeError(error),
    ...(fix ? { fix } : {}),
  };
}

/** An account listed under `aws.accounts` with no role, keys or profile while `accountDefaults.roleName` is set. */
export function accountWithoutRoleCheck(
  accountId: string,
  defaultRoleName: string | undefined,
): PreflightCheck {
  return {
    id: 'credentials.config',
    title: 'Account configured with a role',
    scope: { accountId },
    status: 'warn',
    detail: `Account ${accountId} is listed under aws.accounts without roleName, keys or profile: @backstage/integration-aws-node applies aws.accountDefaults only to accounts that are not listed, so its calls are made with the backend's own identity`,
    fix: `Add roleName: ${
      defaultRoleName ?? 'fleet-resilience-reader'
    } to the entry of account ${accountId} under aws.accounts, or remove the entry so aws.accountDefaults applies`,
  };
}

/** The account ID and role name of an STS caller ARN. */
export function parseCallerArn(
  arn: string,
): { accountId: string; roleName?: string } | undefined {
  const match = /^arn:[\w-]+:(?:sts|iam)::(\d{12}):(.+)$/.exec(arn);
  if (!match) return undefined;
  // GetCallerIdentity names an assumed role `assumed-role/<role>/<session>`.
  const assumed = /^assumed-role\/([\w+=,.@-]+)\//.exec(match[2]);
  return { accountId: match[1], ...(assumed ? { roleName: assumed[1] } : {}) };
}

/** STS GetCallerIdentity with one role's credentials for one account. */
export function credentialsCheck(input: {
  who: RoleInAccount;
  region: string;
  outcome: ProbeOutcome<{ arn: string }>;
}): PreflightCheck {
  const { who, region, outcome } = input;
  const roleTitle = who.role === 'reader' ? 'Reader' : 'Operator';
  const base = {
    id: 'credentials',
    title: `${roleTitle} credentials resolve`,
    scope: { accountId: who.accountId, role: who.role } as PreflightScope,
  };
  if (!outcome.ok) {
    const kind = failureKind(outcome.error);
    const roleArn = who.roleName
      ? `arn:${partitionOf(region)}:iam::${who.accountId}:role/${who.roleName}`
      : undefined;
    const fix =
      roleArn && (kind === 'access-denied' || kind === 'bad-credentials')
        ? `Let the backend's identity assume ${roleArn}: allow sts:AssumeRole on it in the backend's IAM policy, and trust the backend's identity in the role's trust policy`
        : awsCallFix({
            who,
            error: outcome.error,
            action: 'sts:GetCallerIdentity',
            service: `AWS STS in ${region}`,
          });
    return failed(base, outcome.error, fix);
  }
  const { arn } = outcome.value;
  const caller = parseCallerArn(arn);
  if (caller && caller.accountId !== who.accountId) {
    return {
      ...base,
      status: 'fail',
      detail: `Calls for account ${who.accountId} are made as ${arn}, in account ${caller.accountId}: they would read and change the wrong account`,
      fix: who.roleName
        ? `Check the role ${who.roleName} configured for account ${who.accountId}: its ARN must be in account ${who.accountId}`
        : `Add roleName: fleet-resilience-${who.role} to the entry of account ${who.accountId} under aws.accounts (or remove the entry so aws.accountDefaults applies)`,
    };
  }
  if (who.roleName && caller?.roleName !== who.roleName) {
    return {
      ...base,
      status: 'warn',
      detail: `Calls for account ${who.accountId} are made as ${arn}, not as the role ${who.roleName}`,
      fix: `Make the backend assume ${who.roleName} in account ${who.accountId}: check aws.accounts and aws.accountDefaults`,
    };
  }
  return { ...base, status: 'pass', detail: `Acts as ${arn}` };
}

/** No operator role is configured: shifts and NodePool writes use the reader's credentials. */
export function operatorRoleMissingCheck(): PreflightCheck {
  return {
    id: 'credentials.operator-role',
    title: 'Operator role configured',
    scope: { role: 'operator' },
    status: 'warn',
    detail:
      'fleetResilience.aws.operatorRole is not set: ARC shifts and NodePool writes are made with the reader credentials',
    fix: 'Set fleetResilience.aws.operatorRole.roleName to fleet-resilience-operator (see examples/iam/) and give the reader role read-only permissions',
  };
}

/** A check that did not run because one it depends on failed. */
export function skippedCheck(
  id: string,
  title: string,
  scope: PreflightScope,
  because: string,
): PreflightCheck {
  return { id, title, scope, status: 'skipped', detail: because };
}

/** ARC answers a read (ListManagedResources) in one account and region. */
export function arcCheck(input: {
  accountId: string;
  region: string;
  who: RoleInAccount;
  outcome: ProbeOutcome<{ managedResources: number }>;
}): PreflightCheck {
  const { accountId, region, who, outcome } = input;
  const base = {
    id: 'arc',
    title: 'ARC zonal shift answers',
    scope: { accountId, region, role: who.role } as PreflightScope,
  };
  if (outcome.ok) {
    return {
      ...base,
      status: 'pass',
      detail: `ListManagedResources answered (${outcome.value.managedResources} resource(s) on the first page)`,
    };
  }
  return failed(
    base,
    outcome.error,
    awsCallFix({
      who,
      error: outcome.error,
      action: 'arc-zonal-shift:ListManagedResources',
      service: `ARC zonal shift in ${region}`,
    }),
  );
}
