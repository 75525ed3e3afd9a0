/**
 * `?watch=true`: a chunked stream of newline-delimited watch events, as the
 * API server's watch cache sends them. Without a resourceVersion (or with
 * "0") the stream starts with synthetic ADDED events for what exists; with one
 * it replays what changed since. Under a selector an object that starts or
 * stops matching arrives as ADDED or DELETED.
 */
import type { ServerResponse } from 'node:http';
import type { KubeObject, KubeStore, KubeWatchEvent } from '../model/types';
import { resourceVersionParam } from './list';
import { kubeObjectKey, type KubeResourceInfo } from './resources';
import type { ObjectFilter } from './selectors';
import { statusOf } from './status';

export interface WatchRequest {
  kube: KubeStore;
  info: KubeResourceInfo;
  namespace?: string;
  filter?: ObjectFilter;
  resourceVersion?: string;
  /** Ends the stream after this many (real) seconds. */
  timeoutSeconds: number;
  /** Send BOOKMARK events (`allowWatchBookmarks=true`) every `bookmarkIntervalMs`. */
  bookmarks: boolean;
  bookmarkIntervalMs: number;
}

type WireEvent = {
  type: KubeWatchEvent['type'] | 'BOOKMARK' | 'ERROR';
  object: unknown;
};

const keyOf = (object: KubeObject) =>
  kubeObjectKey(object.metadata.name, object.metadata.namespace);

/**
 * Streams a watch until the timeout, the client going away, or the returned
 * stop function (server shutdown). Throws before writing anything when the
 * request is malformed, so the caller can still answer 400.
 */
export function serveWatch(
  res: ServerResponse,
  request: WatchRequest,
): () => void {
  const { kube, info, namespace, filter } = request;
  const fromNow = !request.resourceVersion || request.resourceVersion === '0';
  if (!fromNow) resourceVersionParam(request.resourceVersion!);

  res.writeHead(200, {
    'content-type': 'application/json',
    'cache-control': 'no-cache, private',
    'transfer-encoding': 'chunked',
  });
  // Clients wait for the headers before reading events; do not hold them back until the first one.
  res.flushHeaders();
  const send = (event: WireEvent) => {
    if (!res.writableEnded) res.write(`${JSON.stringify(event)}\n`);
  };

  const timers: NodeJS.Timeout[] = [];
  let unsubscribe = () => {};
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    timers.forEach(clearTimeout);
    if (!res.writableEnded) res.end();
  };
  res.on('close', stop);

  try {
    let since: string;
    /** Keys of the objects that currently match the selector. */
    const matching = new Set<string>();
    if (fromNow) {
      since = kube.resourceVersion();
      for (const object of kube.list(info.resource, namespace)) {
        if (filter && !filter(object)) continue;
        matching.add(keyOf(object));
        send({ type: 'ADDED', object });
      }
    } else {
      since = request.resourceVersion!;
      if (filter) {
        const then =
          kube.listAt?.(info.resource, namespace, since) ??
          kube.list(info.resource, namespace);
        then.filter(filter).forEach(object => matching.add(keyOf(object)));
      }
    }
    unsubscribe = kube.watch(
      info.resource,
      namespace,
      since,
      ({ type, object }) => {
        if (!filter) {
          send({ type, object });
          return;
        }
        const key = keyOf(object);
        const was = matching.has(key);
        const now = type !== 'DELETED' && filter(object);
        if (now) matching.add(key);
        else matching.delete(key);
        if (type === 'DELETED') {
          if (was) send({ type, object });
        } else if (now) {
          send({ type: was ? 'MODIFIED' : 'ADDED', object });
        } else if (was) {
          send({ type: 'DELETED', object });
        }
      },
    );
  } catch (error) {
    // The watch cache answers a too-old resourceVersion with an ERROR event, not an HTTP error.
    send({ type: 'ERROR', object: statusOf(error) });
    stop();
    return stop;
  }

  timers.push(setTimeout(stop, request.timeoutSeconds * 1000));
  if (request.bookmarks) {
    timers.push(
      setInterval(() => {
        send({
          type: 'BOOKMARK',
          object: {
            kind: info.kind,
            apiVersion: info.apiVersion,
            metadata: { resourceVersion: kube.resourceVersion() },
          },
        });
      }, request.bookmarkIntervalMs),
    );
  }
  return stop;
}
