export * from './types';
export * from './requiredReplicas';
export * from './workload';
export * from './workloads';
export * from './clusterReadiness';
export * from './fixPlan';
export * from './practiceRunSettings';
