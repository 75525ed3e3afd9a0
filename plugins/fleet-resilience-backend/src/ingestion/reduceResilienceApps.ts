/**
 * From Resilience Hub's apps of one account and region to the rows the store
 * keeps: an app whose ARN cannot be stored is left out, its name and
 * statuses are cleaned and bounded, cluster ARNs that are not EKS cluster
 * ARNs are dropped. Pure.
 */
import {
  InvalidClusterArnError,
  parseEksClusterArn,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  AccountRegion,
  ResilienceApp,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { ResilienceAppRecord } from '../domain/records';
import { isStorable, TEXT_LIMITS } from '../domain/storableText';
import { cleaned, shown, type DataProblem } from './dataProblems';
import { normaliseTime } from './time';

const APP_ARN = /^arn:[a-z-]+:resiliencehub:[a-z0-9-]+:\d{12}:app\/[^\s]+$/;

function isClusterArn(arn: unknown): arn is string {
  if (typeof arn !== 'string') return false;
  try {
    parseEksClusterArn(arn);
    return true;
  } catch (error) {
    if (error instanceof InvalidClusterArnError) return false;
    throw error;
  }
}

export function reduceResilienceApps(
  scope: AccountRegion,
  apps: readonly ResilienceApp[],
): { apps: ResilienceAppRecord[]; problems: DataProblem[] } {
  const problems: DataProblem[] = [];
  const records = apps.flatMap((app): ResilienceAppRecord[] => {
    if (
      typeof app.appArn !== 'string' ||
      !APP_ARN.test(app.appArn) ||
      !isStorable(app.appArn, TEXT_LIMITS.arn)
    ) {
      problems.push({
        resource: `app ${shown(app.appArn)}`,
        kind: 'rejected',
        message: 'appArn is not a Resilience Hub app ARN',
      });
      return [];
    }
    const resource = `app ${app.appArn}`;
    const clusterArns = (app.clusterArns ?? []).filter(isClusterArn);
    if (clusterArns.length !== (app.clusterArns ?? []).length) {
      problems.push({
        resource,
        kind: 'cleaned',
        message: 'cluster ARNs that are not EKS cluster ARNs were left out',
      });
    }
    const text = (value: string, max: number, field: string) =>
      cleaned(value, max, problems, { resource, field });
    const assessedAt = normaliseTime(app.assessedAt);
    const score = app.resiliencyScore;
    return [
      {
        appArn: app.appArn,
        accountId: scope.accountId,
        region: scope.region,
        name: text(
          typeof app.name === 'string' ? app.name : '',
          TEXT_LIMITS.resilienceAppName,
          'name',
        ),
        ...(typeof score === 'number' && Number.isFinite(score)
          ? { resiliencyScore: score }
          : {}),
        ...(typeof app.complianceStatus === 'string'
          ? {
              complianceStatus: text(
                app.complianceStatus,
                TEXT_LIMITS.status,
                'complianceStatus',
              ),
            }
          : {}),
        ...(app.azCompliance ? { azCompliance: app.azCompliance } : {}),
        ...(assessedAt ? { assessedAt } : {}),
        clusterArns,
      },
    ];
  });
  return { apps: records, problems };
}
