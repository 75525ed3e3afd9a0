/**
 * One preflight run: the probes of the plan, with bounded concurrency and a
 * timeout per call, turned into checks by the pure verdicts in domain/. One
 * failing account, region or cluster never stops the others; nothing here
 * throws for a failed probe, and nothing logs or returns a credential.
 */
import type {
  EksClusterRef,
  PreflightCheck,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { mapWithConcurrency } from '@fleet-resilience/plugin-fleet-resilience-node';
import {
  accountWithoutRoleCheck,
  arcCheck,
  credentialsCheck,
  EKS_CLUSTER_TYPE,
  operatorRoleMissingCheck,
  skippedCheck,
  SUBNET_TYPE,
  type RoleInAccount,
} from '../domain/preflightChecks';
import {
  aggregatorCheck,
  aggregatorSourceCheck,
  recorderCheck,
} from '../domain/preflightConfig';
import {
  eksDescribeCheck,
  kubernetesRbacCheck,
  OPERATOR_ACCESS,
  READER_ACCESS,
  zonalShiftConfigCheck,
  type AccessReview,
  type ReachOutcome,
} from '../domain/preflightKubernetes';
import type {
  AccountRegion,
  PlannedAccount,
  PreflightPlan,
} from './preflightPlan';
import { plannedUnits } from './preflightPlan';
import { probe, type PreflightProbes, type RunSettings } from './probes';

export type { PreflightProbes, RunSettings } from './probes';

const key = (target: AccountRegion) => `${target.accountId}/${target.region}`;

/**
 * Runs every check of `plan`. `onProgress` gets the checks so far and the
 * units done of those planned, after each account, region and cluster.
 */
export async function runPreflight(input: {
  plan: PreflightPlan;
  probes: PreflightProbes;
  settings: RunSettings;
  onProgress?: (
    checks: readonly PreflightCheck[],
    done: number,
    total: number,
  ) => void;
}): Promise<PreflightCheck[]> {
  const { plan, probes, settings } = input;
  const checks: PreflightCheck[] = [];
  const total = plannedUnits(plan);
  let done = 0;
  const step = (...added: PreflightCheck[]) => {
    checks.push(...added);
    done += 1;
    input.onProgress?.(checks, done, total);
  };
  const call = <T>(fn: (signal: AbortSignal) => Promise<T>) =>
    probe(fn, settings.timeoutMs, settings.signal);
  const each = <T>(
    items: readonly T[],
    fn: (item: T) => Promise<void>,
    limit = settings.concurrency,
  ) => mapWithConcurrency(items, limit, fn, { signal: settings.signal });

  checks.push(
    ...plan.accountsWithoutRole.map(id =>
      accountWithoutRoleCheck(id, plan.defaultRoleName),
    ),
    ...(plan.operatorConfigured ? [] : [operatorRoleMissingCheck()]),
  );

  // Accounts: do the reader's and the operator's credentials resolve?
  const readerOk = new Set<string>();
  const operatorOk = new Set<string>();
  const accountOf = new Map(plan.accounts.map(a => [a.accountId, a]));
  await each(plan.accounts, async (account: PlannedAccount) => {
    const target = { accountId: account.accountId, region: account.region };
    const reader = credentialsCheck({
      who: account.reader,
      region: account.region,
      outcome: await call(signal =>
        probes.callerIdentity('reader', target, signal),
      ),
    });
    if (reader.status !== 'fail') readerOk.add(account.accountId);
    const operator = plan.operatorConfigured
      ? credentialsCheck({
          who: account.operator,
          region: account.region,
          outcome: await call(signal =>
            probes.callerIdentity('operator', target, signal),
          ),
        })
      : undefined;
    if (
      plan.operatorConfigured
        ? operator?.status !== 'fail'
        : reader.status !== 'fail'
    ) {
      operatorOk.add(account.accountId);
    }
    step(reader, ...(operator ? [operator] : []));
  });
  const readerOf = (accountId: string): RoleInAccount =>
    accountOf.get(accountId)?.reader ?? { accountId, role: 'reader' };
  const noReader = (accountId: string) =>
    `The reader credentials of account ${accountId} did not resolve`;

  // The inventory: the aggregator, or each account's recorder.
  const inventory = plan.inventory;
  let aggregatorOk = false;
  if (inventory?.mode === 'aggregator') {
    const { aggregator } = inventory;
    const scope = {
      accountId: aggregator.accountId,
      region: aggregator.region,
    };
    if (!readerOk.has(aggregator.accountId)) {
      step(
        skippedCheck(
          'config.aggregator',
          `AWS Config aggregator ${aggregator.name} answers`,
          scope,
          noReader(aggregator.accountId),
        ),
      );
    } else {
      const check = aggregatorCheck({
        aggregator,
        who: readerOf(aggregator.accountId),
        outcome: await call(signal =>
          probes.hasConfigResource(
            {
              at: scope,
              resourceType: EKS_CLUSTER_TYPE,
              aggregatorName: aggregator.name,
            },
            signal,
          ),
        ),
      });
      aggregatorOk = check.status === 'pass';
      step(check);
    }
  }
  const configChecks = new Map<string, AccountRegion>();
  if (inventory?.mode === 'aggregator')
    inventory.sources.forEach(t => configChecks.set(key(t), t));
  if (inventory?.mode === 'accounts')
    inventory.targets.forEach(t => configChecks.set(key(t), t));
  const arcTargets = new Set(plan.arc.map(key));
  const regions = [
    ...new Map(
      [...plan.arc, ...configChecks.values()].map(t => [key(t), t]),
    ).values(),
  ];

  await each(regions, async target => {
    const added: PreflightCheck[] = [];
    const scope = { ...target, role: 'reader' as const };
    const who = readerOf(target.accountId);
    if (inventory?.mode === 'aggregator' && configChecks.has(key(target))) {
      const { aggregator } = inventory;
      const source = inventory.sources.find(s => key(s) === key(target));
      if (!aggregatorOk) {
        added.push(
          skippedCheck(
            'config.records',
            'AWS Config records EKS clusters and subnets',
            scope,
            `The aggregator ${aggregator.name} did not answer`,
          ),
        );
      } else {
        const at = {
          accountId: aggregator.accountId,
          region: aggregator.region,
        };
        const has = (resourceType: string) =>
          call(signal =>
            probes.hasConfigResource(
              { at, resourceType, aggregatorName: aggregator.name, of: target },
              signal,
            ),
          );
        added.push(
          aggregatorSourceCheck({
            aggregator,
            ...target,
            who: readerOf(aggregator.accountId),
            clusters: await has(EKS_CLUSTER_TYPE),
            subnets: await has(SUBNET_TYPE),
            knownClusters: source?.knownClusters ?? 0,
          }),
        );
      }
    }
    if (inventory?.mode === 'accounts' && configChecks.has(key(target))) {
      added.push(
        readerOk.has(target.accountId)
          ? recorderCheck({
              ...target,
              who,
              query: await call(signal =>
                probes.hasConfigResource(
                  { at: target, resourceType: EKS_CLUSTER_TYPE },
                  signal,
                ),
              ),
              recorders: await call(signal =>
                probes.configRecorders(target, signal),
              ),
            })
          : skippedCheck(
              'config.recorder',
              'AWS Config records EKS clusters and subnets',
              scope,
              noReader(target.accountId),
            ),
      );
    }
    if (arcTargets.has(key(target))) {
      added.push(
        readerOk.has(target.accountId)
          ? arcCheck({
              ...target,
              who,
              outcome: await call(async signal => ({
                managedResources: await probes.listManagedResources(
                  target,
                  signal,
                ),
              })),
            })
          : skippedCheck(
              'arc',
              'ARC zonal shift answers',
              scope,
              noReader(target.accountId),
            ),
      );
    }
    step(...added);
  });

  // Clusters: EKS, then the Kubernetes API with each role's token.
  await each(
    plan.clusters,
    async ref => {
      step(...(await clusterChecks(ref)));
    },
    settings.clusterConcurrency ?? settings.concurrency,
  );

  async function clusterChecks(ref: EksClusterRef): Promise<PreflightCheck[]> {
    const scope = {
      accountId: ref.accountId,
      region: ref.region,
      clusterArn: ref.arn,
      clusterName: ref.name,
    };
    const rbacTitle = (role: 'reader' | 'operator') =>
      `Kubernetes API reachable with the ${
        role === 'reader' ? "reader's" : "operator's"
      } RBAC`;
    if (!readerOk.has(ref.accountId)) {
      return [
        skippedCheck(
          'eks.describe-cluster',
          'EKS DescribeCluster works',
          scope,
          noReader(ref.accountId),
        ),
      ];
    }
    const described = await call(signal => probes.describeCluster(ref, signal));
    const out = [
      eksDescribeCheck({
        ref,
        who: readerOf(ref.accountId),
        outcome: described,
      }),
    ];
    if (!described.ok) {
      out.push(
        ...(['reader', 'operator'] as const).map(role =>
          skippedCheck(
            'kubernetes.rbac',
            rbacTitle(role),
            { ...scope, role },
            'EKS DescribeCluster failed, so the API server endpoint is unknown',
          ),
        ),
      );
      return out;
    }
    out.push(zonalShiftConfigCheck(ref, described.value));
    const { endpoint, certificateAuthorityData } = described.value;
    for (const role of ['reader', 'operator'] as const) {
      const account = accountOf.get(ref.accountId);
      const who = account?.[role] ?? { accountId: ref.accountId, role };
      if (role === 'operator' && !operatorOk.has(ref.accountId)) {
        out.push(
          skippedCheck(
            'kubernetes.rbac',
            rbacTitle(role),
            { ...scope, role },
            `The operator credentials of account ${ref.accountId} did not resolve`,
          ),
        );
        continue;
      }
      const access = role === 'reader' ? READER_ACCESS : OPERATOR_ACCESS;
      let reach: ReachOutcome;
      let reviews: AccessReview[] = [];
      if (!endpoint) {
        reach = {
          ok: false,
          kind: 'endpoint-not-used',
          detail: 'EKS reported no API server endpoint for the cluster',
        };
      } else {
        const answer = await call(signal =>
          probes.reviewAccess(
            role,
            {
              ref,
              endpoint,
              ...(certificateAuthorityData ? { certificateAuthorityData } : {}),
            },
            access,
            signal,
          ),
        );
        if (answer.ok && answer.value.ok) {
          const { decisions } = answer.value;
          reach = { ok: true, endpoint };
          reviews = access.map((a, i) => ({
            access: a,
            allowed: decisions[i]?.allowed === true,
            ...(decisions[i]?.reason ? { reason: decisions[i].reason } : {}),
          }));
        } else if (answer.ok) {
          reach = answer.value.ok ? { ok: true, endpoint } : answer.value;
        } else {
          // Our own timeout, or a failure the probe did not classify.
          reach = {
            ok: false,
            kind: answer.error.name === 'TimeoutError' ? 'timeout' : 'other',
            endpoint,
            detail: `${endpoint}: ${answer.error.message}`,
          };
        }
      }
      out.push(kubernetesRbacCheck({ ref, who, reach, reviews }));
    }
    return out;
  }

  return checks;
}
