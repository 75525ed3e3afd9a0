/**
 * Identity of an Amazon EKS cluster: the parts of its ARN, and the ARN itself.
 *
 * @remarks
 * The ARN is the cluster's resource identifier in ARC zonal shift.
 *
 * @public
 */
export interface EksClusterRef {
  /** 12-digit AWS account ID. */
  accountId: string;
  /** AWS region code, e.g. `us-east-1`. */
  region: string;
  /** Cluster name. */
  name: string;
  /** `arn:<partition>:eks:<region>:<accountId>:cluster/<name>`. */
  arn: string;
}

/**
 * Thrown when a cluster ARN, or one of its parts, is malformed.
 *
 * @public
 */
export class InvalidClusterArnError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidClusterArnError';
  }
}

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
// EKS CreateCluster: 1..100 characters, `^[0-9A-Za-z][A-Za-z0-9\-_]*`.
const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
const CLUSTER_ARN = /^arn:([a-z-]+):eks:([^:]*):([^:]*):cluster\/(.*)$/;

// The partition follows from the region; most regions are in `aws`, and an
// ARN built with the wrong partition is rejected by every AWS API.
const PARTITION_BY_REGION_PREFIX: ReadonlyArray<[string, string]> = [
  ['cn-', 'aws-cn'],
  ['us-gov-', 'aws-us-gov'],
  ['us-iso-', 'aws-iso'],
  ['us-isob-', 'aws-iso-b'],
  ['eu-isoe-', 'aws-iso-e'],
  ['us-isof-', 'aws-iso-f'],
];

function partitionOf(region: string): string {
  const match = PARTITION_BY_REGION_PREFIX.find(([prefix]) =>
    region.startsWith(prefix),
  );
  return match ? match[1] : 'aws';
}

function problemsWithParts(parts: Omit<EksClusterRef, 'arn'>): string[] {
  const problems: string[] = [];
  if (!ACCOUNT_ID.test(parts.accountId)) {
    problems.push(`account ID "${parts.accountId}" is not 12 digits`);
  }
  if (!REGION.test(parts.region)) {
    problems.push(`"${parts.region}" is not an AWS region code like us-east-1`);
  }
  if (!CLUSTER_NAME.test(parts.name)) {
    problems.push(
      `cluster name "${parts.name}" must be 1-100 letters, digits, hyphens or underscores, starting with a letter or digit`,
    );
  }
  return problems;
}

/**
 * Builds a cluster reference, ARN included, from its parts.
 *
 * @throws {@link InvalidClusterArnError} when a part is malformed.
 * @public
 */
export function createEksClusterRef(
  parts: Omit<EksClusterRef, 'arn'>,
): EksClusterRef {
  const problems = problemsWithParts(parts);
  if (problems.length > 0) {
    throw new InvalidClusterArnError(
      `Invalid EKS cluster: ${problems.join('; ')}`,
    );
  }
  const { accountId, region, name } = parts;
  return {
    accountId,
    region,
    name,
    arn: `arn:${partitionOf(
      region,
    )}:eks:${region}:${accountId}:cluster/${name}`,
  };
}

/**
 * Parses `arn:aws:eks:<region>:<account>:cluster/<name>` into a cluster
 * reference. The partition must be the region's (`aws-cn` for `cn-north-1`).
 *
 * @throws {@link InvalidClusterArnError} when the ARN is malformed.
 * @public
 */
export function parseEksClusterArn(arn: string): EksClusterRef {
  const match = CLUSTER_ARN.exec(arn);
  if (!match) {
    throw new InvalidClusterArnError(
      `Invalid EKS cluster ARN "${arn}": expected arn:aws:eks:<region>:<account ID>:cluster/<name>`,
    );
  }
  const [, partition, region, accountId, name] = match;
  const problems = problemsWithParts({ accountId, region, name });
  if (problems.length === 0 && partition !== partitionOf(region)) {
    problems.push(
      `partition "${partition}" does not match region ${region} (expected "${partitionOf(
        region,
      )}")`,
    );
  }
  if (problems.length > 0) {
    throw new InvalidClusterArnError(
      `Invalid EKS cluster ARN "${arn}": ${problems.join('; ')}`,
    );
  }
  return { accountId, region, name, arn };
}
