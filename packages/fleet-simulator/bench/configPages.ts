/**
 * The simulator's cost per AWS Config page for the queries the catalog's
 * fanned-out read sends (see simulator.bench.ts `--figure config-pages`):
 * (a) each account's clusters walked to the end, (b) the subnets of those
 * clusters looked up 100 IDs a query. Pages are fetched one at a time, so
 * the wall time per page is the simulator's answer time plus the loopback
 * and client overhead; the simulator's CPU per page comes from its process.
 */
import {
  ConfigServiceClient,
  SelectAggregateResourceConfigCommand,
} from '@aws-sdk/client-config-service';

const CLUSTER_QUERY_PREFIX =
  "SELECT resourceId, resourceName, accountId, awsRegion, arn, tags, configuration, configurationItemCaptureTime WHERE resourceType = 'AWS::EKS::Cluster' AND accountId = ";
const SUBNET_QUERY_PREFIX =
  "SELECT resourceId, accountId, awsRegion, configuration WHERE resourceType = 'AWS::EC2::Subnet' AND resourceId IN (";
const PAGE = 100;

/** The simulator process's CPU time so far, in microseconds. */
export type CpuProbe = () => Promise<number>;

export interface PageFigure {
  queries: number;
  pages: number;
  rows: number;
  wallMsPerPage: number;
  simulatorCpuMsPerPage: number;
}

async function walk(
  client: ConfigServiceClient,
  expression: string,
): Promise<{ pages: number; results: string[] }> {
  const results: string[] = [];
  let pages = 0;
  let NextToken: string | undefined;
  do {
    const page = await client.send(
      new SelectAggregateResourceConfigCommand({
        ConfigurationAggregatorName: 'fleet-aggregator',
        Expression: expression,
        Limit: PAGE,
        NextToken,
      }),
    );
    pages += 1;
    results.push(...(page.Results ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return { pages, results };
}

/** Runs `expressions` one after another, each walked to its end; time and CPU per page. */
async function measure(
  client: ConfigServiceClient,
  cpu: CpuProbe,
  expressions: string[],
): Promise<PageFigure & { results: string[] }> {
  const cpuBefore = await cpu();
  const started = performance.now();
  let pages = 0;
  const results: string[] = [];
  for (const expression of expressions) {
    const walked = await walk(client, expression);
    pages += walked.pages;
    results.push(...walked.results);
  }
  const wallMs = performance.now() - started;
  const cpuMs = ((await cpu()) - cpuBefore) / 1000;
  return {
    queries: expressions.length,
    pages,
    rows: results.length,
    wallMsPerPage: Number((wallMs / pages).toFixed(2)),
    simulatorCpuMsPerPage: Number((cpuMs / pages).toFixed(2)),
    results,
  };
}

function subnetQueries(clusterRows: string[]): string[] {
  const ids = new Set<string>();
  for (const row of clusterRows) {
    const parsed = JSON.parse(row) as {
      configuration?: { ResourcesVpcConfig?: { SubnetIds?: string[] } };
    };
    for (const id of parsed.configuration?.ResourcesVpcConfig?.SubnetIds ?? [])
      ids.add(id);
  }
  const sorted = [...ids].sort();
  const queries: string[] = [];
  for (let i = 0; i < sorted.length; i += PAGE) {
    const literals = sorted.slice(i, i + PAGE).map(id => `'${id}'`);
    queries.push(`${SUBNET_QUERY_PREFIX}${literals.join(', ')})`);
  }
  return queries;
}

/**
 * (a) and (b) on the simulator at `client`, after one unmeasured round (so
 * lazily built state and the JIT are warm), best of `rounds` measured ones.
 */
export async function configPageFigure(
  client: ConfigServiceClient,
  cpu: CpuProbe,
  accountIds: string[],
  expectedClusters: number,
  rounds: number,
) {
  const clusterQueries = accountIds.map(id => `${CLUSTER_QUERY_PREFIX}'${id}'`);
  let best:
    | { clustersPerAccount: PageFigure; subnetsBy100: PageFigure }
    | undefined;
  for (let round = 0; round <= rounds; round++) {
    const { results, ...clusters } = await measure(client, cpu, clusterQueries);
    if (clusters.rows !== expectedClusters)
      throw new Error(
        `the per-account walks returned ${clusters.rows} clusters, expected ${expectedClusters}`,
      );
    const queries = subnetQueries(results);
    const { results: subnetRows, ...subnets } = await measure(
      client,
      cpu,
      queries,
    );
    if (subnets.pages !== queries.length)
      throw new Error(
        `${queries.length} subnet queries took ${subnets.pages} pages`,
      );
    if (subnetRows.length === 0) throw new Error('no subnet was found');
    if (round === 0) continue;
    if (
      !best ||
      clusters.wallMsPerPage + subnets.wallMsPerPage <
        best.clustersPerAccount.wallMsPerPage + best.subnetsBy100.wallMsPerPage
    )
      best = { clustersPerAccount: clusters, subnetsBy100: subnets };
  }
  return best!;
}
