/**
 * Reads and validates `catalog.providers.fleetResilience`. A bad value here
 * is an operator error, so it fails start-up with a message naming the key.
 */
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  OWNER_KINDS,
  parseTaggedEntityRef,
  SYSTEM_KINDS,
} from '../mapping/entityRefs';
import type { KubernetesAwsRoles } from '../mapping/kubernetesAwsRole';
import { readKubernetesAwsRoles } from './readKubernetesAwsRoles';

export const PROVIDER_CONFIG_KEY = 'catalog.providers.fleetResilience';

export interface ProviderConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  defaultOwner: string;
  defaultSystem?: string;
  entityTagKeys: string[];
  kubernetesAwsRoles: KubernetesAwsRoles;
}

// Every minute: the run only reads the backend's store (a request per 500
// clusters), and the backend refreshes its inventory every minute by default.
export const DEFAULT_PROVIDER_CONFIG: ProviderConfig = {
  schedule: {
    frequency: { minutes: 1 },
    timeout: { minutes: 2 },
    initialDelay: { seconds: 30 },
  },
  defaultOwner: 'group:default/platform-team',
  entityTagKeys: [],
  kubernetesAwsRoles: { accounts: {} },
};

// AWS tag keys: 1-128 characters; anything printable is allowed.
const MAX_TAG_KEY_LENGTH = 128;

// Keys this module read when it read AWS Config itself: the owner and system
// tags are now the backend plugin's, named once for the fleet list and the
// catalog alike.
const MOVED_KEYS: Record<string, string> = {
  ownerTag: 'fleetResilience.tags.owner',
  systemTag: 'fleetResilience.tags.system',
};

function readRef(
  config: Config,
  key: string,
  kinds: readonly string[],
  fallback?: string,
): string | undefined {
  const value = config.getOptionalString(key) ?? fallback;
  if (value === undefined) return undefined;
  const result = parseTaggedEntityRef(value, kinds);
  if ('error' in result) {
    throw new InputError(`${PROVIDER_CONFIG_KEY}.${key}: ${result.error}`);
  }
  return result.ref;
}

export function readProviderConfig(rootConfig: Config): ProviderConfig {
  const kubernetesAwsRoles = readKubernetesAwsRoles(rootConfig);
  const config = rootConfig.getOptionalConfig(PROVIDER_CONFIG_KEY);
  if (!config) return { ...DEFAULT_PROVIDER_CONFIG, kubernetesAwsRoles };
  for (const [key, replacement] of Object.entries(MOVED_KEYS)) {
    if (config.has(key)) {
      throw new InputError(
        `${PROVIDER_CONFIG_KEY}.${key} is no longer read: the module takes owner and system from the Fleet Resilience backend, which reads the tag named by ${replacement}`,
      );
    }
  }

  let schedule = DEFAULT_PROVIDER_CONFIG.schedule;
  if (config.has('schedule')) {
    try {
      schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('schedule'),
      );
    } catch (error) {
      throw new InputError(
        `${PROVIDER_CONFIG_KEY}.schedule is invalid: ${String(error)}`,
      );
    }
  }

  const entityTagKeys = config.getOptionalStringArray('entityTagKeys') ?? [];
  entityTagKeys.forEach((key, index) => {
    if (key.trim().length === 0 || key.length > MAX_TAG_KEY_LENGTH) {
      throw new InputError(
        `${PROVIDER_CONFIG_KEY}.entityTagKeys[${index}] must be an AWS tag key of 1-${MAX_TAG_KEY_LENGTH} characters`,
      );
    }
  });

  return {
    schedule,
    defaultOwner: readRef(
      config,
      'defaultOwner',
      OWNER_KINDS,
      DEFAULT_PROVIDER_CONFIG.defaultOwner,
    )!,
    defaultSystem: readRef(config, 'defaultSystem', SYSTEM_KINDS),
    entityTagKeys,
    kubernetesAwsRoles,
  };
}
