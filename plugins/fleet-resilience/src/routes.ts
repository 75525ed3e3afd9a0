import { createRouteRef } from '@backstage/core-plugin-api';

/** The shift console page (legacy frontend system). */
export const rootRouteRef = createRouteRef({ id: 'fleet-resilience' });
