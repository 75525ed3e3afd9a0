/**
 * Text from outside (AWS, Kubernetes, an inventory module) made storable on
 * both databases. Pure.
 *
 * PostgreSQL refuses NUL in `text` and `varchar` ("invalid byte sequence for
 * encoding UTF8: 0x00") and a value longer than a `varchar(n)` ("value too
 * long"); SQLite takes both. One such string used to fail the transaction of
 * a whole region. JSON columns are `text` holding `JSON.stringify` output,
 * which escapes NUL and unpaired surrogates, so only plain columns need this.
 */

/** What stands in for a character that cannot be stored. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

// NUL, and unpaired surrogates (not text; a driver would encode them as U+FFFD
// on one engine and may refuse them on another).
// eslint-disable-next-line no-control-regex -- NUL is what it finds
const UNSTORABLE = /\u0000|\p{Surrogate}/gu;

/**
 * `value` with NUL and unpaired surrogates replaced by U+FFFD and, when it
 * has more than `maxLength` characters (code points, as PostgreSQL's
 * `varchar(n)` counts), cut to `maxLength` with a final `…`.
 */
export function storableText(value: string, maxLength?: number): string {
  const clean = value.replace(UNSTORABLE, REPLACEMENT_CHARACTER);
  if (maxLength === undefined || clean.length <= maxLength) {
    return clean;
  }
  const characters = [...clean];
  if (characters.length <= maxLength) {
    return clean;
  }
  return maxLength <= 0
    ? ''
    : `${characters.slice(0, maxLength - 1).join('')}…`;
}

/** Whether `storableText` would change `value` (for reporting it). */
export function isStorable(value: string, maxLength?: number): boolean {
  return storableText(value, maxLength) === value;
}

/**
 * Column widths of the `varchar(n)` columns that hold text from outside
 * (see migrations/), so a value is cut where it is built, not refused by
 * PostgreSQL.
 */
export const TEXT_LIMITS = {
  arn: 400,
  name: 100,
  version: 32,
  status: 32,
  shortStatus: 16,
  owner: 255,
  platformVersion: 64,
  zone: 32,
  zonalShiftId: 64,
  resilienceAppName: 255,
  nodePoolName: 253,
  resourceVersion: 64,
  /** Free text in `text` columns (comments, messages): bounded all the same. */
  comment: 1024,
  message: 2000,
  endpoint: 2048,
  tagKey: 128,
  tagValue: 256,
} as const;

/** At most this many tags per cluster: AWS allows 50 per resource. */
export const MAX_TAGS = 50;

/**
 * Tags made storable: keys and values cleaned and bounded, at most
 * {@link MAX_TAGS} (the first by key order), keys that collide once cleaned
 * keep the first. Returns how many tags were dropped.
 */
export function storableTags(tags: Readonly<Record<string, string>>): {
  tags: Record<string, string>;
  dropped: number;
  /** Tags kept with their key or value cleaned. */
  cleaned: number;
} {
  const kept = new Map<string, string>();
  let dropped = 0;
  let cleaned = 0;
  for (const key of Object.keys(tags).sort()) {
    const cleanKey = storableText(key, TEXT_LIMITS.tagKey);
    if (kept.size >= MAX_TAGS || kept.has(cleanKey)) {
      dropped += 1;
    } else {
      const value = storableText(tags[key], TEXT_LIMITS.tagValue);
      cleaned += Number(cleanKey !== key || value !== tags[key]);
      kept.set(cleanKey, value);
    }
  }
  // fromEntries defines `__proto__` as an own key, never the prototype.
  return { tags: Object.fromEntries(kept), dropped, cleaned };
}
