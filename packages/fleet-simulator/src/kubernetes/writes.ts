/**
 * The rules of writes, as the API server applies them: reading and checking
 * the bodies of POST and PUT (objects), PATCH (patches) and DELETE (delete
 * options), what an update stores, and what a delete answers.
 */
import type { IncomingMessage } from 'node:http';
import type { KubeObject } from '../model/types';
import { isJsonObject, type JsonValue } from '../json';
import { conflictError, qualifiedResource } from './errors';
import {
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  PatchError,
} from './patch';
import type { KubeResourceInfo } from './resources';
import {
  badRequest,
  KubeApiError,
  patchNotApplicable,
  unsupportedMediaType,
} from './status';

const JSON_PATCH = 'application/json-patch+json';
const MERGE_PATCH = 'application/merge-patch+json';
const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';

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
export function objectBody(
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

export function checkName(object: KubeObject, name: string) {
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
export function inRouteNamespace(
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

export function applyPatch(
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
export function forSubresource(
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

export function deleteResult(info: KubeResourceInfo, deleted: KubeObject) {
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

export function checkPreconditions(
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
