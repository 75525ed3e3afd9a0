export { createKubeStore, type KubeStoreOptions } from './store';
export {
  createKubernetesApi,
  type KubernetesApi,
  type KubernetesApiOptions,
  type KubernetesCluster,
} from './api';
