/**
 * Which IAM role Backstage's Kubernetes plugin should assume to reach a
 * cluster, as the `kubernetes.io/aws-assume-role` (and
 * `kubernetes.io/aws-external-id`) annotations. Pure: the roles come from
 * config (readKubernetesAwsRoles), the partition from the cluster's ARN.
 */
import type { EksClusterRef } from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE,
  ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID,
} from '../annotations';

/**
 * A role by name, in the account of the cluster.
 *
 * @public
 */
export interface KubernetesAwsRole {
  /** The role's name, after an optional IAM path (`org/fleet-resilience-reader`). */
  roleName: string;
  /** Passed as `ExternalId` when the role is assumed. */
  externalId?: string;
}

/**
 * The role of each account, as Backstage's `aws` integration config names it
 * (or one role for all, when the module's config names one).
 *
 * @public
 */
export interface KubernetesAwsRoles {
  /** Accounts listed under `aws.accounts`: their role, or null for one without `roleName`. */
  accounts: Readonly<Record<string, KubernetesAwsRole | null>>;
  /** The role of every other account (`aws.accountDefaults`), if any. */
  defaultRole?: KubernetesAwsRole;
}

// arn:<partition>:eks:<region>:<account>:cluster/<name>; partitions are
// `aws` and `aws-<something>` (aws-cn, aws-us-gov, aws-iso-b, ...).
const ARN_PARTITION = /^arn:(aws(?:-[a-z]+)*):/;

/** The role an account's cluster should be reached with, if the config names one. */
export function kubernetesAwsRoleFor(
  roles: KubernetesAwsRoles,
  accountId: string,
): KubernetesAwsRole | undefined {
  if (Object.prototype.hasOwnProperty.call(roles.accounts, accountId)) {
    return roles.accounts[accountId] ?? undefined;
  }
  return roles.defaultRole;
}

/**
 * The assume-role annotations of a cluster: none when no role is
 * configured for its account, a warning when its ARN names no partition.
 */
export function kubernetesAwsRoleAnnotations(
  ref: EksClusterRef,
  roles: KubernetesAwsRoles | undefined,
): { annotations: Record<string, string> } | { warning: string } {
  const role = roles && kubernetesAwsRoleFor(roles, ref.accountId);
  if (!role) return { annotations: {} };
  // The role lives in the cluster's account, so in the cluster's partition,
  // which its ARN names (arn:aws-cn:... in China, arn:aws-us-gov:... in GovCloud).
  const partition = ARN_PARTITION.exec(ref.arn)?.[1];
  if (!partition) {
    return {
      warning: `${ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE} left out: the cluster ARN names no AWS partition`,
    };
  }
  return {
    annotations: {
      [ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE]: `arn:${partition}:iam::${ref.accountId}:role/${role.roleName}`,
      ...(role.externalId !== undefined && {
        [ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID]: role.externalId,
      }),
    },
  };
}
