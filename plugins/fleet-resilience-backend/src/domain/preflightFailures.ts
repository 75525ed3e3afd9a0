/**
 * Preflight: what a failed call to AWS or a cluster was, from the error alone.
 * Pure: the preflight's I/O hands over what it caught, this names its kind
 * (denied, bad credentials, unreachable, timed out, ...) and the IAM action
 * AWS named in its refusal, so the checks can say what to change.
 */

/** A caught error reduced to plain, secret-free data. */
export interface ProbeError {
  /** The error's name, e.g. `AccessDeniedException`, `TimeoutError`. */
  name: string;
  /** One line, bounded. */
  message: string;
  /** The HTTP status the service answered, when it answered. */
  statusCode?: number;
  /** A Node.js system error code down the cause chain, e.g. `ECONNREFUSED`. */
  code?: string;
}

/** What a probe saw: a value, or why there is none. */
export type ProbeOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; error: ProbeError };

export type FailureKind =
  | 'access-denied'
  | 'bad-credentials'
  | 'not-found'
  | 'unreachable'
  | 'timeout'
  | 'throttled'
  | 'other';

const MAX_MESSAGE = 500;

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_MESSAGE
    ? `${line.slice(0, MAX_MESSAGE - 1)}…`
    : line;
}

function chainOf(error: unknown): Array<Record<string, unknown>> {
  const chain: Array<Record<string, unknown>> = [];
  let current: unknown = error;
  while (
    typeof current === 'object' &&
    current !== null &&
    chain.length < 8 &&
    !chain.includes(current as Record<string, unknown>)
  ) {
    chain.push(current as Record<string, unknown>);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

const str = (value: unknown) =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/**
 * The innermost named error of the cause chain (the service's own refusal
 * under our wrappers), with the first HTTP status and system error code found.
 */
export function probeErrorOf(error: unknown): ProbeError {
  const chain = chainOf(error);
  if (chain.length === 0) {
    return {
      name: 'Error',
      message: oneLine(String(error)) || 'unknown error',
    };
  }
  const generic = (item: Record<string, unknown>) =>
    str(item.name) === undefined || item.name === 'Error';
  // Wrappers (ForwardedError and the like) come first; the cause says more.
  const named =
    [...chain]
      .reverse()
      .find(item => !generic(item) && item.name !== 'ForwardedError') ??
    chain[0];
  let statusCode: number | undefined;
  let code: string | undefined;
  for (const item of chain) {
    const metadata = item.$metadata as { httpStatusCode?: unknown } | undefined;
    const status =
      metadata?.httpStatusCode ?? item.statusCode ?? item.status ?? item.code;
    if (statusCode === undefined && typeof status === 'number') {
      statusCode = status;
    }
    if (code === undefined && typeof item.code === 'string') {
      code = item.code;
    }
  }
  const message =
    str(named.message) ?? str(chain[0].message) ?? 'unknown error';
  return {
    name: str(named.name) ?? 'Error',
    message: oneLine(message),
    ...(statusCode !== undefined ? { statusCode } : {}),
    ...(code !== undefined ? { code } : {}),
  };
}

const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
]);
const BAD_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidSignatureException',
  'CredentialsProviderError',
]);
const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  'NoSuchConfigurationAggregatorException',
  'NotFoundError',
]);
const TIMEOUT = new Set([
  'TimeoutError',
  'AbortError',
  'ArcZonalShiftTimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);
const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
]);
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);

/** The kind of failure, from the error's name, status, code and wording. */
export function failureKind(error: ProbeError): FailureKind {
  if (
    DENIED.has(error.name) ||
    /not authorized to perform/i.test(error.message)
  )
    return 'access-denied';
  if (BAD_CREDENTIALS.has(error.name)) return 'bad-credentials';
  if (NOT_FOUND.has(error.name)) return 'not-found';
  if (THROTTLED.has(error.name) || error.statusCode === 429) return 'throttled';
  if (error.code && UNREACHABLE_CODES.has(error.code)) {
    return error.code === 'ETIMEDOUT' ||
      error.code === 'UND_ERR_CONNECT_TIMEOUT'
      ? 'timeout'
      : 'unreachable';
  }
  if (
    TIMEOUT.has(error.name) ||
    /timed out|did not answer within|no answer within/i.test(error.message)
  )
    return 'timeout';
  if (
    error.message === 'fetch failed' ||
    /getaddrinfo|socket hang up/i.test(error.message)
  )
    return 'unreachable';
  if (error.statusCode === 403) return 'access-denied';
  if (error.statusCode === 401) return 'bad-credentials';
  if (error.statusCode === 404) return 'not-found';
  return 'other';
}

/**
 * The IAM action AWS named in an access-denied message ("User: ... is not
 * authorized to perform: eks:DescribeCluster on resource: ..."), else `fallback`.
 */
export function deniedAction(error: ProbeError, fallback: string): string {
  const match = /not authorized to perform:? ([a-z0-9-]+:[A-Za-z0-9]+)/i.exec(
    error.message,
  );
  return match ? match[1] : fallback;
}

/** "AccessDeniedException: User: ... is not authorized ..." for a check's detail. */
export function describeProbeError(error: ProbeError): string {
  const status = error.statusCode ? ` (HTTP ${error.statusCode})` : '';
  const code =
    error.code && !error.message.includes(error.code) ? ` [${error.code}]` : '';
  return error.name &&
    error.name !== 'Error' &&
    !error.message.startsWith(error.name)
    ? `${error.name}${status}: ${error.message}${code}`
    : `${error.message}${status}${code}`;
}
