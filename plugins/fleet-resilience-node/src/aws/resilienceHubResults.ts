import type {
  AppAssessment,
  AppAssessmentSummary,
  AppInputSource,
} from '@aws-sdk/client-resiliencehub';
import type { ResilienceApp } from '../sources/types';
import { isEksClusterArn } from './arcState';

/** The EKS cluster ARNs an app imports (one input source per namespace), once each. */
export function eksClusterArnsOf(sources: readonly AppInputSource[]): string[] {
  const arns = sources
    .filter(source => source.importType === 'EKS')
    .map(source => source.eksSourceClusterNamespace?.eksClusterArn)
    .filter(isEksClusterArn);
  return [...new Set(arns)];
}

function finishedAt(summary: AppAssessmentSummary): number {
  return (summary.endTime ?? summary.startTime)?.getTime() ?? -Infinity;
}

/** The successful assessment that finished last, whatever order they came in. */
export function latestSuccessfulAssessment(
  summaries: readonly AppAssessmentSummary[],
): AppAssessmentSummary | undefined {
  return summaries
    .filter(
      summary =>
        summary.assessmentStatus === 'Success' && summary.assessmentArn,
    )
    .reduce<AppAssessmentSummary | undefined>(
      (latest, summary) =>
        latest === undefined || finishedAt(summary) > finishedAt(latest)
          ? summary
          : latest,
      undefined,
    );
}

const finite = (value: number | undefined) =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** The AZ disruption results and policy of an assessment; undefined when it has none. */
export function azComplianceOf(
  assessment: AppAssessment,
): ResilienceApp['azCompliance'] | undefined {
  const compliance = assessment.compliance?.AZ;
  if (!compliance?.complianceStatus) return undefined;
  const policy = assessment.policy?.policy?.AZ;
  const fields = {
    currentRtoInSecs: finite(compliance.currentRtoInSecs),
    currentRpoInSecs: finite(compliance.currentRpoInSecs),
    policyRtoInSecs: finite(policy?.rtoInSecs),
    policyRpoInSecs: finite(policy?.rpoInSecs),
  };
  return {
    complianceStatus: compliance.complianceStatus,
    ...Object.fromEntries(
      Object.entries(fields).filter(([, value]) => value !== undefined),
    ),
  };
}
