/**
 * AWS partitions (aws, aws-cn, aws-us-gov, the ISO ones) and the endpoints
 * the suite builds by hand: ARC zonal shift (no SDK client), the STS host of
 * EKS tokens, and SQS queue hosts. The partition of a region comes from the
 * AWS SDK's own partition data (`@aws-sdk/util-endpoints`), so a region the
 * data does not list falls into `aws`, as the SDK does.
 */
import { partition as sdkPartition } from '@aws-sdk/util-endpoints';
import { InputError } from '@backstage/errors';

/**
 * The partition a region belongs to, as the AWS SDK's partition data says.
 *
 * @public
 */
export interface AwsPartition {
  /** `aws`, `aws-cn`, `aws-us-gov`, or an ISO partition such as `aws-iso`. */
  name: 'aws' | 'aws-cn' | 'aws-us-gov' | (string & {});
  /** `amazonaws.com`, `amazonaws.com.cn`, ... */
  dnsSuffix: string;
  /** `api.aws`, `api.amazonwebservices.com.cn`, ... */
  dualStackDnsSuffix: string;
  /** Whether the partition has FIPS endpoints at all (each service says where). */
  supportsFIPS: boolean;
  /** Whether the partition has dual-stack (IPv4 and IPv6) endpoints. */
  supportsDualStack: boolean;
}

/**
 * The services whose endpoints the suite builds itself.
 *
 * @public
 */
export type AwsHandBuiltEndpointService = 'arc-zonal-shift' | 'sts' | 'sqs';

const REGION = /^[a-z]{2,}(-[a-z]+)+-\d+$/;

function checkRegion(region: string): string {
  if (typeof region !== 'string' || !REGION.test(region)) {
    throw new InputError(
      `'${region}' is not an AWS region code like us-east-1`,
    );
  }
  return region;
}

/**
 * The partition of a region; an unknown but well-formed region is in `aws`.
 *
 * @public
 */
export function awsPartitionOf(region: string): AwsPartition {
  const found = sdkPartition(checkRegion(region));
  return {
    name: found.name,
    dnsSuffix: found.dnsSuffix,
    dualStackDnsSuffix: found.dualStackDnsSuffix,
    supportsFIPS: found.supportsFIPS,
    supportsDualStack: found.supportsDualStack,
  };
}

interface FipsRule {
  /** Where AWS publishes the service's FIPS endpoint. */
  offered(partition: string, region: string): boolean;
  where: string;
  host(partition: AwsPartition, region: string): string;
}

// Only US (and, for ARC, Canadian) regions of `aws` and the GovCloud regions
// have FIPS endpoints of these services; China has none. A host the rules
// would invent elsewhere does not resolve, so it is refused up front.
const US_REGION = /^us-(east|west)-\d+$/;

/**
 * The SDK's STS and SQS rulesets: in GovCloud the regional endpoints are
 * the FIPS ones; elsewhere `<service>-fips.<region>.<suffix>`.
 */
function usFipsRule(service: 'sts' | 'sqs'): FipsRule {
  return {
    offered: (partition, region) =>
      partition === 'aws-us-gov' ||
      (partition === 'aws' && US_REGION.test(region)),
    where: 'the US East/West and AWS GovCloud (US) regions',
    host: (partition, region) =>
      partition.name === 'aws-us-gov'
        ? `${service}.${region}.${partition.dnsSuffix}`
        : `${service}-fips.${region}.${partition.dnsSuffix}`,
  };
}

const FIPS: Record<AwsHandBuiltEndpointService, FipsRule> = {
  // docs.aws.amazon.com/general/latest/gr/arc.html publishes only the
  // dual-stack FIPS host (what the SDK's ruleset resolves for FIPS with
  // dual-stack): arc-zonal-shift-fips.<region>.api.aws.
  'arc-zonal-shift': {
    offered: (partition, region) =>
      partition === 'aws-us-gov' ||
      (partition === 'aws' && /^(us|ca)-[a-z]+-\d+$/.test(region)),
    where: 'the US East/West, Canada and AWS GovCloud (US) regions',
    host: (partition, region) =>
      `arc-zonal-shift-fips.${region}.${partition.dualStackDnsSuffix}`,
  },
  sts: usFipsRule('sts'),
  sqs: usFipsRule('sqs'),
};

/**
 * AWS's endpoint of a service in a region, in the region's partition:
 * `https://<service>.<region>.<dnsSuffix>`, or the FIPS endpoint AWS
 * publishes for it. FIPS where AWS offers none is an InputError.
 *
 * @public
 */
export function defaultAwsEndpoint(
  service: AwsHandBuiltEndpointService,
  region: string,
  options: { useFipsEndpoint?: boolean } = {},
): string {
  const partition = awsPartitionOf(region);
  if (!options.useFipsEndpoint) {
    return `https://${service}.${region}.${partition.dnsSuffix}`;
  }
  const rule = FIPS[service];
  if (!partition.supportsFIPS || !rule.offered(partition.name, region)) {
    throw new InputError(
      `AWS offers no FIPS endpoint of ${service} in ${region} (partition ${partition.name}); it has them in ${rule.where}. Turn off useFipsEndpoint for this region or configure its endpoint explicitly`,
    );
  }
  return `https://${rule.host(partition, region)}`;
}

/**
 * The region named by an AWS host of a service: `<service>.<region>.<suffix>`
 * or `<service>-fips.<region>.<suffix>`, where the suffix is the region's
 * own partition's (standard or dual-stack). Undefined for any other host
 * (a VPC endpoint, a local emulator, a suffix of another partition).
 *
 * @public
 */
export function regionOfAwsServiceHost(
  service: AwsHandBuiltEndpointService,
  hostname: string,
): string | undefined {
  const host = hostname.toLowerCase();
  for (const prefix of [`${service}.`, `${service}-fips.`]) {
    if (!host.startsWith(prefix)) continue;
    const rest = host.slice(prefix.length);
    const dot = rest.indexOf('.');
    const region = rest.slice(0, dot);
    if (dot < 0 || !REGION.test(region)) continue;
    const suffix = rest.slice(dot + 1);
    const partition = awsPartitionOf(region);
    if (
      suffix === partition.dnsSuffix ||
      suffix === partition.dualStackDnsSuffix
    ) {
      return region;
    }
  }
  return undefined;
}
