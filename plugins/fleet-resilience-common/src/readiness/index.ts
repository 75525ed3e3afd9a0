export * from './types';
export { READINESS_CHECK_TITLES } from './check';
export * from './requiredReplicas';
export * from './workload';
export * from './workloads';
export * from './clusterReadiness';
export * from './fixPlan';
export * from './practiceRunSettings';
