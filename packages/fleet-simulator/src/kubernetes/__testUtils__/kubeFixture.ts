/**
 * A started simulator origin serving one small hand-built cluster, and
 * KubeConfigs for the real @kubernetes/client-node pointed at it.
 */
import { ApiException, KubeConfig } from '@kubernetes/client-node';
import { createManualClock, type SimClock } from '../../clock';
import type { KubeObject, KubeStore } from '../../model/types';
import type { SimulatorServer } from '../../server';
import { rejectionOf } from '../../__testUtils__/rejection';
import { startTestServer } from '../../__testUtils__/testServer';
import { createKubernetesApi, type KubernetesApi } from '../api';
import type { KubeStatus } from '../status';
import { createKubeStore } from '../store';

export const CLUSTER_ID = 'prod-east';

export const ZONES = [
  { name: 'us-east-1a', id: 'use1-az1' },
  { name: 'us-east-1b', id: 'use1-az2' },
  { name: 'us-east-1c', id: 'use1-az4' },
];

export function nodeObject(
  name: string,
  zone: { name: string; id: string },
  labels: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'topology.kubernetes.io/zone': zone.name,
        'topology.k8s.aws/zone-id': zone.id,
        'node.kubernetes.io/instance-type': 'm7g.large',
        ...labels,
      },
    },
    spec: { providerID: `aws:///${zone.name}/i-${name}` },
    status: { allocatable: { cpu: '1930m', memory: '7220Mi', pods: '29' } },
  };
}

export function podObject(
  name: string,
  namespace: string,
  nodeName: string | undefined,
  phase: string,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: name.split('-')[0] } },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      containers: [
        {
          name: 'main',
          image: 'public.ecr.aws/nginx/nginx:1.27',
          resources: { requests: { cpu: '250m', memory: '256Mi' } },
        },
      ],
    },
    status: { phase },
  };
}

/** A Karpenter NodePool with `requirements` (and other `spec` members) on the default EC2NodeClass. */
export function nodePoolWith(
  name: string,
  requirements: unknown[],
  spec: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name },
    spec: {
      template: {
        spec: {
          nodeClassRef: {
            group: 'karpenter.k8s.aws',
            kind: 'EC2NodeClass',
            name: 'default',
          },
          requirements,
        },
      },
      ...spec,
    },
  };
}

/** An on-demand NodePool in `zoneNames`, with disruption settings and limits. */
export function nodePoolObject(name: string, zoneNames: string[]): KubeObject {
  return nodePoolWith(
    name,
    [
      {
        key: 'karpenter.sh/capacity-type',
        operator: 'In',
        values: ['on-demand'],
      },
      {
        key: 'topology.kubernetes.io/zone',
        operator: 'In',
        values: zoneNames,
      },
    ],
    {
      disruption: {
        consolidationPolicy: 'WhenEmptyOrUnderutilized',
        consolidateAfter: '1m',
        budgets: [{ nodes: '10%' }],
      },
      limits: { cpu: '1000' },
    },
  );
}

/** Five nodes over three zones (two of them Karpenter's), six pods, a NodePool and the Karpenter Deployment. */
export function seedCluster(kube: KubeStore) {
  kube.create('nodes', nodeObject('node-a-1', ZONES[0], { tier: 'system' }));
  kube.create(
    'nodes',
    nodeObject('node-a-2', ZONES[0], { 'karpenter.sh/nodepool': 'default' }),
  );
  kube.create('nodes', nodeObject('node-b-1', ZONES[1], { tier: 'system' }));
  kube.create(
    'nodes',
    nodeObject('node-b-2', ZONES[1], { 'karpenter.sh/nodepool': 'default' }),
  );
  kube.create('nodes', nodeObject('node-c-1', ZONES[2], { tier: 'system' }));
  kube.create('pods', podObject('web-1', 'default', 'node-a-1', 'Running'));
  kube.create('pods', podObject('web-2', 'default', 'node-b-1', 'Running'));
  kube.create('pods', podObject('web-3', 'default', undefined, 'Pending'));
  kube.create(
    'pods',
    podObject('coredns-1', 'kube-system', 'node-a-1', 'Running'),
  );
  kube.create(
    'pods',
    podObject('coredns-2', 'kube-system', 'node-c-1', 'Running'),
  );
  kube.create(
    'pods',
    podObject('karpenter-1', 'kube-system', 'node-b-1', 'Running'),
  );
  kube.create(
    'nodepools',
    nodePoolObject(
      'default',
      ZONES.map(zone => zone.name),
    ),
  );
  kube.create('deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'karpenter',
      namespace: 'kube-system',
      labels: { 'app.kubernetes.io/name': 'karpenter' },
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'karpenter' } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'karpenter' } },
        spec: {
          containers: [
            {
              name: 'controller',
              image: 'public.ecr.aws/karpenter/controller:1.12.0',
              env: [{ name: 'FEATURE_GATES', value: 'EnableZonalShift=true' }],
            },
          ],
        },
      },
    },
  });
}

/** A syntactically valid `aws eks get-token` token (the simulator checks form, not signature). */
export function eksToken(): string {
  const presigned =
    'https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15' +
    '&X-Amz-Algorithm=AWS4-HMAC-SHA256' +
    '&X-Amz-Credential=AKIDEXAMPLE%2F20261122%2Fus-east-1%2Fsts%2Faws4_request' +
    '&X-Amz-Date=20261122T080000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id' +
    `&X-Amz-Signature=${'a1'.repeat(32)}`;
  return `k8s-aws-v1.${Buffer.from(presigned).toString('base64url')}`;
}

export interface KubeFixtureOptions {
  historyLimit?: number;
  injectConflict?: () => boolean;
  bookmarkIntervalMs?: number;
}

export interface KubeFixture {
  server: SimulatorServer;
  api: KubernetesApi;
  kube: KubeStore;
  clock: SimClock;
  /** How many store watches the API holds open right now. */
  openStoreWatches(): number;
  /** A KubeConfig for the real client; `token: null` leaves the user without credentials. */
  config(options?: { token?: string | null; clusterId?: string }): KubeConfig;
  /** A plain HTTP request to the cluster's API, for wire details the client hides. */
  raw(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

export async function startKubeFixture(
  options: KubeFixtureOptions = {},
): Promise<KubeFixture> {
  const clock = createManualClock();
  const kube = createKubeStore(clock, { historyLimit: options.historyLimit });
  seedCluster(kube);
  let openStoreWatches = 0;
  const counted: KubeStore = {
    ...kube,
    watch(...args) {
      const stop = kube.watch(...args);
      openStoreWatches += 1;
      return () => {
        openStoreWatches -= 1;
        stop();
      };
    },
  };
  const api = createKubernetesApi({
    resolveCluster: clusterId =>
      clusterId === CLUSTER_ID ? { kube: counted, version: '1.33' } : undefined,
    injectConflict: options.injectConflict,
    bookmarkIntervalMs: options.bookmarkIntervalMs,
  });
  const server = await startTestServer({ kubernetes: api });
  return {
    server,
    api,
    kube,
    clock,
    openStoreWatches: () => openStoreWatches,
    config({
      token = 'static-service-account-token',
      clusterId = CLUSTER_ID,
    } = {}) {
      const config = new KubeConfig();
      config.loadFromOptions({
        clusters: [
          {
            name: 'sim',
            server: `${server.url}/k8s/${clusterId}`,
            skipTLSVerify: true,
          },
        ],
        users: [token === null ? { name: 'user' } : { name: 'user', token }],
        contexts: [{ name: 'sim', cluster: 'sim', user: 'user' }],
        currentContext: 'sim',
      });
      return config;
    },
    raw(path, init = {}) {
      return fetch(`${server.url}/k8s/${CLUSTER_ID}${path}`, {
        ...init,
        headers: {
          authorization: 'Bearer static-service-account-token',
          ...init.headers,
        },
      });
    },
    async stop() {
      api.closeWatches();
      await server.close();
    },
  };
}

/** The HTTP code and the Status object of a rejected client call. */
export async function rejection(
  call: Promise<unknown>,
): Promise<{ code: number; status?: KubeStatus }> {
  const error = await rejectionOf(call);
  if (!(error instanceof ApiException)) throw error;
  const body = error.body as string | undefined;
  return {
    code: error.code,
    status: body ? (JSON.parse(body) as KubeStatus) : undefined,
  };
}
