/**
 * Builders of workload objects: Pods as their ReplicaSet or StatefulSet
 * creates them and the scheduler binds them, and Deployments.
 */
import { DO_NOT_DISRUPT, kubeTime } from './objects';
import { ZONE_LABEL } from './requirements';
import type { KubeObject } from './types';

export interface PodParams {
  name: string;
  namespace: string;
  workload: string;
  templateHash: string;
  cpu: string;
  memory: string;
  doNotDisrupt?: boolean;
  nodeSelector?: Record<string, string>;
  tolerations?: string[];
  /** Default Deployment (pods owned by its ReplicaSet). */
  kind?: 'Deployment' | 'StatefulSet';
  /** Default `topology-spread`. */
  zoneSpread?: 'topology-spread' | 'anti-affinity' | 'none';
  /** Zone names the pods may run in (a required node affinity). */
  zones?: string[];
  /** Labels of the pod template besides `app` (the cluster DNS: `k8s-app`). */
  labels?: Record<string, string>;
  /** The container's args. */
  args?: string[];
  /** The container's image; default `public.ecr.aws/docker/library/<workload>:latest`. */
  image?: string;
}

/** The labels of the workload's pod template (its selector's). */
export function templateLabels(
  params: Pick<PodParams, 'workload' | 'labels'>,
): Record<string, string> {
  return { app: params.workload, ...params.labels };
}

/**
 * Soft zone spreading (ScheduleAnyway, preferred anti-affinity), as the
 * simulated scheduler spreads every app over zones anyway: the constraint
 * changes what the template says, not where pods go.
 */
function spreadSpec(params: PodParams): Record<string, unknown> {
  const labelSelector = { matchLabels: { app: params.workload } };
  switch (params.zoneSpread ?? 'topology-spread') {
    case 'topology-spread':
      return {
        topologySpreadConstraints: [
          {
            maxSkew: 1,
            topologyKey: ZONE_LABEL,
            whenUnsatisfiable: 'ScheduleAnyway',
            labelSelector,
          },
        ],
      };
    case 'anti-affinity':
      return {
        affinity: {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 100,
                podAffinityTerm: { topologyKey: ZONE_LABEL, labelSelector },
              },
            ],
          },
        },
      };
    default:
      return {};
  }
}

function pinSpec(
  params: PodParams,
  spread: Record<string, unknown>,
): Record<string, unknown> {
  if (!params.zones?.length) return spread;
  const affinity = (spread.affinity ?? {}) as Record<string, unknown>;
  return {
    ...spread,
    affinity: {
      ...affinity,
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: ZONE_LABEL, operator: 'In', values: params.zones },
              ],
            },
          ],
        },
      },
    },
  };
}

/** Pod labels and owner: a ReplicaSet's (`pod-template-hash`) or a StatefulSet's (`<name>-<ordinal>`). */
function ownership(params: PodParams) {
  if (params.kind === 'StatefulSet') {
    const ordinal = params.name.slice(params.workload.length + 1);
    return {
      labels: {
        ...templateLabels(params),
        'controller-revision-hash': `${params.workload}-${params.templateHash}`,
        'statefulset.kubernetes.io/pod-name': params.name,
        'apps.kubernetes.io/pod-index': ordinal,
      },
      owner: { kind: 'StatefulSet', name: params.workload },
    };
  }
  return {
    labels: {
      ...templateLabels(params),
      'pod-template-hash': params.templateHash,
    },
    owner: {
      kind: 'ReplicaSet',
      name: `${params.workload}-${params.templateHash}`,
    },
  };
}

/** A Pending pod of a Deployment's ReplicaSet or of a StatefulSet; `bindPod` places it. */
export function buildPod(params: PodParams): KubeObject {
  const { labels, owner } = ownership(params);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: params.name,
      namespace: params.namespace,
      labels,
      ...(params.doNotDisrupt
        ? { annotations: { [DO_NOT_DISRUPT]: 'true' } }
        : {}),
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          ...owner,
          uid: '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      containers: [
        {
          name: params.workload,
          image:
            params.image ??
            `public.ecr.aws/docker/library/${params.workload}:latest`,
          ...(params.args ? { args: params.args } : {}),
          resources: { requests: { cpu: params.cpu, memory: params.memory } },
        },
      ],
      ...pinSpec(params, spreadSpec(params)),
      ...(params.nodeSelector ? { nodeSelector: params.nodeSelector } : {}),
      ...(params.tolerations?.length
        ? {
            tolerations: params.tolerations.map(key => ({
              key,
              operator: 'Exists',
            })),
          }
        : {}),
      schedulerName: 'default-scheduler',
    },
    status: {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: '0/0 nodes are available: no node fits the pod',
        },
      ],
      qosClass: 'Burstable',
    },
  };
}

/** The pod after the scheduler bound it to `node` and it started. */
export function bindPod(
  pod: KubeObject,
  nodeName: string,
  hostIp: string,
  podIp: string,
  now: number,
): KubeObject {
  const time = kubeTime(now);
  return {
    ...pod,
    spec: { ...(pod.spec as object), nodeName },
    status: {
      phase: 'Running',
      hostIP: hostIp,
      podIP: podIp,
      startTime: time,
      conditions: [
        'PodScheduled',
        'Initialized',
        'ContainersReady',
        'Ready',
      ].map(type => ({
        type,
        status: 'True',
        lastTransitionTime: time,
      })),
      qosClass: 'Burstable',
    },
  };
}

/** A fresh Pending copy of an evicted pod, as its ReplicaSet would create it. */
export function replacementPod(pod: KubeObject, name: string): KubeObject {
  const { nodeName: _nodeName, ...spec } = pod.spec as Record<string, unknown>;
  return {
    apiVersion: pod.apiVersion,
    kind: pod.kind,
    metadata: {
      name,
      namespace: pod.metadata.namespace,
      labels: pod.metadata.labels,
      ...(pod.metadata.annotations
        ? { annotations: pod.metadata.annotations }
        : {}),
      ownerReferences: pod.metadata.ownerReferences,
    },
    spec,
    status: {
      phase: 'Pending',
      conditions: [
        { type: 'PodScheduled', status: 'False', reason: 'Unschedulable' },
      ],
      qosClass: 'Burstable',
    },
  };
}

/** The Deployment or StatefulSet's spec and status fields that differ by kind. */
function kindFields(params: PodParams & { replicas: number; ready: number }): {
  spec: Record<string, unknown>;
  status: Record<string, unknown>;
} {
  const { replicas, ready } = params;
  if (params.kind === 'StatefulSet') {
    const revision = `${params.workload}-${params.templateHash}`;
    return {
      spec: {
        serviceName: params.workload,
        podManagementPolicy: 'OrderedReady',
        updateStrategy: {
          type: 'RollingUpdate',
          rollingUpdate: { partition: 0 },
        },
      },
      status: {
        currentReplicas: replicas,
        currentRevision: revision,
        updateRevision: revision,
        collisionCount: 0,
      },
    };
  }
  return {
    spec: {
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
      },
    },
    status: ready < replicas ? { unavailableReplicas: replicas - ready } : {},
  };
}

/** A workload's Deployment or StatefulSet; its status counts the pods running when the cluster was built. */
export function buildWorkload(
  params: PodParams & { replicas: number; ready: number },
): KubeObject {
  const labels = templateLabels(params);
  const pod = buildPod(params);
  const statefulSet = params.kind === 'StatefulSet';
  const own = kindFields(params);
  return {
    apiVersion: 'apps/v1',
    kind: statefulSet ? 'StatefulSet' : 'Deployment',
    metadata: {
      name: params.workload,
      namespace: params.namespace,
      labels,
      ...(statefulSet
        ? {}
        : { annotations: { 'deployment.kubernetes.io/revision': '1' } }),
    },
    spec: {
      replicas: params.replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: {
          labels,
          ...(pod.metadata.annotations
            ? { annotations: pod.metadata.annotations }
            : {}),
        },
        spec: pod.spec,
      },
      ...own.spec,
    },
    status: {
      observedGeneration: 1,
      replicas: params.replicas,
      updatedReplicas: params.replicas,
      readyReplicas: params.ready,
      availableReplicas: params.ready,
      ...own.status,
    },
  };
}
