/**
 * StatefulSets, PodDisruptionBudgets (policy/v1) and HorizontalPodAutoscalers
 * (autoscaling/v2) of a fleet file's workloads, read with the real
 * @kubernetes/client-node from a started simulator over HTTP.
 */
import {
  AppsV1Api,
  AutoscalingV2Api,
  CoreV1Api,
  KubeConfig,
  PolicyV1Api,
  Watch,
  type V1Pod,
} from '@kubernetes/client-node';
import { startSimulator, type RunningSimulator } from '../simulator';
import { rejectionOf } from '../__testUtils__/rejection';

const FLEET = `
accounts:
  - id: '111122223333'
    zones: { us-east-1: { us-east-1a: use1-az1, us-east-1b: use1-az2, us-east-1c: use1-az4 } }
clusters:
  - name: shop
    account: '111122223333'
    region: us-east-1
    zones: [us-east-1a, us-east-1b, us-east-1c]
    nodes:
      - { zone: us-east-1a, count: 2 }
      - { zone: us-east-1b, count: 2 }
      - { zone: us-east-1c, count: 2 }
    workloads:
      - { name: web, namespace: shop, replicas: 6, cpu: 100m, memory: 128Mi, pdb: { minAvailable: '50%' } }
      - { name: db, namespace: shop, kind: StatefulSet, replicas: 3, cpu: 100m, memory: 128Mi, zoneSpread: anti-affinity, pdb: { maxUnavailable: 1 } }
      - { name: cache, namespace: shop, replicas: 4, cpu: 100m, memory: 128Mi, zoneSpread: none, zones: [us-east-1b] }
      - { name: coredns, namespace: kube-system, replicas: 2, cpu: 100m, memory: 70Mi, autoscaler: hpa }
      - { name: metrics, namespace: kube-system, replicas: 1, cpu: 50m, memory: 64Mi, autoscaler: proportional }
`;

const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/shop';

describe('workload kinds through @kubernetes/client-node', () => {
  let sim: RunningSimulator;
  let config: KubeConfig;

  beforeAll(async () => {
    sim = await startSimulator({ fleet: FLEET, port: 0 });
    const { server, token } = sim.kubernetesSettings(sim.model.cluster(ARN)!);
    config = new KubeConfig();
    config.loadFromOptions({
      clusters: [{ name: 'sim', server, skipTLSVerify: true }],
      users: [{ name: 'sim', token }],
      contexts: [{ name: 'sim', cluster: 'sim', user: 'sim' }],
      currentContext: 'sim',
    });
  });

  afterAll(() => sim?.stop());

  const podsOf = async (selector: string): Promise<V1Pod[]> =>
    (
      await config
        .makeApiClient(CoreV1Api)
        .listPodForAllNamespaces({ labelSelector: selector })
    ).items;

  const zoneOf = async (nodeName: string) =>
    (await config.makeApiClient(CoreV1Api).readNode({ name: nodeName }))
      .metadata!.labels!['topology.kubernetes.io/zone'];

  it('serves a StatefulSet (apps/v1) that owns its pods, named by ordinal, each Ready', async () => {
    const apps = config.makeApiClient(AppsV1Api);
    const first = await apps.listStatefulSetForAllNamespaces({ limit: 1 });
    expect(first.items.map(s => s.metadata!.name)).toEqual(['db']);
    const db = await apps.readNamespacedStatefulSet({
      name: 'db',
      namespace: 'shop',
    });
    expect(db.spec!.replicas).toBe(3);
    expect(db.spec!.serviceName).toBe('db');
    expect(db.status!.readyReplicas).toBe(3);
    expect(
      db.spec!.template.spec!.affinity!.podAntiAffinity!
        .preferredDuringSchedulingIgnoredDuringExecution![0].podAffinityTerm
        .topologyKey,
    ).toBe('topology.kubernetes.io/zone');
    const pods = await podsOf('app=db');
    expect(pods.map(p => p.metadata!.name).sort()).toEqual([
      'db-0',
      'db-1',
      'db-2',
    ]);
    for (const pod of pods) {
      expect(pod.metadata!.ownerReferences).toEqual([
        expect.objectContaining({
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          name: 'db',
          controller: true,
        }),
      ]);
      expect(pod.status!.phase).toBe('Running');
      expect(pod.status!.conditions).toContainEqual(
        expect.objectContaining({ type: 'Ready', status: 'True' }),
      );
    }
    // The Deployments list does not hold the StatefulSet.
    const deployments = await apps.listNamespacedDeployment({
      namespace: 'shop',
    });
    expect(deployments.items.map(d => d.metadata!.name).sort()).toEqual([
      'cache',
      'web',
    ]);
  });

  it('writes the spread on the pod template and spreads the pods over the AZs', async () => {
    const web = await config
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ name: 'web', namespace: 'shop' });
    expect(web.spec!.template.spec!.topologySpreadConstraints).toEqual([
      {
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels: { app: 'web' } },
      },
    ]);
    const pods = await podsOf('app=web');
    const zones = await Promise.all(pods.map(p => zoneOf(p.spec!.nodeName!)));
    expect(zones.sort()).toEqual([
      'us-east-1a',
      'us-east-1a',
      'us-east-1b',
      'us-east-1b',
      'us-east-1c',
      'us-east-1c',
    ]);
    expect(pods[0].metadata!.ownerReferences![0]).toMatchObject({
      kind: 'ReplicaSet',
      name: `web-${pods[0].metadata!.labels!['pod-template-hash']}`,
    });
  });

  it('pins pods to the zones the spec names (a required node affinity the scheduler honours)', async () => {
    const cache = await config
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ name: 'cache', namespace: 'shop' });
    expect(
      cache.spec!.template.spec!.topologySpreadConstraints,
    ).toBeUndefined();
    expect(
      cache.spec!.template.spec!.affinity!.nodeAffinity!
        .requiredDuringSchedulingIgnoredDuringExecution!.nodeSelectorTerms,
    ).toEqual([
      {
        matchExpressions: [
          {
            key: 'topology.kubernetes.io/zone',
            operator: 'In',
            values: ['us-east-1b'],
          },
        ],
      },
    ]);
    const pods = await podsOf('app=cache');
    expect(pods).toHaveLength(4);
    const zones = await Promise.all(pods.map(p => zoneOf(p.spec!.nodeName!)));
    expect(new Set(zones)).toEqual(new Set(['us-east-1b']));
  });

  it('serves PodDisruptionBudgets (policy/v1) selecting the pod template labels, with their status', async () => {
    const policy = config.makeApiClient(PolicyV1Api);
    const list = await policy.listPodDisruptionBudgetForAllNamespaces();
    expect(list.items.map(p => p.metadata!.name).sort()).toEqual(['db', 'web']);
    const web = await policy.readNamespacedPodDisruptionBudget({
      name: 'web',
      namespace: 'shop',
    });
    expect(web.spec).toEqual({
      minAvailable: '50%',
      selector: { matchLabels: { app: 'web' } },
    });
    expect(web.status).toMatchObject({
      currentHealthy: 6,
      desiredHealthy: 3,
      disruptionsAllowed: 3,
      expectedPods: 6,
    });
    const db = list.items.find(p => p.metadata!.name === 'db')!;
    expect(db.spec!.maxUnavailable).toBe(1);
    expect(db.status!.desiredHealthy).toBe(2);
  });

  it('labels kube-system coredns as the cluster DNS, with an HPA (autoscaling/v2) targeting it', async () => {
    const autoscaling = config.makeApiClient(AutoscalingV2Api);
    const hpas = await autoscaling.listNamespacedHorizontalPodAutoscaler({
      namespace: 'kube-system',
    });
    expect(hpas.items).toHaveLength(1);
    const hpa = await autoscaling.readNamespacedHorizontalPodAutoscaler({
      name: 'coredns',
      namespace: 'kube-system',
    });
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpas.items[0].spec!.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'coredns',
    });
    expect(hpas.items[0].spec!.minReplicas).toBe(2);
    const dns = await config.makeApiClient(AppsV1Api).listNamespacedDeployment({
      namespace: 'kube-system',
      labelSelector: 'k8s-app=kube-dns',
    });
    expect(dns.items.map(d => d.metadata!.name)).toEqual(['coredns']);
    expect(await podsOf('k8s-app=kube-dns')).toHaveLength(2);
  });

  it('runs a cluster-proportional-autoscaler Deployment for autoscaler: proportional', async () => {
    const autoscaler = await config
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({
        name: 'metrics-autoscaler',
        namespace: 'kube-system',
      });
    const container = autoscaler.spec!.template.spec!.containers[0];
    expect(container.image).toContain('cluster-proportional-autoscaler');
    expect(container.args).toContain('--target=Deployment/metrics');
    expect(await podsOf('app=metrics-autoscaler')).toHaveLength(1);
  });

  it('watches StatefulSets and refuses what RBAC forbids with the real 403', async () => {
    const events: string[] = [];
    const watch = new Watch(config);
    const request = await watch.watch(
      '/apis/apps/v1/namespaces/shop/statefulsets',
      {},
      (type, object: { metadata: { name: string } }) =>
        events.push(`${type} ${object.metadata.name}`),
      () => undefined,
    );
    await new Promise(resolve => setTimeout(resolve, 200));
    request.abort();
    expect(events).toEqual(['ADDED db']);

    const response = await fetch(`${sim.url}/_sim/kubernetes/forbidden`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        clusterArn: ARN,
        rules: [
          { verb: 'list', resource: 'poddisruptionbudgets', group: 'policy' },
        ],
      }),
    });
    expect(response.status).toBe(200);
    const error = await rejectionOf(
      config
        .makeApiClient(PolicyV1Api)
        .listPodDisruptionBudgetForAllNamespaces(),
    );
    expect(error).toMatchObject({ code: 403 });
    await fetch(`${sim.url}/_sim/kubernetes/forbidden?clusterArn=${ARN}`, {
      method: 'DELETE',
    });
  });
});
