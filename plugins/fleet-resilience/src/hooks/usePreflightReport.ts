import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { PreflightReport } from '@fleet-resilience/plugin-fleet-resilience-common';
import { fleetResilienceApiRef } from '../api';

/** How often the report is read again while a run is in progress. */
export const PREFLIGHT_POLL_MS = 2000;

/** The HTTP status of a failed call, when the backend answered. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Refusals that another read will not change: stop polling. */
function isFinal(error: unknown): boolean {
  const status = statusOf(error);
  return status === 403 || status === 404;
}

export interface PreflightReportState {
  /** The latest report read; kept when a later read fails. */
  report?: PreflightReport;
  /** The last read's error, cleared by the next successful read. */
  error?: Error;
  /** A run being started (`POST /preflight` in flight). */
  starting: boolean;
  /** Why the last start failed. */
  startError?: Error;
  /** Starts a run (or joins the one in progress), then follows it. */
  run: () => Promise<void>;
}

/**
 * The preflight report, read again every {@link PREFLIGHT_POLL_MS} while a
 * run is in progress (`state: 'running'`) and right after the user starts
 * one. A failed read keeps the last report on screen and, unless it is a
 * 403 or 404, the polling going.
 */
export function usePreflightReport(): PreflightReportState {
  const api = useApi(fleetResilienceApiRef);
  const [read, setRead] = useState<{
    report?: PreflightReport;
    error?: Error;
    /** Bumped by every finished read, so a poll follows each one. */
    reads: number;
  }>({ reads: 0 });
  const [start, setStart] = useState<{ starting: boolean; error?: Error }>({
    starting: false,
  });
  // Only the newest read may land: an older poll answering late would
  // otherwise show a report older than the one on screen.
  const latest = useRef(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const load = useCallback(async () => {
    const id = ++latest.current;
    try {
      const report = await api.getPreflight();
      if (mounted.current && id === latest.current) {
        setRead(r => ({ report, reads: r.reads + 1 }));
      }
    } catch (error) {
      if (mounted.current && id === latest.current) {
        setRead(r => ({ ...r, error: error as Error, reads: r.reads + 1 }));
      }
    }
  }, [api]);

  useEffect(() => {
    load();
  }, [load]);

  const running = read.report?.state === 'running';
  const stopped = read.error !== undefined && isFinal(read.error);
  useEffect(() => {
    if (!running || stopped) return undefined;
    const timer = setTimeout(load, PREFLIGHT_POLL_MS);
    return () => clearTimeout(timer);
  }, [running, stopped, read.reads, load]);

  const run = useCallback(async () => {
    setStart({ starting: true });
    try {
      await api.runPreflight();
      if (mounted.current) setStart({ starting: false });
      await load();
    } catch (error) {
      if (mounted.current) setStart({ starting: false, error: error as Error });
    }
  }, [api, load]);

  return {
    report: read.report,
    error: read.error,
    starting: start.starting,
    startError: start.error,
    run,
  };
}
