/**
 * A SigV4-signed fetch for tests that call an AWS API with no SDK client in
 * this package (ARC zonal shift): the standard canonical request, string to
 * sign and derived key, over node:crypto.
 */
import { createHash, createHmac } from 'node:crypto';

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

export interface SignedFetchOptions {
  url: string;
  service: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  method: string;
  /** Path with its query, already URL-encoded. */
  path: string;
  body?: unknown;
}

export async function signedFetch(options: SignedFetchOptions): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const target = new URL(options.path, options.url);
  const payload = options.body === undefined ? '' : JSON.stringify(options.body);
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const date = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    host: target.host,
    'x-amz-date': amzDate,
    ...(payload ? { 'content-type': 'application/json' } : {}),
  };
  const signedHeaders = Object.keys(headers).sort();
  const query = [...target.searchParams.entries()]
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .sort()
    .join('&');
  const canonical = [
    options.method,
    target.pathname,
    query,
    ...signedHeaders.map(name => `${name}:${headers[name]}`),
    '',
    signedHeaders.join(';'),
    sha256(payload),
  ].join('\n');
  const scope = `${date}/${options.region}/${options.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = [date, options.region, options.service, 'aws4_request'].reduce<Buffer | string>(
    (current, part) => hmac(current, part),
    `AWS4${options.credentials.secretAccessKey}`,
  );
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  // fetch sets `host` itself, to the value signed above.
  const { host: _host, ...sent } = headers;
  const response = await fetch(target, {
    method: options.method,
    headers: {
      ...sent,
      authorization: `AWS4-HMAC-SHA256 Credential=${options.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`,
    },
    body: payload || undefined,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}
