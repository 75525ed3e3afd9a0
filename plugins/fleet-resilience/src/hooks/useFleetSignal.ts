import { useEffect, useRef } from 'react';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  FLEET_SIGNAL_CHANNEL,
  type FleetSignal,
} from '@fleet-resilience/plugin-fleet-resilience-common';

/**
 * Calls `onSignal` for each new message on the Fleet Resilience signals
 * channel that `matches` accepts. Messages are hints: receivers refetch.
 */
export function useFleetSignal(
  onSignal: (signal: FleetSignal) => void,
  matches: (signal: FleetSignal) => boolean = () => true,
): FleetSignal | null {
  const { lastSignal } = useSignal<FleetSignal & Record<string, any>>(
    FLEET_SIGNAL_CHANNEL,
  );
  const handler = useRef(onSignal);
  handler.current = onSignal;
  const filter = useRef(matches);
  filter.current = matches;

  useEffect(() => {
    if (lastSignal && filter.current(lastSignal)) {
      handler.current(lastSignal);
    }
  }, [lastSignal]);
  return lastSignal;
}

/** Signals about one cluster, or about the whole fleet's refresh. */
export function concernsCluster(clusterArn: string) {
  return (signal: FleetSignal): boolean =>
    signal.type === 'fleet-refreshed' ||
    ('clusterArn' in signal && signal.clusterArn === clusterArn);
}
