/**
 * What shifting traffic away from one AZ does to a cluster. Pure.
 */
import type { SurvivabilityAssessment, SurvivabilityVerdict, ZoneLossOutcome } from './survivability';
import type { Zone } from './zones';

/**
 * The impact of a shift away from one AZ, computed by one function for the
 * start dialog's confirm step, the cluster's cards while the shift applies
 * and the fleet dry run, so that they always agree.
 *
 * @public
 */
export interface ShiftImpact {
  awayFrom: Zone;
  /**
   * `survives`: the other AZs hold every pod's requests; `at-risk`: they do
   * not; `unknown`: no capacity data for the cluster or the AZ.
   */
  verdict: SurvivabilityVerdict;
  /** One sentence for humans. */
  reason: string;
  /** Losing this AZ: what the rest holds. Absent without capacity data. */
  zoneLoss?: ZoneLossOutcome;
  /**
   * N-1 while the shift lasts: the AZ's capacity counted as gone, as EKS
   * cordons its nodes. Absent without capacity data.
   */
  afterShift?: SurvivabilityAssessment;
  /** NodePools that can launch nodes only in this AZ. */
  blockedNodePools: string[];
}
