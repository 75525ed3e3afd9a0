import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import type { JSX } from 'react';
import { FleetResilienceClient, fleetResilienceApiRef } from './api';
import { preflightRouteRef, rootRouteRef } from './routes';

/**
 * Fleet Resilience for the legacy frontend system.
 *
 * @public
 */
export const fleetResiliencePlugin = createPlugin({
  id: 'fleet-resilience',
  apis: [
    createApiFactory({
      api: fleetResilienceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new FleetResilienceClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef, preflight: preflightRouteRef },
});

/**
 * The shift console page.
 *
 * @public
 */
export const FleetResiliencePage: () => JSX.Element =
  fleetResiliencePlugin.provide(
    createRoutableExtension({
      name: 'FleetResiliencePage',
      component: () =>
        import('./components/FleetConsolePage').then(m => m.FleetConsolePage),
      mountPoint: rootRouteRef,
    }),
  );

/**
 * The preflight page: can the backend reach every configured account,
 * region and cluster, and what to fix where it cannot. Mount it under the
 * console, e.g. `<Route path="/fleet-resilience/preflight" element={<FleetResiliencePreflightPage />} />`;
 * the console then links to it.
 *
 * @public
 */
export const FleetResiliencePreflightPage: () => JSX.Element =
  fleetResiliencePlugin.provide(
    createRoutableExtension({
      name: 'FleetResiliencePreflightPage',
      component: () =>
        import('./components/PreflightPage').then(m => m.PreflightPage),
      mountPoint: preflightRouteRef,
    }),
  );

/**
 * Per-AZ capacity and N-1 of the cluster on an entity page.
 *
 * @public
 */
export const EntityFleetAzCapacityCard: () => JSX.Element =
  fleetResiliencePlugin.provide(
    createComponentExtension({
      name: 'EntityFleetAzCapacityCard',
      component: {
        lazy: () =>
          import('./components/AzCapacityCard').then(
            m => m.EntityFleetAzCapacityCard,
          ),
      },
    }),
  );

/**
 * AZ readiness of the cluster on an entity page: the checklist with its
 * fixes, practice runs, a pending EKS update and the workloads at risk.
 *
 * @public
 */
export const EntityFleetReadinessCard: () => JSX.Element =
  fleetResiliencePlugin.provide(
    createComponentExtension({
      name: 'EntityFleetReadinessCard',
      component: {
        lazy: () =>
          import('./components/ReadinessCard').then(
            m => m.EntityFleetReadinessCard,
          ),
      },
    }),
  );

/**
 * Zonal shift state and actions of the cluster on an entity page.
 *
 * @public
 */
export const EntityFleetZonalShiftCard: () => JSX.Element =
  fleetResiliencePlugin.provide(
    createComponentExtension({
      name: 'EntityFleetZonalShiftCard',
      component: {
        lazy: () =>
          import('./components/ZonalShiftCard').then(
            m => m.EntityFleetZonalShiftCard,
          ),
      },
    }),
  );

/**
 * ARC shift history and the portal's audit trail of the cluster.
 *
 * @public
 */
export const EntityFleetShiftHistoryCard: () => JSX.Element =
  fleetResiliencePlugin.provide(
    createComponentExtension({
      name: 'EntityFleetShiftHistoryCard',
      component: {
        lazy: () =>
          import('./components/ShiftHistoryCard').then(
            m => m.EntityFleetShiftHistoryCard,
          ),
      },
    }),
  );

/**
 * Resilience Hub, NodePool zones and reconciler state of the cluster.
 *
 * @public
 */
export const EntityFleetResilienceCard: () => JSX.Element =
  fleetResiliencePlugin.provide(
    createComponentExtension({
      name: 'EntityFleetResilienceCard',
      component: {
        lazy: () =>
          import('./components/ResilienceCard').then(
            m => m.EntityFleetResilienceCard,
          ),
      },
    }),
  );
