import type { Config } from '@backstage/config';
import { AuthorizationV1Api } from '@kubernetes/client-node';
import type { AwsClients } from '../aws/AwsClientFactory';
import type { KubernetesTarget } from '../sources/types';
import { KubernetesClusterReadError } from './KubernetesApiClusterReader';
import {
  describeKubernetesFailure,
  kubernetesConnectionOptionsFromConfig,
  KubernetesConnector,
  type KubernetesConnectionOptions,
} from './kubernetesConnection';
import type { KubernetesTokenProvider } from './tokenProviders';

/**
 * One verb on one resource type, cluster-wide, as RBAC names it.
 *
 * @public
 */
export interface KubernetesAccessRequest {
  /** RBAC verb, e.g. `list`, `patch`. */
  verb: string;
  /** API group, '' for core. */
  group: string;
  /** Plural resource name, e.g. `nodepools`. */
  resource: string;
}

/**
 * What the API server's authorizer answered for one request.
 *
 * @public
 */
export interface KubernetesAccessDecision extends KubernetesAccessRequest {
  /** `status.allowed` of the review. */
  allowed: boolean;
  /** The authorizer's reason or evaluation error, when it gave one. */
  reason?: string;
}

/**
 * Asks one cluster's Kubernetes API, with a SelfSubjectAccessReview per
 * request (`POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews`),
 * whether the token's identity may do each thing, connected exactly as the
 * reader and the writer connect (endpoint check, token, CA, timeouts,
 * retries on 429/5xx). Changes nothing in the cluster. A cluster that cannot
 * be reached or refuses the token rejects with a
 * `KubernetesClusterReadError` naming the cluster and the reason (its
 * `cause` is the client's error, for `kubernetesFailureKind`).
 *
 * @public
 */
export class KubernetesAccessReviewer {
  /** Reads `fleetResilience.kubernetes`; tokens are EKS IAM tokens from `clients`' credentials. */
  static fromConfig(
    config: Config,
    options: {
      clients: Pick<AwsClients, 'credentials' | 'stsEndpoint'>;
      tokens?: KubernetesTokenProvider;
    },
  ): KubernetesAccessReviewer {
    return new KubernetesAccessReviewer(
      kubernetesConnectionOptionsFromConfig(config, options),
    );
  }

  private readonly connector: KubernetesConnector;

  constructor(options: KubernetesConnectionOptions) {
    this.connector = new KubernetesConnector(options);
  }

  /** Asks the authorizer about each request, in order; see the class comment for failures. */
  async review(
    target: KubernetesTarget,
    requests: readonly KubernetesAccessRequest[],
    options: { signal?: AbortSignal } = {},
  ): Promise<KubernetesAccessDecision[]> {
    const endpoint = this.connector.endpoint(target);
    if (!endpoint.ok) {
      throw new KubernetesClusterReadError(
        `Kubernetes API of ${target.ref.arn} is not used: ${endpoint.reason}`,
      );
    }
    try {
      const kubeConfig = await this.connector.kubeConfig(target, endpoint.url);
      const api = kubeConfig.makeApiClient(AuthorizationV1Api);
      // A handful of small requests per cluster, at once.
      const decisions = await Promise.all(
        requests.map(async (request): Promise<KubernetesAccessDecision> => {
          const answer = await this.connector.request(
            o =>
              api.createSelfSubjectAccessReview(
                {
                  body: {
                    apiVersion: 'authorization.k8s.io/v1',
                    kind: 'SelfSubjectAccessReview',
                    spec: {
                      resourceAttributes: {
                        verb: request.verb,
                        group: request.group,
                        resource: request.resource,
                      },
                    },
                  },
                },
                o,
              ),
            options.signal,
          );
          const status = answer?.status;
          const reason = status?.reason || status?.evaluationError;
          return {
            ...request,
            allowed: status?.allowed === true,
            ...(reason ? { reason } : {}),
          };
        }),
      );
      return decisions;
    } catch (error) {
      throw new KubernetesClusterReadError(
        `Kubernetes API of ${target.ref.arn} at ${
          endpoint.url
        } could not review access: ${describeKubernetesFailure(
          error,
          this.connector.settings.requestTimeoutMs,
        )}`,
        error,
      );
    }
  }
}
