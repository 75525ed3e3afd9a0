/** Maps a Kubernetes API path (the part after `/k8s/<clusterId>`) to what it addresses. */
import { KUBERNETES_PREFIX } from '../server';
import { ALL_KUBE_RESOURCES, type KubeResourceInfo } from './resources';

export type KubeRoute =
  | { type: 'version' }
  | { type: 'coreVersions' }
  | { type: 'groupList' }
  | { type: 'group'; group: string }
  | { type: 'resourceList'; group: string; version: string }
  | { type: 'health' }
  | { type: 'collection'; info: KubeResourceInfo; namespace?: string }
  | {
      type: 'object';
      info: KubeResourceInfo;
      namespace?: string;
      name: string;
      status: boolean;
    };

/** The cluster id and the Kubernetes path of a simulator URL path; undefined when it has none. */
export function splitClusterPath(
  pathname: string,
): { clusterId: string; path: string[] } | undefined {
  if (!pathname.startsWith(KUBERNETES_PREFIX)) return undefined;
  const [clusterId, ...path] = pathname
    .slice(KUBERNETES_PREFIX.length)
    .split('/');
  if (!clusterId) return undefined;
  try {
    return {
      clusterId: decodeURIComponent(clusterId),
      path: path.filter(segment => segment !== '').map(decodeURIComponent),
    };
  } catch {
    return undefined;
  }
}

function resourceRoute(
  group: string,
  version: string,
  rest: string[],
): KubeRoute | undefined {
  let namespace: string | undefined;
  let remaining = rest;
  if (remaining[0] === 'namespaces' && remaining.length >= 3) {
    namespace = remaining[1];
    remaining = remaining.slice(2);
  }
  const [resource, name, subresource, ...extra] = remaining;
  const info = ALL_KUBE_RESOURCES.find(
    candidate =>
      candidate.group === group &&
      candidate.version === version &&
      candidate.resource === resource,
  );
  if (
    !info ||
    extra.length > 0 ||
    (namespace !== undefined && !info.namespaced)
  )
    return undefined;
  if (name === undefined) return { type: 'collection', info, namespace };
  // An object of a namespaced resource is only addressable within its namespace.
  if (info.namespaced && namespace === undefined) return undefined;
  if (subresource !== undefined && subresource !== 'status') return undefined;
  return {
    type: 'object',
    info,
    namespace,
    name,
    status: subresource === 'status',
  };
}

export function routeOf(path: string[]): KubeRoute | undefined {
  const [root, ...rest] = path;
  if (path.length === 1 && root === 'version') return { type: 'version' };
  if (path.length === 1 && ['healthz', 'livez', 'readyz'].includes(root))
    return { type: 'health' };
  if (root === 'api') {
    if (rest.length === 0) return { type: 'coreVersions' };
    const [version, ...resourcePath] = rest;
    return resourcePath.length === 0
      ? { type: 'resourceList', group: '', version }
      : resourceRoute('', version, resourcePath);
  }
  if (root === 'apis') {
    const [group, version, ...resourcePath] = rest;
    if (group === undefined) return { type: 'groupList' };
    if (version === undefined) return { type: 'group', group };
    return resourcePath.length === 0
      ? { type: 'resourceList', group, version }
      : resourceRoute(group, version, resourcePath);
  }
  return undefined;
}
