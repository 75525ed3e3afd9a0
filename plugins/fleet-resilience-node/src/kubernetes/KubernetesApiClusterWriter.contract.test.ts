/**
 * KubernetesApiClusterWriter against the simulated clusters over HTTP,
 * through the real @kubernetes/client-node, with EKS IAM tokens signed by the
 * real credentials manager's per-account credentials. A recording proxy in
 * front of the simulator shows what goes on the wire.
 */
import type { RunningSimulator } from '@fleet-resilience/fleet-simulator';
import { NotFoundError, InputError } from '@backstage/errors';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AGGREGATOR,
  simulatorConfig,
  startDemoSimulator,
} from '../__testUtils__/simulator';
import { AwsClientFactory } from '../aws/AwsClientFactory';
import { AwsConfigInventorySource } from '../aws/AwsConfigInventorySource';
import {
  KubernetesConflictError,
  type KubernetesTarget,
  type NodePoolState,
} from '../sources/types';
import { KubernetesClusterReadError } from './KubernetesApiClusterReader';
import {
  KubernetesApiClusterWriter,
  KubernetesClusterWriteError,
} from './KubernetesApiClusterWriter';
import { EksTokenProvider, StaticTokenProvider } from './tokenProviders';

interface Exchange {
  method: string;
  path: string;
  contentType?: string;
  body: string;
  status: number;
}

/** Forwards every request to `upstream` and keeps what went each way. */
async function startRecordingProxy(upstream: string) {
  const exchanges: Exchange[] = [];
  const target = new URL(upstream);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const forward = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host },
        },
        upstreamRes => {
          exchanges.push({
            method: req.method ?? '',
            path: req.url ?? '',
            contentType: req.headers['content-type'],
            body: body.toString('utf8'),
            status: upstreamRes.statusCode ?? 0,
          });
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exchanges,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const without = <T extends Record<string, unknown>>(value: T, key: string) =>
  Object.fromEntries(Object.entries(value).filter(([k]) => k !== key));

/** The NodePool's spec with `template.spec.requirements` taken out, as JSON text. */
function specOtherThanRequirements(pool: NodePoolState): string {
  const spec = pool.raw.spec as Record<string, any>;
  return JSON.stringify({
    ...spec,
    template: {
      ...spec.template,
      spec: without(spec.template.spec, 'requirements'),
    },
  });
}

describe('KubernetesApiClusterWriter against the simulator', () => {
  let sim: RunningSimulator;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let factory: AwsClientFactory;
  let targets: Map<string, KubernetesTarget>;
  let writer: KubernetesApiClusterWriter;

  /** The cluster's target, reached through the recording proxy. */
  const target = (name: string): KubernetesTarget => {
    const direct = targets.get(name)!;
    return {
      ...direct,
      endpoint: direct.endpoint.replace(sim.url, proxy.url),
    };
  };
  const writerWith = (
    options: Partial<
      ConstructorParameters<typeof KubernetesApiClusterWriter>[0]
    > = {},
  ) =>
    new KubernetesApiClusterWriter({
      tokens: new EksTokenProvider(factory),
      allowInsecureEndpoints: true,
      retryDelay: { baseMs: 5, maxMs: 20 },
      ...options,
    });
  const pool = async (cluster: string, name: string) => {
    const { nodePools, problems } = await writer.listNodePools(target(cluster));
    expect(problems).toEqual([]);
    return nodePools.find(candidate => candidate.name === name)!;
  };
  const patches = () => proxy.exchanges.filter(e => e.method === 'PATCH');

  beforeAll(async () => {
    sim = await startDemoSimulator();
    proxy = await startRecordingProxy(sim.url);
    factory = AwsClientFactory.fromConfig(simulatorConfig(sim.url));
    const inventory = await new AwsConfigInventorySource({
      clients: factory,
      scope: { mode: 'aggregator', aggregator: AGGREGATOR },
      allowInsecureEndpoints: true,
    }).readInventory();
    targets = new Map(
      inventory.clusters.map(cluster => [
        cluster.ref.name,
        {
          ref: cluster.ref,
          endpoint: cluster.endpoint!,
          certificateAuthorityData: cluster.certificateAuthorityData,
        },
      ]),
    );
    writer = writerWith();
  });
  afterAll(async () => {
    await proxy.close();
    await sim.stop();
  });
  beforeEach(() => {
    proxy.exchanges.length = 0;
  });
  afterEach(() => sim.setFaults({ seed: 1, services: {} }));

  it('lists NodePools with their resourceVersions, and none where Karpenter is not installed', async () => {
    const { nodePools, problems } = await writer.listNodePools(
      target('search-indexer-use1'),
    );
    expect(problems).toEqual([]);
    expect(nodePools.map(p => [p.name, p.weight])).toEqual([
      ['general', 10],
      ['memory', 50],
    ]);
    for (const p of nodePools) expect(p.resourceVersion).toMatch(/^\d+$/);
    expect(await writer.listNodePools(target('search-prod-use1'))).toEqual({
      nodePools: [],
      problems: [],
    });
  });

  it('patches the requirements with a merge patch carrying the resourceVersion, and changes nothing else', async () => {
    const before = await pool('platform-observability-euw1', 'default');
    // The fleet file gives this NodePool no zone requirement: keep it out of one AZ.
    expect(
      before.requirements.some(r => r.key === 'topology.kubernetes.io/zone'),
    ).toBe(false);
    const requirements = [
      ...before.requirements,
      {
        key: 'topology.kubernetes.io/zone',
        operator: 'In' as const,
        values: ['eu-west-1a', 'eu-west-1c'],
      },
    ];
    proxy.exchanges.length = 0;

    const stored = await writer.patchNodePool(
      target('platform-observability-euw1'),
      'default',
      { resourceVersion: before.resourceVersion, requirements },
    );

    expect(patches()).toEqual([
      expect.objectContaining({
        path: expect.stringMatching(
          /\/apis\/karpenter\.sh\/v1\/nodepools\/default$/,
        ),
        contentType: 'application/merge-patch+json',
        status: 200,
      }),
    ]);
    expect(JSON.parse(patches()[0].body)).toEqual({
      metadata: { resourceVersion: before.resourceVersion },
      spec: { template: { spec: { requirements } } },
    });
    expect(stored.requirements).toEqual(requirements);
    expect(Number(stored.resourceVersion)).toBeGreaterThan(
      Number(before.resourceVersion),
    );
    const after = await pool('platform-observability-euw1', 'default');
    expect(after.requirements).toEqual(requirements);
    expect(after.annotations).toEqual(before.annotations);
    // Budgets with schedule/duration/reasons, and every other field, as they were.
    expect(specOtherThanRequirements(after)).toBe(
      specOtherThanRequirements(before),
    );
    expect((after.raw.spec as any).disruption.budgets).toEqual([
      { nodes: '1' },
      {
        nodes: '0',
        schedule: '0 9 * * 1-5',
        duration: '8h',
        reasons: ['Drifted', 'Underutilized'],
      },
    ]);
  });

  it('keeps weight, taints and limits byte for byte', async () => {
    for (const [cluster, name] of [
      ['search-indexer-use1', 'memory'],
      ['payments-prod-use1', 'default'],
    ]) {
      const before = await pool(cluster, name);
      const requirements = [
        ...before.requirements,
        { key: 'karpenter.sh/capacity-type', operator: 'Exists' as const },
      ].filter(
        (r, i, all) => all.findIndex(other => other.key === r.key) === i,
      );
      await writer.patchNodePool(target(cluster), name, {
        resourceVersion: before.resourceVersion,
        requirements: [
          ...requirements.filter(r => r.key !== 'karpenter.sh/capacity-type'),
          {
            key: 'karpenter.sh/capacity-type',
            operator: 'In',
            values: ['spot'],
          },
        ],
      });
      const after = await pool(cluster, name);
      expect(specOtherThanRequirements(after)).toBe(
        specOtherThanRequirements(before),
      );
    }
    const memory = await pool('search-indexer-use1', 'memory');
    expect(memory.weight).toBe(50);
    expect((memory.raw.spec as any).template.spec.taints).toEqual([
      { key: 'workload-class', value: 'memory', effect: 'NoSchedule' },
    ]);
    expect(
      (await pool('payments-prod-use1', 'default')).raw.spec,
    ).toMatchObject({ limits: { cpu: '96', memory: '384Gi' } });
  });

  it('sets annotations, and removes one set to null', async () => {
    const cluster = target('payments-dr-euw1');
    const first = await pool('payments-dr-euw1', 'default');
    const set = await writer.patchNodePool(cluster, 'default', {
      resourceVersion: first.resourceVersion,
      annotations: {
        'fleet-resilience.io/away-zones': 'euw1-az1',
        'fleet-resilience.io/original-zone-requirements': '[]',
      },
    });
    expect(set.annotations).toMatchObject({
      'fleet-resilience.io/away-zones': 'euw1-az1',
      'fleet-resilience.io/original-zone-requirements': '[]',
    });
    expect(set.requirements).toEqual(first.requirements);
    const removed = await writer.patchNodePool(cluster, 'default', {
      resourceVersion: set.resourceVersion,
      annotations: { 'fleet-resilience.io/away-zones': null },
    });
    expect(removed.annotations).not.toHaveProperty(
      'fleet-resilience.io/away-zones',
    );
    expect(
      removed.annotations['fleet-resilience.io/original-zone-requirements'],
    ).toBe('[]');
    expect((await pool('payments-dr-euw1', 'default')).annotations).toEqual(
      removed.annotations,
    );
  });

  it('refuses a stale resourceVersion with a KubernetesConflictError, once, and changes nothing', async () => {
    const cluster = target('payments-dr-euw1');
    const read = await pool('payments-dr-euw1', 'default');
    // Someone else changes the NodePool after it was read.
    await writer.patchNodePool(cluster, 'default', {
      resourceVersion: read.resourceVersion,
      annotations: { 'example.com/touched': 'yes' },
    });
    const current = await pool('payments-dr-euw1', 'default');
    proxy.exchanges.length = 0;

    await expect(
      writer.patchNodePool(cluster, 'default', {
        resourceVersion: read.resourceVersion,
        requirements: [
          {
            key: 'topology.kubernetes.io/zone',
            operator: 'In',
            values: ['eu-west-1b'],
          },
        ],
        annotations: { 'example.com/touched': null },
      }),
    ).rejects.toThrow(KubernetesConflictError);
    expect(patches().map(e => e.status)).toEqual([409]);
    expect(await pool('payments-dr-euw1', 'default')).toEqual(current);
  });

  it('turns an injected 409 into a KubernetesConflictError without retrying it', async () => {
    const read = await pool('payments-dr-euw1', 'default');
    sim.setFaults({ seed: 1, services: { kubernetes: { conflictRate: 1 } } });
    proxy.exchanges.length = 0;
    await expect(
      writer.patchNodePool(target('payments-dr-euw1'), 'default', {
        resourceVersion: read.resourceVersion,
        annotations: { a: 'b' },
      }),
    ).rejects.toThrow(
      /NodePool default of arn:aws:eks:eu-west-1:444455556666:cluster\/payments-dr-euw1 changed since it was read: HTTP 409/,
    );
    expect(patches()).toHaveLength(1);
  });

  it('retries injected throttling and 5xx and then stores the patch', async () => {
    const before = await pool('search-indexer-use1', 'general');
    // With seed 9 the stream answers: throttled, 5xx, then through.
    sim.setFaults({
      seed: 9,
      services: { kubernetes: { throttleRate: 0.35, errorRate: 0.35 } },
    });
    proxy.exchanges.length = 0;
    const stored = await writerWith({ maxAttempts: 12 }).patchNodePool(
      target('search-indexer-use1'),
      'general',
      {
        resourceVersion: before.resourceVersion,
        annotations: { 'fleet-resilience.io/away-zones': 'use1-az4' },
      },
    );
    expect(patches().map(e => e.status)).toEqual([429, 500, 200]);
    // Every attempt carried the same precondition.
    expect(new Set(patches().map(e => e.body)).size).toBe(1);
    sim.setFaults({ seed: 1, services: {} });
    expect(stored.annotations['fleet-resilience.io/away-zones']).toBe(
      'use1-az4',
    );
    expect(
      (await pool('search-indexer-use1', 'general')).annotations[
        'fleet-resilience.io/away-zones'
      ],
    ).toBe('use1-az4');
  });

  it('gives up after maxAttempts on 5xx with the status', async () => {
    const before = await pool('search-indexer-use1', 'general');
    sim.setFaults({ seed: 1, services: { kubernetes: { errorRate: 1 } } });
    proxy.exchanges.length = 0;
    const failure = writerWith({ maxAttempts: 3 })
      .patchNodePool(target('search-indexer-use1'), 'general', {
        resourceVersion: before.resourceVersion,
        annotations: { a: 'b' },
      })
      .catch(error => error);
    expect(await failure).toBeInstanceOf(KubernetesClusterWriteError);
    expect(await failure).toMatchObject({ status: expect.any(Number) });
    expect((await failure).status).toBeGreaterThanOrEqual(500);
    expect(patches()).toHaveLength(3);
  });

  it('lists Nodes with zones and patches their annotations under the resourceVersion', async () => {
    const cluster = target('payments-prod-use1');
    const { nodes, problems } = await writer.listNodes(cluster);
    expect(problems).toEqual([]);
    expect(nodes).toHaveLength(9);
    expect(
      new Set(nodes.map(node => `${node.zoneName}=${node.zoneId}`)),
    ).toEqual(
      new Set([
        'us-east-1a=use1-az1',
        'us-east-1b=use1-az2',
        'us-east-1c=use1-az4',
      ]),
    );
    const node = nodes[0];
    proxy.exchanges.length = 0;
    await writer.patchNodeAnnotations(cluster, node.name, {
      resourceVersion: node.resourceVersion,
      annotations: { 'karpenter.sh/do-not-disrupt': 'true' },
    });
    expect(patches()).toEqual([
      expect.objectContaining({
        contentType: 'application/merge-patch+json',
        status: 200,
      }),
    ]);
    expect(JSON.parse(patches()[0].body)).toEqual({
      metadata: {
        resourceVersion: node.resourceVersion,
        annotations: { 'karpenter.sh/do-not-disrupt': 'true' },
      },
    });
    const marked = (await writer.listNodes(cluster)).nodes.find(
      n => n.name === node.name,
    )!;
    expect(marked.annotations).toEqual({
      ...node.annotations,
      'karpenter.sh/do-not-disrupt': 'true',
    });

    await expect(
      writer.patchNodeAnnotations(cluster, node.name, {
        resourceVersion: node.resourceVersion,
        annotations: { 'karpenter.sh/do-not-disrupt': null },
      }),
    ).rejects.toThrow(KubernetesConflictError);
    await writer.patchNodeAnnotations(cluster, node.name, {
      resourceVersion: marked.resourceVersion,
      annotations: { 'karpenter.sh/do-not-disrupt': null },
    });
    expect(
      (await writer.listNodes(cluster)).nodes.find(n => n.name === node.name)!
        .annotations,
    ).toEqual(node.annotations);
  });

  it('answers NotFoundError for a NodePool or Node that does not exist', async () => {
    await expect(
      writer.patchNodePool(target('payments-dr-euw1'), 'nope', {
        resourceVersion: '1',
        annotations: { a: 'b' },
      }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      writer.patchNodeAnnotations(target('payments-dr-euw1'), 'nope', {
        resourceVersion: '1',
        annotations: { a: 'b' },
      }),
    ).rejects.toThrow(NotFoundError);
  });

  it('refuses bad input before anything goes on the wire', async () => {
    const cluster = target('payments-dr-euw1');
    await expect(
      writer.patchNodePool(cluster, 'default', {
        resourceVersion: '1',
        requirements: [{ key: 'k', operator: 'In', values: [] }],
      }),
    ).rejects.toThrow(InputError);
    await expect(
      writer.patchNodePool(cluster, '../default', {
        resourceVersion: '1',
        annotations: { a: 'b' },
      }),
    ).rejects.toThrow(InputError);
    await expect(
      writer.patchNodeAnnotations(cluster, 'n', {
        resourceVersion: '',
        annotations: { a: 'b' },
      }),
    ).rejects.toThrow(/resourceVersion/);
    expect(proxy.exchanges).toEqual([]);
  });

  describe('tokens and endpoints', () => {
    it('says so when there is no token, and sends nothing', async () => {
      const noToken = writerWith({ tokens: { token: async () => '' } });
      await expect(
        noToken.listNodePools(target('payments-dr-euw1')),
      ).rejects.toThrow(
        /NodePools of arn:aws:eks:eu-west-1:444455556666:cluster\/payments-dr-euw1 at .* could not be read: no bearer token for arn:aws:eks:eu-west-1:444455556666:cluster\/payments-dr-euw1/,
      );
      await expect(
        noToken.patchNodePool(target('payments-dr-euw1'), 'default', {
          resourceVersion: '1',
          annotations: { a: 'b' },
        }),
      ).rejects.toThrow(/could not be patched: no bearer token/);
      expect(proxy.exchanges).toEqual([]);
    });

    it('says so when the account has no credentials', async () => {
      const otherAccount = {
        ...target('payments-dr-euw1'),
        ref: {
          ...target('payments-dr-euw1').ref,
          accountId: '999999999999',
          arn: 'arn:aws:eks:eu-west-1:999999999999:cluster/payments-dr-euw1',
        },
      };
      await expect(writer.listNodes(otherAccount)).rejects.toThrow(
        KubernetesClusterReadError,
      );
      await expect(writer.listNodes(otherAccount)).rejects.toThrow(
        /999999999999/,
      );
      expect(proxy.exchanges).toEqual([]);
    });

    it('rejects a token the API server refuses', async () => {
      const badToken = new StaticTokenProvider(
        `k8s-aws-v1.${Buffer.from('https://example.com/').toString(
          'base64url',
        )}`,
      );
      const failure = writerWith({ tokens: badToken })
        .patchNodePool(target('payments-dr-euw1'), 'default', {
          resourceVersion: '1',
          annotations: { a: 'b' },
        })
        .catch(error => error);
      expect(await failure).toBeInstanceOf(KubernetesClusterWriteError);
      expect(await failure).toMatchObject({
        status: 401,
        message: expect.stringMatching(/could not be patched: HTTP 401/),
      });
    });

    it('refuses a plain-http API server unless insecure endpoints are allowed', async () => {
      await expect(
        writerWith({ allowInsecureEndpoints: false }).listNodePools(
          target('payments-dr-euw1'),
        ),
      ).rejects.toThrow(/is not used: the API server URL .* must use https/);
      expect(proxy.exchanges).toEqual([]);
    });
  });

  it('is built from config like the reader', async () => {
    const fromConfig = KubernetesApiClusterWriter.fromConfig(
      simulatorConfig(sim.url),
      { clients: factory },
    );
    expect(
      (await fromConfig.listNodePools(target('payments-prod-use1'))).nodePools,
    ).toHaveLength(1);
  });
});
