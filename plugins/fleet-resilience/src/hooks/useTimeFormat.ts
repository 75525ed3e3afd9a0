import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { storageApiRef, useApi } from '@backstage/core-plugin-api';
import {
  formatRelative as formatRelativeAt,
  formatTime as formatTimeIn,
  formatTimeParts as formatTimePartsIn,
  relativeChangesIn,
  type TimeZoneChoice,
} from '../lib/format';

/** Where the user's choice is kept (per browser, or per user with user settings). */
export const TIME_ZONE_STORAGE_BUCKET = 'fleet-resilience';
export const TIME_ZONE_STORAGE_KEY = 'timeZone';

/** A stored value as a choice: anything but `local` is UTC, the default. */
export function parseTimeZoneChoice(value: unknown): TimeZoneChoice {
  return value === 'local' ? 'local' : 'UTC';
}

export interface TimeFormat {
  zone: TimeZoneChoice;
  setZone: (zone: TimeZoneChoice) => void;
  /** `7 Dec 2026, 03:26 UTC` in the chosen zone; `-` without a time. */
  formatTime: (iso: string | undefined) => string;
  /** Date and clock time apart, for columns that may break between them. */
  formatTimeParts: (iso: string) => { date: string; clock: string } | undefined;
  /**
   * `in 1 h 59 min`; without `now`, the component redraws when the text
   * would change, so a remaining time never stays longer on screen than it is.
   */
  formatRelative: (iso: string, now?: Date) => string;
}

/**
 * Absolute and relative times in the zone the user chose (UTC unless they
 * chose their local zone), remembered in Backstage's storage API so that
 * every card and page, and the next visit, use the same zone.
 */
export function useTimeFormat(): TimeFormat {
  const storage = useApi(storageApiRef);
  const bucket = useMemo(
    () => storage.forBucket(TIME_ZONE_STORAGE_BUCKET),
    [storage],
  );
  const subscribe = useCallback(
    (onChange: () => void) => {
      const subscription = bucket
        .observe$(TIME_ZONE_STORAGE_KEY)
        .subscribe({ next: onChange });
      return () => subscription.unsubscribe();
    },
    [bucket],
  );
  // Every component using the hook follows a change made in any of them.
  const zone = useSyncExternalStore(subscribe, () =>
    parseTimeZoneChoice(bucket.snapshot(TIME_ZONE_STORAGE_KEY).value),
  );
  const setZone = useCallback(
    (next: TimeZoneChoice) => {
      bucket.set(TIME_ZONE_STORAGE_KEY, next).catch(() => {
        // The storage API reports its own failures; the zone then stays.
      });
    },
    [bucket],
  );

  // The earliest moment a relative time drawn in this render goes stale.
  const nextChange = useRef(Infinity);
  nextChange.current = Infinity;
  const [, redraw] = useState(0);
  useEffect(() => {
    const delay = nextChange.current;
    if (!Number.isFinite(delay)) return undefined;
    const timer = setTimeout(() => redraw(n => n + 1), Math.max(delay, 1));
    return () => clearTimeout(timer);
  });

  const formatRelative = (iso: string, now?: Date) => {
    const at = now ?? new Date();
    if (!now) {
      const delay = relativeChangesIn(iso, at);
      if (delay !== undefined) {
        nextChange.current = Math.min(nextChange.current, delay);
      }
    }
    return formatRelativeAt(iso, at);
  };
  return {
    zone,
    setZone,
    formatTime: iso => formatTimeIn(iso, { zone }),
    formatTimeParts: iso => formatTimePartsIn(iso, { zone }),
    formatRelative,
  };
}
