/**
 * The cluster list and detail as UTF-8 bytes, reused while the read
 * generation, the caller's decision and the question are the same
 * (documentCache.ts says why each answer is exactly the uncached one).
 * FleetReads makes the permission decision and parses the input first.
 */
import type { ClusterQueries } from '../database/ClusterQueries';
import type { ClusterAccess } from '../database/clusterAccessSql';
import { detailJson, summaryJson } from '../domain/clusterDocuments';
import type { ClusterListQuery } from '../domain/records';
import {
  accessKey,
  assemble,
  BufferPool,
  GenerationCache,
  GenerationReader,
  prepareDocument,
  type AnswerBytes,
  type PreparedDocument,
} from './documentCache';
import { pagingOf } from './views';

/** Bytes of assembled lists and details kept per replica. */
export const DOCUMENT_CACHE_BYTES = 32 * 2 ** 20;

/** Bytes of answer buffers kept for reuse once sent. */
const POOL_BYTES = 16 * 2 ** 20;

/** An assembled answer: `open`, the documents with commas, `close`. */
interface CachedAnswer {
  open: Buffer;
  documents: PreparedDocument[];
  close: Buffer;
  bytes: number;
}

const EMPTY = Buffer.alloc(0);
const LIST_OPEN = Buffer.from('{"items":[');

function cached(parts: Omit<CachedAnswer, 'bytes'>): CachedAnswer {
  let bytes = parts.open.length + parts.close.length;
  for (const document of parts.documents) {
    bytes += document.head.length + document.tail.length + 64;
  }
  return { bytes, ...parts };
}

export interface DocumentReadsOptions {
  clusters: Pick<
    ClusterQueries,
    'readGeneration' | 'listClusterDocuments' | 'getClusterDocuments'
  >;
  now: () => Date;
  /** The byte budget of assembled answers (default {@link DOCUMENT_CACHE_BYTES}). */
  cacheBytes?: number;
}

export class DocumentReads {
  readonly #clusters: DocumentReadsOptions['clusters'];
  readonly #now: () => Date;
  readonly #generation: GenerationReader;
  readonly #cache: GenerationCache<CachedAnswer>;
  readonly #loading = new Map<string, Promise<CachedAnswer>>();
  readonly #pool = new BufferPool(POOL_BYTES);

  constructor(options: DocumentReadsOptions) {
    this.#clusters = options.clusters;
    this.#now = options.now;
    this.#generation = new GenerationReader(() =>
      options.clusters.readGeneration(),
    );
    this.#cache = new GenerationCache(
      options.cacheBytes ?? DOCUMENT_CACHE_BYTES,
    );
  }

  /** A page of cluster summaries (`GET /clusters`). */
  async list(
    access: ClusterAccess,
    query: ClusterListQuery,
  ): Promise<AnswerBytes> {
    const key = `list:${accessKey(access)}:${JSON.stringify(query)}`;
    const page = await this.#answer(key, async () => {
      const { items, totalCount } = await this.#clusters.listClusterDocuments(
        query,
        access,
      );
      const at = this.#now();
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
        `],"totalCount":${totalCount},"paging":${JSON.stringify(
          pagingOf(query.page, totalCount),
        )}}`,
      );
      return cached({ open: LIST_OPEN, documents, close });
    });
    return this.#assemble(page);
  }

  /** A cluster's detail; undefined when not found or not the caller's. */
  async detail(
    access: ClusterAccess,
    arn: string,
  ): Promise<AnswerBytes | undefined> {
    const key = `detail:${accessKey(access)}:${arn}`;
    const entry = await this.#answer(key, async () => {
      const documents = await this.#clusters.getClusterDocuments(arn, access);
      if (!documents) {
        // Not found (or not the caller's) is an answer too.
        return cached({ open: EMPTY, documents: [], close: EMPTY });
      }
      const { summary, detail, status } = documents;
      // What follows the summary in the detail does not depend on time.
      const epoch = new Date(0);
      const after = detailJson(summary, detail, status, epoch).slice(
        '{"summary":'.length + summaryJson(summary, status, epoch).length,
      );
      const document = prepareDocument(
        summary,
        status,
        '{"summary":',
        after,
        now => detailJson(summary, detail, status, now),
        this.#now(),
      );
      return cached({ open: EMPTY, documents: [document], close: EMPTY });
    });
    return entry.documents.length === 0 ? undefined : this.#assemble(entry);
  }

  #assemble(answer: CachedAnswer): AnswerBytes {
    return assemble(
      answer.open,
      answer.documents,
      answer.close,
      this.#now(),
      this.#pool,
    );
  }

  /**
   * The answer under the generation read after this request arrived;
   * one database read per key and generation at a time: requests that
   * join a running read have read the same generation, so nothing was
   * committed between its read and their arrival.
   */
  async #answer(
    key: string,
    read: () => Promise<CachedAnswer>,
  ): Promise<CachedAnswer> {
    const generation = await this.#generation.current();
    const found = this.#cache.get(generation, key);
    if (found) {
      return found;
    }
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
}
