export {
  createStsService,
  parseRoleArn,
  stsCallerIdentity,
  type DeclaredRole,
  type StsServiceOptions,
} from './service';
export {
  createRoleSessions,
  identify,
  partitionOfRegion,
  type CallerIdentity,
  type RoleSession,
  type RoleSessions,
} from './sessions';
export { queryParameters } from './wire';
