/**
 * How every client of this folder reaches one cluster's Kubernetes API with
 * @kubernetes/client-node: the endpoint check, the bearer token, the CA, a
 * timeout per request and retries with backoff on 429 and 5xx only. The
 * reader and the writer share it, so both connect exactly alike.
 */
import type { Config } from '@backstage/config';
import { isError } from '@backstage/errors';
import {
  ApiException,
  Observable,
  setHeaderOptions,
  type ConfigurationOptions,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import type { AwsClients } from '../aws/AwsClientFactory';
import type { KubernetesTarget } from '../sources/types';
import { isRecord } from '../util/json';
import { timeoutSignal } from '../util/timeoutSignal';
import { retryWithBackoff } from '../util/retry';
import {
  checkApiServerEndpoint,
  type EndpointCheck,
} from './apiServerEndpoint';
import {
  DEFAULT_KUBERNETES_SETTINGS,
  readKubernetesSettings,
  type KubernetesReadSettings,
} from './kubernetesSettings';
import { ClusterKubeConfig, takeJsonAnswer } from './kubernetesTransport';
import {
  EksTokenProvider,
  type KubernetesTokenProvider,
} from './tokenProviders';

/**
 * How the Kubernetes reader and writer connect: tokens, timeouts, paging and retries.
 *
 * @public
 */
export interface KubernetesConnectionOptions
  extends Partial<KubernetesReadSettings> {
  tokens: KubernetesTokenProvider;
  /** Backoff between retries; default 200 ms doubling up to 5 s, full jitter. */
  retryDelay?: { baseMs: number; maxMs: number };
}

/**
 * Reads `fleetResilience.kubernetes`; tokens are EKS IAM tokens signed with
 * the cluster account's credentials unless `tokens` is given.
 */
export function kubernetesConnectionOptionsFromConfig(
  config: Config,
  options: {
    clients: Pick<AwsClients, 'credentials' | 'stsEndpoint'>;
    tokens?: KubernetesTokenProvider;
  },
): KubernetesConnectionOptions {
  return {
    ...readKubernetesSettings(config),
    tokens: options.tokens ?? new EksTokenProvider(options.clients),
  };
}

/** An HTTP answer worth retrying: throttled or a server fault. */
export function isRetryableKubernetesError(error: unknown): boolean {
  return (
    error instanceof ApiException && (error.code === 429 || error.code >= 500)
  );
}

/** The HTTP status of a client-node API error; undefined for anything else. */
export function kubernetesStatusOf(error: unknown): number | undefined {
  return error instanceof ApiException ? error.code : undefined;
}

/**
 * A Kubernetes request (its retries included) outlived
 * `fleetResilience.kubernetes.deadlineMs`.
 *
 * @public
 */
export class KubernetesDeadlineError extends Error {
  constructor(readonly deadlineMs: number) {
    super(`the Kubernetes API did not answer within ${deadlineMs} ms`);
    this.name = 'TimeoutError';
  }
}

/** Why a cluster's CA cannot be trusted as its API server's only root, if so. */
export function certificateAuthorityProblem(
  data: string | undefined,
): string | undefined {
  if (!data) {
    return 'EKS reported no certificate authority for the cluster; its Kubernetes API is not contacted without one';
  }
  const pem = Buffer.from(data, 'base64').toString('utf8');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    return "the cluster's certificate authority is not a base64 PEM certificate; its Kubernetes API is not contacted";
  }
  return undefined;
}

/**
 * A short, secret-free description of what went wrong talking to the API
 * server. Duck-typed: errors from undici's fetch may come from another realm.
 */
export function describeKubernetesFailure(
  error: unknown,
  timeoutMs: number,
): string {
  if (error instanceof ApiException) {
    let detail = '';
    const body: unknown =
      typeof error.body === 'string' ? safeJson(error.body) : error.body;
    if (isRecord(body) && typeof body.message === 'string')
      detail = `: ${body.message}`;
    return `HTTP ${error.code}${detail}`;
  }
  if (isError(error)) {
    if (error instanceof KubernetesDeadlineError) return error.message;
    if (error.name === 'TimeoutError')
      return `no answer within ${timeoutMs} ms`;
    const cause = (error as { cause?: unknown }).cause;
    if (error.message === 'fetch failed' && isError(cause)) {
      const code = (cause as { code?: unknown }).code;
      return `unreachable (${
        typeof code === 'string' && !cause.message.includes(code)
          ? `${code}: `
          : ''
      }${cause.message})`;
    }
    return error.message;
  }
  return String(error);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

type Page = {
  items?: unknown;
  metadata?: { _continue?: string; continue?: string };
};

/** Per-request extras: e.g. the patch media type. */
export interface KubernetesRequestExtras {
  contentType?: string;
  /**
   * Takes a successful JSON answer as parsed by JSON.parse; client-node then
   * sees an empty object. Lists use it: the readers validate plain objects,
   * and client-node's model copy of every page (a second object per field,
   * a Date per timestamp) was most of a refresh's garbage.
   */
  onJson?: (body: unknown) => void;
}

/**
 * Builds the client-node configuration for a cluster and runs requests with
 * a timeout each and retries on 429/5xx. A 409 or any 4xx is never retried:
 * the caller decides (a conflict means re-read and re-plan).
 */
export class KubernetesConnector {
  readonly settings: KubernetesReadSettings;

  constructor(private readonly options: KubernetesConnectionOptions) {
    this.settings = {
      ...DEFAULT_KUBERNETES_SETTINGS,
      ...stripUndefined({
        requestTimeoutMs: options.requestTimeoutMs,
        deadlineMs: options.deadlineMs,
        pageSize: options.pageSize,
        maxAttempts: options.maxAttempts,
        allowInsecureEndpoints: options.allowInsecureEndpoints,
      }),
    };
  }

  /**
   * The normalised API server URL of `target`, or why it is not used. An
   * https server is verified against the cluster's own CA only: without one
   * (or with one that is not a base64 PEM certificate) the cluster is not
   * contacted, so its token never goes to a host the system trust store
   * happens to vouch for.
   */
  endpoint(target: KubernetesTarget): EndpointCheck {
    const check = checkApiServerEndpoint(
      target.endpoint,
      this.settings.allowInsecureEndpoints,
    );
    if (!check.ok || this.settings.allowInsecureEndpoints) return check;
    const problem = certificateAuthorityProblem(
      target.certificateAuthorityData,
    );
    return problem ? { ok: false, reason: problem } : check;
  }

  /** A KubeConfig for `server` (an `endpoint()` URL) with a fresh token for `target`. */
  async kubeConfig(
    target: KubernetesTarget,
    server: string,
  ): Promise<ClusterKubeConfig> {
    const token = await this.options.tokens.token(target);
    if (typeof token !== 'string' || token.length === 0) {
      throw new Error(`no bearer token for ${target.ref.arn}`);
    }
    // client-node insists on skipTLSVerify for plain http, which only passes
    // checkApiServerEndpoint when insecure endpoints are allowed: there is no
    // TLS to verify then. https always verifies, against the cluster's CA.
    const plainHttp = server.startsWith('http:');
    const kubeConfig = new ClusterKubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [
        {
          name: 'cluster',
          server,
          ...(target.certificateAuthorityData && !plainHttp
            ? { caData: target.certificateAuthorityData }
            : {}),
          skipTLSVerify: plainHttp,
        },
      ],
      users: [{ name: 'fleet-resilience', token }],
      contexts: [
        {
          name: 'fleet-resilience',
          cluster: 'cluster',
          user: 'fleet-resilience',
        },
      ],
      currentContext: 'fleet-resilience',
    });
    return kubeConfig;
  }

  /**
   * One request, with its own timeout per attempt, retried on 429 and 5xx,
   * all within `deadlineMs`. A timeout is never retried (a write may have
   * been applied).
   */
  async request<T>(
    call: (options: ConfigurationOptions) => Promise<T>,
    signal?: AbortSignal,
    extras: KubernetesRequestExtras = {},
  ): Promise<T> {
    const { deadlineMs, requestTimeoutMs } = this.settings;
    // Timers cleared when the work ends (see timeoutSignal.ts for why).
    const deadline = timeoutSignal(deadlineMs, signal);
    const attempt = async () => {
      const timeout = timeoutSignal(requestTimeoutMs, deadline.signal);
      try {
        return await call(this.requestOptions(timeout.signal, extras));
      } finally {
        timeout.release();
      }
    };
    try {
      return await retryWithBackoff(attempt, {
        maxAttempts: this.settings.maxAttempts,
        baseDelayMs: this.options.retryDelay?.baseMs ?? 200,
        maxDelayMs: this.options.retryDelay?.maxMs ?? 5_000,
        isRetryable: isRetryableKubernetesError,
        signal: deadline.signal,
      });
    } catch (error) {
      if (deadline.timedOut() && !signal?.aborted) {
        throw new KubernetesDeadlineError(deadlineMs);
      }
      throw error;
    } finally {
      deadline.release();
    }
  }

  /** Every page of a list (`limit` + `continue`), each request with its own timeout and retries. */
  async listAll(
    fetchPage: (
      continueToken: string | undefined,
      options: ConfigurationOptions,
    ) => Promise<unknown>,
    signal?: AbortSignal,
  ): Promise<unknown[]> {
    const items: unknown[] = [];
    await this.forEachPage(fetchPage, page => items.push(...page), signal);
    return items;
  }

  /**
   * Like {@link KubernetesConnector.listAll}, but hands each page's items to
   * `onPage` as it arrives and keeps none: a caller that folds them holds
   * one page at a time.
   */
  async forEachPage(
    fetchPage: (
      continueToken: string | undefined,
      options: ConfigurationOptions,
    ) => Promise<unknown>,
    onPage: (items: readonly unknown[]) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const seen = new Set<string>();
    let continueToken: string | undefined;
    do {
      const token = continueToken;
      let json: unknown;
      const answer = await this.request(
        options => fetchPage(token, options),
        signal,
        { onJson: body => (json = body) },
      );
      // A fake or custom client may answer without HTTP: take its object.
      const page = (json ?? answer) as Page;
      json = undefined;
      if (!isRecord(page) || !Array.isArray(page.items)) {
        throw new Error('a list answer has no items');
      }
      onPage(page.items);
      continueToken =
        page.metadata?._continue || page.metadata?.continue || undefined;
      if (continueToken !== undefined) {
        if (seen.has(continueToken))
          throw new Error(
            'the API server returned the same continue token twice',
          );
        seen.add(continueToken);
      }
    } while (continueToken !== undefined);
  }

  /** Per request: `signal` aborts it (its own timeout, or the caller's). */
  private requestOptions(
    signal: AbortSignal,
    extras: KubernetesRequestExtras,
  ): ConfigurationOptions {
    const options: ConfigurationOptions = {
      middlewareMergeStrategy: 'append',
      middleware: [
        {
          pre: (context: RequestContext) => {
            context.setSignal(signal);
            return new Observable(Promise.resolve(context));
          },
          post: (context: ResponseContext) =>
            extras.onJson
              ? takeJsonAnswer(context, extras.onJson)
              : new Observable(Promise.resolve(context)),
        },
      ],
    };
    // The generated clients pick JSON patch for every PATCH; the header set
    // by middleware (which runs after) is what goes on the wire.
    return extras.contentType
      ? setHeaderOptions('Content-Type', extras.contentType, options)
      : options;
  }
}
