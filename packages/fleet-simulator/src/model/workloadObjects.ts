/**
 * What a workload spec adds around its pods: the cluster DNS's label, the
 * cluster-proportional-autoscaler Deployment of `autoscaler: proportional`,
 * its PodDisruptionBudget (policy/v1) and HorizontalPodAutoscaler
 * (autoscaling/v2), shaped as the API server returns them.
 */
import { PROPORTIONAL_AUTOSCALER_SUFFIX } from './parseWorkload';
import { scaledIntOrPercent } from './quantity';
import type { WorkloadSpec } from './spec';
import type { KubeObject } from './types';

/** A workload spec as the materialiser builds it: with the labels, args and image a spec does not set. */
export interface MaterialisedWorkload extends WorkloadSpec {
  labels?: Record<string, string>;
  args?: string[];
  image?: string;
}

/** CoreDNS on EKS keeps kube-dns's label, which is how the cluster DNS is found. */
const DNS_LABELS = { 'k8s-app': 'kube-dns' };
const PROPORTIONAL_IMAGE =
  'registry.k8s.io/cpa/cluster-proportional-autoscaler:v1.9.0';

/**
 * The workloads to build: `coredns` in `kube-system` labelled as the cluster
 * DNS, and after each `autoscaler: proportional` workload its autoscaler's
 * Deployment (one pod of 20m and 10Mi, as the upstream dns-autoscaler asks).
 */
export function materialisedWorkloads(
  specs: readonly WorkloadSpec[],
): MaterialisedWorkload[] {
  return specs.flatMap(spec => {
    const namespace = spec.namespace ?? 'default';
    const workload: MaterialisedWorkload =
      spec.name === 'coredns' && namespace === 'kube-system'
        ? { ...spec, labels: DNS_LABELS }
        : spec;
    if (spec.autoscaler !== 'proportional') return [workload];
    const autoscaler: MaterialisedWorkload = {
      name: `${spec.name}${PROPORTIONAL_AUTOSCALER_SUFFIX}`,
      namespace,
      replicas: 1,
      cpu: '20m',
      memory: '10Mi',
      zoneSpread: 'none',
      image: PROPORTIONAL_IMAGE,
      args: [
        `--namespace=${namespace}`,
        `--configmap=${spec.name}${PROPORTIONAL_AUTOSCALER_SUFFIX}`,
        `--target=Deployment/${spec.name}`,
        '--default-params={"linear":{"coresPerReplica":256,"nodesPerReplica":16,"preventSinglePointFailure":true,"includeUnschedulableNodes":true}}',
        '--logtostderr=true',
        '--v=2',
      ],
    };
    return [workload, autoscaler];
  });
}

/** The workload's PodDisruptionBudget; its status counts the pods ready when the cluster was built. */
export function buildDisruptionBudget(params: {
  workload: string;
  namespace: string;
  selector: Record<string, string>;
  pdb: NonNullable<WorkloadSpec['pdb']>;
  replicas: number;
  ready: number;
  time: string;
}): KubeObject {
  const { pdb, replicas, ready } = params;
  const desiredHealthy =
    pdb.minAvailable !== undefined
      ? scaledIntOrPercent(pdb.minAvailable, replicas)
      : Math.max(
          0,
          replicas - scaledIntOrPercent(pdb.maxUnavailable ?? 0, replicas),
        );
  const disruptionsAllowed = Math.max(0, ready - desiredHealthy);
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: params.workload, namespace: params.namespace },
    spec: {
      ...(pdb.minAvailable !== undefined
        ? { minAvailable: pdb.minAvailable }
        : { maxUnavailable: pdb.maxUnavailable }),
      selector: { matchLabels: params.selector },
    },
    status: {
      observedGeneration: 1,
      disruptionsAllowed,
      currentHealthy: ready,
      desiredHealthy,
      expectedPods: replicas,
      conditions: [
        {
          type: 'DisruptionAllowed',
          status: disruptionsAllowed > 0 ? 'True' : 'False',
          reason:
            disruptionsAllowed > 0 ? 'SufficientPods' : 'InsufficientPods',
          message: '',
          observedGeneration: 1,
          lastTransitionTime: params.time,
        },
      ],
    },
  };
}

/** The workload's HorizontalPodAutoscaler (CPU at 70%, from its replicas to three times as many). */
export function buildAutoscaler(params: {
  workload: string;
  namespace: string;
  kind: 'Deployment' | 'StatefulSet';
  replicas: number;
}): KubeObject {
  const minReplicas = Math.max(1, params.replicas);
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: params.workload, namespace: params.namespace },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: params.kind,
        name: params.workload,
      },
      minReplicas,
      maxReplicas: minReplicas * 3,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: 70 },
          },
        },
      ],
    },
    status: {
      currentReplicas: params.replicas,
      desiredReplicas: params.replicas,
    },
  };
}
