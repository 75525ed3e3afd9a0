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
}

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
  return reason ? { mode, reason } : { mode };
}
