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
import type { StoredCluster } from '../domain/records';
import type {
  ReconcileKick,
  ReconcileRecord,
  ReconcileStore,
} from '../database/ReconcileStore';
import { awayZoneIdsAt, observeStoredCluster } from './arcObservation';
import { regionKey, type ArcObserver } from './ArcObserver';
import type { ClusterReconciler } from './ClusterReconciler';
import { passNeeded, sameZones } from './decisions';
import { effectiveMode, type EffectiveMode } from './effectiveMode';
import type { ReconcilerSettings, ReconcileTarget } from './types';

/** Publishes live-update hints (Backstage signals); failures are logged only. */
export interface SignalPublisher {
  publish(signal: {
    recipients: { type: 'broadcast' };
    channel: string;
    message: FleetSignal;
  }): Promise<void>;
}

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
  now?: () => number;
}

/** Counters of this replica, for tests, logs and the benchmark. */
export interface ReconcilerStats {
  passes: number;
  writes: number;
  regionPolls: number;
  regionPollFailures: number;
  kicksHandled: number;
}

/** How often clusters are looked at between ARC reads (expiry by the clock, retries, new clusters). */
const EVALUATE_EVERY_MS = 1_000;

/** How long a run waits for its first ARC reads before deciding on stored state. */
const FIRST_POLL_WAIT_MS = 5_000;

export function targetFromCluster(cluster: StoredCluster): ReconcileTarget {
  return {
    ref: cluster.ref,
    ...(cluster.endpoint ? { endpoint: cluster.endpoint } : {}),
    ...(cluster.certificateAuthorityData
      ? { certificateAuthorityData: cluster.certificateAuthorityData }
      : {}),
    zones: cluster.zones,
    tags: cluster.tags,
    ...(cluster.karpenter ? { karpenter: cluster.karpenter } : {}),
    ...(cluster.zonalShiftEnabled !== undefined
      ? { zonalShiftEnabled: cluster.zonalShiftEnabled }
      : {}),
    stored: observeStoredCluster(cluster),
  };
}

export class Reconciler {
  readonly #clusterQueries: Pick<ClusterQueries, 'listAllClusters'>;
  readonly #store: ReconcileStore;
  readonly #observer: ArcObserver;
  readonly #clusters: ClusterReconciler;
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
  #wake?: () => void;
  readonly #queue: string[] = [];
  readonly #queued = new Set<string>();
  readonly #rerunKicked = new Set<string>();
  readonly #running = new Map<string, Promise<void>>();
  readonly #rerun = new Set<string>();
  readonly #polling = new Map<string, Promise<void>>();
  readonly #idleWaiters: Array<() => void> = [];
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
    this.#clusters = options.clusters;
    this.#settings = options.settings;
    this.#logger = options.logger;
    this.#signals = options.signals;
    this.#now = options.now ?? Date.now;
    this.replicaId = options.replicaId ?? randomUUID();
    this.#events = options.events;
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
    this.#wake?.();
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
      this.#wake?.();
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
        this.#sleep(FIRST_POLL_WAIT_MS, signal),
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
          await this.#sleep(
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
        ...this.#running.values(),
        ...this.#polling.values(),
      ]);
      this.#queue.length = 0;
      this.#queued.clear();
      this.#rerunKicked.clear();
      this.#rerun.clear();
      this.#active = false;
      this.#runSignal = undefined;
      this.#wake = undefined;
    }
  }

  /** Resolves once no pass is queued or running (tests and the benchmark). */
  whenIdle(): Promise<void> {
    if (this.#queue.length === 0 && this.#running.size === 0) {
      return Promise.resolve();
    }
    return new Promise(resolve => this.#idleWaiters.push(resolve));
  }

  /** What the reconciler wants for a cluster now. */
  desiredFor(target: ReconcileTarget): {
    awayZoneIds: string[];
    mode: EffectiveMode;
  } {
    const observation = this.#observer.get(target.ref.arn) ?? target.stored;
    return {
      awayZoneIds: awayZoneIdsAt(observation, this.#now()),
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
    const regions = new Map<
      string,
      { scope: { accountId: string; region: string }; arns: string[] }
    >();
    for (const target of this.#targets.values()) {
      const scope = {
        accountId: target.ref.accountId,
        region: target.ref.region,
      };
      const key = regionKey(scope);
      const entry = regions.get(key) ?? { scope, arns: [] };
      entry.arns.push(target.ref.arn);
      regions.set(key, entry);
    }
    for (const [key, { scope, arns }] of regions) {
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
    if (this.#running.has(arn)) {
      // Looked at again once the pass under way ends.
      this.#rerun.add(arn);
      if (kicked) this.#rerunKicked.add(arn);
      return;
    }
    const { awayZoneIds, mode } = this.desiredFor(target);
    const reason = passNeeded({
      last: this.#statuses.get(arn),
      awayZoneIds,
      mode: mode.mode,
      now: this.#now(),
      kicked,
    });
    if (!reason) return;
    if (kicked) {
      const at = this.#queue.indexOf(arn);
      if (at >= 0) this.#queue.splice(at, 1);
      this.#queue.unshift(arn);
      this.#queued.add(arn);
    } else if (!this.#queued.has(arn)) {
      this.#queue.push(arn);
      this.#queued.add(arn);
    }
    this.#pump();
  }

  #pump(): void {
    while (
      this.#running.size < this.#settings.concurrency &&
      this.#queue.length > 0
    ) {
      const arn = this.#queue.shift()!;
      this.#queued.delete(arn);
      const job = this.#pass(arn).finally(() => {
        this.#running.delete(arn);
        if (this.#rerun.delete(arn)) {
          this.#evaluate(arn, this.#rerunKicked.delete(arn));
        }
        this.#pump();
        if (this.#queue.length === 0 && this.#running.size === 0) {
          this.#idleWaiters.splice(0).forEach(resolve => resolve());
        }
      });
      this.#running.set(arn, job);
    }
  }

  async #pass(arn: string): Promise<void> {
    const target = this.#targets.get(arn);
    const runSignal = this.#runSignal;
    if (!target || !runSignal || runSignal.aborted) return;
    const { awayZoneIds, mode } = this.desiredFor(target);
    const last = this.#statuses.get(arn);
    const startedAt = new Date(this.#now()).toISOString();
    this.stats.passes += 1;
    let result: Awaited<ReturnType<ClusterReconciler['reconcile']>>;
    if (target.karpenter && !target.karpenter.installed) {
      result = {
        state: mode.mode === 'observe' ? 'observing' : 'converged',
        nodePools: [],
        markedNodes: [],
        writes: 0,
      };
    } else if (!target.endpoint) {
      result = {
        state: 'error',
        nodePools: last?.nodePools ?? [],
        markedNodes: last?.markedNodes ?? [],
        writes: 0,
        error:
          'The inventory has no Kubernetes API server endpoint for this cluster',
      };
    } else {
      result = await this.#clusters.reconcile({
        target: {
          ref: target.ref,
          endpoint: target.endpoint,
          ...(target.certificateAuthorityData
            ? { certificateAuthorityData: target.certificateAuthorityData }
            : {}),
        },
        zones: target.zones,
        awayZoneIds,
        mode: mode.mode,
        markedNodes: last?.markedNodes ?? [],
        signal: AbortSignal.any([
          runSignal,
          AbortSignal.timeout(this.#settings.clusterTimeoutMs),
        ]),
      });
    }
    this.stats.writes += result.writes;
    if (runSignal.aborted) {
      // Handed over mid-pass: the next holder starts from the NodePools and the last record.
      return;
    }
    const finishedAt = new Date(this.#now()).toISOString();
    const settled = !['pending', 'error'].includes(result.state);
    const lastSuccessAt = settled ? finishedAt : last?.lastSuccessAt;
    const record: ReconcileRecord = {
      cluster: target.ref,
      mode: mode.mode,
      ...(mode.reason ? { modeReason: mode.reason } : {}),
      awayZoneIds: [...awayZoneIds].sort(),
      state: result.state,
      nodePools: result.nodePools,
      markedNodeCount: result.markedNodes.length,
      markedNodes: result.markedNodes,
      lastAttemptAt: startedAt,
      ...(lastSuccessAt ? { lastSuccessAt } : {}),
      ...(result.error ? { lastError: result.error } : {}),
      failures: settled ? 0 : (last?.failures ?? 0) + 1,
      replicaId: this.replicaId,
    };
    try {
      await this.#store.put(record, finishedAt);
    } catch (error) {
      this.#logger.error(
        `Reconciler: the status of ${arn} could not be stored: ${describeError(
          error,
        )}`,
      );
    }
    this.#statuses.set(arn, record);
    if (result.writes > 0 || !settled) {
      const log = settled ? this.#logger.info : this.#logger.warn;
      log.call(
        this.#logger,
        `Reconciler: ${arn} ${
          record.state
        } (away from [${record.awayZoneIds.join(', ')}], mode ${record.mode}, ${
          result.writes
        } write(s))${result.error ? `: ${result.error}` : ''}`,
      );
    }
    if (
      !last ||
      last.state !== record.state ||
      !sameZones(last.awayZoneIds, record.awayZoneIds)
    ) {
      this.#publish({
        type: 'reconcile-changed',
        clusterArn: arn,
        state: record.state,
      });
    }
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

  #sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise(resolve => {
      let timer: ReturnType<typeof setTimeout> | undefined = undefined;
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        if (this.#wake === done) this.#wake = undefined;
        resolve();
      };
      timer = setTimeout(done, Math.max(0, ms));
      signal.addEventListener('abort', done);
      this.#wake = done;
    });
  }
}
