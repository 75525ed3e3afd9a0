export {};
export {
  startServer,
  type SimulatorServer,
  type SimulatorServerOptions,
  type RawHandler,
} from './server';
export { createManualClock, createWallClock, type SimClock } from './clock';
export type {
  AwsCaller,
  AwsServiceHandler,
  SimRequest,
  SimResponse,
} from './http';
export * from './arc';
export * from './aws';
export * from './model';
export * from './control';
export * from './simulator';
export * from './kubernetes';
export * from './sqs';
export { runFleetSimulatorCli } from './cli';
