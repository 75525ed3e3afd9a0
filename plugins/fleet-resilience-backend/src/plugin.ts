import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import {
  AwsArcStateReader,
  AwsClientFactory,
  AwsConfigInventorySource,
  AwsEksClusterConfigurer,
  AwsEksClusterDescriber,
  AwsResilienceHubReader,
  findAccountsWithoutRole,
  fleetResilienceInventoryExtensionPoint,
  KubernetesApiClusterReader,
  KubernetesApiClusterWriter,
  type FleetInventorySource,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  readAllowedServices,
  readReadinessFollowMs,
  readShiftActionsConfig,
} from './actions/actionsConfig';
import { setUpReadinessActions } from './actions/setUpReadinessActions';
import { eksDetailsRecord } from './ingestion/eksDetails';
import { createReadinessFixRoutes } from './service/readinessFixRoutes';
import { ShiftActions } from './actions/ShiftActions';
import { scheduleIntentResolution } from './actions/scheduleIntentResolution';
import { readFleetResilienceConfig } from './config/fleetConfig';
import { ActionReads } from './database/ActionReads';
import { AuditStore } from './database/AuditStore';
import { IdempotencyStore } from './database/IdempotencyStore';
import { recordActionIntent } from './database/recordActionIntent';
import {
  recordActionOutcome,
  recordNotApplied,
} from './database/recordActionOutcome';
import { FleetPublisher } from './events/FleetPublisher';
import { createShiftRoutes } from './service/shiftRoutes';
import { createFleetStores } from './database';
import { migrateDatabase } from './database/migrations';
import { ReconcileStore } from './database/ReconcileStore';
import { FleetRefresher } from './ingestion/FleetRefresher';
import { pendingKubernetesReads } from './ingestion/pendingKubernetesReads';
import { scheduleRefresh } from './ingestion/scheduleRefresh';
import { setUpReconciler } from './reconciler/setUpReconciler';
import { loadClusterResources } from './database/clusterResources';
import { ClusterAuthorizer } from './permissions/ClusterAuthorizer';
import { registerClusterResource } from './permissions/registerClusterResource';
import { createReconcileRoutes } from './service/reconcileRoutes';
import { createRouter } from './service/router';
import { countClustersByState } from './database/clusterCounts';
import { createFleetMetrics } from './metrics/fleetMetrics';
import { setUpPreflight } from './preflight/setUpPreflight';
import { createPreflightRoutes } from './service/preflightRoutes';
import { readRefreshCooldownMs } from './service/refreshRoute';
import { FleetReads } from './service/FleetReads';
import { registerFleetActions } from './registeredActions/registerFleetActions';

function checkSources(sources: readonly FleetInventorySource[]) {
  if (sources.length === 0) {
    throw new Error(
      'Fleet Resilience has no inventory source: configure fleetResilience.inventory.awsConfig, or install a module that adds one through fleetResilienceInventoryExtensionPoint',
    );
  }
  const ids = new Set<string>();
  for (const source of sources) {
    if (ids.has(source.id)) {
      throw new Error(
        `Two Fleet Resilience inventory sources have the id '${source.id}'; ids must be unique`,
      );
    }
    ids.add(source.id);
  }
}

/**
 * The Fleet Resilience backend plugin: scheduled ingestion of the EKS fleet
 * (AWS Config, ARC, Resilience Hub, EKS, each cluster's Kubernetes API) into
 * its store, the permission-checked HTTP API at `/api/fleet-resilience`,
 * and the same reads and shift actions as tools in the actions registry
 * (for MCP clients; see registeredActions/).
 *
 * @public
 */
export const fleetResiliencePlugin = createBackendPlugin({
  pluginId: 'fleet-resilience',
  register(env) {
    const addedSources: FleetInventorySource[] = [];
    env.registerExtensionPoint(fleetResilienceInventoryExtensionPoint, {
      addInventorySource(...sources) {
        addedSources.push(...sources);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        signals: signalsServiceRef,
        notifications: notificationService,
        metrics: metricsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({
        config,
        logger,
        database,
        scheduler,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        signals,
        notifications,
        metrics,
        actionsRegistry,
      }) {
        const settings = readFleetResilienceConfig(config);
        // Least privilege: every read signs with the reader's credentials;
        // ARC shift writes and NodePool patches with the operator's.
        const clients = AwsClientFactory.fromConfig(config);
        const operatorClients = AwsClientFactory.fromConfig(config, {
          role: 'operator',
        });
        for (const accountId of findAccountsWithoutRole(config)) {
          logger.warn(
            `AWS account ${accountId} is listed under aws.accounts without roleName, keys or profile: integration-aws-node does not apply aws.accountDefaults to it, so its calls use the backend's own identity and land in the wrong account. Give it a roleName or remove it from the list`,
          );
        }
        const sources: FleetInventorySource[] = [
          ...(settings.awsConfigInventory
            ? [AwsConfigInventorySource.fromConfig(config, { clients })]
            : []),
          ...addedSources,
        ];
        checkSources(sources);

        // The migrations run once; every store is built on the one client.
        const knex = await migrateDatabase(database);
        const stores = createFleetStores(knex, {
          snapshotsPerCluster: settings.snapshotsPerCluster,
        });
        const fleetMetrics = createFleetMetrics({
          metrics,
          logger,
          countClusters: () => countClustersByState(knex),
        });
        const eksDescriber = new AwsEksClusterDescriber({ clients });
        const refresher = new FleetRefresher({
          stores,
          logger,
          metrics: fleetMetrics,
          readers: {
            inventorySources: sources,
            arc: new AwsArcStateReader({ clients }),
            resilienceHub: new AwsResilienceHubReader({ clients }),
            eks: eksDescriber,
            kubernetes: KubernetesApiClusterReader.fromConfig(config, {
              clients,
            }),
          },
          settings: {
            tags: settings.tags,
            awsConcurrency: settings.awsConcurrency,
            kubernetesConcurrency: settings.kubernetes.concurrency,
            kubernetesTimeoutMs: settings.kubernetes.timeoutMs,
            eksRecheckMs: settings.eksRecheckMs,
          },
        });
        const publisher = new FleetPublisher({
          logger,
          signals,
          notifications,
        });
        const { trigger } = await scheduleRefresh({
          scheduler,
          refresher,
          logger,
          schedules: settings.schedules,
          kubernetesShards: settings.kubernetesShards,
          kubernetesReadPending: () =>
            pendingKubernetesReads(stores, settings.kubernetesShards.count),
          // Open pages refetch what they show.
          onRefreshed: () => publisher.signal({ type: 'fleet-refreshed' }),
        });

        // Reads and actions are decided per cluster; lists filtered in SQL.
        const clusterAuthorizer = new ClusterAuthorizer({
          permissions,
          transform: registerClusterResource(permissionsRegistry, arns =>
            loadClusterResources(knex, arns),
          ),
        });
        const reconcileStore = new ReconcileStore(knex);
        const reconciliation = await setUpReconciler({
          config,
          scheduler,
          logger,
          clients,
          store: reconcileStore,
          clusterQueries: stores.clusters,
          signals,
          metrics: fleetMetrics,
          // NodePool writes: EKS tokens signed with the operator's credentials.
          writer: KubernetesApiClusterWriter.fromConfig(config, {
            clients: operatorClients,
          }),
        });
        const auditStore = new AuditStore(knex);
        const actionSettings = readShiftActionsConfig(config);
        const actionReads = new ActionReads(knex);
        const idempotencyStore = new IdempotencyStore(knex);
        const recordOutcome = (
          outcome: Parameters<typeof recordActionOutcome>[1],
          now: Date,
        ) => recordActionOutcome(knex, outcome, now);
        // Readiness fixes: EKS changes with the operator's credentials, its
        // updates followed with the reader's. Once zonal shift is on, the
        // cluster is described again and ARC (which now lists it) refreshed.
        let lastReadinessRefresh = 0;
        const readiness = await setUpReadinessActions({
          knex,
          scheduler,
          logger,
          permissions,
          clusterAuthorizer,
          clusters: stores.clusters,
          audit: auditStore,
          idempotency: idempotencyStore,
          aws: {
            eksDescriber,
            eksConfigurer: new AwsEksClusterConfigurer({
              clients: operatorClients,
            }),
            eksUpdates: new AwsEksClusterConfigurer({ clients }),
            arc: target => clients.arc(target),
            arcOperator: target => operatorClients.arc(target),
          },
          redescribe: async ref => {
            const details = await eksDescriber.describe(ref);
            await stores.inventory.applyEksDetails(
              [eksDetailsRecord(details)],
              new Date().toISOString(),
            );
            // ARC lists the cluster now; at most one refresh a minute for
            // a fleet-wide fix whose updates end one after another.
            if (Date.now() - lastReadinessRefresh > 60_000) {
              lastReadinessRefresh = Date.now();
              await trigger();
            }
          },
          publisher,
          settings: actionSettings,
          followEveryMs: readReadinessFollowMs(config),
        });
        // Intents a crash left pending: at start-up and then periodically.
        await scheduleIntentResolution({
          scheduler,
          logger,
          leaseMs: actionSettings.idempotencyLeaseMs,
          resolver: {
            audit: auditStore,
            reads: actionReads,
            keys: idempotencyStore,
            recordOutcome,
            recordNotApplied: (audit, key, now) =>
              recordNotApplied(knex, audit, key, now),
            arc: target => clients.arc(target),
            readiness: readiness.resolveIntent,
          },
        });
        const shiftActions = new ShiftActions({
          clusters: stores.clusters,
          reads: actionReads,
          audit: auditStore,
          idempotency: idempotencyStore,
          recordIntent: (intent, now) => recordActionIntent(knex, intent, now),
          recordOutcome,
          arc: target => clients.arc(target),
          arcOperator: target => operatorClients.arc(target),
          permissions,
          clusterAuthorizer,
          publisher,
          logger,
          settings: actionSettings,
          metrics: fleetMetrics,
          // The reconciler makes the cluster reconcile at once.
          onShiftChanged: reconciliation.kick,
        });
        const allowedServices = readAllowedServices(config);
        // Can the roles reach every account, region and cluster? Checked
        // per replica at start-up and on demand. Before the first refresh
        // has stored clusters, they come from the inventory sources.
        const preflight = await setUpPreflight({
          config,
          logger,
          scheduler,
          clients,
          operatorClients,
          findAccountsWithoutRole,
          concurrency: settings.awsConcurrency,
          clusterConcurrency: settings.kubernetes.concurrency,
          clusters: async () => {
            const stored = await stores.clusters.listAllClusters();
            if (stored.length > 0) return stored.map(c => c.ref);
            const snapshots = await Promise.allSettled(
              sources.map(source => source.readInventory()),
            );
            return snapshots.flatMap(read =>
              read.status === 'fulfilled'
                ? read.value.clusters.map(c => c.ref)
                : [],
            );
          },
        });
        // One answer per question, for the routes and the tools alike.
        const reads = new FleetReads({
          stores,
          audit: auditStore,
          clusterAuthorizer,
        });
        registerFleetActions({
          actionsRegistry,
          reads,
          shiftActions,
          allowedServices,
        });
        httpRouter.use(
          await createRouter({
            reads,
            stores,
            httpAuth,
            permissions,
            clusterAuthorizer,
            logger,
            triggerRefresh: trigger,
            allowedServices,
            refreshCooldownMs: readRefreshCooldownMs(config),
            shiftRoutes: createShiftRoutes({
              shiftActions,
              reads,
              httpAuth,
              allowedServices,
            }),
            readinessFixRoutes: createReadinessFixRoutes({
              readinessActions: readiness.readinessActions,
              reads,
              httpAuth,
              allowedServices,
            }),
            reconcileRoutes: createReconcileRoutes({
              store: reconcileStore,
              fleetStore: stores.clusters,
              modeSettings: reconciliation.modeSettings,
              httpAuth,
              clusterAuthorizer,
            }),
            preflightRoutes: createPreflightRoutes({
              preflight,
              httpAuth,
              permissions,
              allowedServices,
            }),
          }),
        );
        logger.info(
          `Fleet Resilience: ${sources.length} inventory source(s) (${sources
            .map(s => s.id)
            .join(', ')})`,
        );
      },
    });
  },
});
