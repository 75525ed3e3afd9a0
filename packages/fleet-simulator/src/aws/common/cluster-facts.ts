import { createHash } from 'node:crypto';
import type { FleetModel, SimCluster } from '../../model/types';

/**
 * Facts about a cluster that both AWS Config and EKS DescribeCluster report
 * but the fleet model does not hold. They are derived from the cluster ARN,
 * so both services (and every run) agree on them.
 */

function hexOf(cluster: SimCluster, length: number): string {
  return createHash('sha256')
    .update(cluster.arn)
    .digest('hex')
    .slice(0, length);
}

/** EKS's default service CIDR when none is given at creation. */
export const SERVICE_IPV4_CIDR = '10.100.0.0/16';

/** `https://oidc.eks.<region>.amazonaws.com/id/<32 hex, upper case>`. */
export function oidcIssuer(cluster: SimCluster): string {
  return `https://oidc.eks.${cluster.region}.amazonaws.com/id/${hexOf(
    cluster,
    32,
  ).toUpperCase()}`;
}

/** The security group EKS creates for the control plane (`sg-` + 17 hex). */
export function clusterSecurityGroupId(cluster: SimCluster): string {
  return `sg-${hexOf(cluster, 17)}`;
}

/** The VPC of the cluster's subnets, when the model knows them. */
export function clusterVpcId(
  model: FleetModel,
  cluster: SimCluster,
): string | undefined {
  const subnetIds = new Set(cluster.subnetIds);
  return model
    .subnets()
    .find(
      subnet =>
        subnetIds.has(subnet.subnetId) &&
        subnet.accountId === cluster.accountId &&
        subnet.region === cluster.region,
    )?.vpcId;
}

/** The simulated endpoint is reachable from wherever the simulator is. */
export const ENDPOINT_PUBLIC_ACCESS = true;
export const ENDPOINT_PRIVATE_ACCESS = true;
