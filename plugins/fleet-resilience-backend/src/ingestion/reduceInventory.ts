/**
 * From an inventory source's snapshot to the rows the store keeps: one record
 * per cluster (owner and system from the configured tags, AZs from its
 * subnets) and the accounts' AZ name <-> ID pairs. Pure.
 */
import type { Zone } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { InventorySnapshot } from '@fleet-resilience/plugin-fleet-resilience-node';
import type {
  AccountZoneRecord,
  ClusterInventoryRecord,
} from '../domain/records';

export interface TagNames {
  owner: string;
  system: string;
}

export interface ReducedInventory {
  clusters: ClusterInventoryRecord[];
  accountZones: AccountZoneRecord[];
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
  tags: TagNames,
): ReducedInventory {
  const zoneBySubnet = new Map<string, Zone>();
  const accountZones = new Map<string, AccountZoneRecord>();
  for (const subnet of snapshot.subnets) {
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
    const { accountId, region } = cluster.ref;
    const subnetZones = new Map<string, Zone>();
    for (const subnetId of cluster.subnetIds) {
      const zone = zoneBySubnet.get(subnetKey(accountId, region, subnetId));
      if (zone) {
        subnetZones.set(zone.id, { name: zone.name, id: zone.id });
      }
    }
    clusters.set(cluster.ref.arn, {
      ref: { ...cluster.ref },
      sourceId,
      version: cluster.version,
      status: cluster.status,
      endpoint: cluster.endpoint,
      certificateAuthorityData: cluster.certificateAuthorityData,
      tags: { ...cluster.tags },
      owner: nonEmpty(cluster.tags[tags.owner]),
      system: nonEmpty(cluster.tags[tags.system]),
      subnetZones: [...subnetZones.values()].sort((a, b) =>
        a.name < b.name ? -1 : Number(a.name > b.name),
      ),
    });
  }
  return {
    clusters: [...clusters.values()],
    accountZones: [...accountZones.values()],
  };
}
