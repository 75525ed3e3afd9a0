import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { fleetResilienceClusterReadPermission } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { Request } from 'express';

/**
 * Throws NotAllowedError (403) unless the caller has the read permission;
 * `what` names what was to be read, for the message.
 */
export async function requireRead(
  req: Request,
  services: { httpAuth: HttpAuthService; permissions: PermissionsService },
  what = 'the fleet',
): Promise<void> {
  const credentials = await services.httpAuth.credentials(req);
  const [decision] = await services.permissions.authorize(
    [{ permission: fleetResilienceClusterReadPermission }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `Not allowed to read ${what} (${fleetResilienceClusterReadPermission.name})`,
    );
  }
}
