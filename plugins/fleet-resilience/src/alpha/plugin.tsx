import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
  useRouteRef,
  type RouteRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import PlaylistAddCheckIcon from '@material-ui/icons/PlaylistAddCheck';
import { FleetResilienceClient, fleetResilienceApiRef } from '../api';
import { isFleetClusterAvailable } from '../lib/clusterEntity';

/** The console page's route. */
export const consoleRouteRef = createRouteRef();

/** The preflight page's route. */
export const preflightRouteRef = createRouteRef();

/** The path of a page, or undefined when the app leaves it out. */
function useLink(routeRef: RouteRef): string | undefined {
  try {
    return useRouteRef(routeRef)?.();
  } catch {
    return undefined;
  }
}

/**
 * The Fleet Resilience API: a `FleetResilienceClient` on the discovery and fetch APIs.
 *
 * @alpha
 */
export const fleetResilienceApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: fleetResilienceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new FleetResilienceClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The shift console at `/fleet-resilience`; its title and icon make the nav
 * item (pages with a title are listed in the app's navigation).
 *
 * @alpha
 */
export const fleetResilienceConsolePage = PageBlueprint.make({
  params: {
    path: '/fleet-resilience',
    title: 'Fleet Resilience',
    icon: <CloudQueueIcon />,
    routeRef: consoleRouteRef,
    loader: () =>
      import('../components/FleetConsolePage').then(m => {
        const ConsolePage = () => (
          <m.FleetConsolePageContent
            preflightLink={useLink(preflightRouteRef)}
          />
        );
        return <ConsolePage />;
      }),
  },
});

/**
 * The preflight report at `/fleet-resilience/preflight`, linked from the
 * console's header. Admins only under the shipped policy
 * (`fleet-resilience.preflight`); its nav item can be left out of the
 * sidebar (the example app does).
 *
 * @alpha
 */
export const fleetResiliencePreflightPage = PageBlueprint.make({
  name: 'preflight',
  params: {
    path: '/fleet-resilience/preflight',
    title: 'Fleet preflight',
    icon: <PlaylistAddCheckIcon />,
    routeRef: preflightRouteRef,
    loader: () =>
      import('../components/PreflightPage').then(m => {
        const PreflightPage = () => (
          <m.PreflightPageContent consoleLink={useLink(consoleRouteRef)} />
        );
        return <PreflightPage />;
      }),
  },
});

/**
 * The AZ capacity and N-1 card on a cluster's entity page.
 *
 * @alpha
 */
export const fleetResilienceAzCapacityCard = EntityCardBlueprint.make({
  name: 'az-capacity',
  params: {
    filter: isFleetClusterAvailable,
    loader: () =>
      import('../components/AzCapacityCard').then(m => (
        <m.EntityFleetAzCapacityCard />
      )),
  },
});

/**
 * The zonal shift card (state and actions) on a cluster's entity page.
 *
 * @alpha
 */
export const fleetResilienceZonalShiftCard = EntityCardBlueprint.make({
  name: 'zonal-shift',
  params: {
    filter: isFleetClusterAvailable,
    loader: () =>
      import('../components/ZonalShiftCard').then(m => (
        <m.EntityFleetZonalShiftCard />
      )),
  },
});

/**
 * The AZ readiness card (checklist, fixes, practice runs, workloads at risk) on a cluster's entity page.
 *
 * @alpha
 */
export const fleetResilienceReadinessCard = EntityCardBlueprint.make({
  name: 'readiness',
  params: {
    filter: isFleetClusterAvailable,
    loader: () =>
      import('../components/ReadinessCard').then(m => (
        <m.EntityFleetReadinessCard />
      )),
  },
});

/**
 * The shift history card (ARC's shifts and the portal's audit trail) on a cluster's entity page.
 *
 * @alpha
 */
export const fleetResilienceShiftHistoryCard = EntityCardBlueprint.make({
  name: 'shift-history',
  params: {
    filter: isFleetClusterAvailable,
    loader: () =>
      import('../components/ShiftHistoryCard').then(m => (
        <m.EntityFleetShiftHistoryCard />
      )),
  },
});

/**
 * The resilience card (Resilience Hub, NodePool zones, reconciler) on a cluster's entity page.
 *
 * @alpha
 */
export const fleetResilienceResilienceCard = EntityCardBlueprint.make({
  name: 'resilience',
  params: {
    filter: isFleetClusterAvailable,
    loader: () =>
      import('../components/ResilienceCard').then(m => (
        <m.EntityFleetResilienceCard />
      )),
  },
});

/**
 * Fleet Resilience for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'fleet-resilience',
  title: 'Fleet Resilience',
  icon: <CloudQueueIcon />,
  routes: { root: consoleRouteRef, preflight: preflightRouteRef },
  extensions: [
    fleetResilienceApi,
    fleetResilienceConsolePage,
    fleetResiliencePreflightPage,
    // The zonal shift card first: during an incident its actions come first.
    fleetResilienceZonalShiftCard,
    fleetResilienceAzCapacityCard,
    fleetResilienceReadinessCard,
    fleetResilienceShiftHistoryCard,
    fleetResilienceResilienceCard,
  ],
});
