/**
 * The fleet's tools in Backstage's actions registry, which
 * `@backstage/plugin-mcp-actions-backend` serves to MCP clients as
 * `fleet-resilience.<name>` (when `backend.actions.pluginSources` lists
 * `fleet-resilience`), with the caller's own credentials.
 *
 * Reads (readOnly, idempotent): list-clusters, get-cluster,
 * get-shift-impact, list-shift-history, list-active-shifts,
 * list-audit-events, assess-zone-loss, get-readiness-summary. Actions (destructive, not
 * idempotent): start-zonal-shift, extend-zonal-shift, cancel-zonal-shift,
 * start-fleet-shift (a dry run unless told `dryRun: false`).
 *
 * No tool has code of its own: each maps its input onto what its HTTP route
 * hands over and calls the same service (FleetReads for reads, ShiftActions
 * for actions), so permissions, filters, audit and idempotency are the
 * routes'. Files: inputSchemas.ts (the fields, with their descriptions and
 * the routes' bounds), outputSchemas.ts, readActions.ts, assessZoneLoss.ts,
 * shiftActions.ts, readinessReads.ts.
 */
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { ShiftActions } from '../actions/ShiftActions';
import type { FleetReads } from '../service/FleetReads';
import { registerAssessZoneLoss } from './assessZoneLoss';
import { registerReadActions, type ReadTools } from './readActions';
import { registerReadinessSummary } from './readinessReads';
import { registerShiftActions } from './shiftActions';

export interface FleetActionsOptions {
  actionsRegistry: ActionsRegistryService;
  reads: ReadTools & Pick<FleetReads, 'access'>;
  shiftActions: Pick<
    ShiftActions,
    'start' | 'update' | 'cancel' | 'fleetShift' | 'planFleetShift'
  >;
  /** Service principals that may act (fleetResilience.actions.allowedServices). */
  allowedServices: ReadonlySet<string>;
}

/** Registers the 12 tools. */
export function registerFleetActions(options: FleetActionsOptions): void {
  const { actionsRegistry, reads, shiftActions, allowedServices } = options;
  registerReadActions(actionsRegistry, reads);
  registerReadinessSummary(actionsRegistry, reads);
  registerAssessZoneLoss(actionsRegistry, { shiftActions, reads });
  registerShiftActions(actionsRegistry, {
    shiftActions,
    reads,
    allowedServices,
  });
}
