import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The route of the shift console page (legacy frontend system).
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'fleet-resilience' });

/**
 * The route of the preflight page (legacy frontend system), e.g. mounted
 * at `/fleet-resilience/preflight`.
 *
 * @public
 */
export const preflightRouteRef = createRouteRef({
  id: 'fleet-resilience-preflight',
});
