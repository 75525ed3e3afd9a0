import {
  DescribeAppAssessmentCommand,
  ListAppAssessmentsCommand,
  ListAppInputSourcesCommand,
  ListAppsCommand,
  ResourceNotFoundException,
  type AppInputSource,
  type AppSummary,
  type ResiliencehubClient,
} from '@aws-sdk/client-resiliencehub';
import { ForwardedError } from '@backstage/errors';
import type {
  AccountRegion,
  ResilienceApp,
  ResilienceHubReader,
} from '../sources/types';
import { mapWithConcurrency } from '../util/mapWithConcurrency';
import { followPages } from '../util/pages';
import type { AwsClients } from './AwsClientFactory';
import { checkAccountRegion, scopeName } from './identifiers';
import {
  azComplianceOf,
  eksClusterArnsOf,
  latestSuccessfulAssessment,
} from './resilienceHubResults';

/**
 * Options of {@link AwsResilienceHubReader}.
 *
 * @public
 */
export interface AwsResilienceHubReaderOptions {
  clients: Pick<AwsClients, 'resilienceHub'>;
  /** Apps read at once; default 4. */
  concurrency?: number;
}

/** The published app version; input sources of drafts are not what was assessed. */
const APP_VERSION = 'release';
const PAGE_SIZE = 100;

/** Every item of a nextToken-paged call (see followPages). */
async function allPages<P extends { nextToken?: string }, T>(
  fetchPage: (nextToken?: string) => Promise<P>,
  itemsOf: (page: P) => T[] | undefined,
  signal?: AbortSignal,
): Promise<T[]> {
  const items: T[] = [];
  for await (const page of followPages(
    fetchPage,
    p => p.nextToken,
    'Resilience Hub returned the same nextToken',
    signal,
  )) {
    items.push(...(itemsOf(page) ?? []));
  }
  return items;
}

/**
 * The Resilience Hub apps of one account and region that import EKS
 * clusters, with the AZ results of their latest successful assessment:
 * ListApps, then per app ListAppInputSources (version `release`),
 * ListAppAssessments (newest first, successful only) and
 * DescribeAppAssessment. Apps without EKS sources are left out, as are apps
 * never published (no `release` version) and apps deleted while they were
 * read. Any other failure rejects with the account and region in the message.
 *
 * @public
 */
export class AwsResilienceHubReader implements ResilienceHubReader {
  constructor(private readonly options: AwsResilienceHubReaderOptions) {}

  async readApps(
    target: AccountRegion,
    options: { signal?: AbortSignal } = {},
  ): Promise<ResilienceApp[]> {
    const { signal } = options;
    const { accountId, region } = checkAccountRegion(target);
    try {
      const client = await this.options.clients.resilienceHub(target);
      const apps = await allPages(
        nextToken =>
          client.send(
            new ListAppsCommand({ maxResults: PAGE_SIZE, nextToken }),
            {
              abortSignal: signal,
            },
          ),
        page => page.appSummaries,
        signal,
      );
      const results = await mapWithConcurrency(
        apps,
        this.options.concurrency ?? 4,
        app => this.readApp(client, app, { accountId, region }, signal),
        { signal },
      );
      return results.flatMap(result => {
        // An app deleted while it was read is no longer there: left out,
        // not a failed region. Any other failure fails the region, which
        // keeps what was stored rather than dropping the app.
        if (!result.ok && result.error instanceof ResourceNotFoundException) {
          return [];
        }
        if (!result.ok) throw result.error;
        return result.value ? [result.value] : [];
      });
    } catch (error) {
      throw new ForwardedError(
        `Resilience Hub could not be read in ${scopeName(target)}`,
        error,
      );
    }
  }

  private async readApp(
    client: ResiliencehubClient,
    app: AppSummary,
    target: AccountRegion,
    signal?: AbortSignal,
  ): Promise<ResilienceApp | undefined> {
    const { appArn, name } = app;
    if (!appArn || !name) return undefined;
    const sources = await this.inputSources(client, appArn, signal);
    const clusterArns = eksClusterArnsOf(sources);
    if (clusterArns.length === 0) return undefined;

    const { assessmentSummaries = [] } = await client.send(
      new ListAppAssessmentsCommand({
        appArn,
        assessmentStatus: ['Success'],
        reverseOrder: true,
        maxResults: PAGE_SIZE,
      }),
      { abortSignal: signal },
    );
    const latest = latestSuccessfulAssessment(assessmentSummaries);
    const assessment = latest?.assessmentArn
      ? (
          await client.send(
            new DescribeAppAssessmentCommand({
              assessmentArn: latest.assessmentArn,
            }),
            { abortSignal: signal },
          )
        ).assessment
      : undefined;
    const azCompliance = assessment ? azComplianceOf(assessment) : undefined;
    const assessedAt = assessment?.endTime ?? latest?.endTime;
    return {
      appArn,
      name,
      accountId: target.accountId,
      region: target.region,
      ...(typeof app.resiliencyScore === 'number' &&
      Number.isFinite(app.resiliencyScore)
        ? { resiliencyScore: app.resiliencyScore }
        : {}),
      ...(app.complianceStatus
        ? { complianceStatus: app.complianceStatus }
        : {}),
      clusterArns,
      ...(azCompliance ? { azCompliance } : {}),
      ...(assessedAt && !Number.isNaN(assessedAt.getTime())
        ? { assessedAt: assessedAt.toISOString() }
        : {}),
    };
  }

  /** An app never published has no `release` version: it imports nothing yet. */
  private async inputSources(
    client: ResiliencehubClient,
    appArn: string,
    signal?: AbortSignal,
  ): Promise<AppInputSource[]> {
    try {
      return await allPages(
        nextToken =>
          client.send(
            new ListAppInputSourcesCommand({
              appArn,
              appVersion: APP_VERSION,
              maxResults: PAGE_SIZE,
              nextToken,
            }),
            { abortSignal: signal },
          ),
        page => page.appInputSources,
        signal,
      );
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return [];
      throw error;
    }
  }
}
