/**
 * Sentences about a cluster for the search text: what a person types to find
 * it ("us-east-1b", "use1-az2", "at risk", "autoshift") must be in here.
 */
import {
  READINESS_CHECK_TITLES,
  type ReadinessCheckId,
  type ReadinessVerdict,
  type ShiftState,
  type SurvivabilityVerdict,
  type Zone,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { searchableReadiness, type SearchableCluster } from './types';

const SHIFT_NAMES: Record<Exclude<ShiftState, 'none' | 'unknown'>, string> = {
  'zonal-shift': 'A zonal shift',
  autoshift: 'A zonal autoshift',
  'practice-run': 'A zonal autoshift practice run',
  'fis-experiment': 'An AWS FIS experiment zonal shift',
};

function zoneLabel(zoneId: string, zones: readonly Zone[]): string {
  const zone = zones.find(z => z.id === zoneId);
  return zone ? `${zone.name} (${zone.id})` : zoneId;
}

export function describeZones(zones: readonly Zone[]): string {
  if (zones.length === 0) return 'Availability Zones: unknown.';
  return `Availability Zones: ${zones
    .map(zone => `${zone.name} (${zone.id})`)
    .join(', ')}.`;
}

function describeActiveShift(
  shift: NonNullable<SearchableCluster['activeShift']>,
  zones: readonly Zone[],
): string {
  const comment = shift.comment ? ` Comment: ${shift.comment}` : '';
  return `traffic is shifted away from ${zoneLabel(
    shift.awayFrom,
    zones,
  )} until ${shift.expiryTime}.${comment}`;
}

export function describeShiftState(cluster: SearchableCluster): string {
  const { shiftState, activeShift, zones } = cluster;
  let sentence: string;
  if (shiftState === 'none') {
    sentence = 'No zonal shift is active.';
  } else if (shiftState === 'unknown') {
    sentence =
      cluster.zonalShiftEnabled === false
        ? 'Zonal shift is not enabled on this cluster.'
        : 'Zonal shift state is unknown.';
  } else {
    const what = SHIFT_NAMES[shiftState];
    sentence = activeShift
      ? `${what} is active: ${describeActiveShift(activeShift, zones)}`
      : `${what} is active.`;
  }
  if (cluster.autoshiftStatus === 'ENABLED') {
    sentence += ' Zonal autoshift is enabled.';
  } else if (cluster.autoshiftStatus === 'DISABLED') {
    sentence += ' Zonal autoshift is disabled.';
  }
  return sentence;
}

const VERDICT_SENTENCES: Record<SurvivabilityVerdict, string> = {
  survives: 'It can lose any one Availability Zone (N-1: survives).',
  'at-risk':
    'It cannot lose one Availability Zone without running short of capacity (N-1: at risk).',
  unknown:
    'Whether it can lose an Availability Zone is unknown (N-1: unknown).',
};

export function describeSurvivability(cluster: SearchableCluster): string {
  const { verdict, reason, bindingZone } = cluster.survivability;
  const parts = [VERDICT_SENTENCES[verdict]];
  if (bindingZone && verdict !== 'survives') {
    parts.push(`The tightest loss is ${bindingZone.name} (${bindingZone.id}).`);
  }
  if (reason) parts.push(reason.endsWith('.') ? reason : `${reason}.`);
  return parts.join(' ');
}

const READINESS_WORDS: Record<ReadinessVerdict, string> = {
  ready: 'ready',
  'at-risk': 'at risk',
  'not-ready': 'not ready',
  unknown: 'unknown',
};

function checkTitles(ids: readonly ReadinessCheckId[]): string {
  return ids.map(id => READINESS_CHECK_TITLES[id] ?? id).join('; ');
}

/**
 * "AZ readiness: not ready (readiness: notready, score 44 of 100). Failing
 * checks: ...": the verdict in words and as its filter value, the failing
 * and warning checks by title, the workloads at risk.
 */
export function describeReadiness(cluster: SearchableCluster): string {
  const readiness = cluster.readiness;
  if (!readiness) {
    return 'AZ readiness is not assessed yet (readiness: unknown).';
  }
  const parts = [
    `AZ readiness: ${
      READINESS_WORDS[readiness.verdict]
    } (readiness: ${searchableReadiness(readiness.verdict)}, score ${
      readiness.score
    } of 100).`,
  ];
  if (readiness.failing.length > 0) {
    parts.push(`Failing checks: ${checkTitles(readiness.failing)}.`);
  }
  if (readiness.warning.length > 0) {
    parts.push(`Warnings: ${checkTitles(readiness.warning)}.`);
  }
  if (readiness.workloadsAtRisk > 0) {
    parts.push(
      `${readiness.workloadsAtRisk} ${
        readiness.workloadsAtRisk === 1 ? 'workload' : 'workloads'
      } at risk of losing one Availability Zone.`,
    );
  }
  return parts.join(' ');
}
