export { createConfigService, DEFAULT_AGGREGATOR } from './config';
export type { ConfigServiceOptions } from './config';
export { createEksService } from './eks';
export { createResilienceHubService } from './resiliencehub';
export { callerAccountId } from './common/caller';
