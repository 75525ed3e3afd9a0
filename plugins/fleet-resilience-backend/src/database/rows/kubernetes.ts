/** Rows of `capacity_snapshots` and `node_pools`. */
import type { NodePoolRecord, StoredSnapshot } from '../../domain/records';
import { fromJson } from './values';

export interface SnapshotRow {
  id: number | string;
  cluster_arn: string;
  captured_at: string;
  capacity: string;
  assessment: string;
  /** JSON WorkloadReadiness; null on snapshots read without it. */
  workload_readiness?: string | null;
}

export function snapshotFromRow(row: SnapshotRow): StoredSnapshot {
  return {
    id: Number(row.id),
    clusterArn: row.cluster_arn,
    capturedAt: row.captured_at,
    capacity: fromJson(row.capacity),
    assessment: fromJson(row.assessment),
    ...(row.workload_readiness
      ? { workloads: fromJson(row.workload_readiness) }
      : {}),
  };
}

export interface NodePoolRow {
  cluster_arn: string;
  name: string;
  resource_version: string;
  zone_requirements: string;
  allowed_zones: string;
  unrestricted: boolean | number;
  weight: number | null;
  zone_annotations: string;
}

export function nodePoolFromRow(row: NodePoolRow): NodePoolRecord {
  return {
    name: row.name,
    resourceVersion: row.resource_version,
    zoneRequirements: fromJson(row.zone_requirements),
    allowedZones: fromJson(row.allowed_zones),
    unrestricted: Boolean(row.unrestricted),
    ...(row.weight !== null ? { weight: Number(row.weight) } : {}),
    zoneAnnotations: fromJson(row.zone_annotations),
  };
}
