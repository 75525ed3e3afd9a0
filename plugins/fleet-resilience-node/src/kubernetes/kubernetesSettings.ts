import type { Config } from '@backstage/config';
import { checkPositiveInteger } from '../aws/awsSettings';

/**
 * Timeouts, paging and retries of Kubernetes API calls (`fleetResilience.kubernetes`).
 *
 * @public
 */
export interface KubernetesReadSettings {
  /** Per HTTP request (each page), ms. */
  requestTimeoutMs: number;
  /** Per request, retries and backoff included, ms (a list's pages each get their own). */
  deadlineMs: number;
  /** Items per list page (`limit`). */
  pageSize: number;
  /** Attempts per request on 429 and 5xx, the first included. */
  maxAttempts: number;
  /**
   * Accept `http://` API servers, and https ones without a CA from EKS
   * (verified against the system trust store): the embedded simulator only.
   */
  allowInsecureEndpoints: boolean;
}

export const DEFAULT_KUBERNETES_SETTINGS: KubernetesReadSettings = {
  requestTimeoutMs: 10_000,
  deadlineMs: 30_000,
  pageSize: 500,
  maxAttempts: 5,
  allowInsecureEndpoints: false,
};

/** Reads `fleetResilience.kubernetes` (every key optional). */
export function readKubernetesSettings(config: Config): KubernetesReadSettings {
  const kubernetes = config.getOptionalConfig('fleetResilience.kubernetes');
  const number = (
    key: keyof KubernetesReadSettings & string,
    fallback: number,
  ) =>
    checkPositiveInteger(
      `fleetResilience.kubernetes.${key}`,
      kubernetes?.getOptionalNumber(key) ?? fallback,
    );
  return {
    requestTimeoutMs: number(
      'requestTimeoutMs',
      DEFAULT_KUBERNETES_SETTINGS.requestTimeoutMs,
    ),
    deadlineMs: number('deadlineMs', DEFAULT_KUBERNETES_SETTINGS.deadlineMs),
    pageSize: number('pageSize', DEFAULT_KUBERNETES_SETTINGS.pageSize),
    maxAttempts: number('maxAttempts', DEFAULT_KUBERNETES_SETTINGS.maxAttempts),
    allowInsecureEndpoints:
      kubernetes?.getOptionalBoolean('allowInsecureEndpoints') ??
      DEFAULT_KUBERNETES_SETTINGS.allowInsecureEndpoints,
  };
}
