/**
 * The action tools: start, extend and cancel one cluster's zonal shift, and
 * the fleet-wide shift away from one AZ. Each calls the ShiftActions method
 * its HTTP route calls, with the route's body adapter (so a refusal reads
 * the same), as a Caller that came through `mcp`: the same per-cluster
 * permission, the same audit rows, the same service gate
 * (`fleetResilience.actions.allowedServices`; a service token reaches the
 * plugin as `plugin:mcp-actions`) and, with an idempotencyKey, the same
 * idempotency as the Idempotency-Key header.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError } from '@backstage/errors';
import type { Caller, ShiftActions } from '../actions/ShiftActions';
import type { FleetReads } from '../service/FleetReads';
import {
  shiftCaller,
  type MutatingCredentials,
} from '../service/mutatingCaller';
import {
  parseFleetShiftInput,
  startShiftInput,
  updateShiftInput,
} from '../service/parseActionInput';
import {
  azId,
  clusterArn,
  clusterZone,
  duration,
  fleetClusters,
  idempotencyKey,
  shiftComment,
  toolInput,
  zonalShiftId,
} from './inputSchemas';
import { fleetShiftOutput, shiftActionOutput } from './outputSchemas';
import { asSent } from './readActions';

/** What the routes answer: the idempotency record replays the same status. */
const OK = 200;
const CREATED = 201;

/** Shifts change traffic, and a second call acts again (without a key). */
export const ACTION_ATTRIBUTES = {
  readOnly: false,
  destructive: true,
  idempotent: false,
} as const;

export interface ShiftToolsOptions {
  shiftActions: Pick<
    ShiftActions,
    'start' | 'update' | 'cancel' | 'fleetShift'
  >;
  reads: Pick<FleetReads, 'access'>;
  /** Service principals that may act (fleetResilience.actions.allowedServices). */
  allowedServices: ReadonlySet<string>;
}

/**
 * The caller of an action tool, as the routes build it: through `mcp`,
 * turned away (and audited as denied) when a service the config does not
 * name, with the key the route's Idempotency-Key header would carry.
 */
export function mcpCaller(
  credentials: BackstageCredentials,
  allowedServices: ReadonlySet<string>,
  key: string | undefined,
  answerStatus: number,
): Caller {
  const { type } = credentials.principal as { type?: unknown };
  if (type !== 'user' && type !== 'service') {
    throw new NotAllowedError('Only users and services may change shifts');
  }
  return shiftCaller(credentials as MutatingCredentials, {
    channel: 'mcp',
    allowedServices,
    key,
    answerStatus,
  });
}

/** The fields that were given, as a route's body holds them. */
function body(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  );
}

export function registerShiftActions(
  registry: ActionsRegistryService,
  options: ShiftToolsOptions,
): void {
  const { shiftActions, reads, allowedServices } = options;

  registry.register({
    name: 'start-zonal-shift',
    title: "Shift one cluster's traffic away from an AZ",
    description:
      "Starts an ARC zonal shift of one EKS cluster: traffic moves away from the AZ until the shift expires or is cancelled, EKS cordons the cluster's nodes there and the portal's reconciler keeps Karpenter NodePools from placing new nodes there. Check first with get-shift-impact that the other AZs hold the load. Needs permission to shift the cluster; every attempt is audited. Answers { shift, auditEventId, replayed }, as POST /clusters/:clusterArn/shifts.",
    attributes: ACTION_ATTRIBUTES,
    schema: {
      input: z =>
        toolInput(
          'start-zonal-shift',
          z
            .object({
              clusterArn: clusterArn(z, 'The cluster to shift.'),
              awayFrom: clusterZone(z, 'The AZ to move traffic away from.'),
              expiresIn: duration(z, 'How long the shift lasts.'),
              comment: shiftComment(z, 'Why traffic is shifted.'),
              idempotencyKey: idempotencyKey(z),
            })
            .strict(),
        ),
      output: shiftActionOutput,
    },
    action: async ({ input, credentials }) => {
      const { clusterArn: arn, idempotencyKey: key, ...shift } = input;
      const caller = mcpCaller(credentials, allowedServices, key, CREATED);
      return {
        output: asSent(
          await shiftActions.start(caller, arn, startShiftInput(body(shift))),
        ),
      };
    },
  });

  registry.register({
    name: 'extend-zonal-shift',
    title: "Extend or change one cluster's zonal shift",
    description:
      'Changes an active zonal shift started through ARC: extendBy adds time to its current expiry (never shortens it), or expiresIn sets a new expiry counted from now (may shorten it); give one of them, or neither to change only the comment. The new expiry is at most 72h from now. Find the zonalShiftId with list-active-shifts. Answers { shift, auditEventId, replayed }, as PATCH /clusters/:clusterArn/shifts/:zonalShiftId.',
    attributes: ACTION_ATTRIBUTES,
    schema: {
      input: z =>
        toolInput(
          'extend-zonal-shift',
          z
            .object({
              clusterArn: clusterArn(z, 'The shifted cluster.'),
              zonalShiftId: zonalShiftId(z),
              expiresIn: duration(
                z,
                'A new expiry counted from now; not with extendBy. Default: the expiry stays (unless extendBy).',
              ).optional(),
              extendBy: duration(
                z,
                'Time to add to the current expiry; not with expiresIn. Default: none.',
              ).optional(),
              comment: shiftComment(z, 'Why the shift is changed.'),
              idempotencyKey: idempotencyKey(z),
            })
            .strict(),
        ),
      output: shiftActionOutput,
    },
    action: async ({ input, credentials }) => {
      const { clusterArn: arn, zonalShiftId: id, idempotencyKey: key } = input;
      const { expiresIn, extendBy, comment } = input;
      const caller = mcpCaller(credentials, allowedServices, key, OK);
      const change = updateShiftInput(body({ expiresIn, extendBy, comment }));
      return {
        output: asSent(await shiftActions.update(caller, arn, id, change)),
      };
    },
  });

  registry.register({
    name: 'cancel-zonal-shift',
    title: "Cancel one cluster's zonal shift",
    description:
      'Cancels an active zonal shift at once: traffic returns to the AZ, its nodes are uncordoned and the NodePools are restored. Find the zonalShiftId with list-active-shifts. The comment is recorded in the audit trail. Answers { shift, auditEventId, replayed }, as DELETE /clusters/:clusterArn/shifts/:zonalShiftId.',
    attributes: ACTION_ATTRIBUTES,
    schema: {
      input: z =>
        toolInput(
          'cancel-zonal-shift',
          z
            .object({
              clusterArn: clusterArn(z, 'The shifted cluster.'),
              zonalShiftId: zonalShiftId(z),
              comment: shiftComment(z, 'Why the shift is cancelled.'),
              idempotencyKey: idempotencyKey(z),
            })
            .strict(),
        ),
      output: shiftActionOutput,
    },
    action: async ({ input, credentials }) => {
      const { clusterArn: arn, zonalShiftId: id, idempotencyKey: key } = input;
      const caller = mcpCaller(credentials, allowedServices, key, OK);
      return {
        output: asSent(
          await shiftActions.cancel(caller, arn, id, {
            comment: input.comment,
          }),
        ),
      };
    },
  });

  registry.register({
    name: 'start-fleet-shift',
    title: 'Shift every cluster in an AZ away from it',
    description:
      'Shifts the traffic of every cluster you may read that has the AZ (or of the clusters given) away from it, a few at a time, each as start-zonal-shift would. Dry run first: dryRun defaults to true, and the answer lists each cluster with its verdict and whether it would be started or skipped (and why); call again with dryRun false to act. Answers { dryRun, awayFrom, items, counts, hidden }, as POST /fleet-shifts.',
    attributes: ACTION_ATTRIBUTES,
    schema: {
      input: z =>
        toolInput(
          'start-fleet-shift',
          z
            .object({
              awayFrom: azId(z, 'The AZ to move traffic away from.'),
              expiresIn: duration(z, 'How long each shift lasts.'),
              comment: shiftComment(z, 'Why traffic is shifted.'),
              clusters: fleetClusters(z),
              dryRun: z
                .boolean()
                .default(true)
                .describe(
                  'true (the default): only plan, change nothing. false: start the shifts.',
                ),
              idempotencyKey: idempotencyKey(z),
            })
            .strict(),
        ),
      output: fleetShiftOutput,
    },
    action: async ({ input, credentials }) => {
      // As the route: the fleet the caller may read, then the service gate.
      const access = await reads.access(credentials);
      const { idempotencyKey: key, ...request } = input;
      const { denied, ...caller } = mcpCaller(
        credentials,
        allowedServices,
        key,
        OK,
      );
      if (denied) {
        throw denied;
      }
      return {
        output: asSent(
          await shiftActions.fleetShift(
            caller,
            parseFleetShiftInput(body(request)),
            access,
          ),
        ),
      };
    },
  });
}
