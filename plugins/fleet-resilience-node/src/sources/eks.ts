/**
 * The EKS side of the sources: what DescribeCluster tells beyond AWS Config,
 * and the cluster configuration updates the portal starts and follows
 * (re-exported from `./types`).
 */
import type { EksClusterRef } from '@fleet-resilience/plugin-fleet-resilience-common';

/**
 * EKS DescribeCluster facts that AWS Config does not carry.
 *
 * @public
 */
export interface EksClusterDetails {
  ref: EksClusterRef;
  zonalShiftEnabled: boolean;
  platformVersion?: string;
  status?: string;
  /** The API server URL and base64 PEM CA EKS reports (`cluster.endpoint`, `cluster.certificateAuthority.data`). */
  endpoint?: string;
  certificateAuthorityData?: string;
}

/**
 * Reads EKS DescribeCluster for one cluster.
 *
 * @public
 */
export interface EksClusterDescriber {
  describe(
    ref: EksClusterRef,
    options?: { signal?: AbortSignal },
  ): Promise<EksClusterDetails>;
}

/**
 * An EKS cluster update (UpdateClusterConfig's and DescribeUpdate's `update`).
 *
 * @public
 */
export interface EksClusterUpdate {
  id: string;
  /** e.g. `ZonalShiftConfigUpdate`. */
  type: string;
  status: 'InProgress' | 'Failed' | 'Cancelled' | 'Successful';
  createdAt?: string;
  /** The update's `errors[].errorMessage` (with the code). */
  errors: string[];
}

/**
 * Changes an EKS cluster's configuration and follows the update.
 *
 * @public
 */
export interface EksClusterConfigurer {
  /** UpdateClusterConfig `zonalShiftConfig: { enabled }`; `clientRequestToken` makes retries idempotent. */
  updateZonalShiftConfig(
    ref: EksClusterRef,
    enabled: boolean,
    options?: { clientRequestToken?: string; signal?: AbortSignal },
  ): Promise<EksClusterUpdate>;
  /** DescribeUpdate. */
  describeUpdate(
    ref: EksClusterRef,
    updateId: string,
    options?: { signal?: AbortSignal },
  ): Promise<EksClusterUpdate>;
}
