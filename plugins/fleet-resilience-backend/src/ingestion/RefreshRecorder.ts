/**
 * The bookkeeping of a refresh: the names of its sources, the result of each
 * read (time, success, error, duration) written to the store and logged, and
 * the timing of a whole run.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { AccountRegion } from '@fleet-resilience/plugin-fleet-resilience-node';
import { describeError } from '@fleet-resilience/plugin-fleet-resilience-node';
import type { RefreshResultStore } from '../database/RefreshResultStore';
import type { RefreshResultRecord } from '../domain/records';
import { shardLabel, type RefreshShard } from '../domain/refreshShards';
import type { RefreshMetrics } from '../metrics/fleetMetrics';
import { forLog, summariseProblems, type DataProblem } from './dataProblems';
import { classifyRefreshError, type RefreshPhase } from './refreshErrors';

export const REFRESH_SOURCES = {
  awsRun: 'refresh:aws',
  kubernetesRun: 'refresh:kubernetes',
  inventory: (id: string) => `inventory:${id}`,
  arc: (scope: AccountRegion) => `arc:${scope.accountId}/${scope.region}`,
  resilienceHub: (scope: AccountRegion) =>
    `resiliencehub:${scope.accountId}/${scope.region}`,
  eks: 'eks',
  kubernetes: 'kubernetes',
  /** A shard's run: `refresh:kubernetes:<k>-of-<n>`; one shard keeps the plain name. */
  kubernetesShardRun: (shard?: RefreshShard) =>
    sharded('refresh:kubernetes', shard),
  /** A shard's tally of its clusters: `kubernetes:<k>-of-<n>`. */
  kubernetesShard: (shard?: RefreshShard) => sharded('kubernetes', shard),
} as const;

function sharded(source: string, shard: RefreshShard | undefined): string {
  return shard && shard.count > 1 ? `${source}:${shardLabel(shard)}` : source;
}

const isKubernetesRun = (source: string) =>
  source === REFRESH_SOURCES.kubernetesRun ||
  source.startsWith(`${REFRESH_SOURCES.kubernetesRun}:`);

const isKubernetesTally = (source: string) =>
  source === REFRESH_SOURCES.kubernetes ||
  source.startsWith(`${REFRESH_SOURCES.kubernetes}:`);

/**
 * What a result measures: a whole run, one read of a kind of source (the
 * account and region left out), or nothing (a Kubernetes run's tally,
 * whose clusters are measured each). Every shard's run is a `kubernetes` run.
 */
function measured(
  source: string,
  clusterArn: string | undefined,
): { run: string } | { source: string } | undefined {
  if (source === REFRESH_SOURCES.awsRun) return { run: 'aws' };
  if (isKubernetesRun(source)) return { run: 'kubernetes' };
  if (isKubernetesTally(source) && !clusterArn) return undefined;
  return {
    source: source.startsWith('inventory:') ? source : source.split(':')[0],
  };
}

/** Counts of one refresh, for logs and the benchmark. */
export interface RefreshSummary {
  durationMs: number;
  clusters: number;
  failed: number;
}

export class RefreshRecorder {
  readonly #results: Pick<RefreshResultStore, 'recordRefreshResult'>;
  readonly #logger: LoggerService;
  readonly #now: () => Date;
  readonly #metrics?: RefreshMetrics;

  constructor(options: {
    results: Pick<RefreshResultStore, 'recordRefreshResult'>;
    logger: LoggerService;
    now: () => Date;
    metrics?: RefreshMetrics;
  }) {
    this.#results = options.results;
    this.#logger = options.logger;
    this.#now = options.now;
    this.#metrics = options.metrics;
  }

  /** The result of a read of `source` started at `started` and ending now. */
  result(
    source: string,
    started: Date,
    ok: boolean,
    extra: { clusterArn?: string; errorMessage?: string } = {},
  ): RefreshResultRecord {
    const finished = this.#now();
    const durationMs = finished.getTime() - started.getTime();
    const measure = measured(source, extra.clusterArn);
    if (measure && 'run' in measure) {
      this.#metrics?.runFinished(measure.run, ok, durationMs);
    } else if (measure) {
      this.#metrics?.sourceRead(measure.source, ok, durationMs);
    }
    return {
      source,
      ...(extra.clusterArn ? { clusterArn: extra.clusterArn } : {}),
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      ok,
      ...(!ok && extra.errorMessage
        ? { errorMessage: extra.errorMessage }
        : {}),
      durationMs,
    };
  }

  /** Stores the result of a read ending now (`errorMessage` only when not ok). */
  async record(
    source: string,
    started: Date,
    ok: boolean,
    extra: { clusterArn?: string; errorMessage?: string } = {},
  ): Promise<void> {
    await this.#results.recordRefreshResult(
      this.result(source, started, ok, extra),
    );
  }

  /**
   * Logs a failed read or write with its details and stores the classified
   * message (see `classifyRefreshError`); returns false for the caller's tally.
   */
  async recordFailure(
    source: string,
    started: Date,
    error: unknown,
    what: string = source,
    phase: RefreshPhase = 'read',
  ): Promise<false> {
    this.#logger.warn(
      forLog(`Refresh of ${source} failed (${phase}): ${describeError(error)}`),
    );
    await this.record(source, started, false, {
      errorMessage: classifyRefreshError(error, what, phase),
    });
    return false;
  }

  /**
   * Stores a successful read with its row counts, logging each data problem.
   * A read that stored nothing and rejected rows is a failure: no "ok" for
   * a source whose every row was refused. Returns whether it counts as ok.
   */
  async recordRows(
    source: string,
    started: Date,
    stored: number,
    problems: readonly DataProblem[],
    extra: { ok?: boolean; errorMessage?: string } = {},
  ): Promise<boolean> {
    for (const problem of problems) {
      this.#logger.warn(
        forLog(
          `Refresh of ${source}: ${problem.kind} ${
            problem.resource ?? 'a row'
          }: ${problem.message}`,
        ),
      );
    }
    const summary = summariseProblems(problems);
    const everyRowRejected = stored === 0 && summary.rejected > 0;
    const ok = (extra.ok ?? true) && !everyRowRejected;
    await this.#results.recordRefreshResult({
      ...this.result(source, started, ok, {
        errorMessage: everyRowRejected
          ? `every row was rejected (${summary.rejected}); see the data problems`
          : extra.errorMessage,
      }),
      rows: { stored, rejected: summary.rejected, cleaned: summary.cleaned },
      ...(summary.messages.length > 0
        ? { dataProblems: summary.messages }
        : {}),
    });
    return ok;
  }

  /**
   * Runs a whole refresh, recording and logging its outcome; `logLine`
   * words the log line of a success when the default does not fit.
   */
  async timed(
    source: string,
    run: () => Promise<{ clusters: number; failed: number }>,
    logLine?: (summary: RefreshSummary) => string,
  ): Promise<RefreshSummary> {
    const started = this.#now();
    try {
      const { clusters, failed } = await run();
      const result = this.result(source, started, true);
      await this.#results.recordRefreshResult(result);
      const summary = { durationMs: result.durationMs, clusters, failed };
      this.#logger.info(
        logLine?.(summary) ??
          `${source}: ${clusters} clusters in ${result.durationMs} ms, ${failed} failures`,
      );
      return summary;
    } catch (error) {
      await this.recordFailure(source, started, error);
      throw error;
    }
  }
}
