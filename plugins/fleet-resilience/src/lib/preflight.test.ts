import type {
  PreflightCheck,
  PreflightScope,
  PreflightStatus,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  countsText,
  groupPreflightChecks,
  parseClusterArn,
  sortChecks,
} from './preflight';

function check(
  id: string,
  status: PreflightStatus,
  scope: PreflightScope = {},
): PreflightCheck {
  return { id, title: id, scope, status, detail: `${id} detail` };
}

const A = '111122223333';
const B = '444455556666';
const arn = (account: string, region: string, name: string) =>
  `arn:aws:eks:${region}:${account}:cluster/${name}`;

describe('sortChecks', () => {
  it('puts failures, then warnings, skipped and passes; equal ones keep their order', () => {
    const sorted = sortChecks([
      check('p1', 'pass'),
      check('s1', 'skipped'),
      check('f1', 'fail'),
      check('w1', 'warn'),
      check('p2', 'pass'),
      check('f2', 'fail'),
    ]);
    expect(sorted.map(c => c.id)).toEqual(['f1', 'f2', 'w1', 's1', 'p1', 'p2']);
  });
});

describe('parseClusterArn', () => {
  it('reads region, account and name, in every partition', () => {
    expect(parseClusterArn(arn(A, 'us-east-1', 'payments'))).toEqual({
      region: 'us-east-1',
      accountId: A,
      name: 'payments',
    });
    expect(
      parseClusterArn(`arn:aws-cn:eks:cn-north-1:${A}:cluster/x`),
    ).toMatchObject({ region: 'cn-north-1', name: 'x' });
    expect(parseClusterArn('not-an-arn')).toBeUndefined();
  });
});

describe('groupPreflightChecks', () => {
  it('nests checks by account, region and cluster, with counts at each level', () => {
    const groups = groupPreflightChecks([
      check('backend.config', 'pass'),
      check('credentials', 'pass', { accountId: A, role: 'reader' }),
      check('arc', 'pass', { accountId: A, region: 'us-east-1' }),
      check('kubernetes.rbac', 'pass', {
        accountId: A,
        region: 'us-east-1',
        clusterArn: arn(A, 'us-east-1', 'payments'),
        clusterName: 'payments',
      }),
      check('kubernetes.reachable', 'pass', {
        accountId: A,
        region: 'us-east-1',
        clusterArn: arn(A, 'us-east-1', 'payments'),
        clusterName: 'payments',
      }),
    ]);
    expect(groups.map(g => g.accountId)).toEqual([undefined, A]);
    expect(groups[0].checks.map(c => c.id)).toEqual(['backend.config']);
    const account = groups[1];
    expect(account.checks.map(c => c.id)).toEqual(['credentials']);
    expect(account.counts).toEqual({ pass: 4, warn: 0, fail: 0, skipped: 0 });
    expect(account.regions).toHaveLength(1);
    expect(account.regions[0].region).toBe('us-east-1');
    expect(account.regions[0].checks.map(c => c.id)).toEqual(['arc']);
    expect(account.regions[0].counts.pass).toBe(3);
    expect(account.regions[0].clusters).toHaveLength(1);
    expect(account.regions[0].clusters[0]).toMatchObject({
      clusterName: 'payments',
      clusterArn: arn(A, 'us-east-1', 'payments'),
      worst: 'pass',
    });
    expect(account.regions[0].clusters[0].checks.map(c => c.id)).toEqual([
      'kubernetes.rbac',
      'kubernetes.reachable',
    ]);
  });

  it('places a cluster check by its ARN when the scope leaves account, region or name out', () => {
    const groups = groupPreflightChecks([
      check('kubernetes.rbac', 'fail', {
        clusterArn: arn(B, 'eu-west-1', 'orders'),
      }),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0].accountId).toBe(B);
    expect(groups[0].regions[0].region).toBe('eu-west-1');
    expect(groups[0].regions[0].clusters[0].clusterName).toBe('orders');
  });

  it('orders accounts, regions and clusters by their most urgent check, then by name', () => {
    const groups = groupPreflightChecks([
      check('ok-a', 'pass', { accountId: A, region: 'us-east-1' }),
      check('ok-b', 'pass', { accountId: B, region: 'us-east-1' }),
      check('warn-b', 'warn', { accountId: B, region: 'us-west-2' }),
      check('fail-b', 'fail', {
        clusterArn: arn(B, 'us-east-1', 'zeta'),
      }),
      check('ok-b-alpha', 'pass', {
        clusterArn: arn(B, 'us-east-1', 'alpha'),
      }),
      check('skip-b-beta', 'skipped', {
        clusterArn: arn(B, 'us-east-1', 'beta'),
      }),
    ]);
    // B has a failure: it comes before A although A sorts first by ID.
    expect(groups.map(g => g.accountId)).toEqual([B, A]);
    expect(groups[0].worst).toBe('fail');
    expect(groups[1].worst).toBe('pass');
    // us-east-1 holds the failure (in a cluster): before us-west-2's warning.
    expect(groups[0].regions.map(r => [r.region, r.worst])).toEqual([
      ['us-east-1', 'fail'],
      ['us-west-2', 'warn'],
    ]);
    expect(groups[0].regions[0].clusters.map(c => c.clusterName)).toEqual([
      'zeta',
      'beta',
      'alpha',
    ]);
    expect(groups[0].counts).toEqual({ pass: 2, warn: 1, fail: 1, skipped: 1 });
  });

  it('sorts equally urgent groups by name', () => {
    const groups = groupPreflightChecks([
      check('x', 'pass', { accountId: B }),
      check('y', 'pass', { accountId: A }),
    ]);
    expect(groups.map(g => g.accountId)).toEqual([A, B]);
  });
});

describe('countsText', () => {
  it('names the non-zero counts, most urgent first', () => {
    expect(countsText({ pass: 10, warn: 1, fail: 2, skipped: 0 })).toBe(
      '2 failed, 1 warning, 10 passed',
    );
    expect(countsText({ pass: 0, warn: 2, fail: 0, skipped: 1 })).toBe(
      '2 warnings, 1 skipped',
    );
    expect(countsText({ pass: 0, warn: 0, fail: 0, skipped: 0 })).toBe(
      'no checks',
    );
  });
});
