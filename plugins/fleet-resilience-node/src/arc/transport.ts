import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  HttpRequest,
} from '@smithy/types';
import { errorFromResponse, isRetryable } from './ArcZonalShiftError';

export const SIGNING_NAME = 'arc-zonal-shift';

/**
 * Exponential backoff with full jitter: `baseMs` doubling up to `maxMs`.
 *
 * @public
 */
export interface RetryDelay {
  /** First backoff ceiling; it doubles per attempt. */
  baseMs: number;
  /** Highest ceiling. */
  maxMs: number;
}

/** As the AWS SDKs: 100 ms doubling, capped at 20 s, full jitter. */
export const DEFAULT_RETRY_DELAY: RetryDelay = { baseMs: 100, maxMs: 20_000 };

export interface TransportOptions {
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  endpoint: string;
  maxAttempts: number;
  retryDelay: RetryDelay;
  /** Per attempt, ms: the answer (headers and body) must be in by then. */
  attemptTimeoutMs: number;
  /** Per call, retries and backoff included, ms. */
  deadlineMs: number;
  fetch: typeof fetch;
}

/** As long as an ARC call may take: 10 s per attempt, 30 s in all. */
export const DEFAULT_ARC_TIMEOUTS = {
  attemptTimeoutMs: 10_000,
  deadlineMs: 30_000,
};

/**
 * ARC did not answer in time. `mayHaveApplied`: the request changes
 * something (POST, PATCH, DELETE) and was sent, so ARC may have done it;
 * such a call is never retried after a timeout (a second StartZonalShift
 * would start a second shift).
 *
 * @public
 */
export class ArcZonalShiftTimeoutError extends Error {
  /** The request was a write (not GET): ARC may have applied it. */
  readonly mayHaveApplied: boolean;
  /** The timeout that fired: the attempt's or the whole call's. */
  readonly timeoutMs: number;

  constructor(init: { method: string; timeoutMs: number; what: string }) {
    const mayHaveApplied = init.method !== 'GET';
    super(
      `ARC zonal shift did not answer ${init.what} (${init.timeoutMs} ms)${
        mayHaveApplied ? '; the request may have been applied' : ''
      }`,
    );
    this.name = 'TimeoutError';
    this.mayHaveApplied = mayHaveApplied;
    this.timeoutMs = init.timeoutMs;
  }
}

const isAbort = (error: unknown) => {
  const name = (error as { name?: string })?.name;
  return name === 'TimeoutError' || name === 'AbortError';
};

export interface ArcRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Already URL-encoded path, e.g. `/managedresources/arn%3Aaws%3A...`. */
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
}

/** Full-jitter backoff: uniform in [0, min(max, base * 2^(attempt-1))). */
export function backoffDelay(
  attempt: number,
  delay: RetryDelay,
  random = Math.random,
): number {
  return random() * Math.min(delay.maxMs, delay.baseMs * 2 ** (attempt - 1));
}

/** RFC 3986 encoding, as SigV4 canonicalises: encodeURIComponent plus `!'()*`. */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Signs each request with SigV4 (`arc-zonal-shift`), sends it, and retries
 * throttling (429 / ThrottlingException) and 5xx with capped exponential
 * backoff and jitter. Any other error is thrown at once as ArcZonalShiftError.
 */
export class ArcTransport {
  private readonly signer: SignatureV4;
  private readonly base: URL;

  constructor(private readonly options: TransportOptions) {
    this.signer = new SignatureV4({
      service: SIGNING_NAME,
      region: options.region,
      credentials: options.credentials,
      sha256: Sha256,
    });
    this.base = new URL(options.endpoint);
  }

  /**
   * One call: each attempt has `attemptTimeoutMs`, the whole call (retries
   * and backoff included) `deadlineMs`. A read that times out is retried
   * within the deadline; a write is not (ARC may have applied it).
   */
  async send<T>(request: ArcRequest): Promise<T> {
    const { attemptTimeoutMs, deadlineMs, maxAttempts } = this.options;
    const deadline = Date.now() + deadlineMs;
    for (let attempt = 1; ; attempt++) {
      const budget = Math.min(attemptTimeoutMs, deadline - Date.now());
      const timedOut = (what: string, timeoutMs: number) =>
        new ArcZonalShiftTimeoutError({
          method: request.method,
          what,
          timeoutMs,
        });
      if (budget <= 0) throw timedOut("within the call's deadline", deadlineMs);
      let status: number;
      let headers: Headers;
      let text: string;
      try {
        const response = await this.sendOnce(
          request,
          AbortSignal.timeout(budget),
        );
        status = response.status;
        headers = response.headers;
        text = await response.text();
      } catch (error) {
        if (!isAbort(error)) throw error;
        const last =
          request.method !== 'GET' ||
          attempt >= maxAttempts ||
          Date.now() >= deadline;
        if (last) {
          throw budget < attemptTimeoutMs
            ? timedOut("within the call's deadline", deadlineMs)
            : timedOut('within the attempt timeout', attemptTimeoutMs);
        }
        continue;
      }
      if (status >= 200 && status < 300) {
        return (text ? JSON.parse(text) : {}) as T;
      }
      const error = errorFromResponse(status, headers, text);
      const wait = backoffDelay(attempt, this.options.retryDelay);
      if (
        !isRetryable(error.name, error.statusCode) ||
        attempt >= maxAttempts ||
        Date.now() + wait >= deadline
      ) {
        throw error;
      }
      await sleep(wait);
    }
  }

  /** Signed anew on every attempt, so a retry never carries a stale date. */
  private async sendOnce(
    request: ArcRequest,
    signal: AbortSignal,
  ): Promise<Response> {
    const query: Record<string, string> = {};
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) query[key] = value;
    }
    const body =
      request.body === undefined ? undefined : JSON.stringify(request.body);
    const basePath = this.base.pathname.replace(/\/$/, '');
    const unsigned: HttpRequest = {
      method: request.method,
      protocol: this.base.protocol,
      hostname: this.base.hostname,
      port: this.base.port ? Number(this.base.port) : undefined,
      path: `${basePath}${request.path}`,
      query,
      headers: {
        host: this.base.host,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body,
    };
    const signed = await this.signer.sign(unsigned);
    const search = Object.entries(query)
      .map(([key, value]) => `${uriEncode(key)}=${uriEncode(value)}`)
      .join('&');
    const url = `${this.base.origin}${unsigned.path}${
      search ? `?${search}` : ''
    }`;
    return this.options.fetch(url, {
      method: request.method,
      headers: signed.headers,
      body,
      signal,
    });
  }
}
