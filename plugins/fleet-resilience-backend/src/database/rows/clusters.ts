/** Rows of `clusters` and `cluster_zones`, and a cluster record from them. */
import type {
  AutoshiftStatus,
  DataFreshness,
  ReadinessVerdict,
  ShiftState,
  SurvivabilityVerdict,
  Zone,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { StoredCluster } from '../../domain/records';
import { fromJson, fromOptionalJson, optional, toBoolean } from './values';

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
  eks_endpoint: string | null;
  eks_certificate_authority_data: string | null;
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
  inventory_problems?: string | null;
  arc_problems?: string | null;
  /** A `ReadinessVerdict`, written by rebuildDocuments. */
  readiness?: string | null;
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

/** Verdicts ordered worst first, for sorting. */
export const VERDICT_RANK: Record<SurvivabilityVerdict, number> = {
  'at-risk': 0,
  unknown: 1,
  survives: 2,
};

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

/** The stored messages of one AWS read as the detail's problems. */
function sourceProblems(
  source: string,
  json: string | null | undefined,
): StoredCluster['problems'] {
  const messages = json ? fromJson<string[]>(json) : [];
  return messages.map(message => ({ source, message }));
}

/** At most this many problems per cluster and source, each bounded. */
export const MAX_CLUSTER_PROBLEMS = 20;

/** A cluster's problems from one read as a column value (null when none). */
export function clusterProblemsToRow(
  messages: readonly string[] | undefined,
): string | null {
  return messages && messages.length > 0
    ? JSON.stringify(
        messages.slice(0, MAX_CLUSTER_PROBLEMS).map(m => m.slice(0, 500)),
      )
    : null;
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
    eksEndpoint: optional(row.eks_endpoint),
    eksCertificateAuthorityData: optional(row.eks_certificate_authority_data),
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
    problems: [
      ...(fromOptionalJson<StoredCluster['problems']>(row.k8s_problems) ?? []),
      ...sourceProblems('inventory', row.inventory_problems),
      ...sourceProblems('arc', row.arc_problems),
    ],
    readiness: optional(row.readiness ?? null) as ReadinessVerdict | undefined,
    resilienceScore:
      resilienceScore === null || resilienceScore === undefined
        ? undefined
        : Number(resilienceScore),
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
  };
}
