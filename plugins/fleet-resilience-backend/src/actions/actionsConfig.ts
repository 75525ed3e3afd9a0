/**
 * `fleetResilience.actions` (see config.d.ts): how shift actions run. Bad
 * values stop the plugin at start-up with a message naming the key.
 */
import type { Config } from '@backstage/config';
import { configFailure, readDurationMs, readIntegerIn } from '../config/values';
import {
  DEFAULT_SHIFT_ACTIONS_SETTINGS,
  type ShiftActionsSettings,
} from './ShiftActions';

const ROOT = 'fleetResilience.actions';

function integerIn(
  config: Config | undefined,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  return readIntegerIn(config, ROOT, key, { fallback, min, max });
}

export function readShiftActionsConfig(config: Config): ShiftActionsSettings {
  let actions: Config | undefined;
  try {
    actions = config.getOptionalConfig(ROOT);
  } catch (error) {
    throw new Error(`Invalid config at '${ROOT}': ${(error as Error).message}`);
  }
  const d = DEFAULT_SHIFT_ACTIONS_SETTINGS;
  return {
    fleetConcurrency: integerIn(
      actions,
      'fleetConcurrency',
      d.fleetConcurrency,
      1,
      32,
    ),
    idempotencyWaitMs: integerIn(
      actions,
      'idempotencyWaitMs',
      d.idempotencyWaitMs,
      0,
      60_000,
    ),
    idempotencyLeaseMs: integerIn(
      actions,
      'idempotencyLeaseMs',
      d.idempotencyLeaseMs,
      1_000,
      3_600_000,
    ),
  };
}

/**
 * `fleetResilience.actions.allowedServices`: the service principals (by
 * subject, as Backstage names them: `plugin:<pluginId>` for another
 * plugin's token, the configured `subject` of an external static or legacy
 * token, `external:<sub>` for a JWKS token) that may use the mutating
 * routes. None by default: only users may.
 */
export function readAllowedServices(config: Config): ReadonlySet<string> {
  const key = 'allowedServices';
  let list: string[] | undefined;
  try {
    list = config.getOptionalConfig(ROOT)?.getOptionalStringArray(key);
  } catch (error) {
    configFailure(
      ROOT,
      key,
      `must be a list of service subjects (${(error as Error).message})`,
    );
  }
  for (const subject of list ?? []) {
    if (!/^\S{1,255}$/.test(subject)) {
      configFailure(
        ROOT,
        key,
        `${JSON.stringify(
          subject,
        )} is not a service subject (1 to 255 characters, no spaces), e.g. plugin:catalog`,
      );
    }
  }
  return new Set(list ?? []);
}

/** Default of `fleetResilience.readiness.followUpdatesEvery`. */
export const DEFAULT_READINESS_FOLLOW_MS = 15_000;

/**
 * `fleetResilience.readiness.followUpdatesEvery`: how often pending EKS
 * updates are described, in milliseconds (1 s to 10 min).
 */
export function readReadinessFollowMs(config: Config): number {
  const root = 'fleetResilience.readiness';
  let section: Config | undefined;
  try {
    section = config.getOptionalConfig(root);
  } catch (error) {
    throw new Error(`Invalid config at '${root}': ${(error as Error).message}`);
  }
  if (!section) return DEFAULT_READINESS_FOLLOW_MS;
  return readDurationMs(section, root, 'followUpdatesEvery', {
    fallback: { milliseconds: DEFAULT_READINESS_FOLLOW_MS },
    minMs: 1_000,
    maxMs: 600_000,
  });
}
