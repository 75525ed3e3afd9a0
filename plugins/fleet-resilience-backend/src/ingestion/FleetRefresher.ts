/**
 * One refresh of the fleet: reads every source and applies the reductions to
 * the store. Thin on purpose: the decisions live in the pure reduce* modules.
 *
 * Health model: every source and every cluster is read on its own; a failure
 * is recorded (refresh_results, and the cluster's freshness) and never stops
 * the rest. A cluster whose Kubernetes API fails keeps its last snapshot,
 * marked stale with the error. A failed inventory read removes nothing.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  AccountRegion,
  FleetInventorySource,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import {
  mapWithConcurrency,
  describeError,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { StoredCluster } from '../domain/records';
import { decideApiServer } from '../domain/kubernetesApiServer';
import { reduceArcState } from './reduceArcState';
import { reduceInventory } from './reduceInventory';
import { reduceKubernetesState } from './reduceKubernetesState';
import { reduceResilienceApps } from './reduceResilienceApps';
import type { DataProblem } from './dataProblems';
import { classifyRefreshError, ShownRefreshError } from './refreshErrors';
import { eksDetailsRecord } from './eksDetails';
import { accountRegionsOf, needsEksDescribe } from './refreshPlan';
import {
  REFRESH_SOURCES,
  RefreshRecorder,
  type RefreshSummary,
} from './RefreshRecorder';
import type { RefreshMetrics } from '../metrics/fleetMetrics';
import type {
  FleetRefresherReaders,
  FleetRefresherSettings,
  FleetRefresherStores,
} from './refresherDependencies';

const scopeKey = (scope: AccountRegion) => `${scope.accountId}/${scope.region}`;

function signalWithTimeout(
  signal: AbortSignal | undefined,
  timeoutMs: number,
): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

export class FleetRefresher {
  readonly #stores: FleetRefresherStores;
  readonly #readers: FleetRefresherReaders;
  readonly #settings: FleetRefresherSettings;
  readonly #logger: LoggerService;
  readonly #now: () => Date;
  readonly #recorder: RefreshRecorder;

  constructor(options: {
    stores: FleetRefresherStores;
    readers: FleetRefresherReaders;
    settings: FleetRefresherSettings;
    logger: LoggerService;
    now?: () => Date;
    metrics?: RefreshMetrics;
  }) {
    this.#stores = options.stores;
    this.#readers = options.readers;
    this.#settings = options.settings;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
    this.#recorder = new RefreshRecorder({
      results: options.stores.refreshResults,
      logger: this.#logger,
      now: this.#now,
      metrics: options.metrics,
    });
  }

  /** Inventory from every source, then ARC, Resilience Hub and EKS. */
  async refreshAws(signal?: AbortSignal): Promise<RefreshSummary> {
    return this.#recorder.timed(REFRESH_SOURCES.awsRun, async () => {
      let failed = 0;
      for (const source of this.#readers.inventorySources) {
        failed += (await this.#refreshInventory(source, signal)) ? 0 : 1;
      }
      const clusters = await this.#stores.clusters.listAllClusters();
      const scopes = accountRegionsOf(clusters.map(c => c.ref));
      const outcomes = await mapWithConcurrency(
        scopes,
        this.#settings.awsConcurrency,
        async scope => {
          const arcOk = await this.#refreshArc(scope, clusters, signal);
          const hubOk = await this.#refreshResilienceHub(scope, signal);
          return Number(!arcOk) + Number(!hubOk);
        },
        { signal },
      );
      failed += outcomes.reduce(
        (sum, outcome) => sum + (outcome.ok ? outcome.value : 2),
        0,
      );
      failed += await this.#refreshEks(clusters, signal);
      return { clusters: clusters.length, failed };
    });
  }

  /** Every cluster's Kubernetes API, a bounded number at a time. */
  async refreshKubernetes(signal?: AbortSignal): Promise<RefreshSummary> {
    return this.#recorder.timed(REFRESH_SOURCES.kubernetesRun, async () => {
      const startedAt = this.#now();
      const targets = await this.#stores.kubernetes.listKubernetesTargets();
      const outcomes = await mapWithConcurrency(
        targets,
        this.#settings.kubernetesConcurrency,
        async target => {
          const started = this.#now();
          try {
            // The token goes only to the API server EKS reports, never Config's.
            const server = decideApiServer({
              configEndpoint: target.endpoint,
              eksEndpoint: target.eksEndpoint,
              eksCertificateAuthorityData: target.eksCertificateAuthorityData,
            });
            if (!server.use) throw new ShownRefreshError(server.reason);
            const { use: _use, problem, ...apiServer } = server;
            const state = await this.#readers.kubernetes.read(
              { ref: target.ref, ...apiServer },
              {
                signal: signalWithTimeout(
                  signal,
                  this.#settings.kubernetesTimeoutMs,
                ),
              },
            );
            const capturedAt = started.toISOString();
            const snapshot = reduceKubernetesState(
              target.ref.arn,
              state,
              target.zones,
              capturedAt,
            );
            await this.#stores.inventory.upsertAccountZones(
              snapshot.nodeZones.map(zone => ({
                accountId: target.ref.accountId,
                region: target.ref.region,
                zone,
              })),
              capturedAt,
            );
            await this.#stores.kubernetes.applyKubernetesSnapshot(snapshot, {
              ...this.#recorder.result(
                REFRESH_SOURCES.kubernetes,
                started,
                true,
                {
                  clusterArn: target.ref.arn,
                },
              ),
              ...(problem ? { dataProblems: [problem] } : {}),
            });
            return true;
          } catch (error) {
            this.#logger.warn(
              `Kubernetes API of ${
                target.ref.arn
              } could not be read: ${describeError(error)}`,
            );
            const message = classifyRefreshError(error, 'Kubernetes API');
            await this.#stores.kubernetes.applyKubernetesFailure(
              this.#recorder.result(
                REFRESH_SOURCES.kubernetes,
                started,
                false,
                {
                  clusterArn: target.ref.arn,
                  errorMessage: message,
                },
              ),
            );
            return false;
          }
        },
        { signal },
      );
      const failed = outcomes.filter(o => !o.ok || !o.value).length;
      await this.#recorder.record(
        REFRESH_SOURCES.kubernetes,
        startedAt,
        failed === 0,
        {
          errorMessage: `${failed} of ${targets.length} clusters could not be read`,
        },
      );
      return { clusters: targets.length, failed };
    });
  }

  async #refreshInventory(
    source: FleetInventorySource,
    signal?: AbortSignal,
  ): Promise<boolean> {
    return this.#readThenWrite(
      REFRESH_SOURCES.inventory(source.id),
      source.id === 'aws-config' ? 'AWS Config' : `inventory ${source.id}`,
      () => source.readInventory({ signal }),
      async (snapshot, record) => {
        const reduced = reduceInventory(
          source.id,
          snapshot,
          this.#settings.tags,
        );
        const incomplete = snapshot.incompleteScopes ?? [];
        // Every row rejected is a failed read (recordRows): it removes nothing.
        if (reduced.clusters.length > 0 || reduced.problems.length === 0) {
          const seenAt = this.#now().toISOString();
          await this.#stores.inventory.upsertAccountZones(
            reduced.accountZones,
            seenAt,
          );
          const { added, removed } =
            await this.#stores.inventory.applyInventory(
              source.id,
              reduced.clusters,
              seenAt,
              { keep: incomplete },
            );
          this.#logger.info(
            `Inventory ${source.id}: ${reduced.clusters.length} clusters (${added} new, ${removed} removed), ${reduced.problems.length} problems`,
          );
        }
        return record(reduced.clusters.length, reduced.problems, {
          ok: incomplete.length === 0,
          errorMessage: `Not read: ${incomplete.map(scopeKey).join(', ')}`,
        });
      },
    );
  }

  async #refreshArc(
    scope: AccountRegion,
    clusters: readonly StoredCluster[],
    signal?: AbortSignal,
  ): Promise<boolean> {
    return this.#readThenWrite(
      REFRESH_SOURCES.arc(scope),
      'ARC',
      () => this.#readers.arc.readRegion(scope, { signal }),
      async (state, record) => {
        const inScope = clusters
          .filter(c => scopeKey(c.ref) === scopeKey(scope))
          .map(c => ({ arn: c.ref.arn, zones: c.zones }));
        const accountZones = await this.#stores.inventory.listAccountZones(
          scope.accountId,
          scope.region,
        );
        const { problems, ...region } = reduceArcState(
          { ...state, accountId: scope.accountId, region: scope.region },
          inScope,
          accountZones,
        );
        await this.#stores.arc.applyArcRegion(
          region,
          this.#now().toISOString(),
        );
        return record(
          region.shifts.length +
            region.autoshifts.length +
            region.resources.length,
          problems,
        );
      },
    );
  }

  async #refreshResilienceHub(
    scope: AccountRegion,
    signal?: AbortSignal,
  ): Promise<boolean> {
    return this.#readThenWrite(
      REFRESH_SOURCES.resilienceHub(scope),
      'Resilience Hub',
      () => this.#readers.resilienceHub.readApps(scope, { signal }),
      async (apps, record) => {
        const reduced = reduceResilienceApps(scope, apps);
        await this.#stores.resilienceHub.applyResilienceApps(
          scope.accountId,
          scope.region,
          reduced.apps,
          this.#now().toISOString(),
        );
        return record(reduced.apps.length, reduced.problems);
      },
    );
  }

  /**
   * Reads a source, then reduces and stores what it read: a failure is
   * recorded as the read's (classified) or the write's.
   */
  async #readThenWrite<T>(
    sourceName: string,
    what: string,
    read: () => Promise<T>,
    write: (
      value: T,
      record: (
        stored: number,
        problems: readonly DataProblem[],
        extra?: { ok?: boolean; errorMessage?: string },
      ) => Promise<boolean>,
    ) => Promise<boolean>,
  ): Promise<boolean> {
    const started = this.#now();
    let value: T;
    try {
      value = await read();
    } catch (error) {
      return this.#recorder.recordFailure(sourceName, started, error, what);
    }
    try {
      return await write(value, (stored, problems, extra) =>
        this.#recorder.recordRows(sourceName, started, stored, problems, extra),
      );
    } catch (error) {
      return this.#recorder.recordFailure(
        sourceName,
        started,
        error,
        what,
        'write',
      );
    }
  }

  /** DescribeCluster for new clusters and those not checked for a while. Returns the failures. */
  async #refreshEks(
    clusters: readonly StoredCluster[],
    signal?: AbortSignal,
  ): Promise<number> {
    const started = this.#now();
    const due = clusters.filter(cluster =>
      needsEksDescribe(cluster, started, this.#settings.eksRecheckMs),
    );
    if (due.length === 0) {
      return 0;
    }
    const outcomes = await mapWithConcurrency(
      due,
      this.#settings.awsConcurrency,
      cluster => this.#readers.eks.describe(cluster.ref, { signal }),
      { signal },
    );
    const details = outcomes.flatMap((outcome, index) =>
      outcome.ok
        ? [eksDetailsRecord({ ...outcome.value, ref: due[index].ref })]
        : [],
    );
    await this.#stores.inventory.applyEksDetails(
      details,
      this.#now().toISOString(),
    );
    const failures = outcomes.flatMap((outcome, index) => {
      if (outcome.ok) return [];
      this.#logger.warn(
        `EKS DescribeCluster failed for ${due[index].ref.arn}: ${describeError(
          outcome.error,
        )}`,
      );
      return [
        `${due[index].ref.arn}: ${classifyRefreshError(outcome.error, 'EKS')}`,
      ];
    });
    await this.#recorder.record(
      REFRESH_SOURCES.eks,
      started,
      failures.length === 0,
      {
        errorMessage: `${failures.length} of ${due.length} clusters could not be described; first: ${failures[0]}`,
      },
    );
    return failures.length;
  }
}
