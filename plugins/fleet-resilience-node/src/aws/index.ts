export { AwsAccountCredentials } from './credentials';
export {
  AwsClientFactory,
  type AwsClientFactoryOptions,
  type AwsClients,
} from './AwsClientFactory';
export {
  AWS_ENDPOINT_SERVICES,
  DEFAULT_AWS_MAX_ATTEMPTS,
  DEFAULT_AWS_REQUEST_TIMEOUT_MS,
  readAwsClientSettings,
  type AwsClientSettings,
  type AwsEndpoints,
  type AwsEndpointService,
} from './awsSettings';
export {
  AwsConfigInventorySource,
  type AwsConfigInventorySourceOptions,
} from './AwsConfigInventorySource';
export {
  DEFAULT_INVENTORY_CONCURRENCY,
  readAwsConfigInventorySettings,
  type AwsConfigInventoryScope,
  type AwsConfigInventorySettings,
} from './inventorySettings';
export {
  buildClusterQuery,
  buildSubnetQueries,
  checkTagFilter,
  type TagFilter,
} from './configQuery';
export {
  parseClusterRow,
  parseSubnetRow,
  AWS_CONFIG_SOURCE,
} from './configRows';
export {
  AwsArcStateReader,
  type AwsArcStateReaderOptions,
} from './AwsArcStateReader';
export {
  AwsResilienceHubReader,
  type AwsResilienceHubReaderOptions,
} from './AwsResilienceHubReader';
export {
  AwsEksClusterDescriber,
  type AwsEksClusterDescriberOptions,
} from './AwsEksClusterDescriber';
