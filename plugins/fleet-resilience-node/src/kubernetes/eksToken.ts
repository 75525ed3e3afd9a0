import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  HttpRequest,
} from '@smithy/types';
import { defaultAwsEndpoint } from '../aws/partitions';

/** The prefix EKS (aws-iam-authenticator) expects on its bearer tokens. */
export const EKS_TOKEN_PREFIX = 'k8s-aws-v1.';
/** The header that binds a token to one cluster; it is signed. */
export const CLUSTER_ID_HEADER = 'x-k8s-aws-id';
/** STS only checks the presigned URL's 60 s; EKS accepts a token for 15 minutes after signing. */
export const EKS_TOKEN_URL_EXPIRES_SECONDS = 60;

export interface EksTokenOptions {
  /** The EKS cluster name (not the ARN). */
  clusterName: string;
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /**
   * Default: STS's regional endpoint in the region's partition
   * (`https://sts.<region>.<dnsSuffix>`), one of the hosts the cluster's
   * authenticator accepts. An endpoint given here wins.
   */
  stsEndpoint?: string;
  /**
   * Presign for STS's FIPS endpoint (`sts-fips.<region>.amazonaws.com` in
   * US East/West; GovCloud's regional hosts are FIPS already). Default false.
   */
  useFipsEndpoint?: boolean;
  /** Default now. */
  signingDate?: Date;
}

/** The STS host an EKS token of the region is presigned for. */
export function defaultStsEndpoint(
  region: string,
  options: { useFipsEndpoint?: boolean } = {},
): string {
  return defaultAwsEndpoint('sts', region, options);
}

function base64UrlWithoutPadding(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url').replace(/=+$/, '');
}

/** RFC 3986 encoding, as SigV4 canonicalises query strings. */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The bearer token `aws eks get-token` mints: a SigV4-presigned STS
 * GetCallerIdentity URL whose signed `x-k8s-aws-id` header names the
 * cluster, base64url-encoded without padding and prefixed `k8s-aws-v1.`.
 * The cluster's authenticator replays the URL to STS to learn who is calling.
 */
export async function createEksToken(
  options: EksTokenOptions,
): Promise<string> {
  const endpoint = new URL(
    options.stsEndpoint ??
      defaultStsEndpoint(options.region, {
        useFipsEndpoint: options.useFipsEndpoint,
      }),
  );
  const signer = new SignatureV4({
    service: 'sts',
    region: options.region,
    credentials: options.credentials,
    sha256: Sha256,
  });
  const path = endpoint.pathname.endsWith('/')
    ? endpoint.pathname
    : `${endpoint.pathname}/`;
  const request: HttpRequest = {
    method: 'GET',
    protocol: endpoint.protocol,
    hostname: endpoint.hostname,
    port: endpoint.port ? Number(endpoint.port) : undefined,
    path,
    query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    headers: { host: endpoint.host, [CLUSTER_ID_HEADER]: options.clusterName },
  };
  const presigned = await signer.presign(request, {
    expiresIn: EKS_TOKEN_URL_EXPIRES_SECONDS,
    signingDate: options.signingDate,
  });
  const query = Object.entries(presigned.query ?? {})
    .flatMap(([key, value]) =>
      (Array.isArray(value) ? value : [value]).map(
        item => `${uriEncode(key)}=${uriEncode(item ?? '')}`,
      ),
    )
    .join('&');
  return `${EKS_TOKEN_PREFIX}${base64UrlWithoutPadding(
    `${endpoint.origin}${path}?${query}`,
  )}`;
}
