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
  type Paging,
  type RefreshStatusResponse,
  type ShiftHistoryResponse,
  type ShiftImpact,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { AuditStore } from '../database/AuditStore';
import type { ClusterAccess } from '../database/clusterAccessSql';
import type { FleetStores } from '../database';
import { detailJson, summaryJson } from '../domain/clusterDocuments';
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
import {
  accessKey,
  assemble,
  GenerationCache,
  GenerationReader,
  prepareDocument,
  type PreparedDocument,
} from './documentCache';
import { clusterReadAccess } from './readAccess';
import { pagingOf, toRefreshStatus, toShiftRecord } from './views';

/** Bytes of assembled lists and details kept per replica. */
export const DOCUMENT_CACHE_BYTES = 32 * 2 ** 20;

/** An assembled answer: `open`, the documents with commas, `close`. */
interface CachedAnswer {
  generation: number;
  open: Buffer;
  documents: PreparedDocument[];
  close: Buffer;
  bytes: number;
}

const EMPTY = Buffer.alloc(0);
const LIST_OPEN = Buffer.from('{"items":[');

function cached(
  generation: number,
  parts: Omit<CachedAnswer, 'generation' | 'bytes'>,
): CachedAnswer {
  let bytes = parts.open.length + parts.close.length;
  for (const document of parts.documents) {
    bytes += document.head.length + document.tail.length + 64;
  }
  return { generation, bytes, ...parts };
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
  /** The byte budget of assembled answers (default {@link DOCUMENT_CACHE_BYTES}). */
  cacheBytes?: number;
}

export class FleetReads {
  readonly #options: FleetReadsOptions;
  readonly #now: () => Date;
  readonly #generation: GenerationReader;
  readonly #cache: GenerationCache<CachedAnswer>;
  readonly #loading = new Map<string, Promise<CachedAnswer>>();

  constructor(options: FleetReadsOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
    this.#generation = new GenerationReader(() =>
      options.stores.clusters.readGeneration(),
    );
    this.#cache = new GenerationCache(
      options.cacheBytes ?? DOCUMENT_CACHE_BYTES,
    );
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
    return (await this.listClustersBody(credentials, query)).toString();
  }

  /**
   * {@link FleetReads.listClustersJson} as UTF-8 bytes, reused while the
   * read generation, the caller's decision and the query are the same
   * (documentCache.ts: exactly the uncached answer, ages written per
   * request).
   */
  async listClustersBody(
    credentials: BackstageCredentials,
    query: RawQuery,
  ): Promise<Buffer> {
    const access = await this.access(credentials);
    const parsed = parseClusterListQuery(query);
    const generation = await this.#generation.current();
    const key = `list:${accessKey(access)}:${JSON.stringify(parsed)}`;
    let page = this.#cache.get(generation, key);
    if (!page) {
      page = await this.#load(generation, key, async () => {
        const { items, totalCount } =
          await this.#options.stores.clusters.listClusterDocuments(
            parsed,
            access,
          );
        const at = this.#now();
        const paging: Paging = pagingOf(parsed.page, totalCount);
        const documents = items.map(item =>
          prepareDocument(
            item.summary,
            item.status,
            '',
            '',
            now => summaryJson(item.summary, item.status, now),
            at,
          ),
        );
        const close = Buffer.from(
          `],"totalCount":${totalCount},"paging":${JSON.stringify(paging)}}`,
        );
        return cached(generation, { open: LIST_OPEN, documents, close });
      });
    }
    return assemble(page.open, page.documents, page.close, this.#now());
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
    return (
      await this.clusterDetailBody(credentials, clusterArn, query)
    ).toString();
  }

  /** {@link FleetReads.clusterDetailJson} as UTF-8 bytes, reused like the list's. */
  async clusterDetailBody(
    credentials: BackstageCredentials,
    clusterArn: string,
    query: RawQuery = {},
  ): Promise<Buffer> {
    const access = await this.access(credentials);
    parseNoQuery(query);
    const { arn } = parseClusterArn(clusterArn, 'cluster ARN');
    const generation = await this.#generation.current();
    const key = `detail:${accessKey(access)}:${arn}`;
    let entry = this.#cache.get(generation, key);
    if (!entry) {
      entry = await this.#load(generation, key, async () => {
        const documents =
          await this.#options.stores.clusters.getClusterDocuments(arn, access);
        if (!documents) {
          // Not found (or not the caller's) is an answer too.
          return cached(generation, {
            open: EMPTY,
            documents: [],
            close: EMPTY,
          });
        }
        const { summary, detail, status } = documents;
        const document = prepareDocument(
          summary,
          status,
          '{"summary":',
          detailJson(summary, detail, status, new Date(0)).slice(
            summaryJson(summary, status, new Date(0)).length + 11,
          ),
          now => detailJson(summary, detail, status, now),
          this.#now(),
        );
        return cached(generation, {
          open: EMPTY,
          documents: [document],
          close: EMPTY,
        });
      });
    }
    if (entry.documents.length === 0) {
      throw clusterNotFound(arn);
    }
    return assemble(entry.open, entry.documents, entry.close, this.#now());
  }

  /**
   * One read per key at a time: requests that arrive while it runs read
   * the same generation, so its answer is theirs (documentCache.ts).
   */
  async #load(
    generation: number,
    key: string,
    read: () => Promise<CachedAnswer>,
  ): Promise<CachedAnswer> {
    const loadKey = `${generation}:${key}`;
    const running = this.#loading.get(loadKey);
    if (running) {
      return running;
    }
    const loading = read().finally(() => this.#loading.delete(loadKey));
    this.#loading.set(loadKey, loading);
    const answer = await loading;
    this.#cache.set(generation, key, answer);
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
