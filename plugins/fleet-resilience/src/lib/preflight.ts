/**
 * The preflight report as the page shows it: checks grouped by account,
 * region and cluster, the groups with failures first, and within each
 * group the failures first.
 */
import type {
  PreflightCheck,
  PreflightStatus,
} from '@fleet-resilience/plugin-fleet-resilience-common';

/** Most to least urgent: what needs fixing comes first. */
export const PREFLIGHT_STATUS_ORDER: readonly PreflightStatus[] = [
  'fail',
  'warn',
  'skipped',
  'pass',
];

const RANK: Record<PreflightStatus, number> = {
  fail: 0,
  warn: 1,
  skipped: 2,
  pass: 3,
};

export type PreflightCounts = Record<PreflightStatus, number>;

interface GroupBase {
  /** Stable React key. */
  key: string;
  /** The group's checks' statuses counted, its subgroups' included. */
  counts: PreflightCounts;
  /** The most urgent status in the group, its subgroups' included. */
  worst: PreflightStatus;
}

export interface PreflightClusterGroup extends GroupBase {
  clusterArn?: string;
  clusterName: string;
  checks: PreflightCheck[];
}

export interface PreflightRegionGroup extends GroupBase {
  /** Undefined for checks about the account as a whole (e.g. credentials). */
  region?: string;
  checks: PreflightCheck[];
  clusters: PreflightClusterGroup[];
}

export interface PreflightAccountGroup extends GroupBase {
  /** Undefined for checks about the backend itself (e.g. its configuration). */
  accountId?: string;
  /** Checks about the account (or backend) without a region. */
  checks: PreflightCheck[];
  regions: PreflightRegionGroup[];
}

export function emptyCounts(): PreflightCounts {
  return { pass: 0, warn: 0, fail: 0, skipped: 0 };
}

/** Region, account and name of an EKS cluster ARN, when it is one. */
export function parseClusterArn(
  arn: string,
): { region: string; accountId: string; name: string } | undefined {
  const match = /^arn:[\w-]+:eks:([\w-]+):(\d{12}):cluster\/(.+)$/.exec(arn);
  return match
    ? { region: match[1], accountId: match[2], name: match[3] }
    : undefined;
}

/**
 * The check's account, region and cluster; what the scope leaves out is
 * read from the cluster ARN, so a cluster check always lands under its
 * account and region.
 */
function placeOf(check: PreflightCheck) {
  const { scope } = check;
  const fromArn = scope.clusterArn
    ? parseClusterArn(scope.clusterArn)
    : undefined;
  const clusterName = scope.clusterName ?? fromArn?.name ?? scope.clusterArn;
  return {
    accountId: scope.accountId ?? fromArn?.accountId,
    region: scope.region ?? fromArn?.region,
    cluster:
      clusterName !== undefined
        ? { arn: scope.clusterArn, name: clusterName }
        : undefined,
  };
}

/** Most urgent first; equal statuses keep the backend's order. */
export function sortChecks(checks: PreflightCheck[]): PreflightCheck[] {
  return checks
    .map((check, index) => ({ check, index }))
    .sort(
      (a, b) =>
        RANK[a.check.status] - RANK[b.check.status] || a.index - b.index,
    )
    .map(({ check }) => check);
}

function addCounts(into: PreflightCounts, from: PreflightCounts) {
  for (const status of PREFLIGHT_STATUS_ORDER) into[status] += from[status];
}

function countOf(checks: PreflightCheck[]): PreflightCounts {
  const counts = emptyCounts();
  for (const check of checks) counts[check.status] += 1;
  return counts;
}

function worstOf(counts: PreflightCounts): PreflightStatus {
  return PREFLIGHT_STATUS_ORDER.find(status => counts[status] > 0) ?? 'pass';
}

/**
 * Groups with failures first, then warnings and so on; ties by name. The
 * group without a name (backend-wide, account-wide, region-wide checks)
 * comes before named ones of the same urgency.
 */
function byUrgency<T extends GroupBase>(name: (group: T) => string) {
  return (a: T, b: T) =>
    RANK[a.worst] - RANK[b.worst] || name(a).localeCompare(name(b));
}

/** The report's checks by account, region and cluster, most urgent first. */
export function groupPreflightChecks(
  checks: PreflightCheck[],
): PreflightAccountGroup[] {
  type Region = { checks: PreflightCheck[]; clusters: Map<string, Cluster> };
  type Cluster = { arn?: string; name: string; checks: PreflightCheck[] };
  const accounts = new Map<
    string,
    { checks: PreflightCheck[]; regions: Map<string, Region> }
  >();

  for (const check of checks) {
    const place = placeOf(check);
    const accountKey = place.accountId ?? '';
    let account = accounts.get(accountKey);
    if (!account) {
      account = { checks: [], regions: new Map() };
      accounts.set(accountKey, account);
    }
    if (place.region === undefined && !place.cluster) {
      account.checks.push(check);
      continue;
    }
    const regionKey = place.region ?? '';
    let region = account.regions.get(regionKey);
    if (!region) {
      region = { checks: [], clusters: new Map() };
      account.regions.set(regionKey, region);
    }
    if (!place.cluster) {
      region.checks.push(check);
      continue;
    }
    const clusterKey = place.cluster.arn ?? place.cluster.name;
    let cluster = region.clusters.get(clusterKey);
    if (!cluster) {
      cluster = {
        arn: place.cluster.arn,
        name: place.cluster.name,
        checks: [],
      };
      region.clusters.set(clusterKey, cluster);
    }
    cluster.checks.push(check);
  }

  const groups: PreflightAccountGroup[] = [];
  for (const [accountKey, account] of accounts) {
    const regions: PreflightRegionGroup[] = [];
    for (const [regionKey, region] of account.regions) {
      const clusters: PreflightClusterGroup[] = [];
      for (const [clusterKey, cluster] of region.clusters) {
        const counts = countOf(cluster.checks);
        clusters.push({
          key: clusterKey,
          clusterArn: cluster.arn,
          clusterName: cluster.name,
          checks: sortChecks(cluster.checks),
          counts,
          worst: worstOf(counts),
        });
      }
      clusters.sort(byUrgency(c => c.clusterName));
      const counts = countOf(region.checks);
      clusters.forEach(c => addCounts(counts, c.counts));
      regions.push({
        key: regionKey,
        region: regionKey || undefined,
        checks: sortChecks(region.checks),
        clusters,
        counts,
        worst: worstOf(counts),
      });
    }
    regions.sort(byUrgency(r => r.region ?? ''));
    const counts = countOf(account.checks);
    regions.forEach(r => addCounts(counts, r.counts));
    groups.push({
      key: accountKey,
      accountId: accountKey || undefined,
      checks: sortChecks(account.checks),
      regions,
      counts,
      worst: worstOf(counts),
    });
  }
  return groups.sort(byUrgency(a => a.accountId ?? ''));
}

/** `2 failed, 1 warning, 10 passed`: the non-zero counts, most urgent first. */
export function countsText(counts: PreflightCounts): string {
  const parts = PREFLIGHT_STATUS_ORDER.filter(s => counts[s] > 0).map(s =>
    statusCountLabel(s, counts[s]),
  );
  return parts.length > 0 ? parts.join(', ') : 'no checks';
}

/** `3 failed`, `1 warning`, `2 warnings`, `5 passed`, `1 skipped`. */
export function statusCountLabel(
  status: PreflightStatus,
  count: number,
): string {
  switch (status) {
    case 'fail':
      return `${count} failed`;
    case 'warn':
      return `${count} warning${count === 1 ? '' : 's'}`;
    case 'skipped':
      return `${count} skipped`;
    default:
      return `${count} passed`;
  }
}
