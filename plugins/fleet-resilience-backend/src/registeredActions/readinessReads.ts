/**
 * The readiness read tool, `get-readiness-summary`: the body of GET
 * /readiness-summary for the filters of list-clusters, with the route's
 * parameter names, parser and permission decision (FleetReads).
 */
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  DATA_FRESHNESS_VALUES,
  FLEET_LIST_QUERY,
  READINESS_LIST_QUERY,
  READINESS_VERDICTS,
  SHIFT_STATES,
  SURVIVABILITY_VERDICTS,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { FleetReads } from '../service/FleetReads';
import {
  ACCOUNT_ID,
  MAX_SEARCH_LENGTH,
  REGION,
  VERSION,
  ZONE,
} from '../service/queryValues';
import {
  filterList,
  oneOf,
  readinessFilters,
  toolInput,
  type Zod,
} from './inputSchemas';
import { asSent, READ_ATTRIBUTES, rawQuery } from './readActions';

function count(z: Zod) {
  return z.number().int().min(0);
}

function readinessSummaryOutput(z: Zod) {
  const byVerdict = z
    .object(
      Object.fromEntries(READINESS_VERDICTS.map(v => [v, count(z)])) as Record<
        (typeof READINESS_VERDICTS)[number],
        ReturnType<typeof count>
      >,
    )
    .passthrough();
  const checkCounts = z
    .object({
      pass: count(z),
      warn: count(z),
      fail: count(z),
      unknown: count(z),
    })
    .passthrough();
  return z
    .object({
      clusterCount: count(z),
      byVerdict,
      checks: z.record(checkCounts),
      workloadsAtRisk: count(z),
      singleReplicaWorkloads: count(z),
    })
    .passthrough();
}

/** The filter parameters of GET /readiness-summary, by tool field. */
const SUMMARY_QUERY = {
  account: FLEET_LIST_QUERY.account,
  region: FLEET_LIST_QUERY.region,
  zone: FLEET_LIST_QUERY.zone,
  version: FLEET_LIST_QUERY.version,
  owner: FLEET_LIST_QUERY.owner,
  shiftState: FLEET_LIST_QUERY.shiftState,
  verdict: FLEET_LIST_QUERY.verdict,
  freshness: FLEET_LIST_QUERY.freshness,
  readiness: READINESS_LIST_QUERY.readiness,
  check: READINESS_LIST_QUERY.check,
  search: FLEET_LIST_QUERY.search,
} as const;

export function registerReadinessSummary(
  registry: ActionsRegistryService,
  reads: Pick<FleetReads, 'readinessSummary'>,
): void {
  registry.register({
    name: 'get-readiness-summary',
    title: "The fleet's AZ readiness, counted",
    description:
      'How ready the EKS clusters you may read are for an AZ failure, counted: clusters per readiness verdict (ready, at-risk, not-ready, unknown), per check how many pass, warn, fail or are unknown (zonal-shift, zonal-autoshift, practice-runs, practice-run-outcome, capacity-n-1, workload-spread, single-replica, cluster-dns), and the workloads at risk and single-replica workloads summed. Use it for "how many clusters do not have zonal shift enabled?" (checks["zonal-shift"].fail) or "how many workloads would an AZ loss hurt?"; then list-clusters with the same filters and check ["zonal-shift"] names them. Takes the filters of list-clusters (no sort or paging). Answers the body of GET /readiness-summary.',
    attributes: READ_ATTRIBUTES,
    schema: {
      input: z =>
        toolInput(
          'get-readiness-summary',
          z
            .object({
              account: filterList(
                z,
                z.string().regex(ACCOUNT_ID, 'must be 12 digits'),
                'AWS account IDs (12 digits), e.g. ["123456789012"].',
              ),
              region: filterList(
                z,
                z
                  .string()
                  .regex(REGION, 'must be a region code like us-east-1'),
                'AWS region codes, e.g. ["us-east-1"].',
              ),
              zone: filterList(
                z,
                z
                  .string()
                  .regex(ZONE, 'must be an AZ ID like use1-az1 or an AZ name'),
                'AZs the cluster has, by AZ ID (use1-az2) or AZ name (us-east-1b).',
              ),
              version: filterList(
                z,
                z.string().regex(VERSION, 'must be a version like 1.33'),
                'Kubernetes versions, e.g. ["1.33"].',
              ),
              owner: filterList(
                z,
                z.string().min(1),
                'Owners: entity refs like "group:default/payments-team", or a bare group name like "payments-team".',
              ),
              shiftState: filterList(
                z,
                oneOf(z, SHIFT_STATES, 'A shift state.'),
                `Shift states: ${SHIFT_STATES.join(', ')}.`,
              ),
              verdict: filterList(
                z,
                oneOf(z, SURVIVABILITY_VERDICTS, 'An N-1 verdict.'),
                `N-1 verdicts: ${SURVIVABILITY_VERDICTS.join(', ')}.`,
              ),
              freshness: filterList(
                z,
                oneOf(z, DATA_FRESHNESS_VALUES, 'A data freshness.'),
                `Data freshness: ${DATA_FRESHNESS_VALUES.join(', ')}.`,
              ),
              ...readinessFilters(z),
              search: z
                .string()
                .max(MAX_SEARCH_LENGTH)
                .optional()
                .describe(
                  `Part of the cluster name, case-insensitive, up to ${MAX_SEARCH_LENGTH} characters. Default: none.`,
                ),
            })
            .strict(),
        ),
      output: readinessSummaryOutput,
    },
    action: async ({ input, credentials }) => ({
      output: asSent(
        await reads.readinessSummary(
          credentials,
          rawQuery(SUMMARY_QUERY, input),
        ),
      ),
    }),
  });
}
