/**
 * `POST /refresh`: asks the scheduler to run the refresh tasks soon. A
 * mutating route (a user, or an allowed service; see mutatingCaller.ts)
 * with a permission of its own (`fleet-resilience.refresh`) and a cooldown:
 * a full refresh reads every source of the fleet, so a second request within
 * `fleetResilience.refresh.manualCooldown` of the last accepted one answers
 * 429 with Retry-After. The cooldown is per replica: with N replicas, at
 * most N refreshes are asked for per cooldown, and the scheduler runs a task
 * once at a time however often it is asked.
 */
import type {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { CustomErrorBase, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  fleetResilienceRefreshPermission,
  type RefreshTriggerResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type express from 'express';
import Router from 'express-promise-router';
import { readDurationMs } from '../config/values';
import { actorOf } from '../actions/actor';
import { mutatingCaller } from './mutatingCaller';
import { parseNoQuery, type RawQuery } from './parseQuery';

/** 429: asked again too soon. `retryAfterSeconds` becomes the Retry-After header. */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError' as const;
  readonly statusCode = 429;
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

export const DEFAULT_REFRESH_COOLDOWN_MS = 60_000;

/** `fleetResilience.refresh.manualCooldown` in milliseconds (0 turns it off). */
export function readRefreshCooldownMs(config: Config): number {
  const root = 'fleetResilience.refresh';
  const refresh = config.getOptionalConfig(root);
  if (!refresh) {
    return DEFAULT_REFRESH_COOLDOWN_MS;
  }
  return readDurationMs(refresh, root, 'manualCooldown', {
    fallback: { milliseconds: DEFAULT_REFRESH_COOLDOWN_MS },
    minMs: 0,
    maxMs: 24 * 3_600_000,
  });
}

/** The time of the last accepted request, and whether another may go now. Pure. */
export class RefreshCooldown {
  #lastAt: number | undefined;

  constructor(readonly cooldownMs: number) {}

  /** Takes the slot at `now`, or returns how long until it is free. */
  take(now: number): { ok: true } | { ok: false; waitMs: number } {
    if (this.#lastAt !== undefined && this.cooldownMs > 0) {
      const waitMs = this.#lastAt + this.cooldownMs - now;
      if (waitMs > 0) {
        return { ok: false, waitMs };
      }
    }
    this.#lastAt = now;
    return { ok: true };
  }

  /** Gives the slot back (the refresh could not be asked for). */
  release(takenAt: number): void {
    if (this.#lastAt === takenAt) {
      this.#lastAt = undefined;
    }
  }
}

export interface RefreshRouteOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  logger: LoggerService;
  triggerRefresh: () => Promise<boolean>;
  allowedServices: ReadonlySet<string>;
  cooldownMs: number;
  now?: () => number;
}

export function createRefreshRoute(
  options: RefreshRouteOptions,
): express.Router {
  const { permissions, logger, triggerRefresh } = options;
  const now = options.now ?? Date.now;
  const cooldown = new RefreshCooldown(options.cooldownMs);
  const router = Router();

  router.post('/refresh', async (req, res) => {
    const credentials = await mutatingCaller(req, options);
    const [decision] = await permissions.authorize(
      [{ permission: fleetResilienceRefreshPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed to refresh the fleet (${fleetResilienceRefreshPermission.name})`,
      );
    }
    parseNoQuery(req.query as RawQuery);
    const at = now();
    const slot = cooldown.take(at);
    if (!slot.ok) {
      const seconds = Math.ceil(slot.waitMs / 1000);
      throw new TooManyRequestsError(
        `The fleet was refreshed less than ${Math.ceil(
          cooldown.cooldownMs / 1000,
        )} s ago; try again in ${seconds} s`,
        seconds,
      );
    }
    let triggered: boolean;
    try {
      triggered = await triggerRefresh();
    } catch (error) {
      cooldown.release(at);
      throw error;
    }
    logger.info(
      `Fleet refresh requested by ${actorOf(
        credentials,
      )}; triggered: ${triggered}`,
    );
    const body: RefreshTriggerResponse = { triggered };
    res.status(202).json(body);
  });

  return router;
}
