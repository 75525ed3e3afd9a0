export { mapWithConcurrency, type Settled } from './mapWithConcurrency';
export { retryWithBackoff, type RetryOptions } from './retry';
export { describeError } from './errors';
