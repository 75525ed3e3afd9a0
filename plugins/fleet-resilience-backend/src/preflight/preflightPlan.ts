/**
 * What one preflight run checks: the accounts (credentials), the accounts and
 * regions (Config, ARC) and the clusters (EKS, Kubernetes), from the
 * configuration and the clusters known (the store's, or the inventory's when
 * there is no store). `planPreflight` is pure; `readPreflightConfig` reads
 * the config keys it needs.
 */
import type { Config } from '@backstage/config';
import type { EksClusterRef } from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  readAwsConfigInventoryScope,
  type AwsConfigInventoryScope,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { RoleInAccount } from '../domain/preflightChecks';

export interface AccountRegion {
  accountId: string;
  region: string;
}

/** What preflight reads from the configuration. */
export interface PreflightConfig {
  /** The built-in AWS Config inventory's scope; undefined when another source is used. */
  inventory?: AwsConfigInventoryScope;
  /** Accounts listed under `aws.accounts`, with their own role name if any. */
  listedAccounts: Array<{ accountId: string; roleName?: string }>;
  /** `aws.accountDefaults.roleName`. */
  defaultRoleName?: string;
  /** `aws.accountDefaults.region`, else `aws.mainAccount.region`: STS's region for accounts whose region is unknown. */
  defaultRegion?: string;
  /** `fleetResilience.aws.operatorRole.roleName`; undefined = the operator acts as the reader. */
  operatorRoleName?: string;
  /** From node's `findAccountsWithoutRole`. */
  accountsWithoutRole: string[];
}

export function readPreflightConfig(
  config: Config,
  accountsWithoutRole: (config: Config) => string[],
): PreflightConfig {
  const listedAccounts = (
    config.getOptionalConfigArray('aws.accounts') ?? []
  ).map(account => {
    const roleName = account.getOptionalString('roleName');
    return {
      accountId: account.getString('accountId'),
      ...(roleName ? { roleName } : {}),
    };
  });
  const defaultRoleName = config.getOptionalString(
    'aws.accountDefaults.roleName',
  );
  const defaultRegion =
    config.getOptionalString('aws.accountDefaults.region') ??
    config.getOptionalString('aws.mainAccount.region');
  const operatorRoleName = config.getOptionalString(
    'fleetResilience.aws.operatorRole.roleName',
  );
  const inventory = readAwsConfigInventoryScope(config);
  return {
    ...(inventory ? { inventory } : {}),
    listedAccounts,
    ...(defaultRoleName ? { defaultRoleName } : {}),
    ...(defaultRegion ? { defaultRegion } : {}),
    ...(operatorRoleName ? { operatorRoleName } : {}),
    accountsWithoutRole: accountsWithoutRole(config),
  };
}

/** One account: who acts for it, and the region its STS call goes to. */
export interface PlannedAccount {
  accountId: string;
  region: string;
  reader: RoleInAccount;
  operator: RoleInAccount;
}

export interface PreflightPlan {
  accounts: PlannedAccount[];
  accountsWithoutRole: string[];
  defaultRoleName?: string;
  operatorConfigured: boolean;
  /** How the inventory is read, with the account/regions whose Config is checked. */
  inventory?:
    | {
        mode: 'aggregator';
        aggregator: { accountId: string; region: string; name: string };
        /** Source account/regions, with the clusters known there. */
        sources: Array<AccountRegion & { knownClusters: number }>;
      }
    | { mode: 'accounts'; targets: AccountRegion[] };
  /** Account/regions whose ARC is read. */
  arc: AccountRegion[];
  clusters: EksClusterRef[];
}

const key = (target: AccountRegion) => `${target.accountId}/${target.region}`;

function byKey(targets: Iterable<AccountRegion>): AccountRegion[] {
  const seen = new Map<string, AccountRegion>();
  for (const target of targets) {
    if (!seen.has(key(target))) {
      seen.set(key(target), {
        accountId: target.accountId,
        region: target.region,
      });
    }
  }
  return [...seen.values()].sort((a, b) => key(a).localeCompare(key(b)));
}

/** The account/regions the inventory's configuration names. */
function configuredTargets(
  scope: AwsConfigInventoryScope | undefined,
): AccountRegion[] {
  if (scope?.mode === 'accounts') {
    return scope.accounts.flatMap(a =>
      a.regions.map(region => ({ accountId: a.accountId, region })),
    );
  }
  if (scope?.mode === 'aggregator') {
    const { accountId, region } = scope.aggregator;
    return [{ accountId, region }];
  }
  return [];
}

/** Every account, account/region and cluster the run checks, each once. */
export function planPreflight(
  config: PreflightConfig,
  clusters: readonly EksClusterRef[],
): PreflightPlan {
  const scope = config.inventory;
  const configured = configuredTargets(scope);
  const uniqueClusters = [
    ...new Map(clusters.map(c => [c.arn, c])).values(),
  ].sort((a, b) => a.arn.localeCompare(b.arn));
  const clusterTargets = uniqueClusters.map(c => ({
    accountId: c.accountId,
    region: c.region,
  }));
  const regionOf = new Map<string, string>();
  for (const target of [...configured, ...clusterTargets]) {
    if (!regionOf.has(target.accountId))
      regionOf.set(target.accountId, target.region);
  }
  const listedRole = new Map(
    config.listedAccounts.map(a => [a.accountId, a.roleName]),
  );
  const accountIds = [
    ...new Set([
      ...configured.map(t => t.accountId),
      ...clusterTargets.map(t => t.accountId),
      ...config.listedAccounts.map(a => a.accountId),
      ...config.accountsWithoutRole,
    ]),
  ].sort();
  const accounts = accountIds.map(accountId => {
    // A listed account uses its own roleName (or none); the others the default.
    const readerRole = listedRole.has(accountId)
      ? listedRole.get(accountId)
      : config.defaultRoleName;
    return {
      accountId,
      region: regionOf.get(accountId) ?? config.defaultRegion ?? 'us-east-1',
      reader: {
        accountId,
        role: 'reader' as const,
        ...(readerRole ? { roleName: readerRole } : {}),
      },
      operator: config.operatorRoleName
        ? {
            accountId,
            role: 'operator' as const,
            roleName: config.operatorRoleName,
          }
        : {
            accountId,
            role: 'operator' as const,
            ...(readerRole ? { roleName: readerRole } : {}),
          },
    };
  });
  const known = new Map<string, number>();
  for (const target of clusterTargets)
    known.set(key(target), (known.get(key(target)) ?? 0) + 1);
  let inventory: PreflightPlan['inventory'];
  if (scope?.mode === 'aggregator') {
    inventory = {
      mode: 'aggregator',
      aggregator: scope.aggregator,
      sources: byKey(clusterTargets).map(t => ({
        ...t,
        knownClusters: known.get(key(t)) ?? 0,
      })),
    };
  } else if (scope?.mode === 'accounts') {
    inventory = { mode: 'accounts', targets: byKey(configured) };
  }
  return {
    accounts,
    accountsWithoutRole: [...config.accountsWithoutRole],
    ...(config.defaultRoleName
      ? { defaultRoleName: config.defaultRoleName }
      : {}),
    operatorConfigured: config.operatorRoleName !== undefined,
    ...(inventory ? { inventory } : {}),
    arc: byKey([
      ...(scope?.mode === 'accounts' ? configured : []),
      ...clusterTargets,
    ]),
    clusters: uniqueClusters,
  };
}

/** Units of work the progress counts: accounts, account/regions, clusters (and the aggregator). */
export function plannedUnits(plan: PreflightPlan): number {
  const regions = byKey([
    ...plan.arc,
    ...(plan.inventory?.mode === 'aggregator' ? plan.inventory.sources : []),
    ...(plan.inventory?.mode === 'accounts' ? plan.inventory.targets : []),
  ]).length;
  return (
    plan.accounts.length +
    (plan.inventory?.mode === 'aggregator' ? 1 : 0) +
    regions +
    plan.clusters.length
  );
}
