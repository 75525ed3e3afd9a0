/**
 * Times are stored as `Date.prototype.toISOString()` strings so that string
 * order is time order; anything a source sends is normalised to that form.
 * An unparseable time yields undefined.
 */
export function normaliseTime(value: string | undefined): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
