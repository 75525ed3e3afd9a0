// `GET /preflight` and `POST /preflight`: can the backend reach what it needs?

/**
 * Outcome of one preflight check. `warn`: works, but not as configured or
 * recommended (e.g. an account listed without a role falls back to the
 * backend's own identity); `skipped`: not run because a check it depends on
 * failed (e.g. no Kubernetes checks when DescribeCluster is denied).
 *
 * @public
 */
export type PreflightStatus = 'pass' | 'warn' | 'fail' | 'skipped';

/**
 * What a check is about: an account, an account and region, or a cluster.
 *
 * @public
 */
export interface PreflightScope {
  accountId?: string;
  region?: string;
  clusterArn?: string;
  clusterName?: string;
  /** The role the check acted as: `reader` or `operator`. */
  role?: 'reader' | 'operator';
}

/**
 * One check's result.
 *
 * @public
 */
export interface PreflightCheck {
  /** Stable kind of check, e.g. `credentials`, `config.recorder`, `arc`, `eks.describe-cluster`, `kubernetes.rbac`. */
  id: string;
  /** What was checked, in words: "Reader role credentials resolve". */
  title: string;
  scope: PreflightScope;
  status: PreflightStatus;
  /** What was seen, e.g. the assumed role ARN or AWS's error message. */
  detail: string;
  /** What to change when it did not pass: the IAM action, the Config recorder setting, the RBAC rule. */
  fix?: string;
}

/**
 * The latest preflight report.
 *
 * @public
 */
export interface PreflightReport {
  /** `never-run`: none has run since the backend started; `running`: `checks` so far. */
  state: 'never-run' | 'running' | 'done';
  startedAt?: string;
  finishedAt?: string;
  /** While running: checks done of those planned. */
  progress?: { done: number; total: number };
  summary: Record<PreflightStatus, number>;
  checks: PreflightCheck[];
}
