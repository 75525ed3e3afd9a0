/** Builders of workload objects: Pods as their ReplicaSet creates them and the scheduler binds them, and Deployments. */
import { DO_NOT_DISRUPT, kubeTime } from './objects';
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
}

/** A Pending pod of a Deployment's ReplicaSet; `bindPod` places it. */
export function buildPod(params: PodParams): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: params.name,
      namespace: params.namespace,
      labels: {
        app: params.workload,
        'pod-template-hash': params.templateHash,
      },
      ...(params.doNotDisrupt
        ? { annotations: { [DO_NOT_DISRUPT]: 'true' } }
        : {}),
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `${params.workload}-${params.templateHash}`,
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
          image: `public.ecr.aws/docker/library/${params.workload}:latest`,
          resources: { requests: { cpu: params.cpu, memory: params.memory } },
        },
      ],
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

/** A workload's Deployment; its status counts the pods running when the cluster was built. */
export function buildWorkloadDeployment(
  params: PodParams & { replicas: number; ready: number },
): KubeObject {
  const labels = { app: params.workload };
  const pod = buildPod(params);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: params.workload,
      namespace: params.namespace,
      labels,
      annotations: { 'deployment.kubernetes.io/revision': '1' },
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
    },
    status: {
      observedGeneration: 1,
      replicas: params.replicas,
      updatedReplicas: params.replicas,
      readyReplicas: params.ready,
      availableReplicas: params.ready,
      ...(params.ready < params.replicas
        ? { unavailableReplicas: params.replicas - params.ready }
        : {}),
    },
  };
}
