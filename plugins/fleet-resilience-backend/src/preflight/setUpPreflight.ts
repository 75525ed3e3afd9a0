/**
 * Wires the preflight for plugin.ts: the plan from the config and the
 * store's clusters, the probes on the real clients, this replica's
 * PreflightService, and a local scheduled task that runs it shortly after
 * start-up (and once a day after that) on every replica.
 */
import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { EksClusterRef } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { AwsClients } from '@fleet-resilience/plugin-fleet-resilience-node';
import { createClientProbes } from './clientProbes';
import { planPreflight, readPreflightConfig } from './preflightPlan';
import { PreflightService } from './PreflightService';
import { runPreflight, type PreflightProbes } from './runPreflight';

export const PREFLIGHT_TASK_ID = 'fleet-resilience:preflight';

/** Per call of a probe (each AWS or Kubernetes request, retries included). */
export const DEFAULT_PREFLIGHT_TIMEOUT_MS = 20_000;

export interface PreflightDependencies {
  config: Config;
  /** The reader's clients (every read). */
  clients: AwsClients;
  /** The operator's clients; defaults to the reader's. */
  operatorClients?: AwsClients;
  /** The clusters to check (the store's, or the inventory's). */
  clusters: () => Promise<EksClusterRef[]>;
  /** Node's `findAccountsWithoutRole`, when available. */
  findAccountsWithoutRole?: (config: Config) => string[];
  /** Accounts and regions checked at once (default 4). */
  concurrency?: number;
  /** Clusters checked at once (default `concurrency`). */
  clusterConcurrency?: number;
  timeoutMs?: number;
  /** For tests: probes other than the real clients'. */
  probes?: PreflightProbes;
}

/** The run a PreflightService (or the CLI) executes. */
export function createPreflightRun(deps: PreflightDependencies) {
  const probes =
    deps.probes ??
    createClientProbes({
      config: deps.config,
      reader: deps.clients,
      operator: deps.operatorClients ?? deps.clients,
    });
  return async (
    onProgress?: Parameters<typeof runPreflight>[0]['onProgress'],
    signal?: AbortSignal,
  ) => {
    const config = readPreflightConfig(
      deps.config,
      deps.findAccountsWithoutRole ?? (() => []),
    );
    const plan = planPreflight(config, await deps.clusters());
    return runPreflight({
      plan,
      probes,
      settings: {
        concurrency: deps.concurrency ?? 4,
        ...(deps.clusterConcurrency
          ? { clusterConcurrency: deps.clusterConcurrency }
          : {}),
        timeoutMs: deps.timeoutMs ?? DEFAULT_PREFLIGHT_TIMEOUT_MS,
        ...(signal ? { signal } : {}),
      },
      ...(onProgress ? { onProgress } : {}),
    });
  };
}

/**
 * The preflight service for the routes, and its start-up run. Call from
 * plugin.ts after the stores and clients exist.
 */
export async function setUpPreflight(
  deps: PreflightDependencies & {
    scheduler: SchedulerService;
    logger: LoggerService;
  },
): Promise<PreflightService> {
  const run = createPreflightRun(deps);
  const service = new PreflightService({
    run: onProgress => run(onProgress),
    logger: deps.logger,
  });
  // Local: each replica checks its own network paths and credentials.
  await deps.scheduler.scheduleTask({
    id: PREFLIGHT_TASK_ID,
    scope: 'local',
    frequency: { hours: 24 },
    timeout: { minutes: 30 },
    initialDelay: { seconds: 10 },
    fn: async () => {
      await service.start().done;
    },
  });
  return service;
}
