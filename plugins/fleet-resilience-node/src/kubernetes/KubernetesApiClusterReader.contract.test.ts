/**
 * KubernetesApiClusterReader against the simulated clusters over HTTP,
 * through the real @kubernetes/client-node, with EKS IAM tokens signed by the
 * real credentials manager's per-account credentials.
 */
import type { RunningSimulator } from '@fleet-resilience/fleet-simulator';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AGGREGATOR,
  PROD,
  simulatorConfig,
  startDemoSimulator,
} from '../__testUtils__/simulator';
import { AwsClientFactory } from '../aws/AwsClientFactory';
import { AwsConfigInventorySource } from '../aws/AwsConfigInventorySource';
import type {
  KubernetesClusterState,
  KubernetesTarget,
} from '../sources/types';
import {
  FORBIDDEN_DEPLOYMENTS,
  KubernetesApiClusterReader,
} from './KubernetesApiClusterReader';
import {
  classifyKubernetesFailure,
  kubernetesFailureKind,
} from './kubernetesFailure';
import { EksTokenProvider, StaticTokenProvider } from './tokenProviders';

const MI = 2 ** 20;
// EKS AMI reservations (as the simulator's instance table applies them):
// m5.xlarge 4 vCPU / 16 GiB / 58 pods: 4000 - (60 + 10 + 5 + 5) m; 16384 - (255 + 11 * 58) - 100 Mi.
const M5_XLARGE = { cpuMillicores: 3920, memoryBytes: 15391 * MI };
// m5.large 2 vCPU / 8 GiB / 29 pods: 2000 - (60 + 10) m; 8192 - (255 + 11 * 29) - 100 Mi.
const M5_LARGE = { cpuMillicores: 1930, memoryBytes: 7518 * MI };

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const countBy = <T>(items: T[], key: (item: T) => string) =>
  items.reduce<Record<string, number>>(
    (counts, item) => ({
      ...counts,
      [key(item)]: (counts[key(item)] ?? 0) + 1,
    }),
    {},
  );
/** The sums per node of a read's pods (the reader keeps no pod). */
const bound = (state: KubernetesClusterState) => [
  ...state.podRequests!.byNode.values(),
];
const podCount = (state: KubernetesClusterState) =>
  sum(bound(state).map(node => node.podCount)) +
  state.podRequests!.pending.podCount;

describe('KubernetesApiClusterReader against the simulator', () => {
  let sim: RunningSimulator;
  let factory: AwsClientFactory;
  let targets: Map<string, KubernetesTarget>;
  let reader: KubernetesApiClusterReader;

  const target = (name: string) => targets.get(name)!;
  const readerWith = (
    options: Partial<
      ConstructorParameters<typeof KubernetesApiClusterReader>[0]
    > = {},
  ) =>
    new KubernetesApiClusterReader({
      tokens: new EksTokenProvider(factory),
      allowInsecureEndpoints: true,
      retryDelay: { baseMs: 5, maxMs: 20 },
      ...options,
    });

  beforeAll(async () => {
    sim = await startDemoSimulator();
    factory = AwsClientFactory.fromConfig(simulatorConfig(sim.url));
    // The endpoints and CAs come from the inventory, as in the backend.
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
    reader = readerWith();
  });
  afterAll(() => sim.stop());
  afterEach(() => sim.setFaults({ seed: 1, services: {} }));

  describe('payments-prod-use1', () => {
    let state: KubernetesClusterState;
    beforeAll(async () => {
      state = await reader.read(target('payments-prod-use1'));
    });

    it('has the nodes of the fleet file: three m5.xlarge per AZ, ready and schedulable', () => {
      expect(state.problems).toEqual([]);
      expect(state.nodes).toHaveLength(9);
      expect(
        countBy(state.nodes, node => `${node.zone?.name}=${node.zone?.id}`),
      ).toEqual({
        'us-east-1a=use1-az1': 3,
        'us-east-1b=use1-az2': 3,
        'us-east-1c=use1-az4': 3,
      });
      for (const node of state.nodes) {
        expect(node.allocatable).toEqual(M5_XLARGE);
        expect(node.unschedulable).toBe(false);
        expect(node.ready).toBe(true);
      }
      expect(state.zones).toEqual([
        { name: 'us-east-1a', id: 'use1-az1' },
        { name: 'us-east-1b', id: 'use1-az2' },
        { name: 'us-east-1c', id: 'use1-az4' },
      ]);
    });

    it('has the workloads’ pods with their requests, all bound', () => {
      // 18 x payments-api (500m, 1Gi), 9 x payments-worker (400m, 1Gi), 3 x coredns (100m, 70Mi),
      // and Karpenter's 2 pods, which request nothing (the chart's default).
      expect(state.pods).toBeUndefined();
      expect(podCount(state)).toBe(32);
      expect(sum(bound(state).map(node => node.requested.cpuMillicores))).toBe(
        18 * 500 + 9 * 400 + 3 * 100,
      );
      expect(sum(bound(state).map(node => node.requested.memoryBytes))).toBe(
        (27 * 1024 + 3 * 70) * MI,
      );
      expect(state.podRequests!.phaseCounts).toEqual({ Running: 32 });
      expect(state.podRequests!.pending.podCount).toBe(0);
      const nodeNames = new Set(state.nodes.map(node => node.name));
      expect(
        [...state.podRequests!.byNode.keys()].every(name =>
          nodeNames.has(name),
        ),
      ).toBe(true);
    });

    it('has the readiness facts: each workload’s ready replicas per AZ, spread and PDB, and the cluster DNS with its HPA', () => {
      const readiness = state.readiness!;
      expect(readiness.unreadable).toEqual([]);
      expect(readiness.unknownOwnerPods).toBe(0);
      const even = (n: number) => ({
        'us-east-1a': n,
        'us-east-1b': n,
        'us-east-1c': n,
      });
      expect(readiness.workloads).toEqual([
        {
          kind: 'Deployment',
          namespace: 'kube-system',
          name: 'karpenter',
          desiredReplicas: 2,
          readyByZone: expect.any(Object),
          readyWithoutZone: 0,
          podCount: 2,
          zoneSpread: 'topology-spread',
          disruptionBudget: { name: 'karpenter', maxUnavailable: 1 },
        },
        {
          kind: 'Deployment',
          namespace: 'payments',
          name: 'payments-api',
          desiredReplicas: 18,
          readyByZone: even(6),
          readyWithoutZone: 0,
          podCount: 18,
          zoneSpread: 'topology-spread',
          disruptionBudget: { name: 'payments-api', minAvailable: '66%' },
        },
        {
          kind: 'StatefulSet',
          namespace: 'payments',
          name: 'payments-worker',
          desiredReplicas: 9,
          readyByZone: even(3),
          readyWithoutZone: 0,
          podCount: 9,
          zoneSpread: 'anti-affinity',
          disruptionBudget: { name: 'payments-worker', maxUnavailable: '34%' },
        },
      ]);
      // Karpenter's two replicas sit in two different AZs.
      expect(Object.values(readiness.workloads[0].readyByZone)).toEqual([1, 1]);
      expect(readiness.dns).toEqual({
        workload: {
          kind: 'Deployment',
          namespace: 'kube-system',
          name: 'coredns',
          desiredReplicas: 3,
          readyByZone: even(1),
          readyWithoutZone: 0,
          podCount: 3,
          zoneSpread: 'topology-spread',
          disruptionBudget: { name: 'coredns', maxUnavailable: 1 },
        },
        autoscaler: 'hpa',
      });
    });

    it('has its NodePool with the zone requirement, a NodeClaim per node, and Karpenter 1.11 without native zonal shift', () => {
      expect(
        state.nodePools.map(pool => [pool.name, pool.requirements]),
      ).toEqual([
        [
          'default',
          [
            {
              key: 'topology.kubernetes.io/zone',
              operator: 'In',
              values: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
            },
            {
              key: 'node.kubernetes.io/instance-type',
              operator: 'In',
              values: ['m5.xlarge'],
            },
            {
              key: 'karpenter.sh/capacity-type',
              operator: 'In',
              values: ['on-demand'],
            },
          ],
        ],
      ]);
      expect(state.nodePools[0].resourceVersion).toMatch(/^\d+$/);
      expect(state.nodePools[0].raw).toMatchObject({
        kind: 'NodePool',
        metadata: { name: 'default' },
      });
      expect(state.nodeClaimCount).toBe(9);
      expect(state.karpenter).toEqual({
        installed: true,
        version: '1.11.2',
        nativeZonalShift: false,
      });
    });

    it('reads the same state through small pages', async () => {
      expect(
        await readerWith({ pageSize: 4 }).read(target('payments-prod-use1')),
      ).toEqual(state);
    });
  });

  it('sees Karpenter’s native zonal shift, set by env or by flag, only where it is on', async () => {
    const karpenter = async (name: string) =>
      (await reader.read(target(name))).karpenter;
    expect(await karpenter('payments-prod-usw2')).toEqual({
      installed: true,
      version: '1.12.0',
      nativeZonalShift: true,
    });
    expect(await karpenter('search-prod-euw1')).toEqual({
      installed: true,
      version: '1.12.1',
      nativeZonalShift: true,
    });
    expect(await karpenter('payments-dr-euw1')).toEqual({
      installed: true,
      version: '1.12.0',
      nativeZonalShift: false,
    });
  });

  describe('when the cluster’s RBAC forbids a list', () => {
    const forbid = (name: string, rules: unknown[]) =>
      fetch(`${sim.url}/_sim/kubernetes/forbidden`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clusterArn: target(name).ref.arn, rules }),
      }).then(response => expect(response.status).toBe(200));
    afterEach(() =>
      fetch(`${sim.url}/_sim/kubernetes/forbidden`, { method: 'DELETE' }),
    );

    it('Deployments: native zonal shift support is marked unknown, the rest is read', async () => {
      const full = await reader.read(target('payments-prod-usw2'));
      await forbid('payments-prod-usw2', [
        { verb: 'list', resource: 'deployments', group: 'apps' },
      ]);
      const state = await reader.read(target('payments-prod-usw2'));
      expect(state.karpenter).toEqual({
        installed: true,
        nativeZonalShift: false,
        nativeZonalShiftUnknown: FORBIDDEN_DEPLOYMENTS,
      });
      expect(state.problems).toEqual([
        {
          source: 'kubernetes',
          resource: `${target('payments-prod-usw2').ref.arn}/Deployments`,
          message:
            "Deployments could not be listed (forbidden by the cluster's Kubernetes RBAC): Karpenter's version and native zonal shift support are unknown",
        },
      ]);
      expect(state.nodes).toEqual(full.nodes);
      expect(state.nodePools).toEqual(full.nodePools);
      expect(state.nodeClaimCount).toBe(full.nodeClaimCount);
    });

    it('StatefulSets, PDBs and HPAs: named in readiness.unreadable, the cluster and the rest of its facts still read', async () => {
      const full = await reader.read(target('payments-prod-use1'));
      await forbid('payments-prod-use1', [
        { verb: 'list', resource: 'statefulsets', group: 'apps' },
        { verb: 'list', resource: 'poddisruptionbudgets', group: 'policy' },
        {
          verb: 'list',
          resource: 'horizontalpodautoscalers',
          group: 'autoscaling',
        },
      ]);
      const state = await reader.read(target('payments-prod-use1'));
      expect(state.problems).toEqual([]);
      expect(state.podRequests).toEqual(full.podRequests);
      expect(state.readiness!.unreadable).toEqual([
        'statefulsets.apps',
        'poddisruptionbudgets.policy',
        'horizontalpodautoscalers.autoscaling',
      ]);
      // The StatefulSet's pods are unread, not of unknown owner.
      expect(state.readiness!.unknownOwnerPods).toBe(0);
      expect(state.readiness!.workloads.map(w => w.name)).toEqual([
        'karpenter',
        'payments-api',
      ]);
      expect(state.readiness!.workloads.every(w => !w.disruptionBudget)).toBe(
        true,
      );
      expect(state.readiness!.dns.workload?.name).toBe('coredns');
      expect(state.readiness!.dns.autoscaler).toBeUndefined();
    });

    it('Deployments: the readiness facts hold the StatefulSets only and name the list', async () => {
      await forbid('payments-prod-use1', [
        { verb: 'list', resource: 'deployments', group: 'apps' },
      ]);
      const state = await reader.read(target('payments-prod-use1'));
      expect(state.readiness!.unreadable).toEqual(['deployments.apps']);
      expect(state.readiness!.workloads.map(w => w.name)).toEqual([
        'payments-worker',
      ]);
      expect(state.readiness!.dns).toEqual({});
      expect(state.readiness!.unknownOwnerPods).toBe(0);
    });

    it('NodeClaims: the count is marked unknown; Karpenter is still seen through its NodePools', async () => {
      await forbid('payments-dr-euw1', [
        { verb: 'list', resource: 'nodeclaims', group: 'karpenter.sh' },
      ]);
      const state = await reader.read(target('payments-dr-euw1'));
      expect(state.nodeClaimCount).toBe(0);
      expect(state.karpenter).toMatchObject({
        installed: true,
        version: '1.12.0',
      });
      expect(state.problems.map(p => p.message)).toEqual([
        "NodeClaims could not be listed (forbidden by the cluster's Kubernetes RBAC): the NodeClaim count is unknown",
      ]);
    });

    it('Pods: capacity cannot be known, so the read fails, classified as forbidden', async () => {
      await forbid('payments-dr-euw1', [
        { verb: 'list', resource: 'pods', group: '' },
      ]);
      const error = await reader.read(target('payments-dr-euw1')).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(String(error)).toMatch(/could not be read: HTTP 403/);
      expect(kubernetesFailureKind(error)).toBe('forbidden');
      expect(classifyKubernetesFailure(error)).toBe(
        "forbidden by the cluster's Kubernetes RBAC (403)",
      );
    });
  });

  it('reads a cluster without Karpenter: managed node groups, no NodePools', async () => {
    const state = await reader.read(target('search-prod-use1'));
    expect(state.karpenter).toEqual({
      installed: false,
      nativeZonalShift: false,
    });
    expect(state.nodePools).toEqual([]);
    expect(state.nodeClaimCount).toBe(0);
    expect(state.nodes).toHaveLength(9);
    // shared-services maps us-east-1a to use1-az4.
    expect(state.zones[0]).toEqual({ name: 'us-east-1a', id: 'use1-az4' });
    expect(podCount(state)).toBe(48);
  });

  it('reports pods that do not fit as pending demand', async () => {
    const state = await reader.read(target('data-platform-usw2'));
    expect(state.nodes.map(node => node.allocatable)).toEqual(
      Array(4).fill(M5_LARGE),
    );
    // Two 750m executors fit on each 1930m node: 8 run, 2 wait.
    expect(state.podRequests!.pending.podCount).toBe(2);
    expect(sum(bound(state).map(node => node.podCount))).toBe(8);
  });

  it('sees the nodes EKS cordons during a zonal shift', async () => {
    const arc = await factory.arc({ accountId: PROD, region: 'us-east-1' });
    const shift = await arc.startZonalShift({
      resourceIdentifier: target('search-indexer-use1').ref.arn,
      awayFrom: 'use1-az1',
      expiresIn: '1h',
      comment: 'contract test',
    });
    try {
      const state = await reader.read(target('search-indexer-use1'));
      const cordoned = state.nodes
        .filter(node => node.unschedulable)
        .map(node => node.zone?.id);
      expect(cordoned).toEqual(['use1-az1', 'use1-az1']);
    } finally {
      await arc.cancelZonalShift(shift.zonalShiftId);
    }
  });

  it('turns an object that does not validate into a problem and reads the rest', async () => {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [
        {
          name: 'sim',
          server: target('checkout-canary-use1').endpoint,
          skipTLSVerify: true,
        },
      ],
      users: [{ name: 'sim', token: 'fleet-simulator-token' }],
      contexts: [{ name: 'sim', cluster: 'sim', user: 'sim' }],
      currentContext: 'sim',
    });
    await kubeConfig.makeApiClient(CoreV1Api).createNamespacedPod({
      namespace: 'checkout',
      body: {
        metadata: { name: 'bad-requests' },
        spec: {
          containers: [
            { name: 'c', image: 'x', resources: { requests: { cpu: 'lots' } } },
          ],
        },
      },
    });
    const state = await reader.read(target('checkout-canary-use1'));
    expect(state.problems).toEqual([
      {
        source: 'kubernetes',
        resource: `${
          target('checkout-canary-use1').ref.arn
        }/Pod/checkout/bad-requests`,
        message: expect.stringContaining('Invalid quantity "lots"'),
      },
    ]);
    // 4 x checkout and Karpenter's 2.
    expect(podCount(state)).toBe(6);
    expect(state.nodes).toHaveLength(4);
  });

  it('retries injected throttling and 5xx and loses nothing', async () => {
    const clean = await reader.read(target('payments-prod-use1'));
    const faults = {
      seed: 2,
      services: { kubernetes: { throttleRate: 0.2, errorRate: 0.2 } },
    };
    sim.setFaults(faults);
    await expect(
      readerWith({ pageSize: 5, maxAttempts: 1 }).read(
        target('payments-prod-use1'),
      ),
    ).rejects.toThrow(/HTTP (429|500)/);
    sim.setFaults(faults);
    expect(
      await readerWith({ pageSize: 5, maxAttempts: 8 }).read(
        target('payments-prod-use1'),
      ),
    ).toEqual(clean);
  });

  describe('failures', () => {
    let silent: Server;
    let closedPort: number;
    beforeAll(async () => {
      // Accepts connections and never answers.
      silent = createServer(() => undefined);
      await new Promise<void>(resolve =>
        silent.listen(0, '127.0.0.1', resolve),
      );
      const closed = createServer();
      await new Promise<void>(resolve =>
        closed.listen(0, '127.0.0.1', resolve),
      );
      closedPort = (closed.address() as AddressInfo).port;
      await new Promise(resolve => closed.close(resolve));
    });
    afterAll(() => {
      silent.closeAllConnections();
      silent.close();
    });

    const at = (endpoint: string): KubernetesTarget => ({
      ...target('payments-prod-use1'),
      endpoint,
    });

    it('classifies each failure for readers, without the address', async () => {
      const failure = (promise: Promise<unknown>) =>
        promise.then(
          () => undefined,
          (e: unknown) => e,
        );
      const unreachable = await failure(
        reader.read(at(`http://127.0.0.1:${closedPort}`)),
      );
      expect(kubernetesFailureKind(unreachable)).toBe('unreachable');
      const port = (silent.address() as AddressInfo).port;
      const timeout = await failure(
        readerWith({ requestTimeoutMs: 300 }).read(
          at(`http://127.0.0.1:${port}`),
        ),
      );
      expect(kubernetesFailureKind(timeout)).toBe('timeout');
      const notUsed = await failure(
        readerWith({ allowInsecureEndpoints: false }).read(
          target('payments-prod-use1'),
        ),
      );
      expect(kubernetesFailureKind(notUsed)).toBe('endpoint-not-used');
      const refused = await failure(
        readerWith({
          tokens: new StaticTokenProvider(
            `k8s-aws-v1.${Buffer.from('https://example.com/').toString(
              'base64url',
            )}`,
          ),
        }).read(target('payments-prod-use1')),
      );
      expect(kubernetesFailureKind(refused)).toBe('unauthorized');
      for (const error of [unreachable, timeout, notUsed, refused]) {
        expect(classifyKubernetesFailure(error)).not.toMatch(
          /http:|127\.0\.0\.1/,
        );
      }
    });

    it('rejects an unreachable cluster with the cluster and the reason', async () => {
      await expect(
        reader.read(at(`http://127.0.0.1:${closedPort}`)),
      ).rejects.toThrow(
        new RegExp(
          `Kubernetes API of arn:aws:eks:us-east-1:111122223333:cluster/payments-prod-use1 at http://127.0.0.1:${closedPort} could not be read: unreachable \\(connect ECONNREFUSED`,
        ),
      );
    });

    it('gives up on a cluster that does not answer within the timeout', async () => {
      const port = (silent.address() as AddressInfo).port;
      await expect(
        readerWith({ requestTimeoutMs: 300 }).read(
          at(`http://127.0.0.1:${port}`),
        ),
      ).rejects.toThrow(/could not be read: no answer within 300 ms/);
    });

    it('rejects a token the API server refuses', async () => {
      const badToken = new StaticTokenProvider(
        `k8s-aws-v1.${Buffer.from('https://example.com/').toString(
          'base64url',
        )}`,
      );
      await expect(
        readerWith({ tokens: badToken }).read(target('payments-prod-use1')),
      ).rejects.toThrow(/could not be read: HTTP 401/);
    });

    it('refuses a plain-http API server unless insecure endpoints are allowed', async () => {
      await expect(
        readerWith({ allowInsecureEndpoints: false }).read(
          target('payments-prod-use1'),
        ),
      ).rejects.toThrow(/is not used: the API server URL .* must use https/);
    });
  });
});
