import { workloadName } from './text';
import {
  MAX_LISTED_WORKLOADS,
  type KubernetesReadinessFacts,
  type WorkloadAssessment,
  type WorkloadReadiness,
  type WorkloadRisk,
} from './types';
import { assessWorkload } from './workload';

/** Worst first, as {@link WorkloadReadiness.atRisk} lists them. */
const RISK_ORDER: WorkloadRisk[] = [
  'one-zone',
  'zone-loss-below-budget',
  'single-replica',
  'no-zone-spread',
];

function worstRank(assessment: WorkloadAssessment): number {
  return Math.min(...assessment.risks.map(risk => RISK_ORDER.indexOf(risk)));
}

// Code-point order: the same on every machine, unlike localeCompare.
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function isAtRisk(assessment: WorkloadAssessment): boolean {
  return assessment.risks.some(
    risk => risk === 'one-zone' || risk === 'zone-loss-below-budget',
  );
}

/**
 * Every workload of a cluster assessed with {@link assessWorkload}: the
 * counts, and the flagged ones worst first (then by namespace, name and
 * kind, so the list is stable), at most {@link MAX_LISTED_WORKLOADS}.
 *
 * @public
 */
export function assessWorkloads(
  facts: KubernetesReadinessFacts,
): WorkloadReadiness {
  const assessments = facts.workloads.map(assessWorkload);
  const flagged = assessments
    .filter(assessment => assessment.risks.length > 0)
    .sort(
      (a, b) =>
        worstRank(a) - worstRank(b) ||
        compareText(workloadName(a), workloadName(b)) ||
        compareText(a.kind, b.kind),
    );
  const count = (risk: WorkloadRisk) =>
    assessments.filter(assessment => assessment.risks.includes(risk)).length;
  return {
    workloadCount: assessments.length,
    atRiskCount: assessments.filter(isAtRisk).length,
    singleReplicaCount: count('single-replica'),
    noZoneSpreadCount: count('no-zone-spread'),
    atRisk: flagged.slice(0, MAX_LISTED_WORKLOADS),
    truncated: flagged.length > MAX_LISTED_WORKLOADS,
    dns: facts.dns,
    unknownOwnerPods: facts.unknownOwnerPods,
    unreadable: [...facts.unreadable],
  };
}
