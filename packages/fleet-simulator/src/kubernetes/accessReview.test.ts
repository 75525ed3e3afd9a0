/**
 * SelfSubjectAccessReview through @kubernetes/client-node, answered from the
 * cluster's forbidden rules, with rules bound to the role an EKS token was
 * signed with.
 */
import { AuthorizationV1Api, KubeConfig } from '@kubernetes/client-node';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { ACCOUNT_A, accessFleet, roleArn } from '../__testUtils__/accessFleet';
import { resolve } from 'node:path';
import { startSimulator, type RunningSimulator } from '../simulator';

/** A `k8s-aws-v1.` token as EKS clients mint it, signed with `accessKeyId`. */
function eksToken(accessKeyId: string): string {
  const url = new URL('https://sts.us-east-1.amazonaws.com/');
  url.searchParams.set('Action', 'GetCallerIdentity');
  url.searchParams.set('Version', '2011-06-15');
  url.searchParams.set('X-Amz-Algorithm', 'AWS4-HMAC-SHA256');
  url.searchParams.set(
    'X-Amz-Credential',
    `${accessKeyId}/20261207/us-east-1/sts/aws4_request`,
  );
  url.searchParams.set('X-Amz-Date', '20261207T120000Z');
  url.searchParams.set('X-Amz-Expires', '60');
  url.searchParams.set('X-Amz-SignedHeaders', 'host;x-k8s-aws-id');
  url.searchParams.set('X-Amz-Signature', 'a'.repeat(64));
  return `k8s-aws-v1.${Buffer.from(url.toString()).toString('base64url')}`;
}

describe('SelfSubjectAccessReview', () => {
  let sim: RunningSimulator;
  let sts: STSClient;
  beforeAll(async () => {
    sim = await startSimulator({ fleet: accessFleet() });
    sts = new STSClient({ ...sim.clientSettings(), maxAttempts: 1 });
  });
  afterAll(async () => {
    sts.destroy();
    await sim.stop();
  });

  const cluster = () => sim.model.clusters()[0];
  function api(token: string) {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        { name: 'c', server: cluster().endpoint, skipTLSVerify: true },
      ],
      users: [{ name: 'u', token }],
      contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
      currentContext: 'c',
    });
    return kc.makeApiClient(AuthorizationV1Api);
  }
  const may = async (token: string, verb: string) =>
    (
      await api(token).createSelfSubjectAccessReview({
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: {
            resourceAttributes: {
              verb,
              group: 'karpenter.sh',
              resource: 'nodepools',
            },
          },
        },
      })
    ).status?.allowed;

  async function tokenOf(role: string) {
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn(ACCOUNT_A, role),
        RoleSessionName: 'k8s',
      }),
    );
    return eksToken(out.Credentials!.AccessKeyId!);
  }

  it('answers from the forbidden rules, per role when a rule names one', async () => {
    const reader = await tokenOf('fleet-resilience-reader');
    const operator = await tokenOf('fleet-resilience-operator');
    expect(await may(reader, 'patch')).toBe(true);

    const put = await fetch(`${sim.url}/_sim/kubernetes/forbidden`, {
      method: 'PUT',
      body: JSON.stringify({
        clusterArn: cluster().arn,
        rules: [
          {
            verb: 'patch',
            resource: 'nodepools',
            group: 'karpenter.sh',
            roleName: 'fleet-resilience-reader',
          },
          { verb: 'delete', resource: 'nodepools', group: 'karpenter.sh' },
        ],
      }),
    });
    expect(put.status).toBe(200);
    expect(await may(reader, 'patch')).toBe(false);
    expect(await may(operator, 'patch')).toBe(true);
    expect(await may('static-token', 'patch')).toBe(true);
    expect(await may(reader, 'list')).toBe(true);
    expect(await may(operator, 'delete')).toBe(false);
    expect(await may('static-token', 'delete')).toBe(false);

    // The same rule refuses the real request, to that role only.
    const patch = (token: string) =>
      fetch(`${cluster().endpoint}/apis/karpenter.sh/v1/nodepools/general`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/merge-patch+json',
        },
        body: JSON.stringify({ metadata: { labels: { a: 'b' } } }),
      });
    expect((await patch(reader)).status).toBe(403);
    expect((await patch(operator)).status).toBe(200);
  });

  it('refuses a review without attributes as the API server does', async () => {
    const response = await fetch(
      `${
        cluster().endpoint
      }/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`,
      {
        method: 'POST',
        headers: { authorization: 'Bearer t' },
        body: JSON.stringify({ spec: {} }),
      },
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ reason: 'Invalid' });
    const discovery = await fetch(
      `${cluster().endpoint}/apis/authorization.k8s.io/v1`,
      { headers: { authorization: 'Bearer t' } },
    );
    expect((await discovery.json()).resources).toEqual([
      expect.objectContaining({
        name: 'selfsubjectaccessreviews',
        verbs: ['create'],
      }),
    ]);
  });

  it('starts with the demo fleet’s deliberate misconfiguration: no NodePool patch on search-staging-usw2', async () => {
    const demo = await startSimulator({
      fleet: resolve(__dirname, '../../../../examples/fleets/demo.yaml'),
    });
    try {
      const body = await (
        await fetch(`${demo.url}/_sim/kubernetes/forbidden`)
      ).json();
      expect(body.clusters).toEqual([
        {
          clusterArn:
            'arn:aws:eks:us-west-2:444455556666:cluster/search-staging-usw2',
          user: 'fleet-resilience',
          rules: [
            { verb: 'patch', resource: 'nodepools', group: 'karpenter.sh' },
          ],
        },
      ]);
    } finally {
      await demo.stop();
    }
  });
});
