/**
 * Lists with `limit`/`continue` paging and `resourceVersion` semantics. A
 * continue token pins the list to the resourceVersion of its first page, so
 * every page comes from the same snapshot, as etcd serves it; once the store
 * has forgotten that version the token is Expired (410).
 */
import type { KubeObject, KubeStore } from '../model/types';
import { ResourceVersionExpiredError } from './errors';
import { kubeObjectKey, type KubeResourceInfo } from './resources';
import type { ObjectFilter } from './selectors';
import { badRequest, KubeApiError } from './status';
import { parseResourceVersion } from './store';

export interface ListQuery {
  namespace?: string;
  filter?: ObjectFilter;
  limit?: number;
  continueToken?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

export interface KubeList {
  kind: string;
  apiVersion: string;
  metadata: {
    resourceVersion: string;
    continue?: string;
    remainingItemCount?: number;
  };
  /** Built-in lists carry no kind/apiVersion per item; custom resource lists do. */
  items: Array<Record<string, unknown>>;
}

interface ContinueToken {
  v: 'meta.k8s.io/v1';
  /** The snapshot's resourceVersion; -1 continues on the current state. */
  rv: number;
  /** The key of the last object already returned. */
  start: string;
}

const INCONSISTENT_CONTINUE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

function encodeContinue(rv: number, start: string): string {
  const token: ContinueToken = { v: 'meta.k8s.io/v1', rv, start };
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeContinue(text: string): ContinueToken {
  let token: unknown;
  try {
    token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw badRequest(
      'invalid continue token: continue key is not valid: illegal base64 data or JSON',
    );
  }
  const candidate = token as Partial<ContinueToken> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    candidate.v !== 'meta.k8s.io/v1' ||
    typeof candidate.rv !== 'number' ||
    !Number.isInteger(candidate.rv) ||
    candidate.rv < -1 ||
    candidate.rv === 0 ||
    typeof candidate.start !== 'string' ||
    candidate.start === ''
  ) {
    throw badRequest(
      'invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
  return candidate as ContinueToken;
}

/** Parses a `resourceVersion` query value; 400 when it is not one the server issued. */
export function resourceVersionParam(value: string): number {
  try {
    return parseResourceVersion(value);
  } catch {
    throw badRequest(
      `resourceVersion: Invalid value: ${JSON.stringify(
        value,
      )}: resource version must be a non-negative integer`,
    );
  }
}

function snapshot(
  kube: KubeStore,
  info: KubeResourceInfo,
  namespace: string | undefined,
  rv: number,
): KubeObject[] {
  return kube.listAt
    ? kube.listAt(info.resource, namespace, String(rv))
    : kube.list(info.resource, namespace);
}

/** Which state a list reads: the current one, or an exact older snapshot. */
function listTarget(
  kube: KubeStore,
  query: ListQuery,
): { rv: number; exact: boolean; start?: string } {
  const current = Number(kube.resourceVersion());
  const { continueToken, resourceVersion, resourceVersionMatch, limit } = query;
  if (resourceVersionMatch !== undefined && !resourceVersion) {
    throw badRequest(
      'resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
    );
  }
  if (
    resourceVersionMatch !== undefined &&
    !['Exact', 'NotOlderThan'].includes(resourceVersionMatch)
  ) {
    throw badRequest(
      `resourceVersionMatch: Unsupported value: ${JSON.stringify(
        resourceVersionMatch,
      )}: supported values: "Exact", "NotOlderThan"`,
    );
  }
  if (continueToken) {
    if (resourceVersion)
      throw badRequest(
        'specifying resource version is not allowed when using continue',
      );
    const token = decodeContinue(continueToken);
    return token.rv === -1
      ? { rv: current, exact: false, start: token.start }
      : { rv: token.rv, exact: true, start: token.start };
  }
  if (!resourceVersion || resourceVersion === '0')
    return { rv: current, exact: false };
  const rv = resourceVersionParam(resourceVersion);
  const exact =
    resourceVersionMatch === 'Exact' ||
    (resourceVersionMatch === undefined && (limit ?? 0) > 0);
  if (rv > current) {
    throw new KubeApiError(
      504,
      'Timeout',
      `Too large resource version: ${rv}, current: ${current}`,
      {
        causes: [
          {
            reason: 'ResourceVersionTooLarge',
            message: 'Too large resource version',
            field: '',
          },
        ],
        retryAfterSeconds: 1,
      },
    );
  }
  return exact ? { rv, exact } : { rv: current, exact };
}

/** One page of a list, as the API server answers it. */
export function listObjects(
  kube: KubeStore,
  info: KubeResourceInfo,
  query: ListQuery,
): KubeList {
  const target = listTarget(kube, query);
  let objects: KubeObject[];
  try {
    objects = target.exact
      ? snapshot(kube, info, query.namespace, target.rv)
      : kube.list(info.resource, query.namespace);
  } catch (error) {
    if (!(error instanceof ResourceVersionExpiredError)) throw error;
    if (target.start === undefined)
      throw new KubeApiError(
        410,
        'Expired',
        'The resourceVersion for the provided list is too old.',
      );
    throw new KubeApiError(410, 'Expired', INCONSISTENT_CONTINUE, undefined, {
      continue: encodeContinue(-1, target.start),
    });
  }
  const keyOf = (object: KubeObject) =>
    kubeObjectKey(object.metadata.name, object.metadata.namespace);
  const start = target.start;
  const after =
    start === undefined
      ? objects
      : objects.filter(object => keyOf(object) > start);
  const selected = query.filter ? after.filter(query.filter) : after;
  const limit =
    query.limit !== undefined && query.limit > 0 ? query.limit : undefined;
  const items = limit === undefined ? selected : selected.slice(0, limit);
  const more = items.length < selected.length;
  return {
    kind: info.listKind,
    apiVersion: info.apiVersion,
    metadata: {
      resourceVersion: String(target.rv),
      ...(more
        ? {
            continue: encodeContinue(target.rv, keyOf(items[items.length - 1])),
          }
        : {}),
      // Like the API server, only counted when no selector makes the count expensive.
      ...(more && !query.filter
        ? { remainingItemCount: selected.length - items.length }
        : {}),
    },
    items: info.custom
      ? items
      : items.map(({ kind: _kind, apiVersion: _apiVersion, ...rest }) => rest),
  };
}
