/**
 * What `GET /clusters` and `GET /clusters/:clusterArn` assembled, kept as
 * UTF-8 bytes and reused while the database's read generation (migration
 * `20261207000700_read_generation`) is unchanged, so a repeated read costs
 * one tiny query and a copy instead of the page query, the count and the
 * string work.
 *
 * Exactness, the rules every answer keeps:
 * - Invalidation: every write to the tables these answers come from changes
 *   the generation in its own transaction (triggers, whichever replica or
 *   code path writes). A request reads the generation after it arrives,
 *   then looks up answers filled under that same generation: the data they
 *   were read from was read after the generation was, and the generation
 *   has not moved since, so nothing was committed in between.
 * - Time: the only part of these answers that depends on `now` is each
 *   item's `health.ageSeconds`; it is written per request into the cached
 *   bytes (see {@link PreparedDocument}), so a cached answer is the
 *   uncached one at every instant, not only until the next second.
 * - Access: the permission decision is made per request before the
 *   look-up; the decision (all, or the conditional criteria) is part of
 *   the key.
 * - Memory: least recently used entries go first beyond a byte budget.
 */
import type { ClusterAccess } from '../database/clusterAccessSql';
import type { KubernetesStatus } from '../domain/clusterDocuments';
import { healthOf } from '../domain/clusterDocuments';

/** The key part of a caller's permission decision. */
export function accessKey(access: ClusterAccess): string {
  return access.kind === 'some'
    ? `some:${JSON.stringify(access.criteria)}`
    : access.kind;
}

/**
 * One summary (a list item, or the start of a detail) as bytes around its
 * age: `head` + `,"ageSeconds":<n>}` (or `}` without a success) + `}` +
 * `tail`. `fallback` answers instead when the split does not reproduce the
 * uncached text (checked once, when prepared).
 */
export interface PreparedDocument {
  head: Buffer;
  tail: Buffer;
  successMs?: number;
  fallback?: (now: Date) => string;
}

/**
 * Splits `render(now)` (which must start with `prefix` + the summary's
 * health) into bytes and the age written per request; `suffix` follows the
 * summary's closing brace.
 */
export function prepareDocument(
  summaryDocument: string,
  status: KubernetesStatus,
  prefix: string,
  suffix: string,
  render: (now: Date) => string,
  now: Date,
): PreparedDocument {
  const { ageSeconds, ...steady } = healthOf(status, now);
  const head = `${prefix}${summaryDocument.slice(
    0,
    -1,
  )},"health":${JSON.stringify(steady).slice(0, -1)}`;
  const prepared: PreparedDocument = {
    head: Buffer.from(head),
    tail: Buffer.from(suffix),
    successMs:
      ageSeconds === undefined ? undefined : Date.parse(status.lastSuccessAt!),
  };
  const expected = render(now);
  if (`${head}${ageText(prepared, now)}${suffix}` !== expected) {
    return { head: Buffer.alloc(0), tail: Buffer.alloc(0), fallback: render };
  }
  return prepared;
}

function ageText(document: PreparedDocument, now: Date): string {
  if (document.successMs === undefined) {
    return '}}';
  }
  const age = Math.max(
    0,
    Math.floor((now.getTime() - document.successMs) / 1000),
  );
  return Number.isFinite(age)
    ? `,"ageSeconds":${age}}}`
    : ',"ageSeconds":null}}';
}

/** Longest age text: `,"ageSeconds":` + a safe integer + `}}`. */
const AGE_BYTES = 16 + 16 + 2;

/** Answer bytes; `release` once they are sent (the buffer may be reused). */
export interface AnswerBytes {
  body: Buffer;
  release(): void;
}

/**
 * Buffers of sent answers, reused: a 500-cluster page is megabytes, and a
 * fresh buffer per request costs more in garbage collection than the copy.
 * Bounded in bytes; a buffer comes back only once its answer was sent.
 */
export class BufferPool {
  readonly #maxBytes: number;
  readonly #free: Buffer[] = [];
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** A buffer of at least `size` bytes (contents arbitrary). */
  take(size: number): Buffer {
    for (let i = this.#free.length - 1; i >= 0; i -= 1) {
      const buffer = this.#free[i];
      if (buffer.length >= size) {
        this.#free.splice(i, 1);
        this.#bytes -= buffer.length;
        return buffer;
      }
    }
    // Rounded up so that pages of about the same size share buffers.
    return Buffer.allocUnsafeSlow(Math.ceil(size / 65536) * 65536);
  }

  give(buffer: Buffer): void {
    if (this.#bytes + buffer.length <= this.#maxBytes) {
      this.#free.push(buffer);
      this.#bytes += buffer.length;
    }
  }
}

/** Answers smaller than this are not worth a pooled buffer. */
const POOLED_FROM = 64 * 1024;

/**
 * The bytes of `open` + the documents at `now`, separated by commas, +
 * `close`: one buffer (from `pool` when large) and copies.
 */
export function assemble(
  open: Buffer,
  documents: readonly PreparedDocument[],
  close: Buffer,
  now: Date,
  pool?: BufferPool,
): AnswerBytes {
  let size = open.length + close.length + documents.length;
  const texts: Array<string | undefined> = [];
  for (const document of documents) {
    if (document.fallback) {
      const text = document.fallback(now);
      texts.push(text);
      size += Buffer.byteLength(text);
    } else {
      texts.push(undefined);
      size += document.head.length + AGE_BYTES + document.tail.length;
    }
  }
  const pooled = pool && size >= POOLED_FROM ? pool : undefined;
  const out = pooled ? pooled.take(size) : Buffer.allocUnsafe(size);
  let at = open.copy(out, 0);
  documents.forEach((document, i) => {
    if (i > 0) {
      at += out.write(',', at, 'latin1');
    }
    const text = texts[i];
    if (text !== undefined) {
      at += out.write(text, at, 'utf8');
      return;
    }
    at += document.head.copy(out, at);
    at += out.write(ageText(document, now), at, 'latin1');
    at += document.tail.copy(out, at);
  });
  at += close.copy(out, at);
  let released = false;
  return {
    body: out.subarray(0, at),
    release: () => {
      if (pooled && !released) {
        released = true;
        pooled.give(out);
      }
    },
  };
}

/** An answer's size in the cache's budget. */
export interface Sized {
  bytes: number;
}

/**
 * A byte-bounded LRU of answers per read generation. Entries of an older
 * generation are dropped as soon as a newer one is seen: they can never be
 * served again.
 */
export class GenerationCache<V extends Sized> {
  readonly #maxBytes: number;
  readonly #entries = new Map<string, V>();
  #bytes = 0;
  #generation = -Infinity;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(generation: number, key: string): V | undefined {
    if (generation !== this.#generation) {
      return undefined;
    }
    const value = this.#entries.get(key);
    if (value) {
      // Most recently used last.
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(generation: number, key: string, value: V): void {
    if (generation < this.#generation) {
      return;
    }
    if (generation > this.#generation) {
      this.#entries.clear();
      this.#bytes = 0;
      this.#generation = generation;
    }
    if (value.bytes > this.#maxBytes / 4) {
      return;
    }
    const previous = this.#entries.get(key);
    if (previous) {
      this.#entries.delete(key);
      this.#bytes -= previous.bytes;
    }
    this.#entries.set(key, value);
    this.#bytes += value.bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) {
        break;
      }
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
    }
  }
}

/**
 * The read generation for requests that have arrived: they share one
 * query, sent after the last of them joined (a request never takes a value
 * read before it arrived).
 */
export class GenerationReader {
  readonly #read: () => Promise<number>;
  #next?: Promise<number>;

  constructor(read: () => Promise<number>) {
    this.#read = read;
  }

  current(): Promise<number> {
    if (!this.#next) {
      this.#next = new Promise<void>(resolve => setImmediate(resolve)).then(
        () => {
          // Sent now: later arrivals wait for the next query.
          this.#next = undefined;
          return this.#read();
        },
      );
    }
    return this.#next;
  }
}
