// Paging of every list route.

/**
 * Paging of a list response.
 *
 * @public
 */
export interface Paging {
  limit: number;
  offset: number;
  /** Offset of the next page; undefined on the last page. */
  nextOffset?: number;
}

/**
 * Paging limits of every list route.
 *
 * @public
 */
export const PAGING_LIMITS = {
  defaultLimit: 50,
  maxLimit: 500,
} as const;
