/**
 * `assess-zone-loss`: the plan of a fleet-wide shift away from one AZ, as
 * the dry run of `POST /fleet-shifts` answers it (the same planning code,
 * ShiftActions.planFleetShift), without a shift's expiry and comment. A
 * read: it changes nothing and is not audited.
 */
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { ShiftActions } from '../actions/ShiftActions';
import type { FleetReads } from '../service/FleetReads';
import { fleetClusterArns } from '../service/parseActionInput';
import { azId, fleetClusters, toolInput } from './inputSchemas';
import { fleetShiftOutput } from './outputSchemas';
import { asSent, READ_ATTRIBUTES } from './readActions';

export interface ZoneLossToolOptions {
  shiftActions: Pick<ShiftActions, 'planFleetShift'>;
  reads: Pick<FleetReads, 'access'>;
}

export function registerAssessZoneLoss(
  registry: ActionsRegistryService,
  { shiftActions, reads }: ZoneLossToolOptions,
): void {
  registry.register({
    name: 'assess-zone-loss',
    title: 'Which clusters survive losing an AZ',
    description:
      'Assesses losing one AZ across the fleet: for every cluster you may read that has the AZ (or the clusters given), whether its other AZs hold every pod\'s requests (verdict survives, at-risk or unknown, with the reason), and whether a fleet shift would start it or skip it (and why). Use it for "what if use1-az2 fails?" before start-fleet-shift; it changes nothing. Answers the dry run of POST /fleet-shifts: { dryRun: true, awayFrom, items, counts, hidden }.',
    attributes: READ_ATTRIBUTES,
    schema: {
      input: z =>
        toolInput(
          'assess-zone-loss',
          z
            .object({
              awayFrom: azId(z, 'The AZ to assess the loss of.'),
              clusters: fleetClusters(z),
            })
            .strict(),
        ),
      output: fleetShiftOutput,
    },
    action: async ({ input, credentials }) => {
      const access = await reads.access(credentials);
      const clusterArns = input.clusters && fleetClusterArns(input.clusters);
      const plan = await shiftActions.planFleetShift(
        credentials,
        { awayFrom: input.awayFrom, ...(clusterArns ? { clusterArns } : {}) },
        access,
      );
      return { output: asSent(plan) };
    },
  });
}
