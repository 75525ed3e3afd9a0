/**
 * Runs the IntentResolver once at start-up (in the background: a start does
 * not wait for ARC) and then as a scheduled task every half lease, on one
 * replica at a time (`scope: 'global'`). Both are safe together and on
 * several replicas: an intent is resolved only while it is still pending.
 */
import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  IntentResolver,
  type IntentResolverOptions,
  type ResolvedIntents,
} from './IntentResolver';

export const INTENT_RESOLUTION_TASK_ID = 'fleet-resilience-audit-intents';

export interface IntentResolutionOptions {
  scheduler: SchedulerService;
  logger: LoggerService;
  /** The idempotency lease: intents older than it are resolved. */
  leaseMs: number;
  resolver: Omit<IntentResolverOptions, 'logger' | 'leaseMs'>;
}

function report(logger: LoggerService, result: ResolvedIntents): void {
  if (result.succeeded + result.failed + result.left > 0) {
    logger.info(
      `Pending audit intents: ${result.succeeded} resolved as success, ${result.failed} as not applied, ${result.left} left pending`,
    );
  }
}

export async function scheduleIntentResolution(
  options: IntentResolutionOptions,
): Promise<IntentResolver> {
  const { scheduler, logger, leaseMs } = options;
  const resolver = new IntentResolver({
    ...options.resolver,
    logger,
    leaseMs,
  });
  const pass = async () => report(logger, await resolver.resolvePending());
  pass().catch(error =>
    logger.warn(`Could not resolve pending audit intents: ${error}`),
  );
  await scheduler.scheduleTask({
    id: INTENT_RESOLUTION_TASK_ID,
    frequency: { milliseconds: Math.max(1_000, Math.floor(leaseMs / 2)) },
    timeout: { minutes: 5 },
    initialDelay: { milliseconds: Math.max(1_000, leaseMs) },
    scope: 'global',
    fn: pass,
  });
  return resolver;
}
