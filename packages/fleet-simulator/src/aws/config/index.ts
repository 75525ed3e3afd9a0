export { createConfigService, DEFAULT_AGGREGATOR } from './service';
export type { ConfigServiceOptions } from './service';
