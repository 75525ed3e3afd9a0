export { createIamGate, type IamGate } from './gate';
export type { AwsRequestCount } from './requestLog';
export { iamActionOf, operationOf } from './operations';
