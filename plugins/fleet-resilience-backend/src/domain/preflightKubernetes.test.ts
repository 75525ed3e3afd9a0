import type { EksClusterRef } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { RoleInAccount } from './preflightChecks';
import type { ProbeOutcome } from './preflightFailures';
import {
  eksDescribeCheck,
  kubernetesRbacCheck,
  OPERATOR_ACCESS,
  qualifiedResource,
  READER_ACCESS,
  summarize,
  zonalShiftConfigCheck,
  type AccessReview,
  type DescribedCluster,
  type ReachOutcome,
} from './preflightKubernetes';

const ref: EksClusterRef = {
  arn: 'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod',
  accountId: '111122223333',
  region: 'us-east-1',
  name: 'payments-prod',
};
const reader: RoleInAccount = {
  accountId: ref.accountId,
  role: 'reader',
  roleName: 'fleet-resilience-reader',
};
const operator: RoleInAccount = {
  accountId: ref.accountId,
  role: 'operator',
  roleName: 'fleet-resilience-operator',
};
const endpoint = 'https://ABC.gr7.us-east-1.eks.amazonaws.com';
const clusterScope = {
  accountId: ref.accountId,
  region: ref.region,
  clusterArn: ref.arn,
  clusterName: ref.name,
};

describe('the access lists', () => {
  it('are what the reader lists and the reconciler writes', () => {
    expect(
      READER_ACCESS.map(
        a => `${a.verb} ${qualifiedResource(a)}${a.required ? '' : '?'}`,
      ),
    ).toEqual([
      'list nodes',
      'list pods',
      'list nodepools.karpenter.sh',
      'list nodeclaims.karpenter.sh?',
      'list deployments.apps?',
      'list statefulsets.apps?',
      'list poddisruptionbudgets.policy?',
      'list horizontalpodautoscalers.autoscaling?',
    ]);
    expect(
      OPERATOR_ACCESS.map(
        a => `${a.verb} ${qualifiedResource(a)}${a.required ? '' : '?'}`,
      ),
    ).toEqual([
      'list nodepools.karpenter.sh',
      'patch nodepools.karpenter.sh',
      'list nodes?',
      'patch nodes?',
    ]);
  });
});

describe('eksDescribeCheck', () => {
  it.each<[string, ProbeOutcome<DescribedCluster>, string, string | undefined]>(
    [
      [
        'answers',
        { ok: true, value: { endpoint, zonalShiftEnabled: true } },
        'pass',
        undefined,
      ],
      [
        'is denied',
        {
          ok: false,
          error: {
            name: 'AccessDeniedException',
            message:
              'User: x is not authorized to perform: eks:DescribeCluster on resource: y',
          },
        },
        'fail',
        'Add eks:DescribeCluster to the role fleet-resilience-reader in account 111122223333',
      ],
      [
        'does not know the cluster',
        {
          ok: false,
          error: {
            name: 'ResourceNotFoundException',
            message: 'No cluster found',
          },
        },
        'fail',
        'EKS has no cluster payments-prod in account 111122223333 in region us-east-1: if it was deleted, the inventory drops it when AWS Config records the deletion',
      ],
    ],
  )('%s', (_name, outcome, status, fix) => {
    const result = eksDescribeCheck({ ref, who: reader, outcome });
    expect(result).toMatchObject({
      id: 'eks.describe-cluster',
      status,
      scope: { ...clusterScope, role: 'reader' },
    });
    expect(result.fix).toBe(fix);
  });
});

describe('zonalShiftConfigCheck', () => {
  it('passes when enabled and names the command when not', () => {
    expect(zonalShiftConfigCheck(ref, { zonalShiftEnabled: true }).status).toBe(
      'pass',
    );
    expect(
      zonalShiftConfigCheck(ref, { zonalShiftEnabled: false }),
    ).toMatchObject({
      status: 'warn',
      fix: 'Enable zonal shift on the cluster: aws eks update-cluster-config --name payments-prod --region us-east-1 --zonal-shift-config enabled=true',
    });
  });
});

describe('kubernetesRbacCheck', () => {
  const allowed = (
    list: typeof READER_ACCESS,
    deny: string[] = [],
  ): AccessReview[] =>
    list.map(access => ({
      access,
      allowed: !deny.includes(`${access.verb} ${qualifiedResource(access)}`),
    }));
  const reached: ReachOutcome = { ok: true, endpoint };

  it('passes when every access is allowed', () => {
    expect(
      kubernetesRbacCheck({
        ref,
        who: reader,
        reach: reached,
        reviews: allowed(READER_ACCESS),
      }),
    ).toEqual({
      id: 'kubernetes.rbac',
      title: "Kubernetes API reachable with the reader's RBAC",
      scope: { ...clusterScope, role: 'reader' },
      status: 'pass',
      detail: `${endpoint} allows list nodes, list pods, list nodepools.karpenter.sh, list nodeclaims.karpenter.sh, list deployments.apps, list statefulsets.apps, list poddisruptionbudgets.policy, list horizontalpodautoscalers.autoscaling`,
    });
  });

  it.each<
    [string, RoleInAccount, typeof READER_ACCESS, string[], string, string]
  >([
    [
      'a required read denied',
      reader,
      READER_ACCESS,
      ['list pods'],
      'fail',
      'Allow list on pods for the reader group fleet-resilience-readers (mapped from arn:aws:iam::111122223333:role/fleet-resilience-reader) in cluster payments-prod: see examples/kubernetes/rbac.yaml',
    ],
    [
      'only optional reads denied',
      reader,
      READER_ACCESS,
      ['list deployments.apps', 'list nodeclaims.karpenter.sh'],
      'warn',
      'Allow list on nodeclaims.karpenter.sh, list on deployments.apps for the reader group fleet-resilience-readers (mapped from arn:aws:iam::111122223333:role/fleet-resilience-reader) in cluster payments-prod: see examples/kubernetes/rbac.yaml',
    ],
    [
      'the NodePool patch denied',
      operator,
      OPERATOR_ACCESS,
      ['patch nodepools.karpenter.sh'],
      'fail',
      'Allow patch on nodepools.karpenter.sh for the operator group fleet-resilience-operators (mapped from arn:aws:iam::111122223333:role/fleet-resilience-operator) in cluster payments-prod: see examples/kubernetes/rbac.yaml',
    ],
    [
      'only the keep-nodes writes denied',
      operator,
      OPERATOR_ACCESS,
      ['patch nodes'],
      'warn',
      'Allow patch on nodes for the operator group fleet-resilience-operators (mapped from arn:aws:iam::111122223333:role/fleet-resilience-operator) in cluster payments-prod: see examples/kubernetes/rbac.yaml',
    ],
  ])('%s', (_name, who, list, deny, status, fix) => {
    const result = kubernetesRbacCheck({
      ref,
      who,
      reach: reached,
      reviews: allowed(list, deny),
    });
    expect(result.status).toBe(status);
    expect(result.fix).toBe(fix);
    for (const denied of deny) expect(result.detail).toContain(denied);
  });

  it.each<[ReachOutcome & { ok: false }, RegExp]>([
    [
      {
        ok: false,
        kind: 'unreachable',
        endpoint,
        detail: 'unreachable (ECONNREFUSED)',
      },
      /^Open a network path from the backend to https:\/\/ABC.*security group.*VPC peering, Transit Gateway or PrivateLink/,
    ],
    [
      {
        ok: false,
        kind: 'timeout',
        endpoint,
        detail: 'no answer within 10000 ms',
      },
      /^Open a network path from the backend to https:\/\/ABC/,
    ],
    [
      { ok: false, kind: 'unauthorized', endpoint, detail: 'HTTP 401' },
      /^Map arn:aws:iam::111122223333:role\/fleet-resilience-reader to the Kubernetes group fleet-resilience-readers in cluster payments-prod: an EKS access entry/,
    ],
    [
      {
        ok: false,
        kind: 'endpoint-not-used',
        detail: 'EKS reported no certificate authority',
      },
      /^Check the API server endpoint and certificate authority EKS reports for payments-prod/,
    ],
    [
      { ok: false, kind: 'no-token', detail: 'no bearer token' },
      /^Check the reader credentials of account 111122223333/,
    ],
  ])('fails an unreachable API: %j', (reach, fix) => {
    const result = kubernetesRbacCheck({
      ref,
      who: reader,
      reach,
      reviews: [],
    });
    expect(result).toMatchObject({ status: 'fail', detail: reach.detail });
    expect(result.fix).toMatch(fix);
  });

  it('has no fix for a failure it cannot name', () => {
    const result = kubernetesRbacCheck({
      ref,
      who: reader,
      reach: { ok: false, kind: 'other', detail: 'HTTP 500' },
      reviews: [],
    });
    expect(result).toMatchObject({ status: 'fail' });
    expect(result.fix).toBeUndefined();
  });

  it('names the identity when no role is configured', () => {
    const result = kubernetesRbacCheck({
      ref,
      who: { accountId: ref.accountId, role: 'reader' },
      reach: { ok: false, kind: 'unauthorized', endpoint, detail: 'HTTP 401' },
      reviews: [],
    });
    expect(result.fix).toMatch(
      /^Map the IAM identity the backend uses for account 111122223333 to the Kubernetes group/,
    );
  });
});

describe('summarize', () => {
  it('counts each status', () => {
    const check = (status: 'pass' | 'warn' | 'fail' | 'skipped') => ({
      id: 'x',
      title: 'x',
      scope: {},
      status,
      detail: '',
    });
    expect(
      summarize([
        check('pass'),
        check('fail'),
        check('fail'),
        check('skipped'),
      ]),
    ).toEqual({
      pass: 1,
      warn: 0,
      fail: 2,
      skipped: 1,
    });
  });
});
