import { randomUUID } from 'node:crypto';
import type { SimClock } from '../clock';
import {
  KubeStoreError,
  type KubeObject,
  type KubeResource,
  type KubeStore,
  type KubeWatchEvent,
} from '../model/types';
import {
  alreadyExistsError,
  conflictError,
  notFoundError,
  ResourceVersionExpiredError,
} from './errors';
import { cloneJson, jsonEqual } from '../json';
import { normalize, specPart, withGeneratedName } from './incomingObjects';
import { KUBE_RESOURCES, kubeObjectKey } from './resources';

export interface KubeStoreOptions {
  /**
   * How many changes the store remembers for watch replay and consistent
   * paging (etcd keeps ~5 minutes; older resourceVersions answer 410 Expired).
   */
  historyLimit?: number;
  /** Source of `metadata.uid` (random UUIDs unless a test wants stable ones). */
  newUid?: () => string;
}

interface StoredChange {
  revision: number;
  resource: KubeResource;
  key: string;
  type: KubeWatchEvent['type'];
  /** The object after the change (for DELETED: its last state, at the deletion's revision). */
  object: KubeObject;
  /** The object before the change; undefined for ADDED. */
  previous?: KubeObject;
}

interface Watcher {
  resource: KubeResource;
  namespace?: string;
  since: number;
  listener: (event: KubeWatchEvent) => void;
}

/** Parses a resourceVersion as the store issues them; KubeStoreError Invalid otherwise. */
export function parseResourceVersion(resourceVersion: string): number {
  if (!/^(0|[1-9][0-9]{0,15})$/.test(resourceVersion)) {
    throw new KubeStoreError(
      'Invalid',
      `invalid resource version "${resourceVersion}"`,
    );
  }
  return Number(resourceVersion);
}

/**
 * Creates one cluster's object store. Stored objects are never mutated: every
 * write stores a fresh copy, so the change history can share them, and
 * callers only ever get copies.
 */
export function createKubeStore(
  clock: SimClock,
  options: KubeStoreOptions = {},
): KubeStore {
  const historyLimit = options.historyLimit ?? 2000;
  const newUid = options.newUid ?? randomUUID;
  const objects = new Map<KubeResource, Map<string, KubeObject>>(
    Object.values(KUBE_RESOURCES).map(info => [info.resource, new Map()]),
  );
  let revision = 0;
  const history: StoredChange[] = [];
  /** Changes up to this revision are forgotten. */
  let compactedRevision = 0;
  const watchers = new Set<Watcher>();
  const undelivered: StoredChange[] = [];
  let delivering = false;

  function objectsOf(resource: KubeResource): Map<string, KubeObject> {
    const map = objects.get(resource);
    if (!map)
      throw new KubeStoreError(
        'NotFound',
        `the server could not find the requested resource "${resource}"`,
      );
    return map;
  }

  function scopedNamespace(
    resource: KubeResource,
    namespace: string | undefined,
  ) {
    return KUBE_RESOURCES[resource].namespaced
      ? namespace ?? 'default'
      : undefined;
  }

  function matchesNamespace(
    object: KubeObject,
    namespace: string | undefined,
  ): boolean {
    return namespace === undefined || object.metadata.namespace === namespace;
  }

  /**
   * Delivers changes in revision order even when a listener writes to the
   * store while being notified (the nested change waits its turn).
   */
  function deliver() {
    if (delivering) return;
    delivering = true;
    try {
      for (
        let change = undelivered.shift();
        change;
        change = undelivered.shift()
      ) {
        for (const watcher of [...watchers]) {
          if (
            watchers.has(watcher) &&
            watcher.resource === change.resource &&
            change.revision > watcher.since &&
            matchesNamespace(change.object, watcher.namespace)
          ) {
            watcher.listener({
              type: change.type,
              object: cloneJson(change.object),
            });
          }
        }
      }
    } finally {
      delivering = false;
    }
  }

  function commit(
    change: Omit<StoredChange, 'revision'>,
    stored: KubeObject,
  ): KubeObject {
    const recorded: StoredChange = { ...change, revision };
    const map = objectsOf(change.resource);
    if (change.type === 'DELETED') map.delete(change.key);
    else map.set(change.key, stored);
    history.push(recorded);
    if (history.length > historyLimit) {
      compactedRevision = history.shift()!.revision;
    }
    undelivered.push(recorded);
    deliver();
    return cloneJson(stored);
  }

  function stamp(object: KubeObject, nextRevision: number): KubeObject {
    return {
      ...object,
      metadata: { ...object.metadata, resourceVersion: String(nextRevision) },
    };
  }

  function checkRevision(since: string): number {
    const parsed = parseResourceVersion(since);
    if (parsed < compactedRevision) {
      throw new ResourceVersionExpiredError(
        `too old resource version: ${parsed} (${compactedRevision})`,
      );
    }
    return parsed;
  }

  const store: KubeStore = {
    list(resource, namespace) {
      const result: KubeObject[] = [];
      const map = objectsOf(resource);
      for (const key of [...map.keys()].sort()) {
        const object = map.get(key)!;
        if (matchesNamespace(object, namespace)) result.push(cloneJson(object));
      }
      return result;
    },

    listAt(resource, namespace, resourceVersion) {
      const at = checkRevision(resourceVersion);
      if (at >= revision) return store.list(resource, namespace);
      const state = new Map(objectsOf(resource));
      for (
        let i = history.length - 1;
        i >= 0 && history[i].revision > at;
        i--
      ) {
        const change = history[i];
        if (change.resource !== resource) continue;
        if (change.previous) state.set(change.key, change.previous);
        else state.delete(change.key);
      }
      return [...state.keys()]
        .sort()
        .map(key => state.get(key)!)
        .filter(object => matchesNamespace(object, namespace))
        .map(object => cloneJson(object));
    },

    get(resource, name, namespace) {
      const object = objectsOf(resource).get(
        kubeObjectKey(name, scopedNamespace(resource, namespace)),
      );
      return object && cloneJson(object);
    },

    create(resource, object) {
      const info = KUBE_RESOURCES[resource];
      const incoming = normalize(info, withGeneratedName(object));
      const { name, namespace } = incoming.metadata;
      const key = kubeObjectKey(name, namespace);
      const map = objectsOf(resource);
      if (map.has(key)) throw alreadyExistsError(info, name);
      revision += 1;
      const stored = stamp(
        {
          ...incoming,
          metadata: {
            ...incoming.metadata,
            uid: newUid(),
            generation: 1,
            creationTimestamp: new Date(clock.now())
              .toISOString()
              .replace(/\.\d{3}Z$/, 'Z'),
          },
        },
        revision,
      );
      return commit({ resource, key, type: 'ADDED', object: stored }, stored);
    },

    update(resource, object) {
      const info = KUBE_RESOURCES[resource];
      const incoming = normalize(info, object);
      const { name, namespace, resourceVersion } = incoming.metadata;
      const key = kubeObjectKey(name, namespace);
      const current = objectsOf(resource).get(key);
      if (!current) throw notFoundError(info, name);
      if (
        resourceVersion &&
        resourceVersion !== current.metadata.resourceVersion
      ) {
        throw conflictError(info, name);
      }
      const candidate: KubeObject = {
        ...incoming,
        metadata: {
          ...incoming.metadata,
          uid: current.metadata.uid,
          creationTimestamp: current.metadata.creationTimestamp,
          generation: current.metadata.generation,
          resourceVersion: current.metadata.resourceVersion,
        },
      };
      // Like the API server, a write that changes nothing is not a change.
      if (jsonEqual(candidate, current)) return cloneJson(current);
      if (!jsonEqual(specPart(candidate), specPart(current))) {
        candidate.metadata.generation = (current.metadata.generation ?? 0) + 1;
      }
      revision += 1;
      const stored = stamp(candidate, revision);
      return commit(
        { resource, key, type: 'MODIFIED', object: stored, previous: current },
        stored,
      );
    },

    delete(resource, name, namespace) {
      const info = KUBE_RESOURCES[resource];
      const key = kubeObjectKey(name, scopedNamespace(resource, namespace));
      const current = objectsOf(resource).get(key);
      if (!current) throw notFoundError(info, name);
      revision += 1;
      const last = stamp(current, revision);
      return commit(
        { resource, key, type: 'DELETED', object: last, previous: current },
        last,
      );
    },

    resourceVersion: () => String(revision),

    watch(resource, namespace, sinceResourceVersion, listener) {
      const since =
        sinceResourceVersion === undefined || sinceResourceVersion === ''
          ? revision
          : checkRevision(sinceResourceVersion);
      const watcher: Watcher = { resource, namespace, since, listener };
      // Replay first, then register: nothing can be written in between.
      for (const change of history) {
        if (
          change.revision > since &&
          change.resource === resource &&
          matchesNamespace(change.object, namespace)
        ) {
          listener({ type: change.type, object: cloneJson(change.object) });
        }
      }
      // Everything up to now was replayed; a change still queued for delivery must not come twice.
      watcher.since = Math.max(since, revision);
      watchers.add(watcher);
      return () => {
        watchers.delete(watcher);
      };
    },
  };
  return store;
}
