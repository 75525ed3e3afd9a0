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

/** `3 minutes`, `2 hours`, `4 days`: the largest whole unit. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const units: ReadonlyArray<[string, number]> = [
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (s >= size) {
      const count = Math.floor(s / size);
      return `${count} ${unit}${count === 1 ? '' : 's'}`;
    }
  }
  return `${s} second${s === 1 ? '' : 's'}`;
}

/** `45s`, `3m`, `2h`, `4d`: the largest whole unit, for narrow columns. */
export function formatShortDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 86400) return `${Math.floor(s / 86400)}d`;
  if (s >= 3600) return `${Math.floor(s / 3600)}h`;
  if (s >= 60) return `${Math.floor(s / 60)}m`;
  return `${s}s`;
}

/** `5 minutes ago` / `in 2 hours`, relative to `now`. */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const diff = (time - now.getTime()) / 1000;
  if (Math.abs(diff) < 45) return 'just now';
  return diff < 0
    ? `${formatDuration(-diff)} ago`
    : `in ${formatDuration(diff)}`;
}

/** Local date and time, e.g. `1 Dec 2026, 14:05`, for titles and tables. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '-';
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return time.toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
