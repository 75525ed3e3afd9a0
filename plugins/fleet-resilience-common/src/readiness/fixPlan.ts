import type {
  ClusterReadinessInput,
  PendingClusterUpdate,
  ReadinessFix,
} from './types';

/**
 * What the portal knows of a cluster when it decides on a fix.
 *
 * @public
 */
export interface ReadinessFixState {
  zonalShiftEnabled?: boolean;
  arc?: ClusterReadinessInput['arc'];
  pendingUpdate?: PendingClusterUpdate;
}

/**
 * Whether a fix should call AWS (`apply`), or not, and why.
 *
 * @public
 */
export type ReadinessFixPlan =
  | { kind: 'apply' }
  | { kind: 'no-change' | 'not-applicable'; reason: string };

const APPLY: ReadinessFixPlan = { kind: 'apply' };

function notApplicable(reason: string): ReadinessFixPlan {
  return { kind: 'not-applicable', reason };
}

/** Why ARC fixes cannot apply yet, or undefined when they can. */
function arcPrecondition(state: ReadinessFixState): string | undefined {
  if (state.zonalShiftEnabled === false) {
    return 'Zonal shift is off, so ARC does not manage the cluster: turn on zonal shift first.';
  }
  if (state.zonalShiftEnabled === undefined) {
    return 'Not known whether zonal shift is on (EKS has not described the cluster yet).';
  }
  if (!state.arc) {
    return 'ARC does not list the cluster as a managed resource yet; wait for the next refresh.';
  }
  return undefined;
}

/**
 * Decides whether a readiness fix calls AWS, from what the portal holds.
 *
 * @remarks
 * - `enable-zonal-shift`: no change while an EKS update is InProgress or
 *   when zonal shift is already on; applies when off or not known (EKS then
 *   answers for itself).
 * - `enable-autoshift`: not applicable until zonal shift is on and ARC
 *   lists the cluster, nor without a practice-run configuration (ARC
 *   refuses autoshift without one); no change when already ENABLED.
 * - `disable-autoshift`: no change when ARC does not list the cluster or
 *   reports it DISABLED (ARC cannot autoshift a resource it does not
 *   manage).
 * - `configure-practice-runs`: not applicable until zonal shift is on and
 *   ARC lists the cluster; otherwise applies (create or update: the
 *   settings are the caller's to compare).
 *
 * @public
 */
export function planReadinessFix(
  fix: ReadinessFix,
  state: ReadinessFixState,
): ReadinessFixPlan {
  switch (fix) {
    case 'enable-zonal-shift':
      if (state.pendingUpdate?.status === 'InProgress') {
        return {
          kind: 'no-change',
          reason: `EKS update ${state.pendingUpdate.updateId} is in progress.`,
        };
      }
      if (state.zonalShiftEnabled === true) {
        return { kind: 'no-change', reason: 'Zonal shift is already on.' };
      }
      return APPLY;
    case 'enable-autoshift': {
      const missing = arcPrecondition(state);
      if (missing) return notApplicable(missing);
      if (state.arc!.zonalAutoshiftStatus === 'ENABLED') {
        return {
          kind: 'no-change',
          reason: 'Zonal autoshift is already ENABLED.',
        };
      }
      if (
        state.arc!.practiceRunStatus !== 'ENABLED' &&
        !state.arc!.practiceRunConfiguration
      ) {
        return notApplicable(
          'ARC enables autoshift only with a practice-run configuration: configure practice runs first.',
        );
      }
      return APPLY;
    }
    case 'disable-autoshift':
      if (!state.arc || state.arc.zonalAutoshiftStatus === 'DISABLED') {
        return { kind: 'no-change', reason: 'Zonal autoshift is not enabled.' };
      }
      return APPLY;
    case 'configure-practice-runs': {
      const missing = arcPrecondition(state);
      return missing ? notApplicable(missing) : APPLY;
    }
    default:
      return notApplicable(`Unknown fix ${String(fix)}.`);
  }
}
