/**
 * One cluster's Kubernetes read within a refresh run: its API server as
 * EKS reports it, the read, the reduced snapshot stored with its result, or
 * the failure stored (the cluster keeps its last snapshot, marked stale).
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  describeError,
  timeoutSignal,
  type KubernetesClusterReader,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import { decideApiServer } from '../domain/kubernetesApiServer';
import type { KubernetesRefreshTarget } from '../domain/records';
import { reduceKubernetesState } from './reduceKubernetesState';
import { classifyRefreshError, ShownRefreshError } from './refreshErrors';
import { REFRESH_SOURCES, type RefreshRecorder } from './RefreshRecorder';
import type { FleetRefresherStores } from './refresherDependencies';

export interface KubernetesClusterReadDeps {
  stores: Pick<FleetRefresherStores, 'inventory' | 'kubernetes'>;
  reader: KubernetesClusterReader;
  /** Per cluster read. */
  timeoutMs: number;
  recorder: RefreshRecorder;
  logger: LoggerService;
  now: () => Date;
}

/** Reads and stores one cluster; true when it was read. */
export async function readKubernetesCluster(
  deps: KubernetesClusterReadDeps,
  target: KubernetesRefreshTarget,
  signal?: AbortSignal,
): Promise<boolean> {
  const { stores, recorder } = deps;
  const started = deps.now();
  try {
    // The token goes only to the API server EKS reports, never Config's.
    const server = decideApiServer({
      configEndpoint: target.endpoint,
      eksEndpoint: target.eksEndpoint,
      eksCertificateAuthorityData: target.eksCertificateAuthorityData,
    });
    if (!server.use) throw new ShownRefreshError(server.reason);
    const { use: _use, problem, ...apiServer } = server;
    const timeout = timeoutSignal(deps.timeoutMs, signal);
    const state = await deps.reader
      .read({ ref: target.ref, ...apiServer }, { signal: timeout.signal })
      .finally(timeout.release);
    const capturedAt = started.toISOString();
    const snapshot = reduceKubernetesState(
      target.ref.arn,
      state,
      target.zones,
      capturedAt,
    );
    await stores.inventory.upsertAccountZones(
      snapshot.nodeZones.map(zone => ({
        accountId: target.ref.accountId,
        region: target.ref.region,
        zone,
      })),
      capturedAt,
    );
    await stores.kubernetes.applyKubernetesSnapshot(snapshot, {
      ...recorder.result(REFRESH_SOURCES.kubernetes, started, true, {
        clusterArn: target.ref.arn,
      }),
      ...(problem ? { dataProblems: [problem] } : {}),
    });
    return true;
  } catch (error) {
    deps.logger.warn(
      `Kubernetes API of ${target.ref.arn} could not be read: ${describeError(
        error,
      )}`,
    );
    const message = classifyRefreshError(error, 'Kubernetes API');
    await stores.kubernetes.applyKubernetesFailure(
      recorder.result(REFRESH_SOURCES.kubernetes, started, false, {
        clusterArn: target.ref.arn,
        errorMessage: message,
      }),
    );
    return false;
  }
}
