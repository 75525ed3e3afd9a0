/**
 * Per-cluster RBAC denials for tests: a verb on a resource the simulated API
 * server refuses with 403 Forbidden, worded exactly as the real API server
 * words it (k8s.io/apiserver `forbiddenMessage` and `NewForbidden`):
 *
 *   deployments.apps is forbidden: User "fleet-resilience" cannot list
 *   resource "deployments" in API group "apps" at the cluster scope
 *
 * Rules live beside the cluster object itself (a WeakMap), so every
 * simulator instance has its own and a cluster that goes away takes its rules
 * with it. Set through the control API (`PUT /_sim/kubernetes/forbidden`).
 */
import { qualifiedResource } from './errors';
import type { KubeResourceInfo } from './resources';
import { KubeApiError } from './status';

/** The Kubernetes verbs the simulated API server serves. */
export const KUBE_VERBS = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
] as const;
export type KubeVerb = (typeof KUBE_VERBS)[number];

/** One denial: `verb` on `resource` (plural, e.g. `deployments`) of API group `group` ('' for core). */
export interface ForbiddenRule {
  verb: KubeVerb;
  resource: string;
  group: string;
  /** Applies only to EKS tokens signed with this role's AssumeRole credentials; absent = every caller. */
  roleName?: string;
}

export interface ClusterRbac {
  /** The user name the messages name (the real server names the caller). */
  user: string;
  rules: ForbiddenRule[];
}

export const DEFAULT_RBAC_USER = 'fleet-resilience';

const denials = new WeakMap<object, ClusterRbac>();

export function setForbidden(cluster: object, rbac: ClusterRbac): void {
  if (rbac.rules.length === 0) denials.delete(cluster);
  else
    denials.set(cluster, {
      user: rbac.user,
      rules: rbac.rules.map(r => ({ ...r })),
    });
}

export function forbiddenOf(cluster: object): ClusterRbac | undefined {
  const rbac = denials.get(cluster);
  return rbac
    ? { user: rbac.user, rules: rbac.rules.map(r => ({ ...r })) }
    : undefined;
}

/** The 403 the real API server answers for a denied request. */
export function forbiddenError(
  user: string,
  verb: KubeVerb,
  info: KubeResourceInfo,
  namespace: string | undefined,
  name: string | undefined,
  subresource?: string,
): KubeApiError {
  const resource = subresource
    ? `${info.resource}/${subresource}`
    : info.resource;
  const scope =
    namespace !== undefined
      ? `in the namespace ${JSON.stringify(namespace)}`
      : 'at the cluster scope';
  const subject = name
    ? `${qualifiedResource(info)} ${JSON.stringify(name)}`
    : qualifiedResource(info);
  return new KubeApiError(
    403,
    'Forbidden',
    `${subject} is forbidden: User ${JSON.stringify(
      user,
    )} cannot ${verb} resource ${JSON.stringify(
      resource,
    )} in API group ${JSON.stringify(info.group)} ${scope}`,
    {
      ...(name ? { name } : {}),
      ...(info.group ? { group: info.group } : {}),
      kind: info.resource,
    },
  );
}

/** Whether `cluster`'s rules deny `verb` on `resource` of `group` to a caller acting as `roleName` (undefined: no role). */
export function isForbidden(
  cluster: object,
  verb: string,
  resource: string,
  group: string,
  roleName: string | undefined,
): boolean {
  return (
    denials
      .get(cluster)
      ?.rules.some(
        rule =>
          rule.verb === verb &&
          rule.resource === resource &&
          rule.group === group &&
          (rule.roleName === undefined || rule.roleName === roleName),
      ) ?? false
  );
}

/** Throws the 403 when `cluster`'s rules deny `verb` on `info`'s resource. */
export function checkAllowed(
  cluster: object,
  verb: KubeVerb,
  info: KubeResourceInfo,
  namespace: string | undefined,
  name: string | undefined,
  subresource: string | undefined,
  roleName: string | undefined,
): void {
  const rbac = denials.get(cluster);
  if (rbac && isForbidden(cluster, verb, info.resource, info.group, roleName)) {
    throw forbiddenError(rbac.user, verb, info, namespace, name, subresource);
  }
}
