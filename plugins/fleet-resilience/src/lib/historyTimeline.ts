/**
 * One timeline of a cluster's shifts: ARC's history (what ARC applied,
 * whoever started it) and the portal's audit trail (who asked for what, and
 * how it ended), newest first.
 */
import type {
  AuditChannel,
  AuditEvent,
  FleetShiftRecord,
} from '@fleet-resilience/plugin-fleet-resilience-common';

export interface TimelineEntry {
  id: string;
  time: string;
  source: 'ARC' | 'Audit';
  what: string;
  /** When an ARC shift ends or ended (its expiry, or the cancel time ARC reports as expiry). */
  until?: string;
  who: string;
  why: string;
  outcome: string;
  /**
   * Through what a portal action came, as its client declared it (`via
   * MCP`); absent on ARC's entries and on actions recorded before it was.
   */
  via?: string;
}

const TYPE_TEXT: Record<FleetShiftRecord['shiftType'], string> = {
  ZONAL_SHIFT: 'Zonal shift',
  ZONAL_AUTOSHIFT: 'Zonal autoshift',
  PRACTICE_RUN: 'Practice run',
  FIS_EXPERIMENT: 'FIS experiment',
};

const CHANNEL_TEXT: Record<AuditChannel, string> = {
  portal: 'via Portal',
  api: 'via API',
  mcp: 'via MCP',
};

const ACTION_TEXT: Record<AuditEvent['action'], string> = {
  'shift.start': 'Start shift',
  'shift.update': 'Change shift',
  'shift.cancel': 'Revert shift',
  'readiness.zonal-shift.enable': 'Enable zonal shift',
  'readiness.autoshift.enable': 'Enable zonal autoshift',
  'readiness.autoshift.disable': 'Disable zonal autoshift',
  'readiness.practice-run.configure': 'Configure practice runs',
};

/** `45 min`, `1 h`, `1 h 30 min`; under a minute as such. */
function spellMinutes(minutes: number): string {
  if (minutes < 1) return 'under a minute';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return [hours ? `${hours} h` : '', rest ? `${rest} min` : '']
    .filter(Boolean)
    .join(' ');
}

/** `2h` -> `2 h`, `90m` -> `1 h 30 min`; anything else as given. */
function spellDuration(duration: string): string {
  const match = /^(\d+)(m|h)$/.exec(duration);
  if (!match) return duration;
  return spellMinutes(Number(match[1]) * (match[2] === 'h' ? 60 : 1));
}

const text = (value: unknown) =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * An update says what it did to the expiry, from the expiry before and after
 * that a successful update records: `expiresIn` counts from now, so it may
 * shorten a shift, and that must not read as an extension. Without them (a
 * failed or refused update, or an older record) it says what was asked.
 */
function updateWhat(event: AuditEvent): { what: string; until?: string } {
  const { inputs } = event;
  const extendBy = text(inputs.extendBy);
  const expiresIn = text(inputs.expiresIn);
  const previous = Date.parse(String(inputs.previousExpiry));
  const next = Date.parse(String(inputs.newExpiry));
  if (!Number.isNaN(previous) && !Number.isNaN(next)) {
    const until = String(inputs.newExpiry);
    const delta = Math.round(Math.abs(next - previous) / 60_000);
    if (next > previous) {
      return {
        // ARC rounds up to the minute: the asked time is what was added.
        what: `Extend shift by ${
          extendBy ? spellDuration(extendBy) : spellMinutes(delta)
        }`,
        until,
      };
    }
    if (next < previous) {
      return { what: `Shorten shift by ${spellMinutes(delta)}`, until };
    }
    return { what: 'Change shift comment', until };
  }
  if (extendBy) {
    return { what: `Extend shift by ${spellDuration(extendBy)}` };
  }
  if (expiresIn) {
    return { what: `Set shift to expire in ${spellDuration(expiresIn)}` };
  }
  return {
    what: text(inputs.comment) ? 'Change shift comment' : 'Change shift',
  };
}

function auditWhat(event: AuditEvent): { what: string; until?: string } {
  if (event.action === 'shift.update') {
    return updateWhat(event);
  }
  const away = event.inputs.awayFrom;
  const expires = event.inputs.expiresIn;
  return {
    what: [
      ACTION_TEXT[event.action] ?? event.action,
      typeof away === 'string' ? `away from ${away}` : undefined,
      typeof expires === 'string' ? `for ${expires}` : undefined,
    ]
      .filter(Boolean)
      .join(' '),
  };
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
      source: 'Audit' as const,
      ...auditWhat(event),
      who: event.actor,
      why: typeof event.inputs.comment === 'string' ? event.inputs.comment : '',
      outcome: event.errorMessage
        ? `${event.outcome}: ${event.errorMessage}`
        : event.outcome,
      ...(event.channel && CHANNEL_TEXT[event.channel]
        ? { via: CHANNEL_TEXT[event.channel] }
        : {}),
    })),
  ];
  // ISO 8601 UTC strings compare in time order; parse to be safe with offsets.
  return entries.sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
}
