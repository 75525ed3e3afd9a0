import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The route of the shift console page (legacy frontend system).
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'fleet-resilience' });
