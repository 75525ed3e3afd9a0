import type { DisruptionBudgetFacts, WorkloadAssessment } from './types';

/**
 * How many ready replicas a workload must keep, and where the number comes
 * from.
 *
 * @public
 */
export interface RequiredReadyReplicas {
  required: number;
  from: WorkloadAssessment['requiredFrom'];
  /**
   * Set when the PDB's value could not be used (negative, not an integer,
   * not a percentage of 0 to 100%, or neither field set): `required` is then
   * half of the desired.
   */
  problem?: string;
}

type Scaled = { value: number } | { problem: string };

/**
 * An `IntOrString` of a PDB scaled to `total` as Kubernetes does
 * (`intstr.GetScaledValueFromIntOrPercent` with rounding up, which the
 * disruption controller uses for both fields): `"50%"` of 3 is 2.
 */
function scaled(value: number | string, total: number): Scaled {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0
      ? { value }
      : { problem: `${value} is not a non-negative integer` };
  }
  const match = /^([0-9]+)%$/.exec(value);
  if (!match || Number(match[1]) > 100) {
    return { problem: `"${value}" is not an integer or a percentage (0-100%)` };
  }
  return { value: Math.ceil((Number(match[1]) * total) / 100) };
}

function halfOf(desired: number, problem?: string): RequiredReadyReplicas {
  const half: RequiredReadyReplicas = {
    required: Math.ceil(desired / 2),
    from: 'half-of-desired',
  };
  return problem ? { ...half, problem } : half;
}

/**
 * The ready replicas a workload needs to keep when an AZ is lost: its PDB's
 * `minAvailable`, else `desired - maxUnavailable` (at least 0), else half of
 * the desired replicas rounded up.
 *
 * @remarks
 * Percentages scale to the desired replicas and round up, as the disruption
 * controller does. Kubernetes refuses a PDB with both fields; should one
 * arrive, `minAvailable` wins. A value Kubernetes would refuse (negative,
 * `"abc%"`, over 100%) or a PDB with neither field counts as no PDB, and
 * `problem` says why.
 *
 * @public
 */
export function requiredReadyReplicas(
  desired: number,
  pdb?: DisruptionBudgetFacts,
): RequiredReadyReplicas {
  if (!pdb) return halfOf(desired);
  if (pdb.minAvailable !== undefined) {
    const min = scaled(pdb.minAvailable, desired);
    return 'value' in min
      ? { required: min.value, from: 'pdb-min-available' }
      : halfOf(
          desired,
          `PDB ${pdb.name}: minAvailable ${min.problem}; counting half of the desired replicas instead`,
        );
  }
  if (pdb.maxUnavailable !== undefined) {
    const max = scaled(pdb.maxUnavailable, desired);
    return 'value' in max
      ? {
          required: Math.max(0, desired - max.value),
          from: 'pdb-max-unavailable',
        }
      : halfOf(
          desired,
          `PDB ${pdb.name}: maxUnavailable ${max.problem}; counting half of the desired replicas instead`,
        );
  }
  return halfOf(
    desired,
    `PDB ${pdb.name} sets neither minAvailable nor maxUnavailable; counting half of the desired replicas instead`,
  );
}
