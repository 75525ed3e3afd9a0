/**
 * Domain types, permissions and pure calculations of Fleet Resilience for
 * Backstage: per-AZ capacity, the N-1 survivability test and zonal shift input
 * validation. No I/O: used by backend and frontend alike.
 *
 * @packageDocumentation
 */

export * from './api';
export * from './audit';
export * from './capacity';
export * from './cluster';
export * from './clusterEntityName';
export * from './permissions';
export * from './quantity';
export * from './survivability';
export * from './validation';
export * from './zonalShift';
export * from './zones';
export * from './nodePoolPlan';
export * from './nodePoolPlanStored';
export * from './shiftState';
export * from './extension';
export * from './shiftImpact';
export * from './nodeMarks';
export * from './inventory';
export * from './catalogEntity';
export * from './readiness';
