export * from './FleetResilienceApi';
export { FleetResilienceClient } from './FleetResilienceClient';
