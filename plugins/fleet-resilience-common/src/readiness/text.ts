/** Small wording helpers of the readiness texts. */

export function plural(count: number, noun: string, many = `${noun}s`) {
  return `${count} ${count === 1 ? noun : many}`;
}

/** "us-east-1a 2, us-east-1b 1", AZs in name order. */
export function perZoneText(byZone: Record<string, number>): string {
  return Object.keys(byZone)
    .sort()
    .map(zone => `${zone} ${byZone[zone]}`)
    .join(', ');
}

/** Compares by `startTime`, newest first (ISO times sort as text). */
export function newestFirst(
  a: { startTime: string },
  b: { startTime: string },
): number {
  if (a.startTime === b.startTime) return 0;
  return a.startTime < b.startTime ? 1 : -1;
}

/** `ns/name` of a workload. */
export function workloadName(w: { namespace: string; name: string }) {
  return `${w.namespace}/${w.name}`;
}
