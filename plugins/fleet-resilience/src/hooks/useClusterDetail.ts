import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { fleetResilienceApiRef } from '../api';
import { concernsCluster, useFleetSignal } from './useFleetSignal';

/** The cluster's detail, refetched when a signal says it changed. */
export function useClusterDetail(clusterArn: string) {
  const api = useApi(fleetResilienceApiRef);
  const state = useAsyncRetry(
    () => api.getCluster(clusterArn),
    [api, clusterArn],
  );
  useFleetSignal(state.retry, concernsCluster(clusterArn));
  return state;
}
