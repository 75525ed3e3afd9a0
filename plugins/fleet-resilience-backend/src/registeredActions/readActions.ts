/**
 * The read tools: the HTTP API's read routes as tools, each answering the
 * route's body for the same query. A tool maps its typed input onto the
 * route's raw query (the same parameter names, numbers as text, lists as
 * lists) and asks FleetReads, the class the routes answer from: the same
 * permission decision, the same parser (whose errors name the parameter)
 * and the same answer.
 */
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  AUDIT_CHANNELS,
  AUDIT_QUERY,
  ACTIVE_SHIFTS_QUERY,
  FLEET_LIST_QUERY,
  FLEET_SORT_FIELDS,
  READINESS_LIST_QUERY,
  SHIFT_HISTORY_QUERY,
  SHIFT_IMPACT_QUERY,
  SORT_ORDERS,
  ZONAL_SHIFT_STATUSES,
  ZONAL_SHIFT_TYPES,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { FleetReads } from '../service/FleetReads';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '../service/parseQuery';
import type { RawQuery } from '../service/queryValues';
import {
  clusterArn,
  clusterZone,
  filterList,
  fleetFilters,
  oneOf,
  paging,
  toolInput,
} from './inputSchemas';
import {
  activeShiftsOutput,
  auditEventsOutput,
  clusterDetailOutput,
  clusterListOutput,
  shiftHistoryOutput,
  shiftImpactOutput,
} from './outputSchemas';

/** Reads change nothing, and the same call answers the same. */
export const READ_ATTRIBUTES = {
  readOnly: true,
  destructive: false,
  idempotent: true,
} as const;

export type ReadTools = Pick<
  FleetReads,
  | 'listClustersJson'
  | 'clusterDetailJson'
  | 'shiftImpact'
  | 'shiftHistory'
  | 'activeShifts'
  | 'auditEvents'
  | 'readinessSummary'
>;

/**
 * A tool's input as the route's raw query: each field under its parameter
 * name, numbers as text (as in a URL), lists as lists, absent fields left
 * out. `names` must name every field.
 */
export function rawQuery<I extends object>(
  names: { readonly [K in keyof I]-?: string },
  input: I,
): RawQuery {
  const query: RawQuery = {};
  for (const [field, value] of Object.entries(input)) {
    if (value !== undefined) {
      query[names[field as keyof I]] =
        typeof value === 'number' ? String(value) : value;
    }
  }
  return query;
}

/** What the route sends: JSON (an object with Dates or undefineds would differ). */
export function asSent(value: unknown) {
  return JSON.parse(JSON.stringify(value));
}

export function registerReadActions(
  registry: ActionsRegistryService,
  reads: ReadTools,
): void {
  registry.register({
    name: 'list-clusters',
    title: 'List the EKS fleet',
    description:
      'Lists the fleet\'s EKS clusters you may read, with each cluster\'s AZs, per-AZ capacity, whether it survives losing one AZ (N-1 verdict), its AZ readiness (verdict, score, failing and warning checks, workloads at risk), its shift state and data freshness. Use it to find clusters and their ARNs, e.g. which clusters would not survive losing an AZ: verdict ["at-risk"] (for the loss of one given AZ, e.g. use1-az2, assess-zone-loss answers per cluster), which are not ready for an AZ failure: readiness ["not-ready"], which do not have zonal shift enabled: check ["zonal-shift"], which clusters are shifted now: shiftState ["zonal-shift"], or a team\'s clusters: owner ["payments-team"]. Filters combine (all apply); the values of one filter are alternatives. Answers { items, totalCount, paging }, as GET /clusters.',
    attributes: READ_ATTRIBUTES,
    schema: {
      input: z =>
        toolInput(
          'list-clusters',
          z
            .object({
              ...fleetFilters(z),
              sort: oneOf(
                z,
                FLEET_SORT_FIELDS,
                `Sort field: ${FLEET_SORT_FIELDS.join(', ')}. Default name.`,
              ).optional(),
              order: oneOf(
                z,
                SORT_ORDERS,
                'Sort order: asc or desc. Default asc.',
              ).optional(),
              ...paging(z),
            })
            .strict(),
        ),
      output: clusterListOutput,
    },
    action: async ({ input, credentials }) => ({
      output: JSON.parse(
        await reads.listClustersJson(
          credentials,
          rawQuery({ ...FLEET_LIST_QUERY, ...READINESS_LIST_QUERY }, input),
        ),
      ),
    }),
  });

  registry.register({
    name: 'get-cluster',
    title: 'Get one EKS cluster',
    description:
      "One cluster in full: its AZs with per-AZ capacity (nodes, allocatable and requested CPU and memory), the N-1 result per AZ (does it survive losing each AZ), its shift state, active and past zonal shifts, Karpenter NodePools and the zones they allow. Use it before shifting a cluster, or to find a shift's zonalShiftId. Answers the body of GET /clusters/:clusterArn.",
    attributes: READ_ATTRIBUTES,
    schema: {
      input: z =>
        toolInput(
          'get-cluster',
          z
            .object({ clusterArn: clusterArn(z, 'The cluster to describe.') })
            .strict(),
        ),
      output: clusterDetailOutput,
    },
    action: async ({ input, credentials }) => ({
      output: JSON.parse(
        await reads.clusterDetailJson(credentials, input.clusterArn),
      ),
    }),
  });

  registry.register({
    name: 'get-shift-impact',
    title: 'What a zonal shift would do to one cluster',
    description:
      "Before shifting one cluster away from an AZ: whether its other AZs hold every pod's requests (verdict survives, at-risk or unknown, with the reason), what is left after the shift, and which Karpenter NodePools could then launch no node. Changes nothing. Answers the body of GET /clusters/:clusterArn/shift-impact?awayFrom=.",
    attributes: READ_ATTRIBUTES,
    schema: {
      input: z =>
        toolInput(
          'get-shift-impact',
          z
            .object({
              clusterArn: clusterArn(z, 'The cluster to assess.'),
              awayFrom: clusterZone(
                z,
                'The AZ the shift would move away from.',
              ),
            })
            .strict(),
        ),
      output: shiftImpactOutput,
    },
    action: async ({ input, credentials }) => ({
      output: asSent(
        await reads.shiftImpact(credentials, input.clusterArn, {
          [SHIFT_IMPACT_QUERY.awayFrom]: input.awayFrom,
        }),
      ),
    }),
  });

  registry.register({
    name: 'list-shift-history',
    title: 'List the zonal shift history',
    description:
      "The fleet's zonal shifts, newest first: customer shifts, practice runs, FIS experiments and autoshifts, active or ended, of the clusters you may read. Use it for what happened when, e.g. every shift of a cluster since yesterday. Answers { items, totalCount, paging }, as GET /shifts.",
    attributes: READ_ATTRIBUTES,
    schema: {
      input: z =>
        toolInput(
          'list-shift-history',
          z
            .object({
              cluster: clusterArn(z, "Only this cluster's shifts.").optional(),
              status: filterList(
                z,
                oneOf(z, ZONAL_SHIFT_STATUSES, 'A shift status.'),
                `Shift statuses: ${ZONAL_SHIFT_STATUSES.join(', ')}.`,
              ),
              type: filterList(
                z,
                oneOf(z, ZONAL_SHIFT_TYPES, 'A shift type.'),
                `What started the shift: ${ZONAL_SHIFT_TYPES.join(', ')}.`,
              ),
              since: z
                .string()
                .optional()
                .describe(
                  'Only shifts that started at or after this ISO 8601 time, e.g. "2026-11-22T08:00:00Z". Default: all.',
                ),
              ...paging(z),
            })
            .strict(),
        ),
      output: shiftHistoryOutput,
    },
    action: async ({ input, credentials }) => ({
      output: asSent(
        await reads.shiftHistory(
          credentials,
          rawQuery(SHIFT_HISTORY_QUERY, input),
        ),
      ),
    }),
  });

  registry.register({
    name: 'list-active-shifts',
    title: 'List the shifts in effect now',
    description:
      'Every zonal shift, practice run, FIS experiment and autoshift ARC applies, or holds behind one of higher precedence, on the clusters you may read, right now: applied ones first. Use it to answer "is anything shifted?" and to find the zonalShiftId to extend or cancel. Answers { items, totalCount, paging }, as GET /active-shifts.',
    attributes: READ_ATTRIBUTES,
    schema: {
      input: z =>
        toolInput('list-active-shifts', z.object({ ...paging(z) }).strict()),
      output: activeShiftsOutput,
    },
    action: async ({ input, credentials }) => ({
      output: asSent(
        await reads.activeShifts(
          credentials,
          rawQuery(ACTIVE_SHIFTS_QUERY, input),
        ),
      ),
    }),
  });

  registry.register({
    name: 'list-audit-events',
    title: "List the portal's audit trail",
    description:
      'Who started, extended or cancelled which zonal shift through the portal, its API or MCP, with the inputs, the outcome (success, failure, denied, pending) and the channel, newest first, for the clusters you may read. Use it to check what was done, e.g. your own shift was recorded. Answers { items, totalCount, paging }, as GET /audit.',
    attributes: READ_ATTRIBUTES,
    schema: {
      input: z =>
        toolInput(
          'list-audit-events',
          z
            .object({
              cluster: clusterArn(z, "Only this cluster's events.").optional(),
              action: filterList(
                z,
                oneOf(z, AUDIT_ACTIONS, 'An action.'),
                `Actions: ${AUDIT_ACTIONS.join(', ')}.`,
              ),
              outcome: filterList(
                z,
                oneOf(z, AUDIT_OUTCOMES, 'An outcome.'),
                `Outcomes: ${AUDIT_OUTCOMES.join(', ')}.`,
              ),
              channel: filterList(
                z,
                oneOf(z, AUDIT_CHANNELS, 'A channel.'),
                `Through what the action came: ${AUDIT_CHANNELS.join(
                  ', ',
                )} (mcp: a tool like this one).`,
              ),
              ...paging(z),
            })
            .strict(),
        ),
      output: auditEventsOutput,
    },
    action: async ({ input, credentials }) => ({
      output: asSent(
        await reads.auditEvents(credentials, rawQuery(AUDIT_QUERY, input)),
      ),
    }),
  });
}
