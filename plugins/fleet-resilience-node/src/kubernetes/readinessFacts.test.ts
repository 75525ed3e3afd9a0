import { readinessFactsFrom, type ReadinessObjects } from './readinessFacts';

const node = (name: string, zone?: string) => ({
  metadata: {
    name,
    labels: zone ? { 'topology.kubernetes.io/zone': zone } : {},
  },
});

const NODES = [
  node('a1', 'us-east-1a'),
  node('b1', 'us-east-1b'),
  node('c1', 'us-east-1c'),
  node('x1'),
];

interface PodOptions {
  namespace?: string;
  owner?: { kind: string; name: string; controller?: boolean };
  hash?: string;
  node?: string;
  ready?: boolean;
  phase?: string;
}

let podNumber = 0;
function pod(options: PodOptions) {
  podNumber += 1;
  return {
    metadata: {
      name: `pod-${podNumber}`,
      namespace: options.namespace ?? 'default',
      labels: options.hash ? { 'pod-template-hash': options.hash } : {},
      ownerReferences: options.owner
        ? [{ controller: true, ...options.owner }]
        : undefined,
    },
    spec: options.node ? { nodeName: options.node } : {},
    status: {
      phase: options.phase ?? (options.node ? 'Running' : 'Pending'),
      conditions: [
        {
          type: 'Ready',
          status:
            options.ready ?? options.node !== undefined ? 'True' : 'False',
        },
      ],
    },
  };
}

/** A pod of Deployment `name`'s ReplicaSet. */
const deploymentPod = (name: string, extra: PodOptions = {}) =>
  pod({
    owner: { kind: 'ReplicaSet', name: `${name}-7d9f8c6b5` },
    hash: '7d9f8c6b5',
    ...extra,
  });

function workload(
  kind: 'Deployment' | 'StatefulSet',
  name: string,
  options: {
    namespace?: string;
    replicas?: number;
    labels?: Record<string, string>;
    podSpec?: Record<string, unknown>;
    metadataLabels?: Record<string, string>;
  } = {},
) {
  return {
    kind,
    metadata: {
      name,
      namespace: options.namespace ?? 'default',
      labels: options.metadataLabels ?? {},
    },
    spec: {
      ...(options.replicas === undefined ? {} : { replicas: options.replicas }),
      template: {
        metadata: { labels: options.labels ?? { app: name } },
        spec: { containers: [{ name }], ...options.podSpec },
      },
    },
  };
}

const pdb = (
  name: string,
  selector: unknown,
  spec: Record<string, unknown>,
  namespace = 'default',
) => ({ metadata: { name, namespace }, spec: { selector, ...spec } });

function facts(objects: Partial<ReadinessObjects>) {
  return readinessFactsFrom({
    nodes: NODES,
    pods: [],
    deployments: [],
    statefulSets: [],
    disruptionBudgets: [],
    autoscalers: [],
    unreadable: [],
    ...objects,
  });
}

describe('readinessFactsFrom', () => {
  it('counts ready pods per AZ of their node for a Deployment (ReplicaSet name minus the template hash) and a StatefulSet', () => {
    const result = facts({
      deployments: [workload('Deployment', 'web', { replicas: 4 })],
      statefulSets: [workload('StatefulSet', 'db', { replicas: 3 })],
      pods: [
        deploymentPod('web', { node: 'a1' }),
        deploymentPod('web', { node: 'a1' }),
        deploymentPod('web', { node: 'b1', ready: false }),
        deploymentPod('web', { node: 'x1' }),
        deploymentPod('web'),
        pod({ owner: { kind: 'StatefulSet', name: 'db' }, node: 'c1' }),
        pod({ owner: { kind: 'StatefulSet', name: 'db' }, node: 'b1' }),
      ],
    });
    expect(result.workloads).toEqual([
      expect.objectContaining({
        kind: 'StatefulSet',
        name: 'db',
        desiredReplicas: 3,
        readyByZone: { 'us-east-1c': 1, 'us-east-1b': 1 },
        readyWithoutZone: 0,
        podCount: 2,
      }),
      expect.objectContaining({
        kind: 'Deployment',
        namespace: 'default',
        name: 'web',
        desiredReplicas: 4,
        readyByZone: { 'us-east-1a': 2 },
        readyWithoutZone: 1,
        podCount: 5,
      }),
    ]);
    expect(result.unknownOwnerPods).toBe(0);
  });

  it.each([
    ['no owner, running', { node: 'a1' }, 1],
    ['no owner, pending', {}, 0],
    [
      'a custom controller',
      { owner: { kind: 'Rollout', name: 'r' }, node: 'a1' },
      1,
    ],
    [
      'a ReplicaSet no Deployment owns (no hash)',
      { owner: { kind: 'ReplicaSet', name: 'rs' }, node: 'a1' },
      1,
    ],
    [
      'a ReplicaSet of a Deployment that is not there',
      {
        owner: { kind: 'ReplicaSet', name: 'gone-abc' },
        hash: 'abc',
        node: 'a1',
      },
      1,
    ],
    [
      'a StatefulSet that is not there',
      { owner: { kind: 'StatefulSet', name: 'gone' }, node: 'a1' },
      1,
    ],
    [
      'a DaemonSet',
      { owner: { kind: 'DaemonSet', name: 'kube-proxy' }, node: 'a1' },
      0,
    ],
    ['a Job', { owner: { kind: 'Job', name: 'backup-123' }, node: 'a1' }, 0],
    [
      'a static pod (Node)',
      { owner: { kind: 'Node', name: 'a1' }, node: 'a1' },
      0,
    ],
  ] as Array<[string, PodOptions, number]>)(
    'a pod owned by %s counts %d as unknown-owner',
    (_name, options, expected) => {
      const result = facts({ pods: [pod(options)] });
      expect(result.unknownOwnerPods).toBe(expected);
      expect(result.workloads).toEqual([]);
    },
  );

  it('an owner in a list RBAC forbade is unread, not unknown, and the list is named', () => {
    const result = facts({
      deployments: undefined,
      statefulSets: undefined,
      unreadable: ['deployments.apps', 'statefulsets.apps'],
      pods: [
        deploymentPod('web', { node: 'a1' }),
        pod({ owner: { kind: 'StatefulSet', name: 'db' }, node: 'a1' }),
        pod({ node: 'a1' }),
      ],
    });
    expect(result.unknownOwnerPods).toBe(1);
    expect(result.workloads).toEqual([]);
    expect(result.dns).toEqual({});
    expect(result.unreadable).toEqual([
      'deployments.apps',
      'statefulsets.apps',
    ]);
  });

  it('a workload without replicas desires 1 (the API default); zero stays zero', () => {
    const result = facts({
      deployments: [
        workload('Deployment', 'one'),
        workload('Deployment', 'none', { replicas: 0 }),
      ],
    });
    expect(result.workloads.map(w => [w.name, w.desiredReplicas])).toEqual([
      ['none', 0],
      ['one', 1],
    ]);
  });

  it.each([
    [
      'a topology spread constraint on the zone',
      {
        topologySpreadConstraints: [
          {
            maxSkew: 1,
            topologyKey: 'topology.kubernetes.io/zone',
            whenUnsatisfiable: 'DoNotSchedule',
          },
        ],
      },
      'topology-spread',
    ],
    [
      'a topology spread constraint on the zone ID',
      {
        topologySpreadConstraints: [
          { maxSkew: 1, topologyKey: 'topology.k8s.aws/zone-id' },
        ],
      },
      'topology-spread',
    ],
    [
      'a topology spread constraint on the hostname only',
      {
        topologySpreadConstraints: [
          { maxSkew: 1, topologyKey: 'kubernetes.io/hostname' },
        ],
      },
      'none',
    ],
    [
      'a required anti-affinity on the zone',
      {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { topologyKey: 'topology.kubernetes.io/zone', labelSelector: {} },
            ],
          },
        },
      },
      'anti-affinity',
    ],
    [
      'a preferred anti-affinity on the zone',
      {
        affinity: {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 100,
                podAffinityTerm: { topologyKey: 'topology.kubernetes.io/zone' },
              },
            ],
          },
        },
      },
      'anti-affinity',
    ],
    [
      'an anti-affinity on the hostname',
      {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { topologyKey: 'kubernetes.io/hostname' },
            ],
          },
        },
      },
      'none',
    ],
    ['nothing', {}, 'none'],
  ])('zone spread from %s', (_name, podSpec, expected) => {
    const result = facts({
      deployments: [workload('Deployment', 'web', { podSpec })],
    });
    expect(result.workloads[0].zoneSpread).toBe(expected);
  });

  it.each([
    ['matchLabels', { matchLabels: { app: 'web' } }, true],
    ['matchLabels of another app', { matchLabels: { app: 'api' } }, false],
    [
      'In',
      {
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['front', 'x'] },
        ],
      },
      true,
    ],
    [
      'In without the value',
      { matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] },
      false,
    ],
    [
      'NotIn',
      {
        matchExpressions: [
          { key: 'tier', operator: 'NotIn', values: ['back'] },
        ],
      },
      true,
    ],
    [
      'NotIn with the value',
      {
        matchExpressions: [
          { key: 'tier', operator: 'NotIn', values: ['front'] },
        ],
      },
      false,
    ],
    [
      'NotIn on an absent key',
      { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['a'] }] },
      true,
    ],
    [
      'Exists',
      { matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
      true,
    ],
    [
      'Exists on an absent key',
      { matchExpressions: [{ key: 'team', operator: 'Exists' }] },
      false,
    ],
    [
      'DoesNotExist',
      { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] },
      true,
    ],
    [
      'DoesNotExist on a present key',
      { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] },
      false,
    ],
    [
      'labels and expressions together',
      {
        matchLabels: { app: 'web' },
        matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }],
      },
      false,
    ],
    ['an empty selector (every pod, policy/v1)', {}, true],
    ['no selector (no pod)', null, false],
  ])('a PDB selecting by %s matches: %s', (_name, selector, matches) => {
    const result = facts({
      deployments: [
        workload('Deployment', 'web', {
          labels: { app: 'web', tier: 'front' },
        }),
      ],
      disruptionBudgets: [pdb('web-pdb', selector, { minAvailable: 2 })],
    });
    expect(result.workloads[0].disruptionBudget).toEqual(
      matches ? { name: 'web-pdb', minAvailable: 2 } : undefined,
    );
  });

  it('a PDB matches only in its namespace, the first by name wins, and percentages stay as written', () => {
    const result = facts({
      deployments: [workload('Deployment', 'web', { namespace: 'shop' })],
      disruptionBudgets: [
        pdb('z-other-namespace', {}, { minAvailable: 1 }, 'default'),
        pdb(
          'b-second',
          { matchLabels: { app: 'web' } },
          { minAvailable: 3 },
          'shop',
        ),
        pdb(
          'a-first',
          { matchLabels: { app: 'web' } },
          { maxUnavailable: '25%' },
          'shop',
        ),
      ],
    });
    expect(result.workloads[0].disruptionBudget).toEqual({
      name: 'a-first',
      maxUnavailable: '25%',
    });
  });

  it.each([
    [
      'an HPA targeting it',
      {
        autoscalers: [
          {
            metadata: { name: 'coredns', namespace: 'kube-system' },
            spec: {
              scaleTargetRef: {
                apiVersion: 'apps/v1',
                kind: 'Deployment',
                name: 'coredns',
              },
            },
          },
        ],
      },
      'hpa',
    ],
    [
      'an HPA targeting another Deployment',
      {
        autoscalers: [
          {
            metadata: { name: 'x', namespace: 'kube-system' },
            spec: { scaleTargetRef: { kind: 'Deployment', name: 'metrics' } },
          },
        ],
      },
      undefined,
    ],
    [
      'a cluster-proportional-autoscaler',
      {
        extra: {
          metadata: { name: 'dns-autoscaler', namespace: 'kube-system' },
          spec: {
            template: {
              spec: {
                containers: [
                  {
                    name: 'autoscaler',
                    args: [
                      '--namespace=kube-system',
                      '--target=Deployment/coredns',
                    ],
                  },
                ],
              },
            },
          },
        },
      },
      'proportional',
    ],
    [
      'a proportional autoscaler of another Deployment',
      {
        extra: {
          metadata: { name: 'dns-autoscaler', namespace: 'kube-system' },
          spec: {
            template: {
              spec: {
                containers: [
                  { name: 'autoscaler', args: ['--target=deployment/other'] },
                ],
              },
            },
          },
        },
      },
      undefined,
    ],
    ['nothing', {}, undefined],
  ] as Array<[string, { autoscalers?: unknown[]; extra?: unknown }, string | undefined]>)(
    'the cluster DNS (kube-system, k8s-app=kube-dns) is apart from the workloads; scaled by %s',
    (_name, { autoscalers, extra }, expected) => {
      const coredns = workload('Deployment', 'coredns', {
        namespace: 'kube-system',
        replicas: 2,
        metadataLabels: { 'k8s-app': 'kube-dns' },
        labels: { 'k8s-app': 'kube-dns' },
      });
      const result = facts({
        deployments: [coredns, ...(extra ? [extra] : [])],
        autoscalers: autoscalers ?? [],
        pods: [
          pod({
            namespace: 'kube-system',
            owner: { kind: 'ReplicaSet', name: 'coredns-5d8f' },
            hash: '5d8f',
            node: 'a1',
          }),
          pod({
            namespace: 'kube-system',
            owner: { kind: 'ReplicaSet', name: 'coredns-5d8f' },
            hash: '5d8f',
            node: 'b1',
          }),
        ],
      });
      expect(result.dns.workload).toEqual(
        expect.objectContaining({
          name: 'coredns',
          desiredReplicas: 2,
          readyByZone: { 'us-east-1a': 1, 'us-east-1b': 1 },
        }),
      );
      expect(result.dns.autoscaler).toBe(expected);
      expect(result.workloads.map(w => w.name)).not.toContain('coredns');
    },
  );

  it('a kube-dns-labelled Deployment outside kube-system is an ordinary workload', () => {
    const result = facts({
      deployments: [
        workload('Deployment', 'coredns', {
          metadataLabels: { 'k8s-app': 'kube-dns' },
        }),
      ],
    });
    expect(result.dns).toEqual({});
    expect(result.workloads.map(w => w.name)).toEqual(['coredns']);
  });
});
