/**
 * Wires the reconciler for plugin.ts: settings, ARC observer, the Kubernetes
 * writer and the scheduled task that holds it. It returns what the routes
 * (service/reconcileRoutes.ts, created by plugin.ts) need besides the store:
 * the mode settings. The routes and `kick` work on every replica (and when
 * the reconciler is disabled, the routes still serve what is stored).
 */
import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  ArcEventQueueConsumer,
  KubernetesApiClusterWriter,
  type AwsClients,
  type KubernetesNodePoolWriter,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { ClusterQueries } from '../database/ClusterQueries';
import type { ReconcileStore } from '../database/ReconcileStore';
import type { ReconcileMetrics } from '../metrics/fleetMetrics';
import { ArcObserver } from './ArcObserver';
import { ClusterReconciler } from './ClusterReconciler';
import type { ModeSettings } from './effectiveMode';
import { Reconciler } from './Reconciler';
import { readReconcilerConfig } from './reconcilerConfig';
import { scheduleReconciler } from './scheduleReconciler';
import type { SignalPublisher } from './types';

export interface ReconcilerWiring {
  /** Undefined when `fleetResilience.reconciler.enabled` is false. */
  reconciler?: Reconciler;
  /** How each cluster's mode is decided, for the reconcile routes. */
  modeSettings: ModeSettings;
  /** For the shift actions' `onShiftChanged`: reconcile the cluster at once. */
  kick: (clusterArn: string) => Promise<void>;
}

export async function setUpReconciler(options: {
  config: Config;
  scheduler: SchedulerService;
  logger: LoggerService;
  clients: AwsClients;
  /** Where each cluster's reconciliation stands, and the kicks. */
  store: ReconcileStore;
  clusterQueries: Pick<ClusterQueries, 'listAllClusters'>;
  signals?: SignalPublisher;
  /** Defaults to the node package's KubernetesApiClusterWriter from config. */
  writer?: KubernetesNodePoolWriter;
  metrics?: ReconcileMetrics;
}): Promise<ReconcilerWiring> {
  const { config, logger, clients, store, clusterQueries } = options;
  const settings = readReconcilerConfig(config);
  if (!settings.enabled) {
    logger.info(
      'Fleet Resilience reconciler: disabled (fleetResilience.reconciler.enabled)',
    );
    return { modeSettings: settings, kick: async () => undefined };
  }
  // ARC's events through SQS (fleetResilience.events.sqs), when configured:
  // an extra trigger; polling stays the safety net.
  let reconciler: Reconciler | undefined = undefined;
  const events = ArcEventQueueConsumer.fromConfig(config, {
    clients,
    logger,
    handler: event => reconciler!.onArcEvent(event),
  });
  reconciler = new Reconciler({
    clusterQueries,
    store,
    observer: new ArcObserver({ clients, logger }),
    clusters: new ClusterReconciler({
      writer:
        options.writer ??
        KubernetesApiClusterWriter.fromConfig(config, { clients }),
      originals: store.originals,
      maxConflictRetries: settings.maxConflictRetries,
      metrics: options.metrics,
    }),
    settings,
    logger,
    ...(options.signals ? { signals: options.signals } : {}),
    ...(events ? { events } : {}),
    metrics: options.metrics,
  });
  await scheduleReconciler({
    scheduler: options.scheduler,
    reconciler,
    leaseMs: settings.leaseMs,
  });
  logger.info(
    `Fleet Resilience reconciler: mode ${settings.mode}, ARC read every ${
      settings.pollIntervalMs
    } ms${events ? ' and ARC events from SQS' : ''}, replica ${
      reconciler.replicaId
    }`,
  );
  return {
    reconciler,
    modeSettings: settings,
    kick: async clusterArn => {
      try {
        await reconciler!.kick(clusterArn);
      } catch (error) {
        // The region poll still reconciles the cluster within seconds.
        logger.warn(
          `Fleet Resilience reconciler: kick of ${clusterArn} not stored: ${
            (error as Error).message
          }`,
        );
      }
    },
  };
}
