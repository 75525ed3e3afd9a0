/**
 * The Kubernetes API server of every simulated cluster, served under
 * `/k8s/<clusterId>/...` on the simulator's origin: discovery, nodes, pods,
 * deployments, Karpenter NodePools and NodeClaims, with the verbs, Status
 * objects, paging, selectors, patches and watches of a real API server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject, KubeStore } from '../model/types';
import type { RawHandler } from '../server';
import { isAuthenticated } from './auth';
import { conflictError, notFoundError, qualifiedResource } from './errors';
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  coreVersions,
  versionInfo,
} from './discovery';
import { isJsonObject, type JsonValue } from '../json';
import { listObjects } from './list';
import {
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  PatchError,
} from './patch';
import type { KubeResourceInfo } from './resources';
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
  patchNotApplicable,
  pathNotFound,
  sendJson,
  sendStatus,
  statusOf,
  unsupportedMediaType,
} from './status';
import { serveWatch } from './watch';

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
}

/** The `kubernetes` route of startServer, plus a way to end every open watch on shutdown. */
export type KubernetesApi = RawHandler & { closeWatches(): void };

const JSON_PATCH = 'application/json-patch+json';
const MERGE_PATCH = 'application/merge-patch+json';
const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
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

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

function parseJson(body: Buffer): JsonValue {
  try {
    return JSON.parse(body.toString('utf8')) as JsonValue;
  } catch (error) {
    throw badRequest(
      `couldn't get version/kind; json parse error: ${
        (error as Error).message
      }`,
    );
  }
}

/** A POST/PUT body: a JSON object of the route's kind, in the route's namespace. */
function objectBody(
  req: IncomingMessage,
  body: Buffer,
  info: KubeResourceInfo,
  namespace: string | undefined,
): KubeObject {
  const type = mediaType(req);
  if (type !== '' && type !== 'application/json' && type !== '*/*')
    throw unsupportedMediaType(['application/json']);
  const parsed = parseJson(body);
  if (!isJsonObject(parsed))
    throw badRequest(
      `Object 'Kind' is missing in '${body.toString('utf8').slice(0, 200)}'`,
    );
  const object = {
    ...parsed,
    metadata: isJsonObject(parsed.metadata) ? parsed.metadata : {},
  } as unknown as KubeObject;
  checkKind(info, object);
  return inRouteNamespace(info, object, namespace);
}

/** The API server decodes a body as the route's kind: another group version or kind is a 400. */
function checkKind(info: KubeResourceInfo, object: KubeObject) {
  const { apiVersion, kind } = object;
  if (apiVersion !== undefined && apiVersion !== info.apiVersion) {
    throw badRequest(
      `the API version in the data (${String(
        apiVersion,
      )}) does not match the expected API version (${info.apiVersion})`,
    );
  }
  if (kind !== undefined && kind !== info.kind) {
    throw badRequest(
      `${String(kind)} in version "${info.version}" cannot be handled as a ${
        info.kind
      }: no kind "${String(kind)}" is registered for version "${
        info.apiVersion
      }"`,
    );
  }
}

function checkName(object: KubeObject, name: string) {
  if (object.metadata.name !== name) {
    throw badRequest(
      `the name of the object (${String(
        object.metadata.name,
      )}) does not match the name on the URL (${name})`,
    );
  }
}

/**
 * Puts a namespaced object in the request's namespace, refusing one that
 * names another; cluster-scoped objects have none.
 */
function inRouteNamespace(
  info: KubeResourceInfo,
  object: KubeObject,
  namespace: string | undefined,
): KubeObject {
  if (!info.namespaced) {
    const { namespace: _ignored, ...metadata } = object.metadata;
    return { ...object, metadata };
  }
  if (object.metadata.namespace && object.metadata.namespace !== namespace) {
    throw badRequest(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
  return { ...object, metadata: { ...object.metadata, namespace } };
}

function applyPatch(
  req: IncomingMessage,
  body: Buffer,
  info: KubeResourceInfo,
  current: KubeObject,
): KubeObject {
  const type = mediaType(req);
  const accepted = info.custom
    ? [JSON_PATCH, MERGE_PATCH]
    : [JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH];
  if (!accepted.includes(type)) throw unsupportedMediaType(accepted);
  const patch = parseJson(body);
  const document = current as unknown as JsonValue;
  let patched: JsonValue;
  try {
    if (type === JSON_PATCH) patched = applyJsonPatch(document, patch);
    else if (type === MERGE_PATCH) patched = applyMergePatch(document, patch);
    else patched = applyStrategicMergePatch(document, patch);
  } catch (error) {
    if (!(error instanceof PatchError)) throw error;
    throw error.kind === 'malformed'
      ? badRequest(error.message)
      : patchNotApplicable();
  }
  if (!isJsonObject(patched) || !isJsonObject(patched.metadata)) {
    throw badRequest(
      "couldn't get version/kind; json parse error: the patched object is not a JSON object with metadata",
    );
  }
  const object = patched as unknown as KubeObject;
  checkKind(info, object);
  return object;
}

/**
 * What an update stores: writes to the object leave its status as it was,
 * writes to `/status` change nothing but the status (the status subresource).
 * The written object's resourceVersion stays, as the store's precondition.
 */
function forSubresource(
  current: KubeObject,
  written: KubeObject,
  status: boolean,
): KubeObject {
  if (!status) return { ...written, status: current.status };
  return {
    ...current,
    metadata: {
      ...current.metadata,
      resourceVersion: written.metadata.resourceVersion,
    },
    status: written.status,
  };
}

function deleteResult(info: KubeResourceInfo, deleted: KubeObject) {
  // Pods answer with the deleted object; other resources with a Success Status naming it.
  if (info.resource === 'pods') return deleted;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: {
      name: deleted.metadata.name,
      ...(info.group ? { group: info.group } : {}),
      kind: info.resource,
      uid: deleted.metadata.uid,
    },
  };
}

function checkPreconditions(
  info: KubeResourceInfo,
  current: KubeObject,
  body: Buffer,
) {
  if (body.length === 0) return;
  const options = parseJson(body);
  const preconditions =
    isJsonObject(options) && isJsonObject(options.preconditions)
      ? options.preconditions
      : {};
  for (const [field, label] of [
    ['uid', 'UID'],
    ['resourceVersion', 'ResourceVersion'],
  ] as const) {
    const expected = preconditions[field];
    const actual = current.metadata[field];
    if (typeof expected === 'string' && expected !== actual) {
      const base = conflictError(info, current.metadata.name);
      throw new KubeApiError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${qualifiedResource(info)} "${
          current.metadata.name
        }": Precondition failed: ${label} in precondition: ${expected}, ${label} in object meta: ${String(
          actual ?? '',
        )}`,
        base.details,
      );
    }
  }
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
    if (!isAuthenticated(req.headers.authorization))
      throw new KubeApiError(401, 'Unauthorized', 'Unauthorized');
    const route = routeOf(target.path);
    if (!route) throw pathNotFound();
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
