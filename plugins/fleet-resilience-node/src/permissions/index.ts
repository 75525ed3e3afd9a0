export * from './clusterResource';
export * from './clusterPermissionRules';
