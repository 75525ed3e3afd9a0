// Summaries of measured times (ms).

export function median(values) {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function summarize(values) {
  return {
    runs: values.length,
    medianMs: round(median(values)),
    worstMs: round(values.length ? Math.max(...values) : undefined),
    allMs: values.map(round),
  };
}

/** Long tasks that started within [from, to): how many, their total and the longest. */
export function longTasksBetween(tasks, from, to) {
  const inside = tasks.filter(t => t.start >= from && t.start < to);
  return {
    count: inside.length,
    totalMs: round(inside.reduce((sum, t) => sum + t.duration, 0)),
    longestMs: round(inside.reduce((max, t) => Math.max(max, t.duration), 0)),
  };
}

function round(value) {
  return value === undefined ? undefined : Math.round(value);
}
