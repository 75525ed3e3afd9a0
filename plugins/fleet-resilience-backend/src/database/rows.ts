/**
 * Row shapes of the tables (see migrations/) and their conversion to and
 * from records. SQLite returns booleans as 0/1 and PostgreSQL as booleans;
 * counts come back as strings from PostgreSQL: everything is normalised here.
 */
import type {
  AutoshiftStatus,
  DataFreshness,
  ShiftState,
  SurvivabilityVerdict,
  Zone,
  ZonalShiftStatus,
  ZonalShiftType,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  ArcResourceRecord,
  AuditEventRecord,
  AutoshiftRecord,
  NodePoolRecord,
  ResilienceAppRecord,
  ShiftRecord,
  StoredCluster,
  StoredRefreshResult,
  StoredShift,
  StoredSnapshot,
} from '../domain/records';

export interface ClusterRow {
  arn: string;
  account_id: string;
  region: string;
  name: string;
  source_id: string;
  version: string | null;
  version_sort: string | null;
  status: string | null;
  endpoint: string | null;
  certificate_authority_data: string | null;
  tags: string;
  owner: string | null;
  system: string | null;
  zonal_shift_enabled: boolean | number | null;
  platform_version: string | null;
  eks_checked_at: string | null;
  shift_state: string;
  active_shift: string | null;
  shift_away_from: string | null;
  autoshift_status: string | null;
  verdict: string;
  verdict_rank: number;
  verdict_reason: string;
  binding_zone: string | null;
  capacity_totals: string | null;
  capacity_captured_at: string | null;
  freshness: string;
  k8s_last_attempt_at: string | null;
  k8s_last_success_at: string | null;
  k8s_last_error: string | null;
  karpenter: string | null;
  k8s_problems: string | null;
  first_seen_at: string;
  last_seen_at: string;
  summary: string | null;
  detail: string | null;
  k8s_duration_ms: number | string | null;
}

export interface ClusterZoneRow {
  cluster_arn: string;
  origin: 'subnet' | 'node';
  zone_id: string;
  zone_name: string;
}

export interface SnapshotRow {
  id: number | string;
  cluster_arn: string;
  captured_at: string;
  capacity: string;
  assessment: string;
}

export interface ShiftRow {
  zonal_shift_id: string;
  cluster_arn: string;
  account_id: string;
  region: string;
  away_from: string;
  status: string;
  shift_type: string;
  start_time: string;
  expiry_time: string;
  comment: string;
  actor: string | null;
  first_seen_at: string;
  last_seen_at: string;
}

export interface RefreshResultRow {
  source: string;
  cluster_arn: string;
  started_at: string;
  finished_at: string;
  ok: boolean | number;
  last_success_at: string | null;
  error_message: string | null;
  duration_ms: number | string;
}

/** Verdicts ordered worst first, for sorting. */
export const VERDICT_RANK: Record<SurvivabilityVerdict, number> = {
  'at-risk': 0,
  unknown: 1,
  survives: 2,
};

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Parses JSON this store wrote itself. */
export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

export function fromOptionalJson<T>(text: string | null): T | undefined {
  return text === null ? undefined : fromJson<T>(text);
}

export function optional<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

export function toBoolean(value: boolean | number | null): boolean | undefined {
  return value === null ? undefined : Boolean(value);
}

/**
 * `1.9` sorts before `1.10`: each numeric part padded to 5 digits. Parts
 * that are not numbers are kept as they are.
 */
export function versionSortKey(version: string | undefined): string | null {
  if (version === undefined) {
    return null;
  }
  return version
    .split('.')
    .map(part => (/^\d{1,5}$/.test(part) ? part.padStart(5, '0') : part))
    .join('.');
}

/** Distinct zones by ID, ordered by name. */
export function mergeZones(...lists: ReadonlyArray<readonly Zone[]>): Zone[] {
  const byId = new Map<string, Zone>();
  for (const list of lists) {
    for (const zone of list) {
      if (!byId.has(zone.id)) {
        byId.set(zone.id, { name: zone.name, id: zone.id });
      }
    }
  }
  return [...byId.values()].sort((a, b) =>
    a.name < b.name ? -1 : Number(a.name > b.name),
  );
}

export function clusterFromRow(
  row: ClusterRow,
  zones: Zone[],
  resilienceScore: number | string | null | undefined,
): StoredCluster {
  return {
    ref: {
      arn: row.arn,
      accountId: row.account_id,
      region: row.region,
      name: row.name,
    },
    sourceId: row.source_id,
    version: optional(row.version),
    status: optional(row.status),
    endpoint: optional(row.endpoint),
    certificateAuthorityData: optional(row.certificate_authority_data),
    tags: fromJson<Record<string, string>>(row.tags),
    owner: optional(row.owner),
    system: optional(row.system),
    zones,
    zonalShiftEnabled: toBoolean(row.zonal_shift_enabled),
    platformVersion: optional(row.platform_version),
    eksCheckedAt: optional(row.eks_checked_at),
    shiftState: row.shift_state as ShiftState,
    activeShift: fromOptionalJson(row.active_shift),
    shiftAwayFrom: fromOptionalJson(row.shift_away_from),
    autoshiftStatus: optional(row.autoshift_status) as
      | AutoshiftStatus
      | undefined,
    verdict: row.verdict as SurvivabilityVerdict,
    verdictReason: row.verdict_reason,
    bindingZone: fromOptionalJson(row.binding_zone),
    capacityTotals: fromOptionalJson(row.capacity_totals),
    capacityCapturedAt: optional(row.capacity_captured_at),
    freshness: row.freshness as DataFreshness,
    k8sLastAttemptAt: optional(row.k8s_last_attempt_at),
    k8sLastSuccessAt: optional(row.k8s_last_success_at),
    k8sLastError: optional(row.k8s_last_error),
    karpenter: fromOptionalJson(row.karpenter),
    problems: fromOptionalJson(row.k8s_problems) ?? [],
    resilienceScore:
      resilienceScore === null || resilienceScore === undefined
        ? undefined
        : Number(resilienceScore),
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
  };
}

export function snapshotFromRow(row: SnapshotRow): StoredSnapshot {
  return {
    id: Number(row.id),
    clusterArn: row.cluster_arn,
    capturedAt: row.captured_at,
    capacity: fromJson(row.capacity),
    assessment: fromJson(row.assessment),
  };
}

/** A shift as a new row, first and last seen now. */
export function shiftToRow(shift: ShiftRecord, seenAt: string): ShiftRow {
  return {
    zonal_shift_id: shift.zonalShiftId,
    cluster_arn: shift.resourceIdentifier,
    account_id: shift.accountId,
    region: shift.region,
    away_from: shift.awayFrom,
    status: shift.status,
    shift_type: shift.shiftType,
    start_time: shift.startTime,
    expiry_time: shift.expiryTime,
    comment: shift.comment,
    actor: shift.actor ?? null,
    first_seen_at: seenAt,
    last_seen_at: seenAt,
  };
}

export function shiftFromRow(row: ShiftRow): StoredShift {
  return {
    zonalShiftId: row.zonal_shift_id,
    resourceIdentifier: row.cluster_arn,
    accountId: row.account_id,
    region: row.region,
    awayFrom: row.away_from,
    status: row.status as ZonalShiftStatus,
    shiftType: row.shift_type as ZonalShiftType,
    startTime: row.start_time,
    expiryTime: row.expiry_time,
    comment: row.comment,
    ...(row.actor !== null ? { actor: row.actor } : {}),
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
  };
}

export function refreshResultFromRow(
  row: RefreshResultRow,
): StoredRefreshResult {
  return {
    source: row.source,
    clusterArn: row.cluster_arn === '' ? undefined : row.cluster_arn,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    ok: Boolean(row.ok),
    lastSuccessAt: optional(row.last_success_at),
    errorMessage: optional(row.error_message),
    durationMs: Number(row.duration_ms),
  };
}

export interface ArcResourceRow {
  arn: string;
  account_id: string;
  region: string;
  availability_zones: string;
  applied_weights: string;
  zonal_autoshift_status: string | null;
  practice_run_status: string | null;
  applied_away_from: string | null;
  updated_at: string;
}

export function arcResourceFromRow(row: ArcResourceRow): ArcResourceRecord {
  return {
    arn: row.arn,
    accountId: row.account_id,
    region: row.region,
    availabilityZones: fromJson(row.availability_zones),
    appliedWeights: fromJson(row.applied_weights),
    zonalAutoshiftStatus: optional(row.zonal_autoshift_status) as
      | AutoshiftStatus
      | undefined,
    practiceRunStatus: optional(row.practice_run_status) as
      | AutoshiftStatus
      | undefined,
    appliedAwayFrom: optional(row.applied_away_from),
  };
}

export interface AutoshiftRow {
  account_id: string;
  region: string;
  away_from: string;
  start_time: string;
  end_time: string | null;
  status: 'ACTIVE' | 'COMPLETED';
}

export function autoshiftFromRow(row: AutoshiftRow): AutoshiftRecord {
  return {
    accountId: row.account_id,
    region: row.region,
    awayFrom: row.away_from,
    startTime: row.start_time,
    endTime: optional(row.end_time),
    status: row.status,
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

export interface ResilienceAppRow {
  app_arn: string;
  account_id: string;
  region: string;
  name: string;
  resiliency_score: number | string | null;
  compliance_status: string | null;
  az_compliance: string | null;
  assessed_at: string | null;
}

export function resilienceAppFromRow(
  row: ResilienceAppRow,
  clusterArns: string[],
): ResilienceAppRecord {
  return {
    appArn: row.app_arn,
    accountId: row.account_id,
    region: row.region,
    name: row.name,
    resiliencyScore:
      row.resiliency_score === null ? undefined : Number(row.resiliency_score),
    complianceStatus: optional(row.compliance_status),
    azCompliance: fromOptionalJson(row.az_compliance),
    assessedAt: optional(row.assessed_at),
    clusterArns,
  };
}

export interface AuditEventRow {
  id: string;
  time: string;
  actor: string;
  action: AuditEventRecord['action'];
  cluster_arn: string;
  account_id: string;
  region: string;
  cluster_name: string;
  inputs: string;
  outcome: AuditEventRecord['outcome'];
  error_message: string | null;
}

export function auditEventToRow(event: AuditEventRecord): AuditEventRow {
  return {
    id: event.id,
    time: event.time,
    actor: event.actor,
    action: event.action,
    cluster_arn: event.cluster.arn,
    account_id: event.cluster.accountId,
    region: event.cluster.region,
    cluster_name: event.cluster.name,
    inputs: toJson(event.inputs),
    outcome: event.outcome,
    error_message: event.errorMessage ?? null,
  };
}

export function auditEventFromRow(row: AuditEventRow): AuditEventRecord {
  return {
    id: row.id,
    time: row.time,
    actor: row.actor,
    action: row.action,
    cluster: {
      arn: row.cluster_arn,
      accountId: row.account_id,
      region: row.region,
      name: row.cluster_name,
    },
    inputs: fromJson(row.inputs),
    outcome: row.outcome,
    ...(row.error_message !== null ? { errorMessage: row.error_message } : {}),
  };
}
