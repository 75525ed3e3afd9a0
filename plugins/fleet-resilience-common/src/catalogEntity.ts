/**
 * The annotation on a cluster's catalog entity (a `Resource` of type
 * `kubernetes-cluster`) that holds its EKS cluster ARN: the catalog module
 * writes it, the frontend and search read it.
 *
 * @public
 */
export const FLEET_CLUSTER_ARN_ANNOTATION = 'fleet-resilience.io/cluster-arn';
