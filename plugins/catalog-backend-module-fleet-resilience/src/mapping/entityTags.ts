/**
 * Backstage entity tags (`metadata.tags`): 1-63 characters of `[a-z0-9:+#]`
 * with single `-` between runs. AWS tag values allow far more, so values are
 * folded into that alphabet; what cannot be kept is dropped.
 */
const MAX_TAG_LENGTH = 63;
const VALID_TAG = /^[a-z0-9:+#]+(?:-[a-z0-9:+#]+)*$/;

/** The tag for `value`, or undefined when nothing of it survives. */
export function sanitiseEntityTag(value: string): string | undefined {
  const folded = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9:+#]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_TAG_LENGTH)
    .replace(/-+$/, '');
  return VALID_TAG.test(folded) ? folded : undefined;
}

/** Sanitised, deduplicated tags, in first-seen order. */
export function sanitiseEntityTags(values: readonly string[]): string[] {
  const tags: string[] = [];
  for (const value of values) {
    const tag = sanitiseEntityTag(value);
    if (tag !== undefined && !tags.includes(tag)) {
      tags.push(tag);
    }
  }
  return tags;
}
