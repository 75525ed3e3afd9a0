/**
 * The read permission of an HTTP request, as the clusters it may read: one
 * permission decision per request (ClusterAuthorizer), checked before
 * anything is parsed or looked up. A definitive deny is a 403 naming the
 * permission; otherwise the routes pass the access into the store query, so
 * lists and counts are filtered in SQL and a cluster the caller may not read
 * answers 404 like one that does not exist (`clusterNotFound`).
 */
import type {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { fleetResilienceClusterReadPermission } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { Request } from 'express';
import type { ClusterAccess } from '../database/clusterAccessSql';
import type { ClusterAuthorizer } from '../permissions/ClusterAuthorizer';

export interface ReadAccessServices {
  httpAuth: HttpAuthService;
  clusterAuthorizer: Pick<ClusterAuthorizer, 'access'>;
}

/**
 * The clusters `credentials` may read (all, or some by conditions); throws
 * NotAllowedError (403) when none. `what` names what was to be read, for
 * the message.
 */
export async function clusterReadAccess(
  credentials: BackstageCredentials,
  clusterAuthorizer: Pick<ClusterAuthorizer, 'access'>,
  what = 'the fleet',
): Promise<ClusterAccess> {
  const access = await clusterAuthorizer.access(
    credentials,
    fleetResilienceClusterReadPermission,
  );
  if (access.kind === 'none') {
    throw new NotAllowedError(
      `Not allowed to read ${what} (${fleetResilienceClusterReadPermission.name})`,
    );
  }
  return access;
}

/** {@link clusterReadAccess} of the caller of `req`. */
export async function readAccess(
  req: Request,
  services: ReadAccessServices,
  what = 'the fleet',
): Promise<ClusterAccess> {
  return clusterReadAccess(
    await services.httpAuth.credentials(req),
    services.clusterAuthorizer,
    what,
  );
}
