/**
 * A SigV4-signed fetch for tests that call an AWS surface without an SDK
 * client (ARC zonal shift has none in this package) or with a request no
 * client would send: the standard canonical request, string to sign and
 * derived key, over node:crypto.
 */
import { createHash, createHmac } from 'node:crypto';

const sha256 = (data: string) =>
  createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) =>
  createHmac('sha256', key).update(data).digest();

export interface SignedFetchInit {
  /** Default POST. */
  method?: string;
  /** Sent unsigned, after the signed `host` and `x-amz-date`. */
  headers?: Record<string, string>;
  body?: string;
  /** Default us-east-1. */
  region?: string;
  /** Default: a key that names no account (it acts in the fleet's first). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Sends a request to `url` (path and query included) signed for `service`. */
export function signedFetch(
  url: string,
  service: string,
  init: SignedFetchInit = {},
): Promise<Response> {
  const {
    method = 'POST',
    body = '',
    region = 'us-east-1',
    credentials = {
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'simulator-secret',
    },
  } = init;
  const target = new URL(url);
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const date = amzDate.slice(0, 8);
  const signed: Record<string, string> = {
    host: target.host,
    'x-amz-date': amzDate,
  };
  const signedHeaders = Object.keys(signed).sort();
  const query = [...target.searchParams.entries()]
    .map(
      ([key, value]) =>
        `${encodeURIComponent(key)}=${encodeURIComponent(value)}`,
    )
    .sort()
    .join('&');
  const canonical = [
    method,
    target.pathname,
    query,
    ...signedHeaders.map(name => `${name}:${signed[name]}`),
    '',
    signedHeaders.join(';'),
    sha256(body),
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    sha256(canonical),
  ].join('\n');
  const key = [date, region, service, 'aws4_request'].reduce<Buffer | string>(
    (current, part) => hmac(current, part),
    `AWS4${credentials.secretAccessKey}`,
  );
  const signature = createHmac('sha256', key)
    .update(stringToSign)
    .digest('hex');
  return fetch(target, {
    method,
    // fetch sets `host` itself, to the value signed above.
    headers: {
      'x-amz-date': amzDate,
      authorization: `AWS4-HMAC-SHA256 Credential=${
        credentials.accessKeyId
      }/${scope}, SignedHeaders=${signedHeaders.join(
        ';',
      )}, Signature=${signature}`,
      ...init.headers,
    },
    body: body || undefined,
  });
}
