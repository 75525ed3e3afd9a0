/**
 * Reads `fleetResilience.policy`. A bad value stops start-up with an error
 * naming the key: a policy that silently read "nobody is admin" or "everyone
 * reads" from a typo would be worse than no portal.
 */
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * The policy's settings, as read from `fleetResilience.policy`.
 *
 * @public
 */
export interface FleetResiliencePolicyConfig {
  /** Full entity refs of admin users and groups, in lower case. */
  admins: string[];
  /** Who besides admins reads a cluster. */
  read: 'owners' | 'everyone';
  /**
   * Who besides admins starts, extends and cancels shifts of a cluster, and
   * applies its readiness fixes (zonal shift, autoshift, practice runs).
   */
  shift: 'owners' | 'admins';
  /** Who may ask for a full refresh of the fleet. */
  refresh: 'admins' | 'everyone';
  /** Whether catalog entities of clusters follow `read`. */
  catalogClusters: boolean;
}

/**
 * The config key the policy reads.
 *
 * @public
 */
export const FLEET_RESILIENCE_POLICY_CONFIG_KEY = 'fleetResilience.policy';

const KEY = FLEET_RESILIENCE_POLICY_CONFIG_KEY;

/**
 * What the policy does when `fleetResilience.policy` is absent: no admins,
 * owners read and shift their clusters, only admins refresh, cluster entities
 * in the catalog follow read.
 *
 * @public
 */
export const DEFAULT_FLEET_RESILIENCE_POLICY_CONFIG: Readonly<FleetResiliencePolicyConfig> =
  Object.freeze({
    admins: [],
    read: 'owners',
    shift: 'owners',
    refresh: 'admins',
    catalogClusters: true,
  });

const KNOWN_KEYS = ['admins', 'read', 'shift', 'refresh', 'catalogClusters'];
const ADMIN_KINDS = ['user', 'group'];

function readChoice<T extends string>(
  config: Config,
  key: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = config.getOptionalString(key);
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new InputError(
      `${KEY}.${key} must be one of ${choices.join(', ')}; got "${value}"`,
    );
  }
  return value as T;
}

function readAdmin(ref: string, index: number): string {
  const where = `${KEY}.admins[${index}]`;
  let parsed;
  try {
    parsed = parseEntityRef(ref.trim(), { defaultNamespace: 'default' });
  } catch {
    throw new InputError(
      `${where} "${ref}" is not an entity ref; write the kind and name, e.g. group:default/platform-team`,
    );
  }
  const kind = parsed.kind.toLocaleLowerCase('en-US');
  if (!ADMIN_KINDS.includes(kind)) {
    throw new InputError(
      `${where} "${ref}" must name a user or a group (ownership claims are users and groups), not a ${parsed.kind}`,
    );
  }
  return stringifyEntityRef({ ...parsed, kind }).toLocaleLowerCase('en-US');
}

/**
 * Reads and checks `fleetResilience.policy`; throws an `InputError` naming
 * the key for an unknown key, an unknown value or a bad entity ref.
 *
 * @public
 */
export function readFleetResiliencePolicyConfig(
  rootConfig: Config,
): FleetResiliencePolicyConfig {
  const config = rootConfig.getOptionalConfig(KEY);
  const defaults = DEFAULT_FLEET_RESILIENCE_POLICY_CONFIG;
  if (!config) return { ...defaults, admins: [] };
  const unknown = config.keys().filter(key => !KNOWN_KEYS.includes(key));
  if (unknown.length > 0) {
    throw new InputError(
      `${KEY} has unknown key${unknown.length > 1 ? 's' : ''} ${unknown
        .map(key => `"${key}"`)
        .join(', ')}; the keys are ${KNOWN_KEYS.join(', ')}`,
    );
  }
  const admins = (config.getOptionalStringArray('admins') ?? []).map(readAdmin);
  return {
    admins: [...new Set(admins)],
    read: readChoice(config, 'read', ['owners', 'everyone'], defaults.read),
    shift: readChoice(config, 'shift', ['owners', 'admins'], defaults.shift),
    refresh: readChoice(
      config,
      'refresh',
      ['admins', 'everyone'],
      defaults.refresh,
    ),
    catalogClusters:
      config.getOptionalBoolean('catalogClusters') ?? defaults.catalogClusters,
  };
}
