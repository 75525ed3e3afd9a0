export {
  createEksToken,
  defaultStsEndpoint,
  EKS_TOKEN_PREFIX,
  type EksTokenOptions,
} from './eksToken';
export {
  EksTokenProvider,
  StaticTokenProvider,
  type KubernetesTokenProvider,
} from './tokenProviders';
export {
  KubernetesApiClusterReader,
  KubernetesClusterReadError,
  type KubernetesApiClusterReaderOptions,
} from './KubernetesApiClusterReader';
export {
  KubernetesApiClusterWriter,
  KubernetesClusterWriteError,
  type KubernetesApiClusterWriterOptions,
} from './KubernetesApiClusterWriter';
export {
  describeKubernetesFailure,
  KubernetesConnector,
  type KubernetesConnectionOptions,
} from './kubernetesConnection';
export {
  MAX_NODEPOOL_REQUIREMENTS,
  type NodeAnnotationsPatchInput,
  type NodePoolPatchInput,
} from './mergePatches';
export {
  DEFAULT_KUBERNETES_SETTINGS,
  readKubernetesSettings,
  type KubernetesReadSettings,
} from './kubernetesSettings';
export {
  checkApiServerEndpoint,
  type EndpointCheck,
} from './apiServerEndpoint';
export { KUBERNETES_SOURCE } from './objectResult';
