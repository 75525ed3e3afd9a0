/** Display helpers: CPU, memory, percentages, durations and times. */
import type { Zone } from '@fleet-resilience/plugin-fleet-resilience-common';

/** `2.5 cores`, `750m` below one core. */
export function formatCpu(millicores: number): string {
  if (Math.abs(millicores) < 1000) {
    return `${Math.round(millicores)}m`;
  }
  const cores = millicores / 1000;
  const text = Number.isInteger(cores) ? String(cores) : cores.toFixed(1);
  return `${text} ${text === '1' ? 'core' : 'cores'}`;
}

const BINARY_UNITS: ReadonlyArray<[string, number]> = [
  ['TiB', 1024 ** 4],
  ['GiB', 1024 ** 3],
  ['MiB', 1024 ** 2],
  ['KiB', 1024],
];

/** `12.5 GiB`. */
export function formatMemory(bytes: number): string {
  for (const [unit, size] of BINARY_UNITS) {
    if (Math.abs(bytes) >= size) {
      const value = bytes / size;
      return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${unit}`;
    }
  }
  return `${Math.round(bytes)} B`;
}

/** Whole percent, rounded down so that a shortfall never reads as 100%. */
export function formatPercent(ratio: number): string {
  return `${Math.floor(ratio * 100)}%`;
}

/** `us-east-1b (use1-az2)`. */
export function zoneLabel(zone: Zone): string {
  return zone.name === zone.id ? zone.id : `${zone.name} (${zone.id})`;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Whole seconds, never rounded up: a remaining time must not read longer than it is. */
function wholeSeconds(seconds: number): number {
  return Math.max(0, Math.floor(seconds));
}

function twoUnits(
  big: number,
  bigUnit: string,
  small: number,
  smallUnit: string,
) {
  return small > 0
    ? `${big} ${bigUnit} ${small} ${smallUnit}`
    : `${big} ${bigUnit}`;
}

/**
 * `45 s`, `5 min`, `1 h 59 min`, `2 h`, `3 d 4 h`: at most two adjacent
 * units, truncated to the smaller one, so the text is never longer than the
 * truth and never shorter by a whole unit of what it shows.
 */
export function formatDuration(seconds: number): string {
  if (Number.isNaN(seconds)) return '-';
  const s = wholeSeconds(seconds);
  if (s < MINUTE) return `${s} s`;
  if (s < HOUR) return `${Math.floor(s / MINUTE)} min`;
  if (s < DAY) {
    return twoUnits(
      Math.floor(s / HOUR),
      'h',
      Math.floor((s % HOUR) / MINUTE),
      'min',
    );
  }
  return twoUnits(Math.floor(s / DAY), 'd', Math.floor((s % DAY) / HOUR), 'h');
}

/** `45s`, `3m`, `2h5m`, `4d1h`: {@link formatDuration} for narrow columns. */
export function formatShortDuration(seconds: number): string {
  return formatDuration(seconds).replace(' min', 'm').replace(/ /g, '');
}

/** Below this, a past time reads `just now`. */
const JUST_NOW_MS = MINUTE * 1000;

/**
 * `5 min ago` / `in 1 h 59 min`, relative to `now`: a past time under a
 * minute old is `just now`; a future one counts its seconds down.
 */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const diffMs = time - now.getTime();
  if (diffMs < 0 ? -diffMs < JUST_NOW_MS : diffMs < 1000) return 'just now';
  const seconds = Math.abs(diffMs) / 1000;
  return diffMs < 0
    ? `${formatDuration(seconds)} ago`
    : `in ${formatDuration(seconds)}`;
}

/** The finest unit {@link formatDuration} shows for `ms`, in ms. */
function stepOf(ms: number): number {
  if (ms < MINUTE * 1000) return 1000;
  return ms < DAY * 1000 ? MINUTE * 1000 : HOUR * 1000;
}

/**
 * Milliseconds from `now` until {@link formatRelative} of `iso` reads
 * differently, so that a view can redraw exactly then (a remaining time left
 * on screen would otherwise overstate what is left); undefined for a time
 * that does not parse.
 */
export function relativeChangesIn(
  iso: string,
  now: Date = new Date(),
): number | undefined {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  const diffMs = time - now.getTime();
  if (diffMs >= 1000) {
    // The shown value drops once the remainder below its finest unit is used
    // up: 1 ms after that remainder.
    return (diffMs % stepOf(diffMs)) + 1;
  }
  const elapsed = -diffMs;
  // `just now` until a minute has passed.
  if (elapsed < JUST_NOW_MS) return JUST_NOW_MS - elapsed;
  const step = stepOf(elapsed);
  return step - (elapsed % step);
}

/** Where absolute times are shown: UTC, or the browser's own time zone. */
export type TimeZoneChoice = 'UTC' | 'local';

/** How {@link formatTime} shows a time. */
export interface TimeFormatOptions {
  /** Defaults to UTC. */
  zone?: TimeZoneChoice;
  /** IANA zone standing for `local`; defaults to the browser's. */
  localTimeZone?: string;
  /** Locale that names the local zone (`EDT`, `CEST`); defaults to the browser's. */
  locale?: string;
}

// Fixed English month names: the date reads the same for every locale and
// ICU version (en-GB's September is `Sept` in some).
const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** The IANA time zone of the browser (or of the runtime). */
export function browserTimeZone(): string | undefined {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The local zone's short name, offsets written as `UTC+5:30` like the UTC choice. */
function zoneName(time: Date, timeZone: string | undefined, locale?: string) {
  const name = new Intl.DateTimeFormat(locale, {
    timeZone,
    timeZoneName: 'short',
  })
    .formatToParts(time)
    .find(part => part.type === 'timeZoneName')?.value;
  return (name ?? 'local').replace(/^GMT(?=[+-])/, 'UTC');
}

/**
 * A time as its date and its clock time with the zone, e.g. `7 Dec 2026` and
 * `03:26 UTC`; undefined when `iso` does not parse.
 */
export function formatTimeParts(
  iso: string,
  options: TimeFormatOptions = {},
): { date: string; clock: string } | undefined {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return undefined;
  const utc = (options.zone ?? 'UTC') === 'UTC';
  const timeZone = utc ? 'UTC' : options.localTimeZone ?? browserTimeZone();
  const parts: Record<string, string> = {};
  for (const part of new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(time)) {
    parts[part.type] = part.value;
  }
  const zone = utc ? 'UTC' : zoneName(time, timeZone, options.locale);
  return {
    date: `${parts.day} ${MONTHS[Number(parts.month) - 1]} ${parts.year}`,
    clock: `${parts.hour}:${parts.minute} ${zone}`,
  };
}

/** Date and time with the zone, e.g. `7 Dec 2026, 03:26 UTC`; `-` without a time. */
export function formatTime(
  iso: string | undefined,
  options: TimeFormatOptions = {},
): string {
  if (!iso) return '-';
  const parts = formatTimeParts(iso, options);
  return parts ? `${parts.date}, ${parts.clock}` : iso;
}
