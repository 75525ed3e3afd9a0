import { createHash } from 'node:crypto';

/**
 * Opaque page tokens. A token carries where the next page starts (an offset,
 * or the key of the last item returned) and a digest binding it to the
 * request it continues (operation, caller scope and filters), so a token from
 * another request, or a forged or truncated one, is refused instead of
 * silently returning the wrong page.
 */

const MAX_TOKEN_LENGTH = 2048;

function digest(scope: string, position: string): string {
  return createHash('sha256')
    .update(`${scope}\n${position}`)
    .digest('base64url')
    .slice(0, 22);
}

function encodePageToken(scope: string, position: string): string {
  return Buffer.from(`${position}.${digest(scope, position)}`, 'utf8').toString(
    'base64url',
  );
}

/** The position a token stands for, or undefined when it does not belong to `scope`. */
function decodePageToken(token: string, scope: string): string | undefined {
  if (token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) {
    return undefined;
  }
  const match = /^(.+)\.([A-Za-z0-9_-]{22})$/s.exec(
    Buffer.from(token, 'base64url').toString('utf8'),
  );
  if (!match) return undefined;
  return match[2] === digest(scope, match[1]) ? match[1] : undefined;
}

export interface Page<T> {
  items: T[];
  /** Token for the next page; undefined on the last page. */
  nextToken?: string;
}

/**
 * The offset a request's page token stands for: 0 without a token (absent or
 * empty), else the token's offset; a token not made for `scope` throws `invalid()`.
 */
export function pageOffset(
  token: string | null | undefined,
  scope: string,
  invalid: () => Error,
): number {
  if (!token) return 0;
  const position = decodePageToken(token, scope);
  if (position === undefined || !/^\d{1,9}$/.test(position)) throw invalid();
  return Number(position);
}

/** Cuts one page out of `items`, starting at `offset` (from pageOffset). */
export function pageOf<T>(
  items: T[],
  offset: number,
  size: number,
  scope: string,
): Page<T> {
  const end = offset + size;
  return {
    items: items.slice(offset, end),
    nextToken:
      end < items.length ? encodePageToken(scope, String(end)) : undefined,
  };
}

export interface KeyedPageRequest<T> {
  /** Binds tokens: a token from another scope is refused. */
  scope: string;
  /** A stable, unique key of each item. */
  keyOf: (item: T) => string;
  /** The filter of the request. */
  include: (item: T) => boolean;
  size: number;
  /** The request's token; null when it has none (an empty one is refused). */
  token: string | null;
  invalid: () => Error;
}

/**
 * One page of the `all` items that `include` keeps, after the item the token
 * names. `all` must be in a stable order with new items appended; the token
 * carries the key of the last item returned, so items added, or leaving the
 * filter, between calls neither shift nor repeat a page.
 */
export function pageAfterKey<T>(
  all: readonly T[],
  request: KeyedPageRequest<T>,
): Page<T> {
  let start = 0;
  if (request.token !== null) {
    const after = decodePageToken(request.token, request.scope);
    const index =
      after === undefined
        ? -1
        : all.findIndex(item => request.keyOf(item) === after);
    if (index < 0) throw request.invalid();
    start = index + 1;
  }
  const items: T[] = [];
  for (let i = start; i < all.length; i++) {
    if (!request.include(all[i])) continue;
    if (items.length === request.size) {
      const last = request.keyOf(items[items.length - 1]);
      return { items, nextToken: encodePageToken(request.scope, last) };
    }
    items.push(all[i]);
  }
  return { items };
}
