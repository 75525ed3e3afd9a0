/**
 * The reconcile mode in effect for one cluster. Pure.
 *
 * Configured mode, then a per-cluster override (an ARN listed in
 * `reconciler.overrides`, else the cluster's mode tag), and finally `observe`
 * whenever the cluster's Karpenter reacts to ARC zonal shifts itself: two
 * controllers steering the same capacity would fight.
 */
import {
  RECONCILE_MODES,
  type FleetKarpenterInfo,
  type ReconcileMode,
} from '@fleet-resilience/plugin-fleet-resilience-common';

export interface ModeSettings {
  mode: ReconcileMode;
  /** Cluster ARN -> mode. */
  overrides: ReadonlyMap<string, ReconcileMode>;
  /** AWS tag whose value (a mode) overrides the configured mode; undefined: no tag override. */
  modeTag?: string;
}

export interface EffectiveMode {
  mode: ReconcileMode;
  reason?: string;
  /** What is unknown, and what the reconciler does instead. */
  degraded?: string[];
}

/** How each of the mode's degraded reasons starts (told apart from a pass's own in the stored status). */
export const NATIVE_SUPPORT_UNKNOWN = 'Native zonal shift support unknown';

export function isReconcileMode(value: unknown): value is ReconcileMode {
  return (RECONCILE_MODES as readonly unknown[]).includes(value);
}

export function effectiveMode(
  cluster: {
    arn: string;
    tags: Readonly<Record<string, string>>;
    karpenter?: FleetKarpenterInfo;
  },
  settings: ModeSettings,
): EffectiveMode {
  let mode = settings.mode;
  let reason: string | undefined;
  const listed = settings.overrides.get(cluster.arn);
  const tagged = settings.modeTag ? cluster.tags[settings.modeTag] : undefined;
  if (listed) {
    mode = listed;
    if (listed !== settings.mode) {
      reason = `Set to ${listed} for this cluster in fleetResilience.reconciler.overrides`;
    }
  } else if (tagged !== undefined && isReconcileMode(tagged)) {
    mode = tagged;
    if (tagged !== settings.mode) {
      reason = `Set to ${tagged} by the cluster's tag ${settings.modeTag}`;
    }
  }
  if (cluster.karpenter?.nativeZonalShift && mode !== 'observe') {
    return {
      mode: 'observe',
      reason: `Karpenter${
        cluster.karpenter.version ? ` ${cluster.karpenter.version}` : ''
      } has native zonal shift on (settings.enableZonalShift): it keeps new capacity out of the shifted AZ itself, so the reconciler only observes`,
    };
  }
  const unknown = cluster.karpenter?.nativeZonalShiftUnknown;
  if (unknown !== undefined && mode !== 'observe') {
    const degraded = [
      `${NATIVE_SUPPORT_UNKNOWN} (${unknown}): the NodePools are narrowed, which is safe whether Karpenter avoids the AZ itself or not${
        mode === 'keep-nodes' ? '; Nodes are not marked do-not-disrupt' : ''
      }`,
    ];
    return mode === 'keep-nodes'
      ? {
          mode: 'nodepool',
          reason:
            'keep-nodes needs to know whether Karpenter has native zonal shift on, which is unknown: only the NodePools are narrowed',
          degraded,
        }
      : { mode, ...(reason ? { reason } : {}), degraded };
  }
  if (unknown !== undefined) {
    return {
      mode,
      ...(reason ? { reason } : {}),
      degraded: [`${NATIVE_SUPPORT_UNKNOWN} (${unknown})`],
    };
  }
  return reason ? { mode, reason } : { mode };
}
