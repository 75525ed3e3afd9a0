/**
 * Which Kubernetes API server a cluster's EKS token may be sent to. Only the
 * endpoint EKS DescribeCluster reports (called with the cluster's own account
 * credentials) is trusted: an AWS Config row can name any URL, and whoever
 * controls that URL would receive a bearer token for the cluster. Config's
 * endpoint is only compared, never used. Pure.
 */

export interface ApiServerSources {
  /** What the inventory (AWS Config) names. */
  configEndpoint?: string;
  /** What EKS DescribeCluster reported; undefined until it has. */
  eksEndpoint?: string;
  eksCertificateAuthorityData?: string;
}

export type ApiServerDecision =
  | {
      use: true;
      endpoint: string;
      certificateAuthorityData?: string;
      /** A data problem to show with the cluster, e.g. Config naming another host. */
      problem?: string;
    }
  | { use: false; reason: string };

export const NOT_CONFIRMED_BY_EKS =
  'API server not yet confirmed by EKS DescribeCluster; the Kubernetes API is not read until EKS reports it';

/** The host (and port) of a URL, or the value shortened when it is not one. */
function hostOf(url: string): string {
  try {
    return new URL(url).host || JSON.stringify(url.slice(0, 60));
  } catch {
    return JSON.stringify(url.slice(0, 60));
  }
}

/** Same URL apart from a trailing slash and letter case of scheme and host. */
export function sameEndpoint(a: string, b: string): boolean {
  try {
    const [x, y] = [new URL(a), new URL(b)];
    const path = (u: URL) => u.pathname.replace(/\/+$/, '');
    return x.origin === y.origin && path(x) === path(y);
  } catch {
    return a === b;
  }
}

export function decideApiServer(sources: ApiServerSources): ApiServerDecision {
  const { configEndpoint, eksEndpoint, eksCertificateAuthorityData } = sources;
  if (!eksEndpoint) {
    return { use: false, reason: NOT_CONFIRMED_BY_EKS };
  }
  const problem =
    configEndpoint && !sameEndpoint(configEndpoint, eksEndpoint)
      ? `AWS Config names the API server ${hostOf(
          configEndpoint,
        )} but EKS DescribeCluster reports ${hostOf(
          eksEndpoint,
        )}; the EKS endpoint is used`
      : undefined;
  return {
    use: true,
    endpoint: eksEndpoint,
    ...(eksCertificateAuthorityData
      ? { certificateAuthorityData: eksCertificateAuthorityData }
      : {}),
    ...(problem ? { problem } : {}),
  };
}
