// Instrumentation installed in the page before any of its scripts run
// (playwright's addInitScript), so that it sees the whole load: long tasks on
// the main thread, event timing (how long input took to be handled and
// painted), the time of the user's last input, and a watcher that records
// when the console's table shows a given state.
export const PROBES_SCRIPT = `(() => {
  const bench = (window.__bench = { longTasks: [], events: [], lastInputAt: undefined });
  // Every API request of a run must stay visible (the default keeps 250).
  performance.setResourceTimingBufferSize(20000);
  try {
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  try {
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) bench.events.push({ name: e.name, start: e.startTime, duration: e.duration });
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  } catch {}
  for (const type of ['input', 'click', 'keydown']) {
    addEventListener(type, () => { bench.lastInputAt = performance.now(); }, true);
  }

  // The fleet API requests made between two times: the list requests
  // (GET /clusters?...) and how many per-cluster requests ran alongside.
  bench.apiRequests = (from, to) => {
    const api = performance
      .getEntriesByType('resource')
      .filter(e => e.name.includes('/api/fleet-resilience/clusters') && e.startTime >= from && e.startTime < to);
    const lists = api.filter(e => e.name.includes('/clusters?'));
    const last = lists[lists.length - 1];
    return {
      listRequests: lists.length,
      lastListStartMs: last && last.startTime,
      lastListMs: last && last.responseEnd - last.startTime,
      lastListWaitMs: last && (last.responseStart || last.responseEnd) - (last.requestStart || last.startTime),
      clusterDetailRequests: api.length - lists.length,
    };
  };

  // Resolves with performance.now() of the first animation frame in which
  // the clusters table shows rows and the count line reads countText (any
  // count when countText is undefined). Times are from navigation start.
  bench.whenTable = countText => new Promise(resolve => {
    const ready = () => {
      const table = document.querySelector('table[aria-label="Clusters"]');
      if (!table || !table.querySelector('tbody tr a')) return false;
      if (countText === undefined) return true;
      return [...document.querySelectorAll('[aria-live="polite"]')].some(el => el.textContent.trim() === countText);
    };
    const settle = () => requestAnimationFrame(() => resolve(performance.now()));
    if (ready()) return settle();
    const observer = new MutationObserver(() => {
      if (ready()) {
        observer.disconnect();
        settle();
      }
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  });
})();`;
