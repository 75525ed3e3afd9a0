// The few backend calls the runner makes itself, outside the browser: a guest
// token (the same identity the browser signs in with), the refresh status it
// waits on, and the cluster and audit records the scenario checks the UI
// against. Read-only.
import { waitFor } from './portal.mjs';

/**
 * A guest user token. Retried for a minute: `npm start` runs the backend in
 * watch mode, so it may be restarting just when the runner asks.
 */
export async function guestToken(backendUrl) {
  const body = await waitFor(
    'a guest token',
    `${backendUrl}/api/auth/guest/refresh`,
    {
      timeoutMs: 60_000,
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
      check: (response, text) => response.ok && text.includes('"token"'),
    },
  );
  const token = JSON.parse(body)?.backstageIdentity?.token;
  if (typeof token !== 'string')
    throw new Error('guest sign-in returned no token');
  return token;
}

export function createBackendApi(backendUrl, token) {
  const headers = { Authorization: `Bearer ${token}` };
  const base = `${backendUrl}/api/fleet-resilience`;
  async function get(pathAndQuery) {
    const response = await fetch(`${base}${pathAndQuery}`, { headers });
    if (!response.ok) {
      throw new Error(
        `GET ${pathAndQuery}: ${response.status} ${await response.text()}`,
      );
    }
    return response.json();
  }
  return {
    backendUrl,
    headers,
    refreshStatus: () => get('/refresh-status'),
    cluster: arn => get(`/clusters/${encodeURIComponent(arn)}`),
    clusters: query => get(`/clusters?${new URLSearchParams(query)}`),
    reconcile: arn => get(`/clusters/${encodeURIComponent(arn)}/reconcile`),
    audit: arn => get(`/audit?${new URLSearchParams({ cluster: arn })}`),
  };
}

/**
 * True once a full refresh has run to its end and every cluster it knows was
 * read (`never` is 0): what the UI needs to show capacity for all of them.
 */
export function refreshComplete(status, expectedClusters) {
  if (!status?.lastRefresh || !status.clusters) return false;
  const { total, never } = status.clusters;
  if (expectedClusters !== undefined && total < expectedClusters) return false;
  return total > 0 && never === 0;
}

export async function waitForRefresh(
  api,
  backendUrl,
  { expectedClusters, timeoutMs, exited, failWhen },
) {
  const body = await waitFor(
    `a complete refresh of ${expectedClusters ?? 'the'} clusters`,
    `${backendUrl}/api/fleet-resilience/refresh-status`,
    {
      timeoutMs,
      exited,
      failWhen,
      headers: api.headers,
      check: (response, text) =>
        response.ok && refreshComplete(JSON.parse(text), expectedClusters),
    },
  );
  return JSON.parse(body);
}
