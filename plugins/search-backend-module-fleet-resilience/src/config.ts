/**
 * Reads `search.collators.fleetResilience`; a bad value fails start-up.
 */
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { PAGING_LIMITS } from '@fleet-resilience/plugin-fleet-resilience-common';

export const COLLATOR_CONFIG_KEY = 'search.collators.fleetResilience';

export interface CollatorConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Clusters per request to the fleet list, 1..PAGING_LIMITS.maxLimit. */
  pageSize: number;
}

export const DEFAULT_COLLATOR_CONFIG: CollatorConfig = {
  schedule: {
    frequency: { minutes: 10 },
    timeout: { minutes: 15 },
    initialDelay: { seconds: 30 },
  },
  pageSize: PAGING_LIMITS.maxLimit,
};

export function readCollatorConfig(rootConfig: Config): CollatorConfig {
  const config = rootConfig.getOptionalConfig(COLLATOR_CONFIG_KEY);
  if (!config) return DEFAULT_COLLATOR_CONFIG;
  let schedule = DEFAULT_COLLATOR_CONFIG.schedule;
  if (config.has('schedule')) {
    try {
      schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('schedule'),
      );
    } catch (error) {
      throw new InputError(
        `${COLLATOR_CONFIG_KEY}.schedule is invalid: ${String(error)}`,
      );
    }
  }
  const pageSize =
    config.getOptionalNumber('pageSize') ?? DEFAULT_COLLATOR_CONFIG.pageSize;
  if (
    !Number.isInteger(pageSize) ||
    pageSize < 1 ||
    pageSize > PAGING_LIMITS.maxLimit
  ) {
    throw new InputError(
      `${COLLATOR_CONFIG_KEY}.pageSize must be an integer from 1 to ${PAGING_LIMITS.maxLimit}, got ${pageSize}`,
    );
  }
  return { schedule, pageSize };
}
