/**
 * The fleet's reads, one method per question, shared by the HTTP routes
 * (router.ts) and the actions registry's tools (registeredActions/): the
 * same permission decision, the same parsers and the same answer, whoever
 * asks. Each method first decides which clusters the caller may read (one
 * decision, applied in SQL; none at all is a NotAllowedError naming the
 * permission), then parses its input (an InputError naming the parameter),
 * then reads. A cluster the caller may not read is not found, like one that
 * does not exist.
 *
 * Inputs are raw query objects (`RawQuery`), as Express hands them over:
 * a tool maps its typed input onto the same parameter names, so one parser
 * validates both.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  assessShiftImpact,
  type ActiveShiftsResponse,
  type AuditEventsResponse,
  type FleetReadinessSummary,
  type RefreshStatusResponse,
  type ShiftHistoryResponse,
  type ShiftImpact,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { AuditStore } from '../database/AuditStore';
import type { ClusterAccess } from '../database/clusterAccessSql';
import type { FleetStores } from '../database';
import {
  clusterNotFound,
  type ClusterAuthorizer,
} from '../permissions/ClusterAuthorizer';
import { buildActiveShifts } from './activeShifts';
import {
  parseActiveShiftsQuery,
  parseAuditQuery,
  parseClusterArn,
  parseClusterListQuery,
  parseNoQuery,
  parseReadinessSummaryQuery,
  parseShiftHistoryQuery,
  parseShiftImpactQuery,
  shiftImpactZone,
  type RawQuery,
} from './parseQuery';
import { DocumentReads } from './DocumentReads';
import type { AnswerBytes } from './documentCache';
import { clusterReadAccess } from './readAccess';
import { pagingOf, toRefreshStatus, toShiftRecord } from './views';

function text(answer: AnswerBytes): string {
  const json = answer.body.toString('utf8');
  answer.release();
  return json;
}

export interface FleetReadsOptions {
  stores: Pick<
    FleetStores,
    'clusters' | 'kubernetes' | 'arc' | 'refreshResults'
  >;
  /** The audit trail, when shift actions are wired. */
  audit?: Pick<AuditStore, 'list'>;
  clusterAuthorizer: Pick<ClusterAuthorizer, 'access'>;
  now?: () => Date;
  /** The byte budget of assembled answers (DocumentReads.ts). */
  cacheBytes?: number;
}

export class FleetReads {
  readonly #options: FleetReadsOptions;
  readonly #now: () => Date;
  readonly #documents: DocumentReads;

  constructor(options: FleetReadsOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
    this.#documents = new DocumentReads({
      clusters: options.stores.clusters,
      now: this.#now,
      cacheBytes: options.cacheBytes,
    });
  }

  /** The clusters `credentials` may read; NotAllowedError when none. */
  access(
    credentials: BackstageCredentials,
    what = 'the fleet',
  ): Promise<ClusterAccess> {
    return clusterReadAccess(
      credentials,
      this.#options.clusterAuthorizer,
      what,
    );
  }

  /**
   * `GET /clusters`: a page of cluster summaries, as JSON text assembled
   * from the stored documents (no parse and stringify per cluster).
   */
  async listClustersJson(
    credentials: BackstageCredentials,
    query: RawQuery,
  ): Promise<string> {
    return text(await this.listClustersBody(credentials, query));
  }

  /**
   * {@link FleetReads.listClustersJson} as UTF-8 bytes, reused while the
   * read generation, the caller's decision and the query are the same
   * (DocumentReads.ts). `release` once the bytes are sent.
   */
  async listClustersBody(
    credentials: BackstageCredentials,
    query: RawQuery,
  ): Promise<AnswerBytes> {
    const access = await this.access(credentials);
    const parsed = parseClusterListQuery(query);
    return this.#documents.list(access, parsed);
  }

  /**
   * `GET /readiness-summary`: the readiness of the clusters the caller may
   * read that match the list's filters, counted in SQL (the permission's
   * conditions are part of the counting query, as of the list's).
   */
  async readinessSummary(
    credentials: BackstageCredentials,
    query: RawQuery,
  ): Promise<FleetReadinessSummary> {
    const access = await this.access(credentials);
    const filter = parseReadinessSummaryQuery(query);
    return this.#options.stores.clusters.readinessSummary(filter, access);
  }

  /** `GET /clusters/:clusterArn`: the cluster's detail, as JSON text. */
  async clusterDetailJson(
    credentials: BackstageCredentials,
    clusterArn: string,
    query: RawQuery = {},
  ): Promise<string> {
    return text(await this.clusterDetailBody(credentials, clusterArn, query));
  }

  /** {@link FleetReads.clusterDetailJson} as UTF-8 bytes, reused like the list's. */
  async clusterDetailBody(
    credentials: BackstageCredentials,
    clusterArn: string,
    query: RawQuery = {},
  ): Promise<AnswerBytes> {
    const access = await this.access(credentials);
    parseNoQuery(query);
    const { arn } = parseClusterArn(clusterArn, 'cluster ARN');
    const answer = await this.#documents.detail(access, arn);
    if (!answer) {
      throw clusterNotFound(arn);
    }
    return answer;
  }

  /**
   * `GET /clusters/:clusterArn/shift-impact`: what a shift away from one AZ
   * would do to the cluster, on the same stored data as the fleet dry run.
   */
  async shiftImpact(
    credentials: BackstageCredentials,
    clusterArn: string,
    query: RawQuery,
  ): Promise<ShiftImpact> {
    const access = await this.access(credentials);
    const { arn } = parseClusterArn(clusterArn, 'cluster ARN');
    const awayFrom = parseShiftImpactQuery(query);
    const { stores } = this.#options;
    const cluster = await stores.clusters.getCluster(arn, access);
    if (!cluster) {
      throw clusterNotFound(arn);
    }
    const zone = shiftImpactZone(awayFrom, {
      name: cluster.ref.name,
      zones: cluster.zones,
    });
    const [snapshot, nodePools] = await Promise.all([
      stores.kubernetes.getLatestSnapshot(arn),
      stores.kubernetes.listNodePools(arn),
    ]);
    return assessShiftImpact({
      capacity: snapshot?.capacity,
      zones: cluster.zones,
      awayFrom: zone.id,
      nodePools,
    });
  }

  /** `GET /shifts`: the shift history, newest first. */
  async shiftHistory(
    credentials: BackstageCredentials,
    query: RawQuery,
  ): Promise<ShiftHistoryResponse> {
    const access = await this.access(credentials);
    const { filter, page } = parseShiftHistoryQuery(query);
    const { items, totalCount } = await this.#options.stores.arc.listShifts(
      filter,
      page,
      access,
    );
    return {
      items: items.map(toShiftRecord),
      totalCount,
      paging: pagingOf(page, totalCount),
    };
  }

  /**
   * `GET /active-shifts`. Decided at request time: a shift past its expiry
   * is over now, whatever the last ARC read said. The list is small (one
   * entry per shift and autoshift applying to a cluster), so it is paged
   * after sorting.
   */
  async activeShifts(
    credentials: BackstageCredentials,
    query: RawQuery,
  ): Promise<ActiveShiftsResponse> {
    const access = await this.access(credentials);
    const page = parseActiveShiftsQuery(query);
    const entries = buildActiveShifts(
      await this.#options.stores.arc.listActiveShiftSources(access),
      this.#now(),
    );
    return {
      items: entries.slice(page.offset, page.offset + page.limit),
      totalCount: entries.length,
      paging: pagingOf(page, entries.length),
    };
  }

  /**
   * `GET /refresh-status`. The cluster counts are of the clusters the
   * caller may read. The sources (inventory, ARC and Resilience Hub per
   * account and region, the refresh runs) are fleet-wide rows, not
   * clusters: every reader sees them all, errors included.
   */
  async refreshStatus(
    credentials: BackstageCredentials,
    query: RawQuery,
  ): Promise<RefreshStatusResponse> {
    const access = await this.access(credentials);
    parseNoQuery(query);
    const { stores } = this.#options;
    const [results, counts] = await Promise.all([
      stores.refreshResults.listRefreshResults({}),
      stores.clusters.countByFreshness(access),
    ]);
    return toRefreshStatus(results, counts);
  }

  /** `GET /audit`: the audit trail of the clusters the caller may read. */
  async auditEvents(
    credentials: BackstageCredentials,
    query: RawQuery,
  ): Promise<AuditEventsResponse> {
    const { audit } = this.#options;
    if (!audit) {
      throw new Error('The audit trail is not wired');
    }
    const access = await this.access(credentials, 'the audit trail');
    const { filter, page } = parseAuditQuery(query);
    const { items, totalCount } = await audit.list(filter, page, access);
    return { items, totalCount, paging: pagingOf(page, totalCount) };
  }
}
