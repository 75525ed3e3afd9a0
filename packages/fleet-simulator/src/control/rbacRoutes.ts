/**
 * Control routes that make a simulated cluster's API server refuse some
 * requests with 403 Forbidden, as a real cluster's RBAC does (see
 * ../kubernetes/rbac.ts): `PUT kubernetes/forbidden` replaces one cluster's
 * denials, `GET` lists them, `DELETE` lifts them all (or one cluster's, with
 * `?clusterArn=`).
 */
import { ALL_KUBE_RESOURCES } from '../kubernetes/resources';
import {
  DEFAULT_RBAC_USER,
  forbiddenOf,
  KUBE_VERBS,
  setForbidden,
  type ForbiddenRule,
  type KubeVerb,
} from '../kubernetes/rbac';
import { ROLE_NAME } from '../model/parseAccess';
import type { ControlApiOptions } from './api';
import { ControlError, readBody, type Route } from './requests';

const RESOURCES = ALL_KUBE_RESOURCES.map(info => info.resource);

export function rbacRoutes(
  options: Pick<ControlApiOptions, 'fleet'>,
): Record<string, Route> {
  const { fleet } = options;

  function clusterForArn(arn: string) {
    const cluster = fleet.cluster(arn);
    if (!cluster)
      throw new ControlError(404, 'NotFound', `no cluster ${arn} in the fleet`);
    return cluster;
  }

  function all() {
    return fleet.clusters().flatMap(cluster => {
      const rbac = forbiddenOf(cluster);
      return rbac ? [{ clusterArn: cluster.arn, ...rbac }] : [];
    });
  }

  return {
    'GET kubernetes/forbidden': () => ({ body: { clusters: all() } }),
    'PUT kubernetes/forbidden': body => {
      const input = readBody(body, (r, value) => {
        const fields = r.object(value, '', ['clusterArn', 'user', 'rules']);
        if (!fields) return undefined;
        const clusterArn = r.string(fields, 'clusterArn', '', {
          required: true,
        });
        const user = r.string(fields, 'user', '') ?? DEFAULT_RBAC_USER;
        const rules = r.list(
          fields,
          'rules',
          '',
          (item, path): ForbiddenRule | undefined => {
            const rule = r.object(item, path, [
              'verb',
              'resource',
              'group',
              'roleName',
            ]);
            if (!rule) return undefined;
            const verb = r.string(rule, 'verb', path, {
              required: true,
              oneOf: KUBE_VERBS,
            });
            const resource = r.string(rule, 'resource', path, {
              required: true,
              oneOf: RESOURCES,
            });
            const group = r.string(rule, 'group', path) ?? '';
            const roleName = r.string(rule, 'roleName', path, {
              pattern: ROLE_NAME,
              hint: 'an IAM role name',
            });
            const info = ALL_KUBE_RESOURCES.find(i => i.resource === resource);
            if (info && info.group !== group) {
              r.fail(
                `${path}.group`,
                `${resource} is in API group '${info.group}'`,
              );
              return undefined;
            }
            return verb && resource
              ? {
                  verb: verb as KubeVerb,
                  resource,
                  group,
                  ...(roleName ? { roleName } : {}),
                }
              : undefined;
          },
          { required: true },
        );
        return clusterArn && rules ? { clusterArn, user, rules } : undefined;
      });
      const cluster = clusterForArn(input.clusterArn);
      setForbidden(cluster, { user: input.user, rules: input.rules });
      return {
        body: { clusterArn: cluster.arn, user: input.user, rules: input.rules },
      };
    },
    'DELETE kubernetes/forbidden': (_body, query) => {
      const arn = query.get('clusterArn');
      const clusters = arn ? [clusterForArn(arn)] : fleet.clusters();
      for (const cluster of clusters)
        setForbidden(cluster, { user: DEFAULT_RBAC_USER, rules: [] });
      return { body: { clusters: all() } };
    },
  };
}
