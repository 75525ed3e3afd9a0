import type { Config } from '@backstage/config';
import { isError } from '@backstage/errors';
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  Observable,
  type ConfigurationOptions,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import type { AwsClients } from '../aws/AwsClientFactory';
import type {
  InventoryProblem,
  KubernetesClusterReader,
  KubernetesClusterState,
  KubernetesTarget,
} from '../sources/types';
import { isRecord } from '../util/json';
import { retryWithBackoff } from '../util/retry';
import { checkApiServerEndpoint } from './apiServerEndpoint';
import {
  karpenterInstallationFrom,
  KARPENTER_LABEL_SELECTOR,
} from './karpenterInstallation';
import {
  DEFAULT_KUBERNETES_SETTINGS,
  readKubernetesSettings,
  type KubernetesReadSettings,
} from './kubernetesSettings';
import { capacityNodeFrom, zonesOfNodes } from './nodeCapacity';
import { nodePoolStateFrom } from './nodePoolState';
import type { ObjectResult } from './objectResult';
import { capacityPodFrom } from './podRequests';
import {
  EksTokenProvider,
  type KubernetesTokenProvider,
} from './tokenProviders';

export interface KubernetesApiClusterReaderOptions
  extends Partial<KubernetesReadSettings> {
  tokens: KubernetesTokenProvider;
  /** Backoff between retries; default 200 ms doubling up to 5 s, full jitter. */
  retryDelay?: { baseMs: number; maxMs: number };
}

/** Pods that hold resources: Succeeded and Failed ones do not. */
export const ACTIVE_PODS_FIELD_SELECTOR =
  'status.phase!=Succeeded,status.phase!=Failed';
const KARPENTER = { group: 'karpenter.sh', version: 'v1' } as const;

type Page = {
  items?: unknown;
  metadata?: { _continue?: string; continue?: string };
};
type RequestOptions = ConfigurationOptions;

/** An HTTP answer worth retrying: throttled or a server fault. */
function isRetryable(error: unknown): boolean {
  return (
    error instanceof ApiException && (error.code === 429 || error.code >= 500)
  );
}

/** Why one cluster could not be read; `cause` is the client's own error. */
export class KubernetesClusterReadError extends Error {
  constructor(message: string, readonly cause?: unknown) {
    super(message);
    this.name = 'KubernetesClusterReadError';
  }
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

function collect<T>(
  objects: readonly unknown[],
  read: (object: unknown) => ObjectResult<T>,
  problems: InventoryProblem[],
): T[] {
  const values: T[] = [];
  for (const object of objects) {
    const result = read(object);
    if (result.ok) values.push(result.value);
    else problems.push(result.problem);
  }
  return values;
}

/**
 * Reads one cluster's Kubernetes API with @kubernetes/client-node: Nodes,
 * active Pods, Karpenter v1 NodePools and NodeClaims, and the Karpenter
 * Deployment, each as a paged list (`limit` + `continue`). Every request has
 * its own timeout and is retried on 429 and 5xx. An object that does not
 * validate becomes a problem; a cluster that cannot be reached, refuses the
 * token or fails a list rejects with the cluster and the reason.
 */
export class KubernetesApiClusterReader implements KubernetesClusterReader {
  /** Reads `fleetResilience.kubernetes`; tokens are EKS IAM tokens from the account's credentials. */
  static fromConfig(
    config: Config,
    options: {
      clients: Pick<AwsClients, 'credentials' | 'stsEndpoint'>;
      tokens?: KubernetesTokenProvider;
    },
  ): KubernetesApiClusterReader {
    return new KubernetesApiClusterReader({
      ...readKubernetesSettings(config),
      tokens: options.tokens ?? new EksTokenProvider(options.clients),
    });
  }

  private readonly settings: KubernetesReadSettings;

  constructor(private readonly options: KubernetesApiClusterReaderOptions) {
    this.settings = {
      ...DEFAULT_KUBERNETES_SETTINGS,
      ...stripUndefined(options),
    };
  }

  async read(
    target: KubernetesTarget,
    options: { signal?: AbortSignal } = {},
  ): Promise<KubernetesClusterState> {
    const endpoint = checkApiServerEndpoint(
      target.endpoint,
      this.settings.allowInsecureEndpoints,
    );
    if (!endpoint.ok) {
      throw new KubernetesClusterReadError(
        `Kubernetes API of ${target.ref.arn} is not used: ${endpoint.reason}`,
      );
    }
    try {
      return await this.readCluster(target, endpoint.url, options.signal);
    } catch (error) {
      throw new KubernetesClusterReadError(
        `Kubernetes API of ${target.ref.arn} at ${
          endpoint.url
        } could not be read: ${describeKubernetesFailure(
          error,
          this.settings.requestTimeoutMs,
        )}`,
        error,
      );
    }
  }

  private async readCluster(
    target: KubernetesTarget,
    server: string,
    signal?: AbortSignal,
  ): Promise<KubernetesClusterState> {
    // client-node insists on skipTLSVerify for plain http, which only passes
    // checkApiServerEndpoint when insecure endpoints are allowed: there is no
    // TLS to verify then. https always verifies, against the cluster's CA.
    const plainHttp = server.startsWith('http:');
    const kubeConfig = new KubeConfig();
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
      users: [
        { name: 'reader', token: await this.options.tokens.token(target) },
      ],
      contexts: [{ name: 'reader', cluster: 'cluster', user: 'reader' }],
      currentContext: 'reader',
    });
    const core = kubeConfig.makeApiClient(CoreV1Api);
    const apps = kubeConfig.makeApiClient(AppsV1Api);
    const custom = kubeConfig.makeApiClient(CustomObjectsApi);
    const limit = this.settings.pageSize;

    const [nodes, pods, nodePools, nodeClaims, deployments] = await Promise.all(
      [
        this.listAll(
          (_continue, o) => core.listNode({ limit, _continue }, o),
          signal,
        ),
        this.listAll(
          (_continue, o) =>
            core.listPodForAllNamespaces(
              { fieldSelector: ACTIVE_PODS_FIELD_SELECTOR, limit, _continue },
              o,
            ),
          signal,
        ),
        this.listKarpenter(custom, 'nodepools', signal),
        this.listKarpenter(custom, 'nodeclaims', signal),
        this.listAll(
          (_continue, o) =>
            apps.listDeploymentForAllNamespaces(
              { labelSelector: KARPENTER_LABEL_SELECTOR, limit, _continue },
              o,
            ),
          signal,
        ),
      ],
    );

    const problems: InventoryProblem[] = [];
    const capacityNodes = collect(nodes, capacityNodeFrom, problems);
    const capacityPods = collect(pods, capacityPodFrom, problems);
    const pools = collect(nodePools ?? [], nodePoolStateFrom, problems);
    const zones = zonesOfNodes(capacityNodes);
    problems.push(...zones.problems);
    const karpenter = karpenterInstallationFrom(deployments);
    const installed =
      karpenter !== undefined ||
      (nodePools?.length ?? 0) > 0 ||
      (nodeClaims?.length ?? 0) > 0;
    return {
      nodes: capacityNodes,
      pods: capacityPods,
      nodePools: pools,
      nodeClaimCount: nodeClaims?.length ?? 0,
      zones: zones.zones,
      karpenter: {
        installed,
        ...(karpenter?.version ? { version: karpenter.version } : {}),
        nativeZonalShift: karpenter?.nativeZonalShift ?? false,
      },
      problems: problems.map(problem => ({
        ...problem,
        resource: `${target.ref.arn}/${problem.resource ?? ''}`,
      })),
    };
  }

  /** A Karpenter v1 list; undefined when the CRD is not installed (404). */
  private async listKarpenter(
    custom: CustomObjectsApi,
    plural: 'nodepools' | 'nodeclaims',
    signal?: AbortSignal,
  ): Promise<unknown[] | undefined> {
    try {
      return await this.listAll(
        (_continue, o) =>
          custom.listClusterCustomObject(
            { ...KARPENTER, plural, limit: this.settings.pageSize, _continue },
            o,
          ),
        signal,
      );
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return undefined;
      throw error;
    }
  }

  /** Every page of a list, each request with its own timeout and retries. */
  private async listAll(
    fetchPage: (
      continueToken: string | undefined,
      options: RequestOptions,
    ) => Promise<unknown>,
    signal?: AbortSignal,
  ): Promise<unknown[]> {
    const items: unknown[] = [];
    const seen = new Set<string>();
    let continueToken: string | undefined;
    do {
      const token = continueToken;
      const page = (await retryWithBackoff(
        () => fetchPage(token, this.requestOptions(signal)),
        {
          maxAttempts: this.settings.maxAttempts,
          baseDelayMs: this.options.retryDelay?.baseMs ?? 200,
          maxDelayMs: this.options.retryDelay?.maxMs ?? 5_000,
          isRetryable,
          signal,
        },
      )) as Page;
      if (!isRecord(page) || !Array.isArray(page.items)) {
        throw new Error('a list answer has no items');
      }
      items.push(...page.items);
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
    return items;
  }

  /** Per request: abort after the timeout, or when the caller's signal aborts. */
  private requestOptions(signal?: AbortSignal): RequestOptions {
    const timeoutMs = this.settings.requestTimeoutMs;
    return {
      middlewareMergeStrategy: 'append',
      middleware: [
        {
          pre: (context: RequestContext) => {
            const timeout = AbortSignal.timeout(timeoutMs);
            context.setSignal(
              signal ? AbortSignal.any([timeout, signal]) : timeout,
            );
            return new Observable(Promise.resolve(context));
          },
          post: (context: ResponseContext) =>
            new Observable(Promise.resolve(context)),
        },
      ],
    };
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
