import type { Config } from '@backstage/config';
import {
  ApiException,
  AppsV1Api,
  AutoscalingV2Api,
  CoreV1Api,
  type ConfigurationOptions,
  CustomObjectsApi,
  type KubeConfig,
  PolicyV1Api,
} from '@kubernetes/client-node';
import type { AwsClients } from '../aws/AwsClientFactory';
import type {
  InventoryProblem,
  KubernetesClusterReader,
  KubernetesClusterState,
  KubernetesTarget,
} from '../sources/types';
import {
  karpenterInstallationFrom,
  KARPENTER_LABEL_SELECTOR,
} from './karpenterInstallation';
import {
  describeKubernetesFailure,
  kubernetesConnectionOptionsFromConfig,
  KubernetesConnector,
  type KubernetesConnectionOptions,
} from './kubernetesConnection';
import { capacityNodeFrom, zonesOfNodes } from './nodeCapacity';
import { nodePoolStateFrom } from './nodePoolState';
import { KUBERNETES_SOURCE, type ObjectResult } from './objectResult';
import { PodPageFold } from './podPages';
import { DNS_NAMESPACE, readinessFactsFrom } from './readinessFacts';
import type { KubernetesTokenProvider } from './tokenProviders';
import { recordAt } from './workloadTemplate';

/**
 * Options of {@link KubernetesApiClusterReader}.
 *
 * @public
 */
export type KubernetesApiClusterReaderOptions = KubernetesConnectionOptions;

/** Pods that hold resources: Succeeded and Failed ones do not. */
export const ACTIVE_PODS_FIELD_SELECTOR =
  'status.phase!=Succeeded,status.phase!=Failed';
const KARPENTER = { group: 'karpenter.sh', version: 'v1' } as const;

/** Why one cluster could not be read; `cause` is the client's own error. */
export class KubernetesClusterReadError extends Error {
  constructor(message: string, readonly cause?: unknown) {
    super(message);
    this.name = 'KubernetesClusterReadError';
  }
}

/** A list the cluster's RBAC forbids (403). */
const FORBIDDEN = Symbol('forbidden');

/** Why native zonal shift support is unknown when Deployments cannot be listed. */
export const FORBIDDEN_DEPLOYMENTS =
  "listing Deployments is forbidden by the cluster's Kubernetes RBAC, so Karpenter's settings cannot be read";

/** The list, or FORBIDDEN when the API server answers 403. */
async function unlessForbidden<T>(
  list: Promise<T>,
): Promise<T | typeof FORBIDDEN> {
  try {
    return await list;
  } catch (error) {
    if (error instanceof ApiException && error.code === 403) return FORBIDDEN;
    throw error;
  }
}

function forbiddenProblem(list: string, affects: string): InventoryProblem {
  return {
    source: KUBERNETES_SOURCE,
    resource: list,
    message: `${list} could not be listed (forbidden by the cluster's Kubernetes RBAC): ${affects}`,
  };
}

/** The lists the readiness facts add, as RBAC names them in `readiness.unreadable`. */
export const READINESS_LISTS = {
  deployments: 'deployments.apps',
  statefulSets: 'statefulsets.apps',
  disruptionBudgets: 'poddisruptionbudgets.policy',
  autoscalers: 'horizontalpodautoscalers.autoscaling',
} as const;

function readable<T>(list: T | typeof FORBIDDEN): T | undefined {
  return list === FORBIDDEN ? undefined : list;
}

const [KARPENTER_LABEL_KEY, KARPENTER_LABEL_VALUE] =
  KARPENTER_LABEL_SELECTOR.split('=');

/** Karpenter's Deployment among all of them (`app.kubernetes.io/name=karpenter`). */
function isKarpenterDeployment(deployment: unknown): boolean {
  return (
    recordAt(deployment, 'metadata', 'labels')[KARPENTER_LABEL_KEY] ===
    KARPENTER_LABEL_VALUE
  );
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
 * Reads one cluster's Kubernetes API with `@kubernetes/client-node`: Nodes,
 * active Pods, Karpenter v1 NodePools and NodeClaims, Deployments (Karpenter's
 * among them), StatefulSets, PodDisruptionBudgets and `kube-system`'s
 * HorizontalPodAutoscalers, each as a paged list (`limit` + `continue`); the
 * workloads become the readiness facts (counts, no pods kept). Pods are
 * folded page by page into requests per node and per-workload counts, so a
 * read holds one page of them at a time. Every request has
 * its own timeout and is retried on 429 and 5xx. An object that does not
 * validate becomes a problem. A NodeClaim or Deployment list the cluster's
 * RBAC forbids (403) becomes a problem naming what it leaves unknown (the
 * NodeClaim count; Karpenter's version and native zonal shift support, in
 * `karpenter.nativeZonalShiftUnknown`); each of the lists the readiness facts
 * add that RBAC forbids is named in `readiness.unreadable`; a cluster that cannot be reached,
 * refuses the token or fails any other list rejects with the cluster and the
 * reason.
 *
 * @public
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
    return new KubernetesApiClusterReader(
      kubernetesConnectionOptionsFromConfig(config, options),
    );
  }

  private readonly connector: KubernetesConnector;

  constructor(options: KubernetesApiClusterReaderOptions) {
    this.connector = new KubernetesConnector(options);
  }

  private get settings() {
    return this.connector.settings;
  }

  async read(
    target: KubernetesTarget,
    options: { signal?: AbortSignal } = {},
  ): Promise<KubernetesClusterState> {
    const endpoint = this.connector.endpoint(target);
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
    const kubeConfig = await this.connector.kubeConfig(target, server);
    try {
      return await this.readWith(kubeConfig, target, signal);
    } finally {
      kubeConfig.release();
    }
  }

  private async readWith(
    kubeConfig: KubeConfig,
    target: KubernetesTarget,
    signal?: AbortSignal,
  ): Promise<KubernetesClusterState> {
    const core = kubeConfig.makeApiClient(CoreV1Api);
    const apps = kubeConfig.makeApiClient(AppsV1Api);
    const custom = kubeConfig.makeApiClient(CustomObjectsApi);
    const policy = kubeConfig.makeApiClient(PolicyV1Api);
    const autoscaling = kubeConfig.makeApiClient(AutoscalingV2Api);
    const limit = this.settings.pageSize;

    // A list RBAC may forbid without failing the cluster (readiness facts).
    const list = (
      fetchPage: (
        _continue: string | undefined,
        o: ConfigurationOptions,
      ) => Promise<unknown>,
    ) => unlessForbidden(this.connector.listAll(fetchPage, signal));

    // Pods are the bulk of a cluster: each page is folded and dropped.
    const pods = new PodPageFold();
    const [
      nodes,
      ,
      nodePools,
      nodeClaims,
      deployments,
      statefulSets,
      disruptionBudgets,
      autoscalers,
    ] = await Promise.all([
      this.connector.listAll(
        (_continue, o) => core.listNode({ limit, _continue }, o),
        signal,
      ),
      this.connector.forEachPage(
        (_continue, o) =>
          core.listPodForAllNamespaces(
            { fieldSelector: ACTIVE_PODS_FIELD_SELECTOR, limit, _continue },
            o,
          ),
        page => pods.add(page),
        signal,
      ),
      this.listKarpenter(custom, 'nodepools', signal),
      unlessForbidden(this.listKarpenter(custom, 'nodeclaims', signal)),
      list((_continue, o) =>
        apps.listDeploymentForAllNamespaces({ limit, _continue }, o),
      ),
      list((_continue, o) =>
        apps.listStatefulSetForAllNamespaces({ limit, _continue }, o),
      ),
      list((_continue, o) =>
        policy.listPodDisruptionBudgetForAllNamespaces({ limit, _continue }, o),
      ),
      list((_continue, o) =>
        autoscaling.listNamespacedHorizontalPodAutoscaler(
          { namespace: DNS_NAMESPACE, limit, _continue },
          o,
        ),
      ),
    ]);

    const problems: InventoryProblem[] = [];
    // A list the cluster's RBAC forbids marks what it tells, not the cluster.
    if (nodeClaims === FORBIDDEN) {
      problems.push(
        forbiddenProblem('NodeClaims', 'the NodeClaim count is unknown'),
      );
    }
    if (deployments === FORBIDDEN) {
      problems.push(
        forbiddenProblem(
          'Deployments',
          "Karpenter's version and native zonal shift support are unknown",
        ),
      );
    }
    const claims = nodeClaims === FORBIDDEN ? undefined : nodeClaims;
    const capacityNodes = collect(nodes, capacityNodeFrom, problems);
    problems.push(...pods.problems);
    const pools = collect(nodePools ?? [], nodePoolStateFrom, problems);
    const zones = zonesOfNodes(capacityNodes);
    problems.push(...zones.problems);
    const karpenter =
      deployments === FORBIDDEN
        ? undefined
        : karpenterInstallationFrom(deployments.filter(isKarpenterDeployment));
    const lists = {
      deployments: readable(deployments),
      statefulSets: readable(statefulSets),
      disruptionBudgets: readable(disruptionBudgets),
      autoscalers: readable(autoscalers),
    };
    const readiness = readinessFactsFrom({
      nodes,
      pods: pods.workloads,
      ...lists,
      unreadable: (Object.keys(lists) as Array<keyof typeof READINESS_LISTS>)
        .filter(name => lists[name] === undefined)
        .map(name => READINESS_LISTS[name]),
    });
    const installed =
      karpenter !== undefined ||
      (nodePools?.length ?? 0) > 0 ||
      (claims?.length ?? 0) > 0;
    return {
      nodes: capacityNodes,
      podRequests: pods.requests,
      nodePools: pools,
      nodeClaimCount: claims?.length ?? 0,
      zones: zones.zones,
      karpenter: {
        installed,
        ...(karpenter?.version ? { version: karpenter.version } : {}),
        nativeZonalShift: karpenter?.nativeZonalShift ?? false,
        ...(deployments === FORBIDDEN
          ? { nativeZonalShiftUnknown: FORBIDDEN_DEPLOYMENTS }
          : {}),
      },
      problems: problems.map(problem => ({
        ...problem,
        resource: `${target.ref.arn}/${problem.resource ?? ''}`,
      })),
      readiness,
    };
  }

  /** A Karpenter v1 list; undefined when the CRD is not installed (404). */
  private async listKarpenter(
    custom: CustomObjectsApi,
    plural: 'nodepools' | 'nodeclaims',
    signal?: AbortSignal,
  ): Promise<unknown[] | undefined> {
    try {
      return await this.connector.listAll(
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
}
