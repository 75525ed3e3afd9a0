/**
 * The AWS console page of an EKS cluster, per partition. Partitions without a
 * public console (the ISO ones) have no link.
 */
import type { EksClusterRef } from '@fleet-resilience/plugin-fleet-resilience-common';

const CONSOLE_DOMAIN_BY_PARTITION: Record<string, string> = {
  aws: 'console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
};

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;

function partitionOfArn(arn: string): string | undefined {
  return /^arn:([a-z-]+):/.exec(arn)?.[1];
}

export function eksConsoleUrl(ref: EksClusterRef): string | undefined {
  const partition = partitionOfArn(ref.arn);
  const domain = partition ? CONSOLE_DOMAIN_BY_PARTITION[partition] : undefined;
  if (!domain || !REGION.test(ref.region)) {
    return undefined;
  }
  const query = `region=${ref.region}`;
  return `https://${
    ref.region
  }.${domain}/eks/home?${query}#/clusters/${encodeURIComponent(ref.name)}`;
}
