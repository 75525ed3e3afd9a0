/**
 * Who may use the mutating routes (shift actions, `POST /fleet-shifts`,
 * `POST /refresh`): users, and service principals only when named in
 * `fleetResilience.actions.allowedServices`. Backstage lets a service token
 * without access restrictions through every permission policy that does not
 * look at the principal, so without this gate any plugin, or any external
 * static token, could shift any cluster.
 */
import type {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  FLEET_CHANNEL_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  type AuditChannel,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { Caller } from '../actions/ShiftActions';
import type { Request } from 'express';
import { parseIdempotencyKey } from './parseActionInput';
import { parseNoQuery, type RawQuery } from './parseQuery';

export type MutatingCredentials = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

/** Why a service principal the config does not name is turned away; undefined for anyone else. */
export function serviceRefusal(
  credentials: MutatingCredentials,
  allowedServices: ReadonlySet<string>,
): NotAllowedError | undefined {
  const { principal } = credentials;
  if (principal.type !== 'service' || allowedServices.has(principal.subject)) {
    return undefined;
  }
  return new NotAllowedError(
    `The service principal ${JSON.stringify(
      principal.subject.slice(0, 100),
    )} may not change zonal shifts or refresh the fleet: only users may, and the services named in fleetResilience.actions.allowedServices`,
  );
}

/** 401 for no credentials; 403 for a service principal not allowed. */
export async function mutatingCaller(
  req: Request,
  options: { httpAuth: HttpAuthService; allowedServices: ReadonlySet<string> },
): Promise<MutatingCredentials> {
  const credentials = await options.httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  const refusal = serviceRefusal(credentials, options.allowedServices);
  if (refusal) {
    throw refusal;
  }
  return credentials;
}

/**
 * The Caller of a shift action, wherever it came from (a route, a tool): a
 * service the config does not name is `denied` (audited on a known
 * cluster, not thrown here), and a request key makes it idempotent.
 */
export function shiftCaller(
  credentials: MutatingCredentials,
  options: {
    channel: AuditChannel;
    allowedServices: ReadonlySet<string>;
    key?: string;
    /** What the route answers; a replay answers the same. */
    answerStatus: number;
  },
): Caller {
  const { channel, key, answerStatus } = options;
  const denied = serviceRefusal(credentials, options.allowedServices);
  return {
    credentials,
    channel,
    ...(key ? { idempotency: { key, answerStatus } } : {}),
    ...(denied ? { denied } : {}),
  };
}

/**
 * The channel a request declares: `portal` when the plugin's pages say so in
 * the header, `api` otherwise (any other value too: it is what the client
 * claims, recorded, never a reason to refuse).
 */
export function requestChannel(req: Request): AuditChannel {
  return req.header(FLEET_CHANNEL_HEADER) === 'portal' ? 'portal' : 'api';
}

/**
 * The Caller of an action route. Unauthenticated is a 401 at once; anything
 * else wrong is `refused`, the first of: `earlier` (the route's refusal of
 * the body), the query, the Idempotency-Key, `check` (the route's own
 * parameters). The single-cluster actions throw it once the caller is
 * authorized, audited; a fleet route throws it at once.
 */
export async function routeCaller(
  req: Request,
  options: {
    httpAuth: HttpAuthService;
    allowedServices: ReadonlySet<string>;
    answerStatus: number;
    earlier?: Error;
    check?: () => void;
  },
): Promise<Caller> {
  const credentials = await options.httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  let refused = options.earlier;
  let key: string | undefined;
  try {
    parseNoQuery(req.query as RawQuery);
    key = parseIdempotencyKey(req.header(IDEMPOTENCY_KEY_HEADER));
  } catch (error) {
    refused ??= error as Error;
  }
  try {
    options.check?.();
  } catch (error) {
    refused ??= error as Error;
  }
  return {
    ...shiftCaller(credentials, {
      channel: requestChannel(req),
      allowedServices: options.allowedServices,
      key,
      answerStatus: options.answerStatus,
    }),
    ...(refused ? { refused } : {}),
  };
}
