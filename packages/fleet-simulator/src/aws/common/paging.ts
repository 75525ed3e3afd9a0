import { createHash } from 'node:crypto';

/**
 * Opaque page tokens. A token carries the offset of the next page and a
 * digest binding it to the request it continues (operation, caller scope and
 * filters), so a token from another request, or a forged or truncated one,
 * is refused instead of silently returning the wrong page.
 */

function digest(scope: string, offset: number): string {
  return createHash('sha256')
    .update(`${scope}\n${offset}`)
    .digest('base64url')
    .slice(0, 22);
}

export function encodePageToken(scope: string, offset: number): string {
  return Buffer.from(`${offset}.${digest(scope, offset)}`, 'utf8').toString(
    'base64url',
  );
}

/** The offset a token stands for, or undefined when it does not belong to `scope`. */
export function decodePageToken(
  token: string,
  scope: string,
): number | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(token)) return undefined;
  const match = /^(\d{1,9})\.([A-Za-z0-9_-]{22})$/.exec(
    Buffer.from(token, 'base64url').toString('utf8'),
  );
  if (!match) return undefined;
  const offset = Number(match[1]);
  return match[2] === digest(scope, offset) ? offset : undefined;
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
  const offset = decodePageToken(token, scope);
  if (offset === undefined) throw invalid();
  return offset;
}

export interface Page<T> {
  items: T[];
  /** Token for the next page; undefined on the last page. */
  nextToken?: string;
}

/** Cuts one page out of `items`, starting at `offset`. */
export function pageOf<T>(
  items: T[],
  offset: number,
  size: number,
  scope: string,
): Page<T> {
  const end = offset + size;
  return {
    items: items.slice(offset, end),
    nextToken: end < items.length ? encodePageToken(scope, end) : undefined,
  };
}
