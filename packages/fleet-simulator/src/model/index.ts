export type * from './types';
export { KubeStoreError } from './types';
export type * from './spec';
export { parseFleetYaml, validateFleetSpec, FleetSpecError } from './parse';
export type { ValidationIssue } from './validate';
export { generateFleet, type GenerateFleetOptions } from './generate';
export {
  createSimFleet,
  clusterArn,
  type SimFleet,
  type SimFleetOptions,
} from './fleet';
export type { SimEvent, SimEventSource, EventLog } from './events';
export type { EksZonalShift } from './eksZonalShift';
export {
  ZONE_LABEL,
  ZONE_ID_LABEL,
  NODEPOOL_LABEL,
  INSTANCE_TYPE_LABEL,
  type NodeSelectorRequirement,
  type RequirementOperator,
} from './requirements';
export {
  DO_NOT_DISRUPT,
  UNSCHEDULABLE_TAINT,
  NODEGROUP_LABEL,
  KARPENTER_DEPLOYMENT,
  ZONAL_SHIFT_ENV,
  ZONAL_SHIFT_ARG,
} from './objects';
export { KARPENTER_NATIVE_ZONAL_SHIFT_VERSION } from './versions';
export { INSTANCE_TYPE_NAMES } from './instanceTypes';
