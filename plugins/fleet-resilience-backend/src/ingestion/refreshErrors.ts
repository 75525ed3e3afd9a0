/**
 * What a reader of `/refresh-status` (and a cluster's health) is told when a
 * read or a write fails: a classified message naming the source and the
 * kind of failure, never the error's own text (SQL, URLs, an AWS request ID,
 * a stack). The error itself goes to the log. Pure.
 */
import { kubernetesFailureKind } from '@fleet-resilience/plugin-fleet-resilience-node';

/** An error whose message is written for readers (the refresher's own). */
export class ShownRefreshError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShownRefreshError';
  }
}

/** Where a refresh failed: reading the source, or writing what it read. */
export type RefreshPhase = 'read' | 'write';

interface ErrorFacts {
  names: string[];
  codes: string[];
  statuses: number[];
}

function factsOf(error: unknown): ErrorFacts {
  const facts: ErrorFacts = { names: [], codes: [], statuses: [] };
  const seen = new Set<unknown>();
  let current: unknown = error;
  // The cause chain: ForwardedError, the AWS SDK's and node's errors.
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as Record<string, unknown>;
    for (const key of ['name', '__type', 'Code']) {
      if (typeof e[key] === 'string') facts.names.push(e[key] as string);
    }
    if (typeof e.code === 'string') facts.codes.push(e.code);
    // @kubernetes/client-node's ApiException: the HTTP status as `code`.
    if (typeof e.code === 'number') facts.statuses.push(e.code);
    const metadata = e.$metadata as { httpStatusCode?: unknown } | undefined;
    for (const status of [
      metadata?.httpStatusCode,
      e.statusCode,
      e.status,
      (e.response as { statusCode?: unknown } | undefined)?.statusCode,
    ]) {
      if (typeof status === 'number') facts.statuses.push(status);
    }
    current = e.cause;
  }
  return facts;
}

const KINDS: Array<{
  kind: string;
  names?: RegExp;
  codes?: RegExp;
  statuses?: (status: number) => boolean;
}> = [
  {
    kind: 'access denied (check the role and its permissions)',
    names:
      /AccessDenied|Unauthori[sz]ed|NotAuthorized|Forbidden|InvalidClientTokenId|ExpiredToken|UnrecognizedClient|InvalidSignature|SignatureDoesNotMatch|CredentialsProviderError/i,
    statuses: status => status === 401 || status === 403,
  },
  {
    kind: 'throttled',
    names: /Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/i,
    statuses: status => status === 429,
  },
  {
    kind: 'timed out',
    names: /Timeout|TimedOut|AbortError/i,
    codes: /ETIMEDOUT|ESOCKETTIMEDOUT|UND_ERR_.*TIMEOUT|ABORT_ERR/i,
  },
  {
    kind: 'unreachable',
    codes:
      /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i,
  },
  {
    kind: 'not found (check the configuration)',
    names: /NotFound|NoSuch/i,
    statuses: status => status === 404,
  },
  {
    kind: 'service error',
    names:
      /InternalServer|ServiceUnavailable|InternalFailure|ServiceException$/i,
    statuses: status => status >= 500,
  },
  {
    kind: 'request refused',
    names: /Validation|InvalidParameter|InvalidRequest|BadRequest/i,
    statuses: status => status === 400,
  },
];

/**
 * The message shown for a failed refresh of `what` (e.g. `ARC`, `AWS
 * Config`, `Kubernetes API`): `<what>: <kind>`, or `database write failed`.
 */
export function classifyRefreshError(
  error: unknown,
  what: string,
  phase: RefreshPhase = 'read',
): string {
  if (error instanceof ShownRefreshError) {
    return error.message;
  }
  if (phase === 'write') {
    return 'database write failed';
  }
  // The node package's reader refuses an endpoint before any call.
  if (kubernetesFailureKind(error) === 'endpoint-not-used') {
    return `${what}: endpoint not used (see the backend log)`;
  }
  const facts = factsOf(error);
  for (const { kind, names, codes, statuses } of KINDS) {
    if (
      (names && facts.names.some(name => names.test(name))) ||
      (codes && facts.codes.some(code => codes.test(code))) ||
      (statuses && facts.statuses.some(statuses))
    ) {
      return `${what}: ${kind}`;
    }
  }
  return `${what}: read failed`;
}
