/**
 * Contract tests: the real @kubernetes/client-node against the simulator's
 * Kubernetes API over HTTP, as the suite's backend will use it.
 */
import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  PatchStrategy,
  VersionApi,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  CLUSTER_ID,
  eksToken,
  nodePoolObject,
  nodePoolWith,
  rejection,
  startKubeFixture,
  type KubeFixture,
} from './__testUtils__/kubeFixture';

const NODEPOOLS = { group: 'karpenter.sh', version: 'v1', plural: 'nodepools' };
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const jsonPatch = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);
const strategicPatch = setHeaderOptions(
  'Content-Type',
  PatchStrategy.StrategicMergePatch,
);

interface NodePool {
  metadata: { name: string; resourceVersion: string; generation: number };
  spec: {
    template: {
      spec: {
        requirements: Array<{
          key: string;
          operator: string;
          values?: string[];
        }>;
      };
    };
    weight?: number;
  };
}

describe('Kubernetes API through @kubernetes/client-node', () => {
  let fixture: KubeFixture;
  let core: CoreV1Api;
  let custom: CustomObjectsApi;

  beforeEach(async () => {
    fixture = await startKubeFixture();
    core = fixture.config().makeApiClient(CoreV1Api);
    custom = fixture.config().makeApiClient(CustomObjectsApi);
  });

  afterEach(() => fixture.stop());

  describe('discovery and auth', () => {
    it('serves /version with the cluster version, and the groups it serves', async () => {
      const version = await fixture
        .config()
        .makeApiClient(VersionApi)
        .getCode();
      expect(version.gitVersion).toMatch(/^v1\.33\.\d+-eks-/);
      expect(version.minor).toBe('33+');
      const groups = await (await fixture.raw('/apis')).json();
      expect(groups.groups.map((g: { name: string }) => g.name).sort()).toEqual(
        [
          'apps',
          'authorization.k8s.io',
          'autoscaling',
          'karpenter.sh',
          'policy',
        ],
      );
      const autoscaling = groups.groups.find(
        (g: { name: string }) => g.name === 'autoscaling',
      );
      expect(autoscaling.preferredVersion).toEqual({
        groupVersion: 'autoscaling/v2',
        version: 'v2',
      });
      const resources = await (
        await fixture.raw('/apis/karpenter.sh/v1')
      ).json();
      expect(resources.resources).toContainEqual(
        expect.objectContaining({
          name: 'nodepools',
          kind: 'NodePool',
          namespaced: false,
        }),
      );
    });

    it('answers 401 Unauthorized without a bearer token', async () => {
      const anonymous = fixture
        .config({ token: null })
        .makeApiClient(CoreV1Api);
      expect((await rejection(anonymous.listNode())).code).toBe(401);
      const response = await fetch(
        `${fixture.server.url}/k8s/${CLUSTER_ID}/api/v1/nodes`,
      );
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
    });

    it('accepts EKS k8s-aws-v1 tokens and refuses malformed ones', async () => {
      const eks = fixture
        .config({ token: eksToken() })
        .makeApiClient(CoreV1Api);
      expect((await eks.listNode()).items).toHaveLength(5);
      const unsigned = `k8s-aws-v1.${Buffer.from(
        'https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity',
      ).toString('base64url')}`;
      for (const token of ['k8s-aws-v1.', 'k8s-aws-v1.!!!', unsigned]) {
        const client = fixture.config({ token }).makeApiClient(CoreV1Api);
        expect((await rejection(client.listNode())).code).toBe(401);
      }
    });

    it('answers 404 with a Status for an unknown cluster or path', async () => {
      const elsewhere = fixture
        .config({ clusterId: 'no-such-cluster' })
        .makeApiClient(CoreV1Api);
      const unknownCluster = await rejection(elsewhere.listNode());
      expect(unknownCluster.code).toBe(404);
      expect(unknownCluster.status).toMatchObject({
        kind: 'Status',
        reason: 'NotFound',
      });
      const unknownPath = await fixture.raw(
        '/apis/karpenter.sh/v1/ec2nodeclasses',
      );
      expect(unknownPath.status).toBe(404);
      expect(await unknownPath.json()).toMatchObject({
        message: 'the server could not find the requested resource',
        reason: 'NotFound',
      });
    });
  });

  describe('lists', () => {
    it('pages with limit and continue over one consistent snapshot', async () => {
      const first = await core.listNode({ limit: 2 });
      expect(first.items.map(n => n.metadata?.name)).toEqual([
        'node-a-1',
        'node-a-2',
      ]);
      expect(first.metadata?.remainingItemCount).toBe(3);
      // Changes between pages do not show up in the pages that follow.
      const nodeB2 = fixture.kube.get('nodes', 'node-b-2')!;
      fixture.kube.update('nodes', {
        ...nodeB2,
        metadata: { ...nodeB2.metadata, labels: { changed: 'yes' } },
      });
      fixture.kube.create('nodes', {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'node-b-3' },
      });
      const nodes = [...first.items];
      let token = first.metadata?._continue;
      while (token) {
        const page = await core.listNode({ limit: 2, _continue: token });
        expect(page.metadata?.resourceVersion).toBe(
          first.metadata?.resourceVersion,
        );
        nodes.push(...page.items);
        token = page.metadata?._continue;
      }
      expect(nodes.map(n => n.metadata?.name)).toEqual([
        'node-a-1',
        'node-a-2',
        'node-b-1',
        'node-b-2',
        'node-c-1',
      ]);
      expect(nodes[3].metadata?.labels?.changed).toBeUndefined();
      expect(nodes[3].metadata?.labels?.['karpenter.sh/nodepool']).toBe(
        'default',
      );
      expect((await core.listNode()).items).toHaveLength(6);
    });

    it('answers 410 Expired for a continue token older than the history, and 400 for a malformed one', async () => {
      const small = await startKubeFixture({ historyLimit: 3 });
      try {
        const client = small.config().makeApiClient(CoreV1Api);
        const first = await client.listNode({ limit: 2 });
        for (const name of ['x-1', 'x-2', 'x-3', 'x-4']) {
          small.kube.create('nodes', {
            apiVersion: 'v1',
            kind: 'Node',
            metadata: { name },
          });
        }
        const expired = await rejection(
          client.listNode({ limit: 2, _continue: first.metadata?._continue }),
        );
        expect(expired.code).toBe(410);
        expect(expired.status).toMatchObject({ reason: 'Expired', code: 410 });
        expect(expired.status?.message).toContain(
          'The provided continue parameter is too old',
        );
        // The inconsistent continuation it offers goes on from the current state.
        const rest = await client.listNode({
          limit: 10,
          _continue: expired.status?.metadata.continue,
        });
        expect(rest.items.map(n => n.metadata?.name)).toEqual([
          'node-b-1',
          'node-b-2',
          'node-c-1',
          'x-1',
          'x-2',
          'x-3',
          'x-4',
        ]);
      } finally {
        await small.stop();
      }
      const malformed = await rejection(
        core.listNode({ limit: 2, _continue: 'not-a-token' }),
      );
      expect(malformed.code).toBe(400);
      expect(malformed.status).toMatchObject({ reason: 'BadRequest' });
      expect(malformed.status?.message).toMatch(/^invalid continue token/);
    });

    it('filters by label selector', async () => {
      const select = async (labelSelector: string) =>
        (await core.listNode({ labelSelector })).items.map(
          n => n.metadata?.name,
        );
      expect(
        await select('topology.kubernetes.io/zone in (us-east-1a,us-east-1c)'),
      ).toEqual(['node-a-1', 'node-a-2', 'node-c-1']);
      expect(
        await select('topology.k8s.aws/zone-id=use1-az2,tier==system'),
      ).toEqual(['node-b-1']);
      expect(await select('tier!=system')).toEqual(['node-a-2', 'node-b-2']);
      expect(await select('!karpenter.sh/nodepool')).toEqual([
        'node-a-1',
        'node-b-1',
        'node-c-1',
      ]);
      expect(await select('karpenter.sh/nodepool')).toEqual([
        'node-a-2',
        'node-b-2',
      ]);
      expect(
        await select('topology.kubernetes.io/zone notin (us-east-1a),tier'),
      ).toEqual(['node-b-1', 'node-c-1']);
      const bad = await rejection(
        core.listNode({ labelSelector: 'tier in ()' }),
      );
      expect(bad.code).toBe(400);
      expect(bad.status?.reason).toBe('BadRequest');
    });

    it('filters by field selector, and refuses unsupported fields with 400', async () => {
      const onNode = await core.listPodForAllNamespaces({
        fieldSelector: 'spec.nodeName=node-a-1',
      });
      expect(
        onNode.items.map(p => `${p.metadata?.namespace}/${p.metadata?.name}`),
      ).toEqual(['default/web-1', 'kube-system/coredns-1']);
      const pending = await core.listPodForAllNamespaces({
        fieldSelector: 'status.phase=Pending',
      });
      expect(pending.items.map(p => p.metadata?.name)).toEqual(['web-3']);
      const running = await core.listNamespacedPod({
        namespace: 'kube-system',
        fieldSelector: 'status.phase!=Pending,metadata.name!=coredns-2',
      });
      expect(running.items.map(p => p.metadata?.name)).toEqual([
        'coredns-1',
        'karpenter-1',
      ]);
      const byName = await core.listNode({
        fieldSelector: 'metadata.name==node-c-1',
      });
      expect(byName.items.map(n => n.metadata?.name)).toEqual(['node-c-1']);
      const unsupported = await rejection(
        core.listNode({ fieldSelector: 'spec.providerID=x' }),
      );
      expect(unsupported).toEqual({
        code: 400,
        status: expect.objectContaining({
          reason: 'BadRequest',
          message: 'field label not supported: spec.providerID',
        }),
      });
    });

    it('lists namespaced resources per namespace and across namespaces', async () => {
      expect(
        (await core.listNamespacedPod({ namespace: 'default' })).items,
      ).toHaveLength(3);
      expect((await core.listPodForAllNamespaces()).items).toHaveLength(6);
      const apps = fixture.config().makeApiClient(AppsV1Api);
      const karpenter = await apps.readNamespacedDeployment({
        name: 'karpenter',
        namespace: 'kube-system',
      });
      expect(karpenter.spec?.template.spec?.containers[0].image).toBe(
        'public.ecr.aws/karpenter/controller:1.12.0',
      );
      const all = await apps.listDeploymentForAllNamespaces({
        labelSelector: 'app.kubernetes.io/name=karpenter',
      });
      expect(all.items.map(d => d.metadata?.namespace)).toEqual([
        'kube-system',
      ]);
    });
  });

  describe('writes', () => {
    it('cordons a node with a merge patch, visible to spec.unschedulable field selectors', async () => {
      const before = await core.readNode({ name: 'node-b-1' });
      const cordoned = await core.patchNode(
        { name: 'node-b-1', body: { spec: { unschedulable: true } } },
        mergePatch,
      );
      expect(cordoned.spec?.unschedulable).toBe(true);
      expect(cordoned.spec?.providerID).toBe(before.spec?.providerID);
      expect(Number(cordoned.metadata?.resourceVersion)).toBeGreaterThan(
        Number(before.metadata?.resourceVersion),
      );
      const unschedulable = await core.listNode({
        fieldSelector: 'spec.unschedulable=true',
      });
      expect(unschedulable.items.map(n => n.metadata?.name)).toEqual([
        'node-b-1',
      ]);
      const schedulable = await core.listNode({
        fieldSelector: 'spec.unschedulable=false',
      });
      expect(schedulable.items).toHaveLength(4);
      // Strategic merge patch is accepted for built-in types.
      const uncordoned = await core.patchNode(
        { name: 'node-b-1', body: { spec: { unschedulable: false } } },
        strategicPatch,
      );
      expect(uncordoned.spec?.unschedulable).toBe(false);
    });

    it('replaces whole arrays in a NodePool merge patch and bumps generation', async () => {
      const before = (await custom.getClusterCustomObject({
        ...NODEPOOLS,
        name: 'default',
      })) as NodePool;
      const patched = (await custom.patchClusterCustomObject(
        {
          ...NODEPOOLS,
          name: 'default',
          body: {
            spec: {
              template: {
                spec: {
                  requirements: [
                    {
                      key: 'topology.kubernetes.io/zone',
                      operator: 'In',
                      values: ['us-east-1a', 'us-east-1c'],
                    },
                  ],
                },
              },
            },
          },
        },
        mergePatch,
      )) as NodePool;
      expect(patched.spec.template.spec.requirements).toEqual([
        {
          key: 'topology.kubernetes.io/zone',
          operator: 'In',
          values: ['us-east-1a', 'us-east-1c'],
        },
      ]);
      expect(patched.metadata.generation).toBe(before.metadata.generation + 1);
      const labelled = (await custom.patchClusterCustomObject(
        {
          ...NODEPOOLS,
          name: 'default',
          body: { metadata: { annotations: { note: 'x' } } },
        },
        mergePatch,
      )) as NodePool;
      expect(labelled.metadata.generation).toBe(patched.metadata.generation);
    });

    it('applies a JSON patch guarded by a test op, and answers 422 when the test fails', async () => {
      const current = (await custom.getClusterCustomObject({
        ...NODEPOOLS,
        name: 'default',
      })) as NodePool;
      const guarded = (resourceVersion: string) => [
        {
          op: 'test',
          path: '/metadata/resourceVersion',
          value: resourceVersion,
        },
        {
          op: 'replace',
          path: '/spec/template/spec/requirements/1/values',
          value: ['us-east-1a', 'us-east-1b'],
        },
        { op: 'add', path: '/spec/weight', value: 50 },
      ];
      const patched = (await custom.patchClusterCustomObject(
        {
          ...NODEPOOLS,
          name: 'default',
          body: guarded(current.metadata.resourceVersion),
        },
        jsonPatch,
      )) as NodePool;
      expect(patched.spec.template.spec.requirements[1].values).toEqual([
        'us-east-1a',
        'us-east-1b',
      ]);
      expect(patched.spec.weight).toBe(50);
      const stale = await rejection(
        custom.patchClusterCustomObject(
          {
            ...NODEPOOLS,
            name: 'default',
            body: guarded(current.metadata.resourceVersion),
          },
          jsonPatch,
        ),
      );
      expect(stale.code).toBe(422);
      expect(stale.status).toMatchObject({
        reason: 'Invalid',
        message:
          'the server rejected our request due to an error in our request',
      });
      const after = (await custom.getClusterCustomObject({
        ...NODEPOOLS,
        name: 'default',
      })) as NodePool;
      expect(after.metadata.resourceVersion).toBe(
        patched.metadata.resourceVersion,
      );
    });

    it('refuses strategic merge patches on NodePools with 415, as for any custom resource', async () => {
      const refused = await rejection(
        custom.patchClusterCustomObject(
          { ...NODEPOOLS, name: 'default', body: { spec: { weight: 5 } } },
          strategicPatch,
        ),
      );
      expect(refused.code).toBe(415);
      expect(refused.status?.reason).toBe('UnsupportedMediaType');
    });

    it('answers 409 Conflict for a stale resourceVersion on replace and on patch', async () => {
      const stale = (await custom.getClusterCustomObject({
        ...NODEPOOLS,
        name: 'default',
      })) as NodePool;
      await custom.patchClusterCustomObject(
        { ...NODEPOOLS, name: 'default', body: { spec: { weight: 10 } } },
        mergePatch,
      );
      const replaced = await rejection(
        custom.replaceClusterCustomObject({
          ...NODEPOOLS,
          name: 'default',
          body: { ...stale, spec: { ...stale.spec, weight: 20 } },
        }),
      );
      expect(replaced.code).toBe(409);
      expect(replaced.status).toMatchObject({
        reason: 'Conflict',
        message:
          'Operation cannot be fulfilled on nodepools.karpenter.sh "default": the object has been modified; please apply your changes to the latest version and try again',
        details: { name: 'default', group: 'karpenter.sh', kind: 'nodepools' },
      });
      const patched = await rejection(
        custom.patchClusterCustomObject(
          {
            ...NODEPOOLS,
            name: 'default',
            body: {
              metadata: { resourceVersion: stale.metadata.resourceVersion },
              spec: { weight: 30 },
            },
          },
          mergePatch,
        ),
      );
      expect(patched.code).toBe(409);
      const now = (await custom.getClusterCustomObject({
        ...NODEPOOLS,
        name: 'default',
      })) as NodePool;
      expect(now.spec.weight).toBe(10);
    });

    it('validates NodePools as the Karpenter CRD does (422 with causes)', async () => {
      const emptyIn = await rejection(
        custom.patchClusterCustomObject(
          {
            ...NODEPOOLS,
            name: 'default',
            body: [
              {
                op: 'replace',
                path: '/spec/template/spec/requirements/1/values',
                value: [],
              },
            ],
          },
          jsonPatch,
        ),
      );
      expect(emptyIn.code).toBe(422);
      expect(emptyIn.status).toMatchObject({
        reason: 'Invalid',
        message: `NodePool.karpenter.sh "default" is invalid: spec.template.spec.requirements: Invalid value: "array": requirements with operator 'In' must have a value defined`,
        details: {
          name: 'default',
          group: 'karpenter.sh',
          kind: 'NodePool',
          causes: [
            {
              reason: 'FieldValueInvalid',
              message: `Invalid value: "array": requirements with operator 'In' must have a value defined`,
              field: 'spec.template.spec.requirements',
            },
          ],
        },
      });
      const withValues = nodePoolObject('exists', ['us-east-1a']);
      const requirements = [
        {
          key: 'karpenter.sh/capacity-type',
          operator: 'Exists',
          values: ['spot'],
        },
      ];
      const exists = await rejection(
        custom.createClusterCustomObject({
          ...NODEPOOLS,
          body: nodePoolWith('exists', requirements),
        }),
      );
      expect(exists.code).toBe(422);
      const gte = await rejection(
        custom.createClusterCustomObject({
          ...NODEPOOLS,
          body: nodePoolWith('exists', [
            {
              key: 'karpenter.k8s.aws/instance-cpu',
              operator: 'Gte',
              values: ['4', '8'],
            },
          ]),
        }),
      );
      expect(gte.status?.message).toContain(
        "requirements operator 'Gt', 'Lt', 'Gte', or 'Lte' must have a single positive integer value",
      );
      const wrongKind = await rejection(
        custom.createClusterCustomObject({
          ...NODEPOOLS,
          body: { ...withValues, kind: 'NodeClaim' },
        }),
      );
      expect(wrongKind.code).toBe(400);
      expect(
        (await custom.listClusterCustomObject(NODEPOOLS)).items,
      ).toHaveLength(1);
    });

    it('creates, refuses duplicates with 409 AlreadyExists, and deletes', async () => {
      const created = (await custom.createClusterCustomObject({
        ...NODEPOOLS,
        body: nodePoolObject('spot', ['us-east-1b']),
      })) as NodePool;
      expect(created.metadata.generation).toBe(1);
      const duplicate = await rejection(
        custom.createClusterCustomObject({
          ...NODEPOOLS,
          body: nodePoolObject('spot', ['us-east-1b']),
        }),
      );
      expect(duplicate.code).toBe(409);
      expect(duplicate.status).toMatchObject({
        reason: 'AlreadyExists',
        message: 'nodepools.karpenter.sh "spot" already exists',
      });
      const deleted = await custom.deleteClusterCustomObject({
        ...NODEPOOLS,
        name: 'spot',
      });
      expect(deleted).toMatchObject({
        kind: 'Status',
        status: 'Success',
        details: { name: 'spot', kind: 'nodepools' },
      });
      const missing = await rejection(
        custom.getClusterCustomObject({ ...NODEPOOLS, name: 'spot' }),
      );
      expect(missing).toEqual({
        code: 404,
        status: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'nodepools.karpenter.sh "spot" not found',
          reason: 'NotFound',
          details: { name: 'spot', group: 'karpenter.sh', kind: 'nodepools' },
          code: 404,
        },
      });
      const pod = await core.deleteNamespacedPod({
        name: 'web-3',
        namespace: 'default',
      });
      expect(pod.metadata?.name).toBe('web-3');
    });

    it('answers injected conflicts with 409 and changes nothing', async () => {
      const faulty = await startKubeFixture({ injectConflict: () => true });
      try {
        const client = faulty.config().makeApiClient(CoreV1Api);
        const before = faulty.kube.get('nodes', 'node-a-1');
        const refused = await rejection(
          client.patchNode(
            { name: 'node-a-1', body: { spec: { unschedulable: true } } },
            mergePatch,
          ),
        );
        expect(refused.code).toBe(409);
        expect(refused.status?.reason).toBe('Conflict');
        expect(faulty.kube.get('nodes', 'node-a-1')).toEqual(before);
      } finally {
        await faulty.stop();
      }
    });
  });

  describe('wire details', () => {
    /** Sends `body` as is when it is text (to send malformed JSON), as JSON otherwise. */
    const send = (
      method: string,
      path: string,
      body: unknown,
      contentType = 'application/json',
    ) =>
      fixture.raw(path, {
        method,
        headers: { 'content-type': contentType },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });

    it('refuses malformed bodies with 400 and changes nothing', async () => {
      const before = fixture.kube.resourceVersion();
      const notJson = await send('POST', '/api/v1/nodes', '{"metadata":');
      expect(notJson.status).toBe(400);
      expect(await notJson.json()).toMatchObject({
        kind: 'Status',
        reason: 'BadRequest',
      });
      const otherNamespace = await send(
        'POST',
        '/api/v1/namespaces/default/pods',
        {
          metadata: { name: 'p', namespace: 'kube-system' },
        },
      );
      expect(otherNamespace.status).toBe(400);
      const renamed = await send(
        'PATCH',
        '/api/v1/nodes/node-a-1',
        { metadata: { name: 'other' } },
        'application/merge-patch+json',
      );
      expect((await renamed.json()).message).toBe(
        'the name of the object (other) does not match the name on the URL (node-a-1)',
      );
      const badPatch = await send(
        'PATCH',
        '/api/v1/nodes/node-a-1',
        { op: 'add' },
        'application/json-patch+json',
      );
      expect(badPatch.status).toBe(400);
      const yaml = await send(
        'POST',
        '/api/v1/nodes',
        'metadata: {}',
        'application/yaml',
      );
      expect(yaml.status).toBe(415);
      expect(fixture.kube.resourceVersion()).toBe(before);
    });

    it('answers 405 for verbs a path does not serve', async () => {
      const response = await send('POST', '/api/v1/pods', {
        metadata: { name: 'p' },
      });
      expect(response.status).toBe(405);
      expect(await response.json()).toMatchObject({
        reason: 'MethodNotAllowed',
        code: 405,
      });
      expect(
        (await send('DELETE', '/api/v1/nodes/node-a-1/status', {})).status,
      ).toBe(405);
    });

    it('keeps status out of object writes and everything but status out of /status writes', async () => {
      const objectWrite = await send(
        'PATCH',
        '/api/v1/nodes/node-a-1',
        {
          metadata: { labels: { extra: 'x' } },
          status: { allocatable: { cpu: '1' } },
        },
        'application/merge-patch+json',
      );
      const afterObjectWrite = await objectWrite.json();
      expect(afterObjectWrite.metadata.labels.extra).toBe('x');
      expect(afterObjectWrite.status.allocatable.cpu).toBe('1930m');
      const statusWrite = await send(
        'PATCH',
        '/api/v1/nodes/node-a-1/status',
        {
          metadata: { labels: { other: 'y' } },
          status: { allocatable: { cpu: '1' } },
        },
        'application/merge-patch+json',
      );
      const afterStatusWrite = await statusWrite.json();
      expect(afterStatusWrite.status.allocatable.cpu).toBe('1');
      expect(afterStatusWrite.metadata.labels.other).toBeUndefined();
    });

    it('checks delete preconditions', async () => {
      const response = await send('DELETE', '/api/v1/nodes/node-a-1', {
        preconditions: { resourceVersion: '999' },
      });
      expect(response.status).toBe(409);
      expect((await response.json()).message).toMatch(
        /Precondition failed: ResourceVersion in precondition: 999, ResourceVersion in object meta: \d+$/,
      );
      expect(fixture.kube.get('nodes', 'node-a-1')).toBeDefined();
    });

    it('answers 504 for a list at a resourceVersion the server has not reached yet, and lists exactly at an older one', async () => {
      const future = await fixture.raw(
        `/api/v1/nodes?resourceVersion=${
          Number(fixture.kube.resourceVersion()) + 10
        }`,
      );
      expect(future.status).toBe(504);
      expect((await future.json()).reason).toBe('Timeout');
      const then = fixture.kube.resourceVersion();
      fixture.kube.delete('nodes', 'node-c-1');
      const exact = await core.listNode({
        resourceVersion: then,
        resourceVersionMatch: 'Exact',
      });
      expect(exact.items.map(n => n.metadata?.name)).toContain('node-c-1');
      expect(exact.metadata?.resourceVersion).toBe(then);
      const bad = await rejection(core.listNode({ resourceVersion: 'abc' }));
      expect(bad.code).toBe(400);
    });

    it('omits kind and apiVersion from built-in list items but keeps them for custom resources', async () => {
      const nodes = await (await fixture.raw('/api/v1/nodes?limit=1')).json();
      expect(nodes).toMatchObject({ kind: 'NodeList', apiVersion: 'v1' });
      expect(nodes.items[0].kind).toBeUndefined();
      const pools = await (
        await fixture.raw('/apis/karpenter.sh/v1/nodepools')
      ).json();
      expect(pools).toMatchObject({
        kind: 'NodePoolList',
        apiVersion: 'karpenter.sh/v1',
      });
      expect(pools.items[0]).toMatchObject({
        kind: 'NodePool',
        apiVersion: 'karpenter.sh/v1',
      });
    });
  });
});
