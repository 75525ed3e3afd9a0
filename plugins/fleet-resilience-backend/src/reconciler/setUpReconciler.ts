/**
 * Wires the reconciler for plugin.ts: settings, store, ARC observer, the
 * Kubernetes writer, the scheduled task that holds it, and the routes. The
 * routes and `kick` work on every replica (and when the reconciler is
 * disabled, the routes still serve what is stored).
 */
import type {
  DatabaseService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  ArcEventQueueConsumer,
  KubernetesApiClusterWriter,
  type AwsClients,
  type KubernetesNodePoolWriter,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type express from 'express';
import type { FleetStore } from '../database/FleetStore';
import { ReconcileStore } from '../database/ReconcileStore';
import { createReconcileRoutes } from '../service/reconcileRoutes';
import { ArcObserver } from './ArcObserver';
import { ClusterReconciler } from './ClusterReconciler';
import { Reconciler, type SignalPublisher } from './Reconciler';
import { readReconcilerConfig } from './reconcilerConfig';
import { scheduleReconciler } from './scheduleReconciler';

export interface ReconcilerWiring {
  /** Undefined when `fleetResilience.reconciler.enabled` is false. */
  reconciler?: Reconciler;
  /** `GET /reconcile`, `GET /clusters/:clusterArn/reconcile`. */
  routes: express.Router;
  /** For the shift actions' `onShiftChanged`: reconcile the cluster at once. */
  kick: (clusterArn: string) => Promise<void>;
}

export async function setUpReconciler(options: {
  config: Config;
  database: DatabaseService;
  scheduler: SchedulerService;
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  clients: AwsClients;
  fleetStore: FleetStore;
  signals?: SignalPublisher;
  /** Defaults to the node package's KubernetesApiClusterWriter from config. */
  writer?: KubernetesNodePoolWriter;
}): Promise<ReconcilerWiring> {
  const { config, logger, clients, fleetStore } = options;
  const settings = readReconcilerConfig(config);
  const store = await ReconcileStore.create(options.database);
  const routes = createReconcileRoutes({
    store,
    fleetStore,
    modeSettings: settings,
    httpAuth: options.httpAuth,
    permissions: options.permissions,
  });
  if (!settings.enabled) {
    logger.info(
      'Fleet Resilience reconciler: disabled (fleetResilience.reconciler.enabled)',
    );
    return { routes, kick: async () => undefined };
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
    fleetStore,
    store,
    observer: new ArcObserver({ clients, logger }),
    clusters: new ClusterReconciler({
      writer:
        options.writer ??
        KubernetesApiClusterWriter.fromConfig(config, { clients }),
      maxConflictRetries: settings.maxConflictRetries,
    }),
    settings,
    logger,
    ...(options.signals ? { signals: options.signals } : {}),
    ...(events ? { events } : {}),
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
    routes,
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
