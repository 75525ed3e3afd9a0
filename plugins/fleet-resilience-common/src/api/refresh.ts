// `GET /refresh-status` and `POST /refresh`: how current the data is.

/**
 * Result of the last refresh of one source.
 *
 * @public
 */
export interface SourceRefreshStatus {
  /**
   * The source, e.g. `inventory:aws-config`, `arc:123456789012/us-east-1`,
   * `kubernetes`, `eks`.
   */
  source: string;
  lastAttemptAt: string;
  /** Whether the last attempt succeeded. */
  ok: boolean;
  lastSuccessAt?: string;
  /**
   * The last attempt's error, when it failed: a classified message (e.g.
   * "ARC: access denied", "database write failed"); the details are in the
   * backend's log.
   */
  errorMessage?: string;
  durationMs: number;
  /**
   * `ok`; `degraded`: the read succeeded and was stored, but rows were left
   * out as data problems (see `rows` and `dataProblems`); `failed`: see
   * `errorMessage`. Absent where the backend does not count rows.
   */
  status?: RefreshOutcome;
  /**
   * Rows the last successful read stored, left out (`rejected`), and stored
   * with characters that cannot be stored replaced (`cleaned`, counted in
   * `stored`).
   */
  rows?: { stored: number; rejected: number; cleaned: number };
  /** A few of those rows' problems (at most 5), e.g. `zonal shift "x": awayFrom "?" is not an AZ ID`. */
  dataProblems?: string[];
}

/**
 * The outcome of a source's last refresh.
 *
 * @public
 */
export type RefreshOutcome = 'ok' | 'degraded' | 'failed';

/**
 * `GET /refresh-status`.
 *
 * @public
 */
export interface RefreshStatusResponse {
  /** Fleet-wide sources: inventory sources, ARC, Resilience Hub per account and region. */
  sources: SourceRefreshStatus[];
  clusters: {
    total: number;
    fresh: number;
    stale: number;
    never: number;
  };
  /** The last full refresh that ran to its end. */
  lastRefresh?: {
    startedAt: string;
    finishedAt: string;
    durationMs: number;
  };
}

/**
 * `POST /refresh`.
 *
 * @public
 */
export interface RefreshTriggerResponse {
  triggered: boolean;
}
