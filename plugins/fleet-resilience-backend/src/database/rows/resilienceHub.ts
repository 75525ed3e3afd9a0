/** Rows of `resilience_apps` (joined to `resilience_app_clusters`). */
import type { ResilienceAppRecord } from '../../domain/records';
import { fromOptionalJson, optional } from './values';

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
