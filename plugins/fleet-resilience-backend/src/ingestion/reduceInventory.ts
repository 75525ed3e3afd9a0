/**
 * From an inventory source's snapshot to the rows the store keeps: one record
 * per cluster (owner and system from the configured tags, AZs from its
 * subnets) and the accounts' AZ name <-> ID pairs. Pure.
 */
import {
  InvalidClusterArnError,
  parseEksClusterArn,
  type Zone,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  InventoryCluster,
  InventorySnapshot,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type {
  AccountZoneRecord,
  ClusterInventoryRecord,
} from '../domain/records';
import { isStorable, storableTags, TEXT_LIMITS } from '../domain/storableText';
import {
  cleaned,
  isAzId,
  problemsByCluster,
  shown,
  sourceProblem,
  type DataProblem,
} from './dataProblems';

export interface TagNames {
  owner: string;
  system: string;
}

export interface ReducedInventory {
  clusters: ClusterInventoryRecord[];
  accountZones: AccountZoneRecord[];
  /** Rows left out or cleaned, the source's own problems included. */
  problems: DataProblem[];
}

/** An AZ name such as `us-east-1a`, as the `varchar(32)` columns take it. */
const AZ_NAME = /^[a-z]{2}(-[a-z]+)+-\d+(-[a-z]+-\d+)?[a-z]$/;

function isZone(zone: Partial<Zone> | undefined): zone is Zone {
  return (
    zone !== undefined &&
    isAzId(zone.id) &&
    typeof zone.name === 'string' &&
    zone.name.length <= 32 &&
    AZ_NAME.test(zone.name)
  );
}

/** Why a cluster's identity cannot be trusted, or undefined. */
function refProblem(cluster: InventoryCluster): string | undefined {
  try {
    const ref = parseEksClusterArn(cluster.ref.arn);
    return ref.accountId === cluster.ref.accountId &&
      ref.region === cluster.ref.region &&
      ref.name === cluster.ref.name
      ? undefined
      : 'accountId, region or name does not match the ARN';
  } catch (error) {
    if (error instanceof InvalidClusterArnError) {
      return 'the ARN is not an EKS cluster ARN';
    }
    throw error;
  }
}

/** A URL or base64 value is used, not shown: one that cannot be stored as it is is dropped. */
function usable(
  value: string | undefined,
  field: string,
  arn: string,
  problems: DataProblem[],
): string | undefined {
  if (value === undefined || isStorable(value, 64 * 1024)) {
    return value;
  }
  problems.push({
    resource: arn,
    clusterArn: arn,
    kind: 'cleaned',
    message: `${field} dropped: it holds characters that cannot be stored`,
  });
  return undefined;
}

function subnetKey(accountId: string, region: string, subnetId: string) {
  return `${accountId}/${region}/${subnetId}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

export function reduceInventory(
  sourceId: string,
  snapshot: InventorySnapshot,
  tagNames: TagNames,
): ReducedInventory {
  // The source's own problems are rows it left out; the account/regions it
  // could not read are not rows (the refresh names them as not read).
  const unread = new Set(
    (snapshot.incompleteScopes ?? []).map(s => `${s.accountId}/${s.region}`),
  );
  const problems: DataProblem[] = snapshot.problems
    .filter(p => !p.resource || !unread.has(p.resource))
    .map(sourceProblem);
  const zoneBySubnet = new Map<string, Zone>();
  const accountZones = new Map<string, AccountZoneRecord>();
  for (const subnet of snapshot.subnets) {
    const zone: Partial<Zone> | undefined = subnet.zone;
    if (!isZone(zone)) {
      problems.push({
        resource: `subnet ${shown(subnet.subnetId)}`,
        kind: 'rejected',
        message: `zone ${shown(zone?.name)} / ${shown(
          zone?.id,
        )} is not an AZ name and ID`,
      });
      continue;
    }
    zoneBySubnet.set(
      subnetKey(subnet.accountId, subnet.region, subnet.subnetId),
      subnet.zone,
    );
    accountZones.set(`${subnet.accountId}/${subnet.zone.name}`, {
      accountId: subnet.accountId,
      region: subnet.region,
      zone: { name: subnet.zone.name, id: subnet.zone.id },
    });
  }

  // A source that reports a cluster twice: the last report wins.
  const clusters = new Map<string, ClusterInventoryRecord>();
  for (const cluster of snapshot.clusters) {
    const problem = refProblem(cluster);
    if (problem) {
      problems.push({
        resource: `cluster ${shown(cluster.ref.arn)}`,
        kind: 'rejected',
        message: problem,
      });
      continue;
    }
    const { accountId, region, arn } = cluster.ref;
    const about = { resource: arn, clusterArn: arn };
    const subnetZones = new Map<string, Zone>();
    for (const subnetId of cluster.subnetIds) {
      const zone = zoneBySubnet.get(subnetKey(accountId, region, subnetId));
      if (zone) {
        subnetZones.set(zone.id, { name: zone.name, id: zone.id });
      }
    }
    const tags = storableTags(cluster.tags);
    if (tags.dropped > 0 || tags.cleaned > 0) {
      problems.push({
        ...about,
        kind: 'cleaned',
        message: `tags: ${tags.cleaned} cleaned, ${tags.dropped} left out (more than 50, or keys equal once cleaned)`,
      });
    }
    const text = (value: string | undefined, max: number, field: string) =>
      value === undefined
        ? undefined
        : cleaned(value, max, problems, { ...about, field });
    clusters.set(arn, {
      ref: { ...cluster.ref },
      sourceId,
      version: text(cluster.version, TEXT_LIMITS.version, 'version'),
      status: text(cluster.status, TEXT_LIMITS.status, 'status'),
      endpoint: usable(cluster.endpoint, 'endpoint', arn, problems),
      certificateAuthorityData: usable(
        cluster.certificateAuthorityData,
        'certificateAuthorityData',
        arn,
        problems,
      ),
      tags: tags.tags,
      owner: text(
        nonEmpty(tags.tags[tagNames.owner]),
        TEXT_LIMITS.owner,
        'owner tag',
      ),
      system: text(
        nonEmpty(tags.tags[tagNames.system]),
        TEXT_LIMITS.owner,
        'system tag',
      ),
      subnetZones: [...subnetZones.values()].sort((a, b) =>
        a.name < b.name ? -1 : Number(a.name > b.name),
      ),
    });
  }
  // A source problem naming a stored cluster (a subnet or endpoint dropped)
  // is that cluster's too.
  for (const problem of problems) {
    if (
      !problem.clusterArn &&
      problem.resource &&
      clusters.has(problem.resource)
    ) {
      problem.clusterArn = problem.resource;
    }
  }
  const byCluster = problemsByCluster(problems);
  return {
    clusters: [...clusters.values()].map(cluster =>
      byCluster[cluster.ref.arn]
        ? { ...cluster, dataProblems: byCluster[cluster.ref.arn] }
        : cluster,
    ),
    accountZones: [...accountZones.values()],
    problems,
  };
}
