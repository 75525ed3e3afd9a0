// Pure checks of the reconciler's status for one NodePool, as the backend
// serves it (`GET /api/fleet-resilience/clusters/:arn/reconcile`). Each
// returns undefined when the status is what the scenario expects, else why
// not (the scenario retries until it is, then reports the last reason).

function poolOf(status, poolName) {
  return status?.nodePools?.find(pool => pool.name === poolName);
}

const sorted = ids => [...ids].sort().join(',');

/** The pool was patched to keep out of `awayZoneId` and keeps every other zone. */
export function excludedProblem(status, poolName, awayZoneId, clusterZoneIds) {
  const pool = poolOf(status, poolName);
  if (!pool) return `no reconcile result for NodePool ${poolName}`;
  if (pool.outcome !== 'patched') return `outcome is ${pool.outcome}`;
  const expected = clusterZoneIds.filter(id => id !== awayZoneId);
  if (sorted(pool.allowedZoneIds) !== sorted(expected)) {
    return `allowed zones are ${pool.allowedZoneIds.join(
      ', ',
    )}, not ${expected.join(', ')}`;
  }
  return undefined;
}

/** The pool was restored: every zone of the cluster allowed again. */
export function restoredProblem(status, poolName, clusterZoneIds) {
  const pool = poolOf(status, poolName);
  if (!pool) return `no reconcile result for NodePool ${poolName}`;
  if (pool.outcome !== 'restored') return `outcome is ${pool.outcome}`;
  if (sorted(pool.allowedZoneIds) !== sorted(clusterZoneIds)) {
    return `allowed zones are ${pool.allowedZoneIds.join(
      ', ',
    )}, not ${clusterZoneIds.join(', ')}`;
  }
  if ((status.awayZoneIds ?? []).length > 0) {
    return `still away from ${status.awayZoneIds.join(', ')}`;
  }
  return undefined;
}
