/**
 * One timeline of a cluster's shifts: ARC's history (what ARC applied,
 * whoever started it) and the portal's audit trail (who asked for what, and
 * how it ended), newest first.
 */
import type {
  AuditEvent,
  FleetShiftRecord,
} from '@fleet-resilience/plugin-fleet-resilience-common';

export interface TimelineEntry {
  id: string;
  time: string;
  source: 'ARC' | 'Portal';
  what: string;
  /** When an ARC shift ends or ended (its expiry, or the cancel time ARC reports as expiry). */
  until?: string;
  who: string;
  why: string;
  outcome: string;
}

const TYPE_TEXT: Record<FleetShiftRecord['shiftType'], string> = {
  ZONAL_SHIFT: 'Zonal shift',
  ZONAL_AUTOSHIFT: 'Zonal autoshift',
  PRACTICE_RUN: 'Practice run',
  FIS_EXPERIMENT: 'FIS experiment',
};

const ACTION_TEXT: Record<AuditEvent['action'], string> = {
  'shift.start': 'Start shift',
  'shift.update': 'Extend or change shift',
  'shift.cancel': 'Revert shift',
};

function auditWhat(event: AuditEvent): string {
  const away = event.inputs.awayFrom;
  const expires = event.inputs.expiresIn;
  return [
    ACTION_TEXT[event.action] ?? event.action,
    typeof away === 'string' ? `away from ${away}` : undefined,
    typeof expires === 'string' ? `for ${expires}` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
}

export function buildTimeline(
  shifts: readonly FleetShiftRecord[],
  audit: readonly AuditEvent[],
): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...shifts.map(shift => ({
      id: `arc:${shift.zonalShiftId}`,
      time: shift.startTime,
      source: 'ARC' as const,
      what: `${TYPE_TEXT[shift.shiftType] ?? shift.shiftType} away from ${
        shift.awayFrom
      }`,
      until: shift.expiryTime,
      who:
        shift.actor ??
        (shift.shiftType === 'ZONAL_SHIFT' ? 'outside the portal' : 'AWS'),
      why: shift.comment,
      outcome: shift.status.toLocaleLowerCase('en-US'),
    })),
    ...audit.map(event => ({
      id: `audit:${event.id}`,
      time: event.time,
      source: 'Portal' as const,
      what: auditWhat(event),
      who: event.actor,
      why: typeof event.inputs.comment === 'string' ? event.inputs.comment : '',
      outcome: event.errorMessage
        ? `${event.outcome}: ${event.errorMessage}`
        : event.outcome,
    })),
  ];
  // ISO 8601 UTC strings compare in time order; parse to be safe with offsets.
  return entries.sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
}
