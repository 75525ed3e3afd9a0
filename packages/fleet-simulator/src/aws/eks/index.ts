export { createEksService } from './service';
export {
  createEksUpdates,
  DEFAULT_EKS_UPDATE_DURATION_MS,
  EKS_UPDATE_ERROR_CODES,
  type EksUpdateFailure,
  type EksUpdateRecord,
  type EksUpdates,
} from './updates';
