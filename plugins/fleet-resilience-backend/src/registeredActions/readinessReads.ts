/**
 * The readiness read tool, `get-readiness-summary`: the body of GET
 * /readiness-summary for the filters of list-clusters, with the route's
 * parameter names, parser and permission decision (FleetReads).
 */
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  FLEET_LIST_QUERY,
  READINESS_LIST_QUERY,
  READINESS_VERDICTS,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { FleetReads } from '../service/FleetReads';
import { fleetFilters, toolInput, type Zod } from './inputSchemas';
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
        toolInput('get-readiness-summary', z.object(fleetFilters(z)).strict()),
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
