import type { KubeResource } from '../model/types';

/** What the API server knows about each resource it serves (routing, discovery, validation). */
export interface KubeResourceInfo {
  resource: KubeResource;
  /** '' for the core group. */
  group: string;
  version: string;
  /** `v1` or `<group>/<version>`. */
  apiVersion: string;
  kind: string;
  listKind: string;
  singularName: string;
  namespaced: boolean;
  shortNames: string[];
  /** Custom resources (CRDs) do not accept strategic merge patches. */
  custom: boolean;
}

function info(
  resource: KubeResource,
  group: string,
  kind: string,
  namespaced: boolean,
  shortNames: string[],
  custom = false,
  version = 'v1',
): KubeResourceInfo {
  return {
    resource,
    group,
    version,
    apiVersion: group ? `${group}/${version}` : version,
    kind,
    listKind: `${kind}List`,
    singularName: kind.toLowerCase(),
    namespaced,
    shortNames,
    custom,
  };
}

export const KUBE_RESOURCES: Record<KubeResource, KubeResourceInfo> = {
  nodes: info('nodes', '', 'Node', false, ['no']),
  pods: info('pods', '', 'Pod', true, ['po']),
  deployments: info('deployments', 'apps', 'Deployment', true, ['deploy']),
  statefulsets: info('statefulsets', 'apps', 'StatefulSet', true, ['sts']),
  poddisruptionbudgets: info(
    'poddisruptionbudgets',
    'policy',
    'PodDisruptionBudget',
    true,
    ['pdb'],
  ),
  horizontalpodautoscalers: info(
    'horizontalpodautoscalers',
    'autoscaling',
    'HorizontalPodAutoscaler',
    true,
    ['hpa'],
    false,
    'v2',
  ),
  nodepools: info('nodepools', 'karpenter.sh', 'NodePool', false, [], true),
  nodeclaims: info('nodeclaims', 'karpenter.sh', 'NodeClaim', false, [], true),
};

export const ALL_KUBE_RESOURCES = Object.values(KUBE_RESOURCES);

/** The key objects are stored and listed by (`<namespace>/<name>`, or the name alone). */
export function kubeObjectKey(
  name: string,
  namespace: string | undefined,
): string {
  return namespace === undefined ? name : `${namespace}/${name}`;
}
