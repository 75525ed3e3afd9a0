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
  fleetResilienceZonalShiftCard,
  fleetResilienceShiftHistoryCard,
  fleetResilienceResilienceCard,
} from './alpha/plugin';
