export { createKubeStore, type KubeStoreOptions } from './store';
