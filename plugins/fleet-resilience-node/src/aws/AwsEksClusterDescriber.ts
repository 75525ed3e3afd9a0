import { DescribeClusterCommand } from '@aws-sdk/client-eks';
import { ForwardedError } from '@backstage/errors';
import type { EksClusterRef } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { EksClusterDescriber, EksClusterDetails } from '../sources/types';
import type { AwsClients } from './AwsClientFactory';

/**
 * Options of {@link AwsEksClusterDescriber}.
 *
 * @public
 */
export interface AwsEksClusterDescriberOptions {
  clients: Pick<AwsClients, 'eks'>;
}

/**
 * EKS DescribeCluster: whether zonal shift is enabled on the cluster (ARC
 * refuses shifts otherwise), its platform version and status, and the API
 * server endpoint and CA the backend trusts for the cluster's Kubernetes API.
 *
 * @public
 */
export class AwsEksClusterDescriber implements EksClusterDescriber {
  constructor(private readonly options: AwsEksClusterDescriberOptions) {}

  async describe(
    ref: EksClusterRef,
    options: { signal?: AbortSignal } = {},
  ): Promise<EksClusterDetails> {
    try {
      const client = await this.options.clients.eks(ref);
      const { cluster } = await client.send(
        new DescribeClusterCommand({ name: ref.name }),
        {
          abortSignal: options.signal,
        },
      );
      if (!cluster) throw new Error('DescribeCluster returned no cluster');
      if (cluster.arn !== undefined && cluster.arn !== ref.arn) {
        throw new Error(`DescribeCluster returned ${cluster.arn}`);
      }
      return {
        ref,
        zonalShiftEnabled: cluster.zonalShiftConfig?.enabled === true,
        ...(cluster.platformVersion
          ? { platformVersion: cluster.platformVersion }
          : {}),
        ...(cluster.status ? { status: cluster.status } : {}),
        ...(cluster.endpoint ? { endpoint: cluster.endpoint } : {}),
        ...(cluster.certificateAuthority?.data
          ? { certificateAuthorityData: cluster.certificateAuthority.data }
          : {}),
      };
    } catch (error) {
      throw new ForwardedError(
        `EKS cluster ${ref.arn} could not be described`,
        error,
      );
    }
  }
}
