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
import { shardName, shardOf, type RefreshShard } from '../domain/refreshShards';
import { readKubernetesCluster } from './kubernetesClusterRead';
import { reduceArcState } from './reduceArcState';
import { reduceInventory } from './reduceInventory';
import { reduceResilienceApps } from './reduceResilienceApps';
import type { DataProblem } from './dataProblems';
import { classifyRefreshError } from './refreshErrors';
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

  /**
   * Every cluster's Kubernetes API, a bounded number at a time; with a
   * shard, only the clusters of that shard (see domain/refreshShards).
   */
  async refreshKubernetes(
    signal?: AbortSignal,
    shard?: RefreshShard,
  ): Promise<RefreshSummary> {
    const sharded = shard && shard.count > 1 ? shard : undefined;
    return this.#recorder.timed(
      REFRESH_SOURCES.kubernetesShardRun(sharded),
      async () => {
        const startedAt = this.#now();
        const all = await this.#stores.kubernetes.listKubernetesTargets();
        const targets = sharded
          ? all.filter(t => shardOf(t.ref.arn, sharded.count) === sharded.index)
          : all;
        const outcomes = await mapWithConcurrency(
          targets,
          this.#settings.kubernetesConcurrency,
          target =>
            readKubernetesCluster(
              {
                stores: this.#stores,
                reader: this.#readers.kubernetes,
                timeoutMs: this.#settings.kubernetesTimeoutMs,
                recorder: this.#recorder,
                logger: this.#logger,
                now: this.#now,
              },
              target,
              signal,
            ),
          { signal },
        );
        const failed = outcomes.filter(o => !o.ok || !o.value).length;
        await this.#recorder.record(
          REFRESH_SOURCES.kubernetesShard(sharded),
          startedAt,
          failed === 0,
          {
            errorMessage: `${failed} of ${targets.length} clusters could not be read`,
          },
        );
        return { clusters: targets.length, failed };
      },
      sharded &&
        (({ clusters, failed, durationMs }) =>
          `Kubernetes refresh ${shardName(
            sharded,
          )}: ${clusters} clusters, ${failed} failed, ${durationMs} ms`),
    );
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
