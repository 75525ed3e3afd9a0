/**
 * The Kubernetes API server of every simulated cluster, served under
 * `/k8s/<clusterId>/...` on the simulator's origin: discovery, nodes, pods,
 * deployments, Karpenter NodePools and NodeClaims, with the verbs, Status
 * objects, paging, selectors, patches and watches of a real API server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeStore } from '../model/types';
import type { RawHandler } from '../server';
import { ACCESS_REVIEW_PATH, reviewAccess } from './accessReview';
import { authenticate } from './auth';
import { conflictError, notFoundError } from './errors';
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  coreVersions,
  versionInfo,
} from './discovery';
import { listObjects } from './list';
import { routeOf, splitClusterPath, type KubeRoute } from './routes';
import {
  combineFilters,
  parseFieldSelector,
  parseLabelSelector,
} from './selectors';
import {
  badRequest,
  KubeApiError,
  methodNotAllowed,
  pathNotFound,
  sendJson,
  sendStatus,
  statusOf,
} from './status';
import { authorize } from './authorize';
import { serveWatch } from './watch';
import {
  applyPatch,
  checkName,
  checkPreconditions,
  deleteResult,
  forSubresource,
  inRouteNamespace,
  objectBody,
} from './writes';

/** What the API needs of a cluster (a SimCluster fits). */
export interface KubernetesCluster {
  kube: KubeStore;
  /** Kubernetes version for `/version`, e.g. `1.33`. */
  version?: string;
}

export interface KubernetesApiOptions {
  /** The cluster a `/k8s/<clusterId>/` path addresses; undefined answers 404. */
  resolveCluster(clusterId: string): KubernetesCluster | undefined;
  /**
   * Fault injection: asked before every update (PUT or PATCH of an existing
   * object); when it returns true the write answers 409 Conflict and changes nothing.
   */
  injectConflict?: () => boolean;
  /** How often watches that allow bookmarks get one; default 60 s, roughly the API server's cadence. */
  bookmarkIntervalMs?: number;
  /** The role an AssumeRole access key belongs to (for rules bound to a role); undefined for other keys. */
  roleOfAccessKey?: (accessKeyId: string) => string | undefined;
}

/** The `kubernetes` route of startServer, plus a way to end every open watch on shutdown. */
export type KubernetesApi = RawHandler & { closeWatches(): void };

const DEFAULT_WATCH_TIMEOUT_SECONDS = 1800;

const isTrue = (value: string | null) =>
  value !== null && ['true', '1', 't', 'T', 'TRUE', 'True'].includes(value);

function integerParam(
  query: URLSearchParams,
  name: string,
): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (!/^-?[0-9]{1,15}$/.test(value)) {
    throw badRequest(
      `${name}: Invalid value: ${JSON.stringify(
        value,
      )}: strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`,
    );
  }
  return Number(value);
}

/** Creates the handler for every cluster's `/k8s/<clusterId>/...` API. */
export function createKubernetesApi(
  options: KubernetesApiOptions,
): KubernetesApi {
  const openWatches = new Set<() => void>();
  const bookmarkIntervalMs = options.bookmarkIntervalMs ?? 60_000;

  function serveCollection(
    req: IncomingMessage,
    res: ServerResponse,
    query: URLSearchParams,
    body: Buffer,
    kube: KubeStore,
    route: Extract<KubeRoute, { type: 'collection' }>,
  ) {
    const { info, namespace } = route;
    if (req.method === 'POST') {
      if (info.namespaced && namespace === undefined) throw methodNotAllowed();
      if (query.get('dryRun'))
        throw badRequest('dryRun is not supported by the fleet simulator');
      const object = objectBody(req, body, info, namespace);
      if (object.metadata.resourceVersion) {
        throw new KubeApiError(
          500,
          'InternalError',
          'Internal error occurred: resourceVersion should not be set on objects to be created',
        );
      }
      sendJson(res, 201, kube.create(info.resource, object));
      return;
    }
    if (req.method !== 'GET') throw methodNotAllowed();
    const filter = combineFilters(
      parseLabelSelector(query.get('labelSelector')),
      parseFieldSelector(query.get('fieldSelector'), info),
    );
    if (isTrue(query.get('watch'))) {
      const stop = serveWatch(res, {
        kube,
        info,
        namespace,
        filter,
        resourceVersion: query.get('resourceVersion') ?? undefined,
        timeoutSeconds:
          integerParam(query, 'timeoutSeconds') ??
          DEFAULT_WATCH_TIMEOUT_SECONDS,
        bookmarks: isTrue(query.get('allowWatchBookmarks')),
        bookmarkIntervalMs,
      });
      openWatches.add(stop);
      res.on('close', () => openWatches.delete(stop));
      return;
    }
    sendJson(
      res,
      200,
      listObjects(kube, info, {
        namespace,
        filter,
        limit: integerParam(query, 'limit'),
        continueToken: query.get('continue') ?? undefined,
        resourceVersion: query.get('resourceVersion') ?? undefined,
        resourceVersionMatch: query.get('resourceVersionMatch') ?? undefined,
      }),
    );
  }

  function serveObject(
    req: IncomingMessage,
    res: ServerResponse,
    query: URLSearchParams,
    body: Buffer,
    kube: KubeStore,
    route: Extract<KubeRoute, { type: 'object' }>,
  ) {
    const { info, namespace, name, status } = route;
    const method = req.method ?? 'GET';
    const allowed = status
      ? ['GET', 'PUT', 'PATCH']
      : ['GET', 'PUT', 'PATCH', 'DELETE'];
    if (!allowed.includes(method)) throw methodNotAllowed();
    if (method !== 'GET' && query.get('dryRun'))
      throw badRequest('dryRun is not supported by the fleet simulator');
    if (method === 'PUT') {
      // Like the API server, a malformed body is refused before the object is looked up.
      const written = objectBody(req, body, info, namespace);
      checkName(written, name);
      const current = kube.get(info.resource, name, namespace);
      if (!current) throw notFoundError(info, name);
      if (options.injectConflict?.()) throw conflictError(info, name);
      sendJson(
        res,
        200,
        kube.update(info.resource, forSubresource(current, written, status)),
      );
      return;
    }
    const current = kube.get(info.resource, name, namespace);
    if (!current) throw notFoundError(info, name);
    if (method === 'GET') {
      sendJson(res, 200, current);
    } else if (method === 'PATCH') {
      const patched = inRouteNamespace(
        info,
        applyPatch(req, body, info, current),
        namespace,
      );
      checkName(patched, name);
      if (options.injectConflict?.()) throw conflictError(info, name);
      sendJson(
        res,
        200,
        kube.update(info.resource, forSubresource(current, patched, status)),
      );
    } else {
      checkPreconditions(info, current, body);
      sendJson(
        res,
        200,
        deleteResult(info, kube.delete(info.resource, name, namespace)),
      );
    }
  }

  function serveDiscovery(
    res: ServerResponse,
    route: KubeRoute,
    cluster: KubernetesCluster,
  ) {
    let document: unknown;
    switch (route.type) {
      case 'version':
        document = versionInfo(cluster.version ?? '1.33');
        break;
      case 'coreVersions':
        document = coreVersions();
        break;
      case 'groupList':
        document = apiGroupList();
        break;
      case 'group':
        document = apiGroup(route.group);
        break;
      case 'resourceList':
        document = apiResourceList(route.group, route.version);
        break;
      case 'health':
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('ok');
        return;
      default:
        throw pathNotFound();
    }
    if (document === undefined) throw pathNotFound();
    sendJson(res, 200, document);
  }

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    body: Buffer,
  ) {
    const target = splitClusterPath(url.pathname);
    const cluster = target && options.resolveCluster(target.clusterId);
    if (!target || !cluster) throw pathNotFound();
    const caller = authenticate(req.headers.authorization, req.headers.host);
    if (!caller) throw new KubeApiError(401, 'Unauthorized', 'Unauthorized');
    const roleName = caller.accessKeyId
      ? options.roleOfAccessKey?.(caller.accessKeyId)
      : undefined;
    if (`/${target.path.join('/')}` === ACCESS_REVIEW_PATH) {
      if (req.method !== 'POST') throw methodNotAllowed();
      sendJson(res, 201, reviewAccess(cluster, body, roleName));
      return;
    }
    const route = routeOf(target.path);
    if (!route) throw pathNotFound();
    authorize(cluster, route, req.method ?? 'GET', url.searchParams, roleName);
    if (route.type === 'collection') {
      serveCollection(req, res, url.searchParams, body, cluster.kube, route);
    } else if (route.type === 'object') {
      serveObject(req, res, url.searchParams, body, cluster.kube, route);
    } else {
      if (req.method !== 'GET') throw methodNotAllowed();
      serveDiscovery(res, route, cluster);
    }
  }

  const handler: RawHandler = async (req, res, url, body) => {
    try {
      await handle(req, res, url, body);
    } catch (error) {
      if (res.headersSent) res.end();
      else sendStatus(res, statusOf(error));
    }
  };
  return Object.assign(handler, {
    closeWatches() {
      for (const stop of [...openWatches]) stop();
      openWatches.clear();
    },
  });
}
