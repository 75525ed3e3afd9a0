export { createControlApi, type ControlApiOptions } from './api';
export { MAX_ADVANCE_MS } from './stateRoutes';
export {
  createFaultInjector,
  FAULT_SERVICES,
  type FaultInjector,
  type FaultService,
  type FaultSettings,
  type ServiceFaults,
} from './faults';
export { accessKeyIdFor, SIMULATOR_SECRET_ACCESS_KEY } from './credentials';
