import type { AwsClients } from '../aws/AwsClientFactory';
import type { KubernetesTarget } from '../sources/types';
import { createEksToken } from './eksToken';

/**
 * The bearer token for one cluster's Kubernetes API.
 *
 * @public
 */
export interface KubernetesTokenProvider {
  token(target: KubernetesTarget): Promise<string>;
}

/**
 * EKS IAM tokens signed with the cluster account's credentials, fresh for
 * every read (they are valid for 15 minutes). The account needs an EKS
 * access entry (or aws-auth mapping) with read access.
 */
export class EksTokenProvider implements KubernetesTokenProvider {
  constructor(
    private readonly clients: Pick<AwsClients, 'credentials' | 'stsEndpoint'>,
  ) {}

  async token(target: KubernetesTarget): Promise<string> {
    const { accountId, region, name } = target.ref;
    return createEksToken({
      clusterName: name,
      region,
      credentials: await this.clients.credentials(accountId),
      stsEndpoint: this.clients.stsEndpoint(region),
    });
  }
}

/** One fixed token for every cluster (tests, a service-account token). */
export class StaticTokenProvider implements KubernetesTokenProvider {
  constructor(private readonly value: string) {
    if (!value)
      throw new TypeError('a static Kubernetes token must not be empty');
  }

  async token(): Promise<string> {
    return this.value;
  }
}
