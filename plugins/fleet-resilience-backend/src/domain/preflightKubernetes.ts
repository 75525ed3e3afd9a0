/**
 * Preflight, per cluster: EKS DescribeCluster, the network path to the
 * Kubernetes API, and the RBAC the reader and the reconciler need, asked
 * with SelfSubjectAccessReview for each verb and resource they use. Pure.
 */
import type {
  EksClusterRef,
  PreflightCheck,
  PreflightScope,
  PreflightStatus,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { awsCallFix, partitionOf, type RoleInAccount } from './preflightChecks';
import {
  describeProbeError,
  failureKind,
  type ProbeOutcome,
} from './preflightFailures';

/** One verb on one resource, and whether its absence fails the cluster or only degrades it. */
export interface ResourceAccess {
  verb: 'get' | 'list' | 'watch' | 'patch';
  /** API group, '' for core. */
  group: string;
  resource: string;
  /** false: the code degrades without it (a warning). */
  required: boolean;
  /** What it is used for, or what is lost without it. */
  why: string;
}

/** What KubernetesApiClusterReader lists, with the reader's token. */
export const READER_ACCESS: readonly ResourceAccess[] = [
  {
    verb: 'list',
    group: '',
    resource: 'nodes',
    required: true,
    why: 'capacity per AZ',
  },
  {
    verb: 'list',
    group: '',
    resource: 'pods',
    required: true,
    why: 'requests per AZ',
  },
  {
    verb: 'list',
    group: 'karpenter.sh',
    resource: 'nodepools',
    required: true,
    why: 'NodePool zones',
  },
  {
    verb: 'list',
    group: 'karpenter.sh',
    resource: 'nodeclaims',
    required: false,
    why: 'without it the NodeClaim count is unknown',
  },
  {
    verb: 'list',
    group: 'apps',
    resource: 'deployments',
    required: false,
    why: "without it Karpenter's version and native zonal shift support are unknown",
  },
  {
    verb: 'list',
    group: 'apps',
    resource: 'statefulsets',
    required: false,
    why: "without it the StatefulSets' spread over AZs is unknown (AZ readiness)",
  },
  {
    verb: 'list',
    group: 'policy',
    resource: 'poddisruptionbudgets',
    required: false,
    why: "without it the workloads' disruption budgets are unknown (AZ readiness)",
  },
  {
    verb: 'list',
    group: 'autoscaling',
    resource: 'horizontalpodautoscalers',
    required: false,
    why: 'without it whether the cluster DNS is autoscaled is unknown (AZ readiness)',
  },
];

/** What the reconciler's KubernetesApiClusterWriter does, with the operator's token. */
export const OPERATOR_ACCESS: readonly ResourceAccess[] = [
  {
    verb: 'list',
    group: 'karpenter.sh',
    resource: 'nodepools',
    required: true,
    why: 'the reconciler reads NodePools before it patches them',
  },
  {
    verb: 'patch',
    group: 'karpenter.sh',
    resource: 'nodepools',
    required: true,
    why: 'the reconciler narrows NodePools during a shift',
  },
  {
    verb: 'list',
    group: '',
    resource: 'nodes',
    required: false,
    why: 'needed only in keep-nodes mode',
  },
  {
    verb: 'patch',
    group: '',
    resource: 'nodes',
    required: false,
    why: 'needed only in keep-nodes mode',
  },
];

/** The Kubernetes group each role's IAM role is mapped to (examples/kubernetes/rbac.yaml). */
export const KUBERNETES_GROUPS = {
  reader: 'fleet-resilience-readers',
  operator: 'fleet-resilience-operators',
} as const;

export const RBAC_EXAMPLE = 'examples/kubernetes/rbac.yaml';

/** `nodepools.karpenter.sh`, `pods` (core). */
export function qualifiedResource(
  access: Pick<ResourceAccess, 'group' | 'resource'>,
): string {
  return access.group ? `${access.resource}.${access.group}` : access.resource;
}

function clusterScope(
  ref: EksClusterRef,
  role?: RoleInAccount['role'],
): PreflightScope {
  return {
    accountId: ref.accountId,
    region: ref.region,
    clusterArn: ref.arn,
    clusterName: ref.name,
    ...(role ? { role } : {}),
  };
}

/** What EKS DescribeCluster told, as far as preflight needs it. */
export interface DescribedCluster {
  endpoint?: string;
  zonalShiftEnabled: boolean;
}

/** EKS DescribeCluster works for the cluster. */
export function eksDescribeCheck(input: {
  ref: EksClusterRef;
  who: RoleInAccount;
  outcome: ProbeOutcome<DescribedCluster>;
}): PreflightCheck {
  const { ref, who, outcome } = input;
  const base = {
    id: 'eks.describe-cluster',
    title: 'EKS DescribeCluster works',
    scope: clusterScope(ref, who.role),
  };
  if (outcome.ok) {
    return {
      ...base,
      status: 'pass',
      detail: `DescribeCluster answered${
        outcome.value.endpoint ? `: API server ${outcome.value.endpoint}` : ''
      }`,
    };
  }
  const fix =
    failureKind(outcome.error) === 'not-found'
      ? `EKS has no cluster ${ref.name} in account ${ref.accountId} in region ${ref.region}: if it was deleted, the inventory drops it when AWS Config records the deletion`
      : awsCallFix({
          who,
          error: outcome.error,
          action: 'eks:DescribeCluster',
          service: `Amazon EKS in ${ref.region}`,
        });
  return {
    ...base,
    status: 'fail',
    detail: describeProbeError(outcome.error),
    ...(fix ? { fix } : {}),
  };
}

/** ARC can shift the cluster only with zonal shift enabled on it. */
export function zonalShiftConfigCheck(
  ref: EksClusterRef,
  described: DescribedCluster,
): PreflightCheck {
  const base = {
    id: 'eks.zonal-shift',
    title: 'Zonal shift enabled on the cluster',
    scope: clusterScope(ref),
  };
  return described.zonalShiftEnabled
    ? { ...base, status: 'pass', detail: 'zonalShiftConfig.enabled is true' }
    : {
        ...base,
        status: 'warn',
        detail:
          'zonalShiftConfig.enabled is false: ARC refuses zonal shifts of this cluster',
        fix: `Enable zonal shift on the cluster: aws eks update-cluster-config --name ${ref.name} --region ${ref.region} --zonal-shift-config enabled=true`,
      };
}

/** Why a cluster's Kubernetes API could not be asked anything. */
export type ReachFailure =
  | 'endpoint-not-used'
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'no-token'
  | 'other';

export type ReachOutcome =
  | { ok: true; endpoint: string }
  | { ok: false; kind: ReachFailure; endpoint?: string; detail: string };

function roleArn(ref: EksClusterRef, who: RoleInAccount): string {
  return who.roleName
    ? `arn:${partitionOf(ref.region)}:iam::${who.accountId}:role/${
        who.roleName
      }`
    : `the IAM identity the backend uses for account ${who.accountId}`;
}

function reachFix(
  ref: EksClusterRef,
  who: RoleInAccount,
  outcome: Exclude<ReachOutcome, { ok: true }>,
): string | undefined {
  const at = outcome.endpoint ?? 'its API server endpoint';
  switch (outcome.kind) {
    case 'unreachable':
    case 'timeout':
      return `Open a network path from the backend to ${at} (TCP 443): allow the backend's network in the cluster's security group, and reach a private endpoint through VPC peering, Transit Gateway or PrivateLink (or allow the backend's egress CIDR on the public endpoint)`;
    case 'unauthorized':
      return `Map ${roleArn(ref, who)} to the Kubernetes group ${
        KUBERNETES_GROUPS[who.role]
      } in cluster ${
        ref.name
      }: an EKS access entry (aws eks create-access-entry --cluster-name ${
        ref.name
      } --principal-arn <role ARN> --kubernetes-groups ${
        KUBERNETES_GROUPS[who.role]
      }) or the aws-auth ConfigMap`;
    case 'endpoint-not-used':
      return `Check the API server endpoint and certificate authority EKS reports for ${ref.name}: the backend uses only https endpoints verified against the cluster's own CA`;
    case 'no-token':
      return `Check the ${who.role} credentials of account ${who.accountId}: no EKS token could be signed`;
    default:
      return undefined;
  }
}

/** SelfSubjectAccessReview answers for each access one role needs. */
export interface AccessReview {
  access: ResourceAccess;
  allowed: boolean;
  /** The authorizer's reason or evaluation error, if any. */
  reason?: string;
}

/** The cluster's Kubernetes API is reachable and lets one role do what it needs. */
export function kubernetesRbacCheck(input: {
  ref: EksClusterRef;
  who: RoleInAccount;
  reach: ReachOutcome;
  reviews: readonly AccessReview[];
}): PreflightCheck {
  const { ref, who, reach } = input;
  const roleTitle = who.role === 'reader' ? "reader's" : "operator's";
  const base = {
    id: 'kubernetes.rbac',
    title: `Kubernetes API reachable with the ${roleTitle} RBAC`,
    scope: clusterScope(ref, who.role),
  };
  if (!reach.ok) {
    const fix = reachFix(ref, who, reach);
    return {
      ...base,
      status: 'fail',
      detail: reach.detail,
      ...(fix ? { fix } : {}),
    };
  }
  const denied = input.reviews.filter(review => !review.allowed);
  if (denied.length === 0) {
    return {
      ...base,
      status: 'pass',
      detail: `${reach.endpoint} allows ${input.reviews
        .map(r => `${r.access.verb} ${qualifiedResource(r.access)}`)
        .join(', ')}`,
    };
  }
  const status: PreflightStatus = denied.some(r => r.access.required)
    ? 'fail'
    : 'warn';
  const rules = denied.map(
    r => `${r.access.verb} on ${qualifiedResource(r.access)}`,
  );
  return {
    ...base,
    status,
    detail: `${reach.endpoint} denies ${denied
      .map(
        r =>
          `${r.access.verb} ${qualifiedResource(r.access)} (${r.access.why})`,
      )
      .join('; ')}`,
    fix: `Allow ${rules.join(', ')} for the ${who.role} group ${
      KUBERNETES_GROUPS[who.role]
    } (mapped from ${roleArn(ref, who)}) in cluster ${
      ref.name
    }: see ${RBAC_EXAMPLE}`,
  };
}

/** How many checks ended in each status. */
export function summarize(
  checks: readonly PreflightCheck[],
): Record<PreflightStatus, number> {
  const summary: Record<PreflightStatus, number> = {
    pass: 0,
    warn: 0,
    fail: 0,
    skipped: 0,
  };
  for (const check of checks) summary[check.status] += 1;
  return summary;
}
