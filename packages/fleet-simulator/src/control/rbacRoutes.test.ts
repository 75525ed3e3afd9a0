/**
 * The RBAC control: denials set through `/_sim/kubernetes/forbidden` make the
 * cluster's API server answer 403 with the real server's Status, to
 * @kubernetes/client-node as to any HTTP client; other verbs, resources and
 * clusters are untouched.
 */
import {
  ApiException,
  AppsV1Api,
  CustomObjectsApi,
  KubeConfig,
} from '@kubernetes/client-node';
import { resolve } from 'node:path';
import {
  SIMULATOR_KUBE_TOKEN,
  startSimulator,
  type RunningSimulator,
} from '../simulator';

const DEMO = resolve(__dirname, '../../../../examples/fleets/demo.yaml');
const USE1 = 'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod-use1';
const USW2 = 'arn:aws:eks:us-west-2:111122223333:cluster/payments-prod-usw2';

describe('PUT /_sim/kubernetes/forbidden', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator({ fleet: DEMO, port: 0 });
  });
  afterAll(() => sim.stop());
  afterEach(() =>
    fetch(`${sim.url}/_sim/kubernetes/forbidden`, { method: 'DELETE' }),
  );

  const control = (method: string, body?: unknown, query = '') =>
    fetch(`${sim.url}/_sim/kubernetes/forbidden${query}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const kube = (arn: string, path: string, init: RequestInit = {}) =>
    fetch(`${sim.model.cluster(arn)!.endpoint}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${SIMULATOR_KUBE_TOKEN}`,
        ...(init.headers ?? {}),
      },
    });
  const clientFor = (arn: string) => {
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: [
        {
          name: 'c',
          server: sim.model.cluster(arn)!.endpoint,
          skipTLSVerify: true,
        },
      ],
      users: [{ name: 'u', token: SIMULATOR_KUBE_TOKEN }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
    return config;
  };

  it('answers a denied list with the real API server’s 403 Status', async () => {
    const set = await control('PUT', {
      clusterArn: USE1,
      rules: [{ verb: 'list', resource: 'deployments', group: 'apps' }],
    });
    expect(set.status).toBe(200);
    const response = await kube(USE1, '/apis/apps/v1/deployments?limit=10');
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'deployments.apps is forbidden: User "fleet-resilience" cannot list resource "deployments" in API group "apps" at the cluster scope',
      reason: 'Forbidden',
      details: { group: 'apps', kind: 'deployments' },
      code: 403,
    });
    // client-node sees an ApiException with code 403.
    const apps = clientFor(USE1).makeApiClient(AppsV1Api);
    const error = await apps.listDeploymentForAllNamespaces({}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiException);
    expect((error as ApiException<unknown>).code).toBe(403);
    // Another verb, another resource, another cluster: allowed.
    expect(
      (
        await kube(
          USE1,
          '/apis/apps/v1/namespaces/karpenter/deployments/karpenter',
        )
      ).status,
    ).not.toBe(403);
    expect((await kube(USE1, '/api/v1/nodes?limit=1')).status).toBe(200);
    expect((await kube(USW2, '/apis/apps/v1/deployments')).status).toBe(200);
  });

  it('names the object, the namespace and the user for a denied patch', async () => {
    await control('PUT', {
      clusterArn: USE1,
      user: 'arn:aws:sts::111122223333:assumed-role/portal/session',
      rules: [{ verb: 'patch', resource: 'nodepools', group: 'karpenter.sh' }],
    });
    const custom = clientFor(USE1).makeApiClient(CustomObjectsApi);
    const list = (await custom.listClusterCustomObject({
      group: 'karpenter.sh',
      version: 'v1',
      plural: 'nodepools',
    })) as { items: Array<{ metadata: { name: string } }> };
    const name = list.items[0].metadata.name;
    const response = await kube(
      USE1,
      `/apis/karpenter.sh/v1/nodepools/${name}`,
      {
        method: 'PATCH',
        headers: { 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify({ metadata: { annotations: { a: 'b' } } }),
      },
    );
    expect(response.status).toBe(403);
    const status = await response.json();
    expect(status.message).toBe(
      `nodepools.karpenter.sh "${name}" is forbidden: User "arn:aws:sts::111122223333:assumed-role/portal/session" cannot patch resource "nodepools" in API group "karpenter.sh" at the cluster scope`,
    );
    expect(status.details).toEqual({
      name,
      group: 'karpenter.sh',
      kind: 'nodepools',
    });
    const pods = await control('PUT', {
      clusterArn: USE1,
      rules: [{ verb: 'list', resource: 'pods', group: '' }],
    });
    expect(pods.status).toBe(200);
    const denied = await kube(USE1, '/api/v1/namespaces/default/pods');
    expect((await denied.json()).message).toBe(
      'pods is forbidden: User "fleet-resilience" cannot list resource "pods" in API group "" in the namespace "default"',
    );
  });

  it('lists and lifts denials, and refuses a bad rule without changing anything', async () => {
    await control('PUT', {
      clusterArn: USE1,
      rules: [{ verb: 'list', resource: 'nodes', group: '' }],
    });
    const bad = await control('PUT', {
      clusterArn: USE1,
      rules: [{ verb: 'list', resource: 'deployments', group: '' }],
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/API group 'apps'/);
    expect(
      (await control('PUT', { clusterArn: 'arn:nope', rules: [] })).status,
    ).toBe(404);
    expect(await (await control('GET')).json()).toEqual({
      clusters: [
        {
          clusterArn: USE1,
          user: 'fleet-resilience',
          rules: [{ verb: 'list', resource: 'nodes', group: '' }],
        },
      ],
    });
    expect((await kube(USE1, '/api/v1/nodes')).status).toBe(403);
    const lifted = await control(
      'DELETE',
      undefined,
      `?clusterArn=${encodeURIComponent(USE1)}`,
    );
    expect(await lifted.json()).toEqual({ clusters: [] });
    expect((await kube(USE1, '/api/v1/nodes')).status).toBe(200);
  });
});
