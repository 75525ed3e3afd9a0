import type { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import {
  CoreV1Api,
  CustomObjectsApi,
  PatchStrategy,
  type KubeConfig,
} from '@kubernetes/client-node';
import type { AwsClients } from '../aws/AwsClientFactory';
import {
  KubernetesConflictError,
  type InventoryProblem,
  type KubernetesNodePoolWriter,
  type KubernetesTarget,
  type NodeAnnotationsPatch,
  type NodeMarkList,
  type NodePoolList,
  type NodePoolPatch,
  type NodePoolState,
} from '../sources/types';
import { KubernetesClusterReadError } from './KubernetesApiClusterReader';
import {
  describeKubernetesFailure,
  kubernetesConnectionOptionsFromConfig,
  KubernetesConnector,
  kubernetesStatusOf,
  type KubernetesConnectionOptions,
} from './kubernetesConnection';
import {
  checkObjectName,
  nodeAnnotationsMergePatch,
  nodePoolMergePatch,
} from './mergePatches';
import { nodeMarkStateFrom } from './nodeMarkState';
import { nodePoolStateFrom } from './nodePoolState';
import type { ObjectResult } from './objectResult';
import type { KubernetesTokenProvider } from './tokenProviders';

/**
 * Options of {@link KubernetesApiClusterWriter}.
 *
 * @public
 */
export type KubernetesApiClusterWriterOptions = KubernetesConnectionOptions;

const NODEPOOLS = {
  group: 'karpenter.sh',
  version: 'v1',
  plural: 'nodepools',
} as const;

/**
 * Why a write to one cluster failed (other than a conflict, a missing object
 * or bad input); `status` is the API server's HTTP status when it answered.
 */
export class KubernetesClusterWriteError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'KubernetesClusterWriteError';
  }
}

function collect<T>(
  objects: readonly unknown[],
  read: (object: unknown) => ObjectResult<T>,
  arn: string,
): { values: T[]; problems: InventoryProblem[] } {
  const values: T[] = [];
  const problems: InventoryProblem[] = [];
  for (const object of objects) {
    const result = read(object);
    if (result.ok) values.push(result.value);
    else
      problems.push({
        ...result.problem,
        resource: `${arn}/${result.problem.resource ?? ''}`,
      });
  }
  return { values, problems };
}

/**
 * Writes Karpenter NodePools and Node annotations of one cluster with
 * `@kubernetes/client-node`, connected exactly like the reader (endpoint check,
 * token, CA, timeout per request, retries on 429/5xx).
 *
 * Every patch is a JSON merge patch carrying the `resourceVersion` it was
 * planned from: a concurrent change answers 409, thrown as
 * {@link KubernetesConflictError} and never retried here (the caller re-reads
 * and re-plans). Retrying a 5xx is safe for the same reason: if the first
 * attempt was in fact stored, the retry meets a newer resourceVersion and
 * answers 409 rather than applying twice.
 *
 * @public
 */
export class KubernetesApiClusterWriter implements KubernetesNodePoolWriter {
  /** Reads `fleetResilience.kubernetes`; tokens are EKS IAM tokens from the account's credentials. */
  static fromConfig(
    config: Config,
    options: {
      clients: Pick<AwsClients, 'credentials' | 'stsEndpoint'>;
      tokens?: KubernetesTokenProvider;
    },
  ): KubernetesApiClusterWriter {
    return new KubernetesApiClusterWriter(
      kubernetesConnectionOptionsFromConfig(config, options),
    );
  }

  private readonly connector: KubernetesConnector;

  constructor(options: KubernetesApiClusterWriterOptions) {
    this.connector = new KubernetesConnector(options);
  }

  async listNodePools(
    target: KubernetesTarget,
    options: { signal?: AbortSignal } = {},
  ): Promise<NodePoolList> {
    const objects = await this.read(target, 'NodePools', async kube => {
      const custom = kube.makeApiClient(CustomObjectsApi);
      try {
        return await this.connector.listAll(
          (_continue, o) =>
            custom.listClusterCustomObject(
              {
                ...NODEPOOLS,
                limit: this.connector.settings.pageSize,
                _continue,
              },
              o,
            ),
          options.signal,
        );
      } catch (error) {
        // No Karpenter CRD: no NodePools.
        if (kubernetesStatusOf(error) === 404) return [];
        throw error;
      }
    });
    const { values, problems } = collect(
      objects,
      nodePoolStateFrom,
      target.ref.arn,
    );
    return { nodePools: values, problems };
  }

  async listNodes(
    target: KubernetesTarget,
    options: { signal?: AbortSignal } = {},
  ): Promise<NodeMarkList> {
    const objects = await this.read(target, 'Nodes', kube => {
      const core = kube.makeApiClient(CoreV1Api);
      return this.connector.listAll(
        (_continue, o) =>
          core.listNode(
            { limit: this.connector.settings.pageSize, _continue },
            o,
          ),
        options.signal,
      );
    });
    const { values, problems } = collect(
      objects,
      nodeMarkStateFrom,
      target.ref.arn,
    );
    return { nodes: values, problems };
  }

  async patchNodePool(
    target: KubernetesTarget,
    name: string,
    patch: NodePoolPatch,
    options: { signal?: AbortSignal } = {},
  ): Promise<NodePoolState> {
    // Checked before anything connects: bad input changes nothing.
    checkObjectName('NodePool', name);
    const body = nodePoolMergePatch(patch);
    const stored = await this.write(target, `NodePool ${name}`, kube => {
      const custom = kube.makeApiClient(CustomObjectsApi);
      return this.connector.request(
        o => custom.patchClusterCustomObject({ ...NODEPOOLS, name, body }, o),
        options.signal,
        { contentType: PatchStrategy.MergePatch },
      );
    });
    const result = nodePoolStateFrom(stored);
    if (!result.ok) {
      throw new KubernetesClusterWriteError(
        `NodePool ${name} of ${target.ref.arn} was patched, but the stored object does not validate: ${result.problem.message}`,
      );
    }
    return result.value;
  }

  async patchNodeAnnotations(
    target: KubernetesTarget,
    name: string,
    patch: NodeAnnotationsPatch,
    options: { signal?: AbortSignal } = {},
  ): Promise<void> {
    checkObjectName('Node', name);
    const body = nodeAnnotationsMergePatch(patch);
    await this.write(target, `Node ${name}`, kube => {
      const core = kube.makeApiClient(CoreV1Api);
      return this.connector.request(
        o => core.patchNode({ name, body }, o),
        options.signal,
        { contentType: PatchStrategy.MergePatch },
      );
    });
  }

  /** Connects and runs `work`; failures reject with the cluster and the reason. */
  private async read<T>(
    target: KubernetesTarget,
    what: string,
    work: (kube: KubeConfig) => Promise<T>,
  ): Promise<T> {
    const server = this.server(target, KubernetesClusterReadError);
    try {
      return await work(await this.connector.kubeConfig(target, server));
    } catch (error) {
      throw new KubernetesClusterReadError(
        `${what} of ${
          target.ref.arn
        } at ${server} could not be read: ${this.describe(error)}`,
        error,
      );
    }
  }

  /** Like `read`, with 409 as a conflict and 404 as not found. */
  private async write<T>(
    target: KubernetesTarget,
    what: string,
    work: (kube: KubeConfig) => Promise<T>,
  ): Promise<T> {
    const server = this.server(target, KubernetesClusterWriteError);
    try {
      return await work(await this.connector.kubeConfig(target, server));
    } catch (error) {
      const status = kubernetesStatusOf(error);
      const reason = this.describe(error);
      if (status === 409) {
        throw new KubernetesConflictError(
          `${what} of ${target.ref.arn} changed since it was read: ${reason}`,
        );
      }
      if (status === 404) {
        throw new NotFoundError(
          `${what} of ${target.ref.arn} does not exist: ${reason}`,
        );
      }
      throw new KubernetesClusterWriteError(
        `${what} of ${target.ref.arn} at ${server} could not be patched: ${reason}`,
        status,
        error,
      );
    }
  }

  private server(
    target: KubernetesTarget,
    ErrorType: new (message: string) => Error,
  ): string {
    const endpoint = this.connector.endpoint(target);
    if (!endpoint.ok) {
      throw new ErrorType(
        `Kubernetes API of ${target.ref.arn} is not used: ${endpoint.reason}`,
      );
    }
    return endpoint.url;
  }

  private describe(error: unknown): string {
    return describeKubernetesFailure(
      error,
      this.connector.settings.requestTimeoutMs,
    );
  }
}
