/**
 * Sentences about a cluster for the search text: what a person types to find
 * it ("us-east-1b", "use1-az2", "at risk", "autoshift") must be in here.
 */
import type {
  ShiftState,
  SurvivabilityVerdict,
  Zone,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { SearchableCluster } from './types';

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
