import { validationError } from './errors';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * One page of the `all` items that `include` keeps, after the item the token
 * names. `all` must be in a stable order with new items appended; the token
 * carries the operation and the key of the last item returned, so items added,
 * or leaving the filter, between calls neither shift nor repeat a page.
 */
export function pageOf<T>(
  operation: string,
  all: readonly T[],
  keyOf: (item: T) => string,
  include: (item: T) => boolean,
  maxResults: number,
  nextToken: string | null,
): Page<T> {
  let start = 0;
  if (nextToken !== null) {
    const after = decodeToken(operation, nextToken);
    const index = all.findIndex(item => keyOf(item) === after);
    if (index < 0) throw invalidToken();
    start = index + 1;
  }
  const items: T[] = [];
  for (let i = start; i < all.length; i++) {
    if (!include(all[i])) continue;
    if (items.length === maxResults) {
      return {
        items,
        nextToken: encodeToken(operation, keyOf(items[items.length - 1])),
      };
    }
    items.push(all[i]);
  }
  return { items };
}

function encodeToken(operation: string, after: string): string {
  return Buffer.from(JSON.stringify({ op: operation, after }), 'utf8').toString(
    'base64url',
  );
}

function decodeToken(operation: string, token: string): string {
  try {
    const parsed: unknown = JSON.parse(
      Buffer.from(token, 'base64url').toString('utf8'),
    );
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      (parsed as { op?: unknown }).op === operation &&
      typeof (parsed as { after?: unknown }).after === 'string'
    ) {
      return (parsed as { after: string }).after;
    }
  } catch {
    // not base64url JSON: refused below
  }
  throw invalidToken();
}

function invalidToken() {
  return validationError('The nextToken is not valid', 'InvalidToken');
}
