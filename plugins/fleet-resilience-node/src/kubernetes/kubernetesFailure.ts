/**
 * What kind of failure a Kubernetes read or write met, and a sentence about
 * it fit for readers of the API: no API server address, no token, no raw text
 * from the API server (those go to the log, through `describeError`).
 */
import { ApiException } from '@kubernetes/client-node';

/**
 * The classes of Kubernetes failures the reconciler and the refresh report.
 *
 * @public
 */
export type KubernetesFailureKind =
  | 'forbidden'
  | 'unauthorized'
  | 'not-found'
  | 'conflict'
  | 'invalid'
  | 'throttled'
  | 'server-error'
  | 'timeout'
  | 'unreachable'
  | 'endpoint-not-used'
  | 'no-token'
  | 'invalid-answer'
  | 'unknown';

const SENTENCES: Record<KubernetesFailureKind, string> = {
  forbidden: "forbidden by the cluster's Kubernetes RBAC (403)",
  unauthorized: 'the Kubernetes API server refused the token (401)',
  'not-found': 'not found (404)',
  conflict: 'changed by someone else since it was read (409 Conflict)',
  invalid: 'the Kubernetes API server rejected the change as invalid',
  throttled: 'the Kubernetes API server kept throttling requests (429)',
  'server-error': 'the Kubernetes API server kept failing (5xx)',
  timeout: 'the Kubernetes API server did not answer in time',
  unreachable: 'the Kubernetes API server could not be reached',
  'endpoint-not-used':
    "the cluster's API server endpoint is not used (see the backend log)",
  'no-token': 'no token for the Kubernetes API could be obtained',
  'invalid-answer':
    'the Kubernetes API server gave an answer that is not valid',
  unknown: 'the Kubernetes API call failed (see the backend log)',
};

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 8) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

function kindOfStatus(status: number): KubernetesFailureKind | undefined {
  if (status === 403) return 'forbidden';
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 422) return 'invalid';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'server-error';
  return undefined;
}

/**
 * The kind of a failure thrown by the Kubernetes reader or writer (or by
 * client-node under them), from the HTTP status where the API server answered.
 *
 * @public
 */
export function kubernetesFailureKind(error: unknown): KubernetesFailureKind {
  const chain = causes(error);
  // The API server's answer first: its text (which it chooses) is never read.
  for (const item of chain) {
    if (item instanceof ApiException)
      return kindOfStatus(item.code) ?? 'unknown';
    const { name, status } = item as { name?: unknown; status?: unknown };
    if (name === 'KubernetesConflictError') return 'conflict';
    if (name === 'NotFoundError') return 'not-found';
    if (typeof status === 'number' && kindOfStatus(status)) {
      return kindOfStatus(status)!;
    }
    if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
    if ((item as { message?: unknown }).message === 'fetch failed') {
      return 'unreachable';
    }
  }
  // Then the innermost error, which this package or the runtime worded.
  const { message } = (chain[chain.length - 1] ?? {}) as { message?: unknown };
  if (typeof message !== 'string') return 'unknown';
  if (/^Kubernetes API of \S+ is not used: /.test(message)) {
    return 'endpoint-not-used';
  }
  if (message.startsWith('no bearer token')) return 'no-token';
  if (message === 'a list answer has no items') return 'invalid-answer';
  if (message === 'the API server returned the same continue token twice') {
    return 'invalid-answer';
  }
  if (
    /^NodePool \S+ of \S+ was patched, but the stored object does not validate/.test(
      message,
    )
  ) {
    return 'invalid-answer';
  }
  return 'unknown';
}

/**
 * A sentence about a Kubernetes failure for readers of the API: its class
 * only. `what` names the call, e.g. "the NodePools could not be listed".
 *
 * @public
 */
export function classifyKubernetesFailure(
  error: unknown,
  what?: string,
): string {
  const sentence = SENTENCES[kubernetesFailureKind(error)];
  return what ? `${what}: ${sentence}` : sentence;
}
