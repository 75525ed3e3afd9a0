/**
 * Annotation and label keys the entity provider writes. Everything the suite
 * owns lives under the `fleet-resilience.io/` prefix; the `kubernetes.io/`
 * keys are the ones Backstage's Kubernetes plugin reads for clusters it finds
 * in the catalog (`kind: Resource`, `spec.type: kubernetes-cluster`).
 */

/** Prefix of the suite's own annotations and labels. */
export const FLEET_RESILIENCE_PREFIX = 'fleet-resilience.io';

/** @public */
export const ANNOTATION_CLUSTER_ARN = 'fleet-resilience.io/cluster-arn';
/** @public */
export const ANNOTATION_ACCOUNT_ID = 'fleet-resilience.io/account-id';
/** @public */
export const ANNOTATION_REGION = 'fleet-resilience.io/region';
/** The EKS cluster name, which the entity name only contains. @public */
export const ANNOTATION_CLUSTER_NAME = 'fleet-resilience.io/cluster-name';
/** Which inventory source produced the entity. @public */
export const ANNOTATION_INVENTORY_SOURCE =
  'fleet-resilience.io/inventory-source';

/** @public */
export const LABEL_ACCOUNT_ID = 'fleet-resilience.io/account-id';
/** @public */
export const LABEL_REGION = 'fleet-resilience.io/region';
/** @public */
export const LABEL_KUBERNETES_VERSION =
  'fleet-resilience.io/kubernetes-version';

// Read by @backstage/plugin-kubernetes-backend's catalog cluster locator.
export const ANNOTATION_KUBERNETES_API_SERVER = 'kubernetes.io/api-server';
export const ANNOTATION_KUBERNETES_API_SERVER_CA =
  'kubernetes.io/api-server-certificate-authority';
export const ANNOTATION_KUBERNETES_AUTH_PROVIDER =
  'kubernetes.io/auth-provider';
/** The cluster name the `aws` auth strategy signs its token for. */
export const ANNOTATION_KUBERNETES_AWS_CLUSTER_ID =
  'kubernetes.io/x-k8s-aws-id';

/** The entity's `spec.type`. @public */
export const KUBERNETES_CLUSTER_TYPE = 'kubernetes-cluster';
