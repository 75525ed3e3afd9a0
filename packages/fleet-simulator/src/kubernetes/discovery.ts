/** Discovery documents (`/version`, `/api`, `/apis`, resource lists) for what the simulator serves. */
import { ALL_KUBE_RESOURCES, type KubeResourceInfo } from './resources';

const OBJECT_VERBS = [
  'create',
  'delete',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];
const STATUS_VERBS = ['get', 'patch', 'update'];

/** `/version` for a cluster on Kubernetes `version` (e.g. `1.33`), worded as EKS builds word it. */
export function versionInfo(version: string) {
  const [major = '1', minor = '33'] = version.split('.');
  return {
    major,
    minor: `${minor}+`,
    gitVersion: `v${major}.${minor}.0-eks-0000000`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: 'go1.24.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function coreVersions() {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [
      { clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:443' },
    ],
  };
}

/** Served besides the stored resources: SelfSubjectAccessReview (create only, ./accessReview). */
const AUTHORIZATION_GROUP = 'authorization.k8s.io';

function groupNames(): string[] {
  return [
    ...new Set(
      ALL_KUBE_RESOURCES.map(info => info.group).filter(group => group !== ''),
    ),
    AUTHORIZATION_GROUP,
  ];
}

export function apiGroup(name: string) {
  if (!groupNames().includes(name)) return undefined;
  // The one version served per group (autoscaling: v2 only, as the reader asks).
  const served =
    ALL_KUBE_RESOURCES.find(info => info.group === name)?.version ?? 'v1';
  const version = { groupVersion: `${name}/${served}`, version: served };
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    name,
    versions: [version],
    preferredVersion: version,
  };
}

export function apiGroupList() {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groupNames().map(name => {
      const {
        kind: _kind,
        apiVersion: _apiVersion,
        ...group
      } = apiGroup(name)!;
      return group;
    }),
  };
}

function resourceEntries(info: KubeResourceInfo) {
  const common = { namespaced: info.namespaced, kind: info.kind };
  return [
    {
      name: info.resource,
      singularName: info.singularName,
      ...common,
      verbs: OBJECT_VERBS,
      ...(info.shortNames.length > 0 ? { shortNames: info.shortNames } : {}),
      ...(info.custom ? { categories: ['karpenter'] } : {}),
    },
    {
      name: `${info.resource}/status`,
      singularName: '',
      ...common,
      verbs: STATUS_VERBS,
    },
  ];
}

/** `APIResourceList` of a group version (`''` + `v1` for the core group); undefined when not served. */
export function apiResourceList(group: string, version: string) {
  if (group === AUTHORIZATION_GROUP && version === 'v1') {
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: `${AUTHORIZATION_GROUP}/v1`,
      resources: [
        {
          name: 'selfsubjectaccessreviews',
          singularName: 'selfsubjectaccessreview',
          namespaced: false,
          kind: 'SelfSubjectAccessReview',
          verbs: ['create'],
        },
      ],
    };
  }
  const served = ALL_KUBE_RESOURCES.filter(
    info => info.group === group && info.version === version,
  );
  if (served.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: served.flatMap(resourceEntries),
  };
}
