export {
  ArcZonalShiftClient,
  type ArcZonalShiftClientOptions,
} from './ArcZonalShiftClient';
export { ArcZonalShiftError } from './ArcZonalShiftError';
export type { RetryDelay } from './transport';
export type * from './types';
