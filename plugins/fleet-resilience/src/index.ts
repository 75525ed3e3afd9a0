/**
 * Fleet Resilience for Backstage: cluster-page cards (per-AZ capacity and
 * N-1, zonal shift, shift history, resilience) and the platform team's
 * shift console. The new frontend system's plugin is the default export of
 * `/alpha`.
 *
 * @packageDocumentation
 */
export {
  fleetResiliencePlugin,
  FleetResiliencePage,
  FleetResiliencePreflightPage,
  EntityFleetAzCapacityCard,
  EntityFleetZonalShiftCard,
  EntityFleetReadinessCard,
  EntityFleetShiftHistoryCard,
  EntityFleetResilienceCard,
} from './plugin';
export {
  FleetResilienceClient,
  fleetResilienceApiRef,
  type ActiveShiftsQuery,
  type AuditQuery,
  type FleetListQuery,
  type FleetResilienceApi,
  type FleetReadinessFixRequest,
  type FleetShiftRequest,
  type ReadinessFixRequest,
  type ReadinessSummaryQuery,
  type ShiftHistoryQuery,
} from './api';
export { isFleetClusterAvailable } from './lib/clusterEntity';
// The cluster ARN's annotation is the common package's, re-exported here.
export { FLEET_CLUSTER_ARN_ANNOTATION } from '@fleet-resilience/plugin-fleet-resilience-common';
export { preflightRouteRef, rootRouteRef } from './routes';
