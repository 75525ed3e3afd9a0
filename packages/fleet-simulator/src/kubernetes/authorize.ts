/** The authorization step of the simulated API server: the verb a request asks for, checked against the cluster's denials (./rbac). */
import type { IncomingMessage } from 'node:http';
import { checkAllowed, type KubeVerb } from './rbac';
import type { KubeRoute } from './routes';

const isTrue = (value: string | null) =>
  value !== null && ['true', '1', 't', 'T', 'TRUE', 'True'].includes(value);

/** The RBAC verb of a request, as the API server's request-info resolver names it; undefined for other methods. */
export function verbOf(
  route: KubeRoute,
  method: NonNullable<IncomingMessage['method']>,
  query: URLSearchParams,
): KubeVerb | undefined {
  if (route.type === 'collection') {
    if (method === 'GET') return isTrue(query.get('watch')) ? 'watch' : 'list';
    if (method === 'POST') return 'create';
    return undefined;
  }
  if (route.type === 'object') {
    const verbs: Record<string, KubeVerb> = {
      GET: 'get',
      PUT: 'update',
      PATCH: 'patch',
      DELETE: 'delete',
    };
    return verbs[method];
  }
  return undefined;
}

/** Throws 403 Forbidden when the cluster's rules deny the request. */
export function authorize(
  cluster: object,
  route: KubeRoute,
  method: string,
  query: URLSearchParams,
  roleName?: string,
): void {
  if (route.type !== 'collection' && route.type !== 'object') return;
  const verb = verbOf(route, method, query);
  if (!verb) return;
  checkAllowed(
    cluster,
    verb,
    route.info,
    route.namespace,
    route.type === 'object' ? route.name : undefined,
    route.type === 'object' && route.status ? 'status' : undefined,
    roleName,
  );
}
