/**
 * The embedded reconciler: keeps each cluster's Karpenter NodePools in step
 * with the zonal shift ARC applies to it.
 *
 * One replica at a time holds it (`run`, the body of a global scheduled
 * task). While it holds it, it reads ARC every `pollIntervalMs` per account
 * and region, works out each cluster's desired away zones and effective mode,
 * and reconciles only the clusters whose desired state changed or whose last
 * pass did not converge (retried with backoff). Any replica can `kick` a
 * cluster after the portal's own shift action: the kick is written to the
 * store, the holder sees it at once (same replica) or within
 * `kickCheckIntervalMs`, reads that one cluster from ARC and reconciles it
 * ahead of everything else.
 *
 * Nothing another replica needs lives only here: the NodePools' annotations
 * hold what was changed, the store holds each cluster's last pass.
 */
import { describeError } from '@fleet-resilience/plugin-fleet-resilience-node';
import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  FLEET_SIGNAL_CHANNEL,
  type FleetSignal,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { ClusterQueries } from '../database/ClusterQueries';
import type {
  ReconcileKick,
  ReconcileRecord,
  ReconcileStore,
} from '../database/ReconcileStore';
import type { ReconcileMetrics } from '../metrics/fleetMetrics';
import { appliedShiftAt, awayZoneIdsAt } from './arcObservation';
import { regionsOf, type ArcObserver } from './ArcObserver';
import type { ClusterReconciler } from './ClusterReconciler';
import { passNeeded } from './decisions';
import { effectiveMode, NATIVE_SUPPORT_UNKNOWN } from './effectiveMode';
import { PassQueue } from './PassQueue';
import {
  passCluster,
  targetFromCluster,
  type DesiredState,
  type PassContext,
} from './reconcilePass';
import type {
  ReconcilerSettings,
  ReconcilerStats,
  ReconcileTarget,
  SignalPublisher,
} from './types';
import { WakeableSleep } from './WakeableSleep';

export interface ReconcilerOptions {
  clusterQueries: Pick<ClusterQueries, 'listAllClusters'>;
  store: ReconcileStore;
  observer: ArcObserver;
  clusters: ClusterReconciler;
  settings: ReconcilerSettings;
  logger: LoggerService;
  signals?: SignalPublisher;
  /** Names this backend instance in the store (`replica_id`). */
  replicaId?: string;
  /**
   * ARC's EventBridge events (an SQS consumer calling {@link Reconciler.onArcEvent}):
   * started while this replica holds the reconciler, an extra trigger next to polling.
   */
  events?: { start(): void; stop(): Promise<void> };
  metrics?: ReconcileMetrics;
  now?: () => number;
}

/** How often clusters are looked at between ARC reads (expiry by the clock, retries, new clusters). */
const EVALUATE_EVERY_MS = 1_000;

/** How long a run waits for its first ARC reads before deciding on stored state. */
const FIRST_POLL_WAIT_MS = 5_000;

export class Reconciler {
  readonly #clusterQueries: Pick<ClusterQueries, 'listAllClusters'>;
  readonly #store: ReconcileStore;
  readonly #observer: ArcObserver;
  readonly #passContext: PassContext;
  readonly #settings: ReconcilerSettings;
  readonly #logger: LoggerService;
  readonly #signals?: SignalPublisher;
  readonly #now: () => number;
  readonly #events?: { start(): void; stop(): Promise<void> };
  readonly replicaId: string;
  #pollSoon = false;

  #targets = new Map<string, ReconcileTarget>();
  #targetsLoadedAt = -Infinity;
  #statuses = new Map<string, ReconcileRecord>();
  #active = false;
  #runSignal?: AbortSignal;
  readonly #sleeper = new WakeableSleep();
  readonly #passes: PassQueue;
  readonly #polling = new Map<string, Promise<void>>();
  readonly stats: ReconcilerStats = {
    passes: 0,
    writes: 0,
    regionPolls: 0,
    regionPollFailures: 0,
    kicksHandled: 0,
  };

  constructor(options: ReconcilerOptions) {
    this.#clusterQueries = options.clusterQueries;
    this.#store = options.store;
    this.#observer = options.observer;
    this.#settings = options.settings;
    this.#logger = options.logger;
    this.#signals = options.signals;
    this.#now = options.now ?? Date.now;
    this.replicaId = options.replicaId ?? randomUUID();
    this.#events = options.events;
    this.#passContext = {
      clusters: options.clusters,
      store: this.#store,
      logger: this.#logger,
      clusterTimeoutMs: this.#settings.clusterTimeoutMs,
      replicaId: this.replicaId,
      stats: this.stats,
      now: this.#now,
      publish: message => this.#publish(message),
      metrics: options.metrics,
    };
    this.#passes = new PassQueue({
      concurrency: this.#settings.concurrency,
      pass: arn => this.#pass(arn),
      reevaluate: (arn, kicked) => this.#evaluate(arn, kicked),
    });
  }

  /** True while this replica holds the reconciler. */
  get active(): boolean {
    return this.#active;
  }

  /**
   * Has the cluster reconciled at once (after the portal started, changed or
   * cancelled its shift). Safe from any replica: the kick is stored and the
   * holder, wherever it runs, picks it up.
   */
  async kick(clusterArn: string): Promise<void> {
    await this.#store.kick({
      clusterArn,
      kickId: randomUUID(),
      requestedAt: new Date(this.#now()).toISOString(),
    });
    this.#sleeper.wake();
  }

  /**
   * An ARC event (shift, autoshift, practice run or FIS experiment started,
   * updated or ended): the clusters it names are kicked; an event naming none
   * of the fleet's clusters has ARC read again at once. Resolves once the
   * kicks are stored, so the queue may delete the message.
   */
  async onArcEvent(event: { resources: readonly string[] }): Promise<void> {
    const known = event.resources.filter(arn => this.#targets.has(arn));
    for (const arn of known) {
      await this.kick(arn);
    }
    if (known.length === 0) {
      this.#pollSoon = true;
      this.#sleeper.wake();
    }
  }

  /**
   * Holds the reconciler for up to `durationMs` (or until `signal` aborts),
   * then waits for the passes under way and returns.
   */
  async run(signal: AbortSignal, durationMs: number): Promise<void> {
    if (this.#active) {
      return; // already holding it in this process
    }
    const until = this.#now() + durationMs;
    this.#active = true;
    this.#runSignal = signal;
    try {
      this.#statuses = new Map(
        (await this.#store.list()).map(record => [record.cluster.arn, record]),
      );
      await this.#loadTargets(true);
      this.#events?.start();
      // Start from ARC's state, not the stored one, when ARC answers quickly.
      this.#startRegionPolls(signal);
      await Promise.race([
        Promise.allSettled([...this.#polling.values()]),
        this.#sleeper.sleep(FIRST_POLL_WAIT_MS, signal),
      ]);
      while (!signal.aborted && this.#now() < until) {
        const tickStart = this.#now();
        this.#pollSoon = false;
        await this.#loadTargets(false);
        this.#startRegionPolls(signal);
        await this.#handleKicks(signal);
        this.#evaluateAll();
        const tickEnd = Math.min(
          tickStart + this.#settings.pollIntervalMs,
          until,
        );
        let evaluatedAt = this.#now();
        while (!signal.aborted && this.#now() < tickEnd && !this.#pollSoon) {
          await this.#sleeper.sleep(
            Math.min(this.#settings.kickCheckIntervalMs, tickEnd - this.#now()),
            signal,
          );
          await this.#handleKicks(signal);
          // Between ARC reads: expiries, retries due and new clusters.
          if (this.#now() - evaluatedAt >= EVALUATE_EVERY_MS) {
            evaluatedAt = this.#now();
            await this.#loadTargets(false);
            this.#evaluateAll();
          }
        }
      }
    } catch (error) {
      if (!signal.aborted) {
        this.#logger.error(`Reconciler run failed: ${describeError(error)}`);
      }
    } finally {
      await this.#events?.stop().catch(() => undefined);
      await Promise.allSettled([
        ...this.#passes.running(),
        ...this.#polling.values(),
      ]);
      this.#passes.clear();
      this.#active = false;
      this.#runSignal = undefined;
      this.#sleeper.reset();
    }
  }

  /** Resolves once no pass is queued or running (tests and the benchmark). */
  whenIdle(): Promise<void> {
    return this.#passes.whenIdle();
  }

  /** What the reconciler wants for a cluster now. */
  desiredFor(target: ReconcileTarget): DesiredState {
    const observation = this.#observer.get(target.ref.arn) ?? target.stored;
    const applied = appliedShiftAt(observation, this.#now());
    return {
      awayZoneIds: awayZoneIdsAt(observation, this.#now()),
      ...(applied ? { applied } : {}),
      mode: effectiveMode(
        { arn: target.ref.arn, tags: target.tags, karpenter: target.karpenter },
        this.#settings,
      ),
    };
  }

  // ------------------------------------------------------------- internals

  async #loadTargets(force: boolean): Promise<void> {
    if (
      !force &&
      this.#now() - this.#targetsLoadedAt < this.#settings.inventoryRefreshMs
    ) {
      return;
    }
    try {
      const clusters = await this.#clusterQueries.listAllClusters();
      this.#targets = new Map(
        clusters.map(cluster => [cluster.ref.arn, targetFromCluster(cluster)]),
      );
      this.#targetsLoadedAt = this.#now();
      const arns = new Set(this.#targets.keys());
      this.#observer.forgetAllBut(arns);
      const removed = await this.#store.retainOnly([...arns]);
      if (removed > 0) {
        for (const arn of [...this.#statuses.keys()]) {
          if (!arns.has(arn)) this.#statuses.delete(arn);
        }
      }
    } catch (error) {
      if (force) throw error;
      this.#logger.warn(
        `Reconciler: the cluster list could not be read again (the last one is used): ${describeError(
          error,
        )}`,
      );
    }
  }

  #startRegionPolls(signal: AbortSignal): void {
    for (const [key, { scope, arns }] of regionsOf(this.#targets.values())) {
      if (this.#polling.has(key)) continue; // the previous poll is still out
      this.stats.regionPolls += 1;
      const poll = this.#observer
        .pollRegion(scope, arns, signal)
        .then(
          () => {
            for (const arn of arns) this.#evaluate(arn, false);
          },
          () => {
            this.stats.regionPollFailures += 1;
          },
        )
        .finally(() => this.#polling.delete(key));
      this.#polling.set(key, poll);
    }
  }

  async #handleKicks(signal: AbortSignal): Promise<void> {
    let kicks: ReconcileKick[];
    try {
      kicks = await this.#store.listKicks();
    } catch (error) {
      this.#logger.warn(
        `Reconciler: kicks could not be read: ${describeError(error)}`,
      );
      return;
    }
    if (kicks.length === 0 || signal.aborted) return;
    if (kicks.some(kick => !this.#targets.has(kick.clusterArn))) {
      await this.#loadTargets(true).catch(() => undefined);
    }
    await Promise.all(
      kicks.map(async kick => {
        const target = this.#targets.get(kick.clusterArn);
        if (target) {
          try {
            await this.#observer.readCluster(target.ref);
          } catch (error) {
            // The region poll is the safety net; reconcile on what is known.
            this.#logger.warn(
              `Reconciler: ARC could not be read for ${
                kick.clusterArn
              } after a kick: ${describeError(error)}`,
            );
          }
          this.#evaluate(kick.clusterArn, true);
        }
        this.stats.kicksHandled += 1;
        await this.#store.deleteKick(kick).catch(() => undefined);
      }),
    );
  }

  #evaluateAll(): void {
    for (const arn of this.#targets.keys()) {
      this.#evaluate(arn, false);
    }
  }

  #evaluate(arn: string, kicked: boolean): void {
    const target = this.#targets.get(arn);
    // Until the cluster's Kubernetes API was read once, whether its Karpenter
    // handles zonal shifts itself is unknown: wait rather than risk a fight.
    if (!target?.karpenter || !this.#active) return;
    // Looked at again once the pass under way ends.
    if (this.#passes.deferIfRunning(arn, kicked)) return;
    const { awayZoneIds, mode } = this.desiredFor(target);
    const reason = passNeeded({
      last: this.#statuses.get(arn),
      awayZoneIds,
      mode: mode.mode,
      modeDegraded: mode.degraded ?? [],
      modeDegradedPrefix: NATIVE_SUPPORT_UNKNOWN,
      now: this.#now(),
      kicked,
    });
    if (!reason) return;
    this.#passes.enqueue(arn, kicked);
  }

  async #pass(arn: string): Promise<void> {
    const target = this.#targets.get(arn);
    const runSignal = this.#runSignal;
    if (!target || !runSignal || runSignal.aborted) return;
    const last = this.#statuses.get(arn);
    const record = await passCluster(this.#passContext, {
      target,
      desired: this.desiredFor(target),
      last,
      signal: runSignal,
    });
    if (record) this.#statuses.set(arn, record);
  }

  #publish(message: FleetSignal): void {
    this.#signals
      ?.publish({
        recipients: { type: 'broadcast' },
        channel: FLEET_SIGNAL_CHANNEL,
        message,
      })
      .catch(error =>
        this.#logger.warn(
          `Reconciler: signal not published: ${describeError(error)}`,
        ),
      );
  }
}
