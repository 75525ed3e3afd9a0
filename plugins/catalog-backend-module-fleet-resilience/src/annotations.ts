/**
 * Annotation and label keys the entity provider writes. Everything the suite
 * owns lives under the `fleet-resilience.io/` prefix; the `kubernetes.io/`
 * keys are the ones Backstage's Kubernetes plugin reads for clusters it finds
 * in the catalog (`kind: Resource`, `spec.type: kubernetes-cluster`). The
 * cluster ARN's annotation, which the frontend and search read too, is the
 * common package's `FLEET_CLUSTER_ARN_ANNOTATION`.
 */

/**
 * Prefix of the suite's own annotations and labels.
 *
 * @public
 */
export const FLEET_RESILIENCE_PREFIX = 'fleet-resilience.io';

/**
 * The cluster's 12-digit AWS account ID.
 *
 * @public
 */
export const ANNOTATION_ACCOUNT_ID = 'fleet-resilience.io/account-id';
/**
 * The cluster's region code.
 *
 * @public
 */
export const ANNOTATION_REGION = 'fleet-resilience.io/region';
/**
 * The EKS cluster name, which the entity name only contains.
 *
 * @public
 */
export const ANNOTATION_CLUSTER_NAME = 'fleet-resilience.io/cluster-name';
/**
 * Which inventory source reported the cluster.
 *
 * @public
 */
export const ANNOTATION_INVENTORY_SOURCE =
  'fleet-resilience.io/inventory-source';

/**
 * Label: the cluster's 12-digit AWS account ID.
 *
 * @public
 */
export const LABEL_ACCOUNT_ID = 'fleet-resilience.io/account-id';
/**
 * Label: the cluster's region code.
 *
 * @public
 */
export const LABEL_REGION = 'fleet-resilience.io/region';
/**
 * Label: the cluster's Kubernetes version, when it is a valid label value.
 *
 * @public
 */
export const LABEL_KUBERNETES_VERSION =
  'fleet-resilience.io/kubernetes-version';
/**
 * Label: the cluster's AZ readiness verdict as the backend assessed it,
 * `ready`, `at-risk`, `not-ready` or `unknown`; filter with
 * `metadata.labels.fleet-resilience.io/readiness=not-ready`.
 *
 * @public
 */
export const LABEL_READINESS = 'fleet-resilience.io/readiness';

/**
 * The API server URL; read by the Kubernetes plugin's catalog cluster locator.
 *
 * @public
 */
export const ANNOTATION_KUBERNETES_API_SERVER = 'kubernetes.io/api-server';
/**
 * The API server's CA (base64 PEM); read by the Kubernetes plugin.
 *
 * @public
 */
export const ANNOTATION_KUBERNETES_API_SERVER_CA =
  'kubernetes.io/api-server-certificate-authority';
/**
 * How the Kubernetes plugin authenticates (`aws`).
 *
 * @public
 */
export const ANNOTATION_KUBERNETES_AUTH_PROVIDER =
  'kubernetes.io/auth-provider';
/**
 * The cluster name the Kubernetes plugin's `aws` auth strategy signs its
 * token for.
 *
 * @public
 */
export const ANNOTATION_KUBERNETES_AWS_CLUSTER_ID =
  'kubernetes.io/x-k8s-aws-id';

/**
 * The IAM role ARN the Kubernetes plugin's `aws` auth strategy assumes
 * before signing its token: the reader role of the cluster's account, unless
 * `catalog.providers.fleetResilience.kubernetes.assumeRoleName` names
 * another. Absent when no role is configured for the account.
 *
 * @public
 */
export const ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE =
  'kubernetes.io/aws-assume-role';
/**
 * The external ID the Kubernetes plugin passes when it assumes that role;
 * only when one is configured.
 *
 * @public
 */
export const ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID =
  'kubernetes.io/aws-external-id';

/**
 * The entity's `spec.type`.
 *
 * @public
 */
export const KUBERNETES_CLUSTER_TYPE = 'kubernetes-cluster';
