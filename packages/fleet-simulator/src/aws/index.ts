export { createConfigService, DEFAULT_AGGREGATOR } from './config';
export type { ConfigServiceOptions } from './config';
export {
  createEksService,
  createEksUpdates,
  DEFAULT_EKS_UPDATE_DURATION_MS,
  EKS_UPDATE_ERROR_CODES,
  type EksUpdateFailure,
  type EksUpdates,
} from './eks';
export { createResilienceHubService } from './resiliencehub';
export { callerAccountId } from './common/caller';
