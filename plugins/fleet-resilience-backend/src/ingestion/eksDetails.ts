/**
 * What of EKS DescribeCluster's answer is stored for a cluster, including
 * the API server endpoint and CA the Kubernetes reads trust. Pure.
 */
import type { EksClusterDetails } from '@fleet-resilience/plugin-fleet-resilience-node';
import type { EksDetailsRecord } from '../domain/records';

export function eksDetailsRecord(details: EksClusterDetails): EksDetailsRecord {
  return {
    arn: details.ref.arn,
    zonalShiftEnabled: details.zonalShiftEnabled,
    ...(details.platformVersion
      ? { platformVersion: details.platformVersion }
      : {}),
    ...(details.status ? { status: details.status } : {}),
    ...(details.endpoint ? { endpoint: details.endpoint } : {}),
    ...(details.certificateAuthorityData
      ? { certificateAuthorityData: details.certificateAuthorityData }
      : {}),
  };
}
