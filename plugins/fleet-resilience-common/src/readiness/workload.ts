import { requiredReadyReplicas } from './requiredReplicas';
import { plural } from './text';
import type { WorkloadAssessment, WorkloadFacts, WorkloadRisk } from './types';

const REQUIRED_FROM_TEXT: Record<WorkloadAssessment['requiredFrom'], string> = {
  'pdb-min-available': 'minAvailable',
  'pdb-max-unavailable': 'desired minus maxUnavailable',
  'half-of-desired': 'half of the desired',
};

/** The AZ holding the most ready replicas (the first by name on a tie). */
function worstZoneOf(readyByZone: Record<string, number>) {
  let worst: string | undefined;
  for (const zone of Object.keys(readyByZone).sort()) {
    if (
      readyByZone[zone] > 0 &&
      (worst === undefined || readyByZone[zone] > readyByZone[worst])
    ) {
      worst = zone;
    }
  }
  return worst;
}

function positiveZones(readyByZone: Record<string, number>) {
  const zones: Record<string, number> = {};
  for (const [zone, count] of Object.entries(readyByZone)) {
    if (count > 0) zones[zone] = count;
  }
  return zones;
}

/**
 * One workload's AZ risks.
 *
 * @remarks
 * Rules, in this order:
 * - zero desired replicas (scaled down): no risk at all;
 * - one desired replica: `single-replica` only (it cannot spread; its other
 *   risks say the same thing again);
 * - two or more desired replicas:
 *   - `one-zone` when at least one replica is ready and every ready one
 *     sits in one AZ (none on a node without a zone label);
 *   - otherwise `zone-loss-below-budget` when the ready replicas left after
 *     losing the AZ holding the most of them are fewer than
 *     {@link requiredReadyReplicas}. With no ready replica at all (all
 *     pending) nothing is left, so it is flagged whenever anything is
 *     required. Ready replicas on nodes without a zone label count as
 *     surviving (their AZ is unknown, and said so in the reason);
 *   - `no-zone-spread` when the pod template has no zone spread constraint
 *     or anti-affinity.
 *
 * @public
 */
export function assessWorkload(facts: WorkloadFacts): WorkloadAssessment {
  const readyByZone = positiveZones(facts.readyByZone);
  const zonedReady = Object.values(readyByZone).reduce((a, b) => a + b, 0);
  const readyReplicas = zonedReady + facts.readyWithoutZone;
  const desired = facts.desiredReplicas;
  const { required, from, problem } = requiredReadyReplicas(
    desired,
    facts.disruptionBudget,
  );
  const worstZone = worstZoneOf(readyByZone);
  const leftAfterWorstZone =
    readyReplicas - (worstZone ? readyByZone[worstZone] : 0);

  const risks: WorkloadRisk[] = [];
  const reasons: string[] = [];
  const zoneCount = Object.keys(readyByZone).length;
  if (desired === 1) {
    risks.push('single-replica');
    reasons.push('1 replica desired: losing its AZ stops it');
  } else if (desired >= 2) {
    if (zoneCount === 1 && facts.readyWithoutZone === 0) {
      risks.push('one-zone');
      reasons.push(
        `${readyReplicas} of ${plural(
          readyReplicas,
          'ready replica',
        )} in ${worstZone}${
          readyReplicas < desired ? ` (${desired} desired)` : ''
        }`,
      );
    } else if (leftAfterWorstZone < required) {
      risks.push('zone-loss-below-budget');
      reasons.push(
        readyReplicas === 0
          ? `no ready replica (${plural(
              facts.podCount,
              'pod',
            )}, none ready); ${required} required (${REQUIRED_FROM_TEXT[from]})`
          : `losing ${worstZone} leaves ${leftAfterWorstZone} of ${plural(
              readyReplicas,
              'ready replica',
            )}; ${required} required (${REQUIRED_FROM_TEXT[from]})`,
      );
    }
    if (facts.zoneSpread === 'none') {
      risks.push('no-zone-spread');
      reasons.push('no zone spread constraint or anti-affinity');
    }
  }
  if (facts.readyWithoutZone > 0 && desired > 0) {
    reasons.push(
      `${plural(
        facts.readyWithoutZone,
        'ready replica',
      )} on nodes without a zone label`,
    );
  }
  if (problem) reasons.push(problem);
  if (risks.length === 0 && desired > 0) {
    reasons.unshift(
      `${readyReplicas} of ${desired} ready in ${plural(
        zoneCount,
        'AZ',
      )}; losing ${
        worstZone ?? 'one'
      } leaves ${leftAfterWorstZone}, ${required} required`,
    );
  } else if (desired === 0) {
    reasons.push('scaled to zero replicas');
  }

  const assessment: WorkloadAssessment = {
    kind: facts.kind,
    namespace: facts.namespace,
    name: facts.name,
    desiredReplicas: desired,
    readyReplicas,
    readyByZone,
    risks,
    leftAfterWorstZone,
    required,
    requiredFrom: from,
    reason: reasons.join('; '),
  };
  if (worstZone) assessment.worstZone = worstZone;
  return assessment;
}
