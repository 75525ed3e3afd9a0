// Live updates through Backstage signals.

import { ReconcileState } from './reconcile';

/**
 * The signals channel every Fleet Resilience message is published on.
 *
 * @public
 */
export const FLEET_SIGNAL_CHANNEL = 'fleet-resilience';

/**
 * A message on {@link FLEET_SIGNAL_CHANNEL}. Receivers refetch what changed;
 * messages are hints, not the data.
 *
 * @public
 */
export type FleetSignal =
  | { type: 'shift-changed'; clusterArn: string; zonalShiftId?: string }
  | { type: 'reconcile-changed'; clusterArn: string; state: ReconcileState }
  | {
      type: 'fleet-shift-progress';
      operationId: string;
      done: number;
      total: number;
    }
  | { type: 'fleet-refreshed' };
