/**
 * Fleet Resilience for the new frontend system.
 *
 * @packageDocumentation
 */
export { default } from './alpha/plugin';
export {
  fleetResilienceApi,
  fleetResilienceConsolePage,
  fleetResiliencePreflightPage,
  fleetResilienceAzCapacityCard,
  fleetResilienceReadinessCard,
  fleetResilienceZonalShiftCard,
  fleetResilienceShiftHistoryCard,
  fleetResilienceResilienceCard,
} from './alpha/plugin';
