import type { EksClusterRef } from '@fleet-resilience/plugin-fleet-resilience-common';
import { planPreflight } from './preflightPlan';
import { probe } from './probes';
import { runPreflight, type PreflightProbes } from './runPreflight';

const A = '111122223333';
const B = '444455556666';
const cluster = (accountId: string, name: string): EksClusterRef => ({
  arn: `arn:aws:eks:us-east-1:${accountId}:cluster/${name}`,
  accountId,
  region: 'us-east-1',
  name,
});

function denied(action: string): Error {
  return Object.assign(
    new Error(`User: x is not authorized to perform: ${action} on resource: y`),
    { name: 'AccessDeniedException' },
  );
}

/** Probes where everything works, except what `over` changes. */
function probes(over: Partial<PreflightProbes> = {}): PreflightProbes {
  return {
    callerIdentity: async (role, target) => ({
      arn: `arn:aws:sts::${target.accountId}:assumed-role/fleet-resilience-${role}/s`,
    }),
    configRecorders: async () => [],
    hasConfigResource: async () => true,
    listManagedResources: async () => 1,
    describeCluster: async ref => ({
      endpoint: `https://${ref.name}.example`,
      zonalShiftEnabled: true,
    }),
    reviewAccess: async (_role, _target, requests) => ({
      ok: true,
      decisions: requests.map(() => ({ allowed: true })),
    }),
    ...over,
  };
}

const plan = planPreflight(
  {
    inventory: {
      mode: 'aggregator',
      aggregator: { accountId: A, region: 'us-east-1', name: 'agg' },
    },
    listedAccounts: [],
    defaultRoleName: 'fleet-resilience-reader',
    operatorRoleName: 'fleet-resilience-operator',
    accountsWithoutRole: [],
  },
  [cluster(A, 'a'), cluster(B, 'b')],
);
const settings = { concurrency: 2, timeoutMs: 1_000 };
const statuses = (
  checks: Array<{
    id: string;
    status: string;
    scope: { accountId?: string; clusterName?: string; role?: string };
  }>,
) =>
  checks.map(
    c =>
      `${c.id} ${c.scope.clusterName ?? c.scope.accountId ?? ''}${
        c.scope.role ? ` ${c.scope.role}` : ''
      }: ${c.status}`,
  );

describe('runPreflight', () => {
  it('passes every check of a healthy fleet and reports progress to the end', async () => {
    const progress: Array<[number, number]> = [];
    const checks = await runPreflight({
      plan,
      probes: probes(),
      settings,
      onProgress: (_c, done, total) => progress.push([done, total]),
    });
    expect(statuses(checks).sort()).toEqual(
      [
        `credentials ${A} reader: pass`,
        `credentials ${A} operator: pass`,
        `credentials ${B} reader: pass`,
        `credentials ${B} operator: pass`,
        `config.aggregator ${A} reader: pass`,
        `config.records ${A} reader: pass`,
        `config.records ${B} reader: pass`,
        `arc ${A} reader: pass`,
        `arc ${B} reader: pass`,
        'eks.describe-cluster a reader: pass',
        'eks.describe-cluster b reader: pass',
        'eks.zonal-shift a: pass',
        'eks.zonal-shift b: pass',
        'kubernetes.rbac a reader: pass',
        'kubernetes.rbac a operator: pass',
        'kubernetes.rbac b reader: pass',
        'kubernetes.rbac b operator: pass',
      ].sort(),
    );
    expect(progress[progress.length - 1]).toEqual([7, 7]);
    expect(progress.map(([done]) => done)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('skips what depends on an account whose reader fails, and checks the others', async () => {
    const checks = await runPreflight({
      plan,
      probes: probes({
        callerIdentity: async (role, target) => {
          if (target.accountId === B && role === 'reader')
            throw denied('sts:AssumeRole');
          return {
            arn: `arn:aws:sts::${target.accountId}:assumed-role/fleet-resilience-${role}/s`,
          };
        },
      }),
      settings,
    });
    const of = (id: string, who: string) =>
      checks
        .filter(
          c =>
            c.id === id && (c.scope.clusterName ?? c.scope.accountId) === who,
        )
        .map(c => c.status);
    expect(of('credentials', B)).toEqual(['fail', 'pass']);
    expect(of('arc', B)).toEqual(['skipped']);
    expect(of('eks.describe-cluster', 'b')).toEqual(['skipped']);
    expect(of('kubernetes.rbac', 'b')).toEqual([]);
    expect(of('eks.describe-cluster', 'a')).toEqual(['pass']);
    expect(of('kubernetes.rbac', 'a')).toEqual(['pass', 'pass']);
  });

  it('skips the Kubernetes checks when DescribeCluster is denied, with the IAM fix', async () => {
    const checks = await runPreflight({
      plan,
      probes: probes({
        describeCluster: async ref => {
          if (ref.name === 'a') throw denied('eks:DescribeCluster');
          return { endpoint: 'https://b.example', zonalShiftEnabled: false };
        },
      }),
      settings,
    });
    const a = checks.filter(c => c.scope.clusterName === 'a');
    expect(a.map(c => `${c.id} ${c.status}`)).toEqual([
      'eks.describe-cluster fail',
      'kubernetes.rbac skipped',
      'kubernetes.rbac skipped',
    ]);
    expect(a[0].fix).toBe(
      'Add eks:DescribeCluster to the role fleet-resilience-reader in account 111122223333',
    );
    expect(
      checks.find(
        c => c.id === 'eks.zonal-shift' && c.scope.clusterName === 'b',
      )?.status,
    ).toBe('warn');
  });

  it('bounds a probe that never answers with the per-call timeout', async () => {
    const checks = await runPreflight({
      plan,
      probes: probes({
        listManagedResources: () => new Promise(() => undefined),
      }),
      settings: { concurrency: 4, timeoutMs: 50 },
    });
    const arc = checks.filter(c => c.id === 'arc');
    expect(arc.map(c => c.status)).toEqual(['fail', 'fail']);
    expect(arc[0].detail).toMatch(/no answer within 50 ms/);
    expect(arc[0].fix).toMatch(
      /^Open a network path from the backend to ARC zonal shift in us-east-1/,
    );
  });

  it('turns an unreachable API server into a failed check with the network fix', async () => {
    const checks = await runPreflight({
      plan,
      probes: probes({
        reviewAccess: async (_role, target) => ({
          ok: false,
          kind: 'unreachable',
          endpoint: target.endpoint,
          detail: 'unreachable (ECONNREFUSED)',
        }),
      }),
      settings,
    });
    const rbac = checks.filter(c => c.id === 'kubernetes.rbac');
    expect(rbac.map(c => c.status)).toEqual(['fail', 'fail', 'fail', 'fail']);
    expect(rbac[0].fix).toMatch(
      /^Open a network path from the backend to https:\/\/(a|b)\.example \(TCP 443\)/,
    );
  });

  it('asks each role with its own access list', async () => {
    const asked: string[] = [];
    await runPreflight({
      plan: { ...plan, clusters: [cluster(A, 'a')] },
      probes: probes({
        reviewAccess: async (role, _target, requests) => {
          asked.push(
            `${role}: ${requests
              .map(r => `${r.verb} ${r.resource}`)
              .join(', ')}`,
          );
          return {
            ok: true,
            decisions: requests.map(() => ({ allowed: true })),
          };
        },
      }),
      settings,
    });
    expect(asked.sort()).toEqual([
      'operator: list nodepools, patch nodepools, list nodes, patch nodes',
      'reader: list nodes, list pods, list nodepools, list nodeclaims, list deployments, list statefulsets, list poddisruptionbudgets, list horizontalpodautoscalers',
    ]);
  });
});

describe('probe', () => {
  it('turns a throw into a failure and aborts the call’s signal on timeout', async () => {
    let aborted = false;
    const outcome = await probe(
      signal =>
        new Promise(() => {
          signal.addEventListener('abort', () => {
            aborted = true;
          });
        }),
      20,
    );
    expect(outcome).toEqual({
      ok: false,
      error: { name: 'TimeoutError', message: 'no answer within 20 ms' },
    });
    expect(aborted).toBe(true);
    await expect(probe(async () => 5, 20)).resolves.toEqual({
      ok: true,
      value: 5,
    });
  });
});
