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
  /** The last attempt's error, when it failed. */
  errorMessage?: string;
  durationMs: number;
}

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
