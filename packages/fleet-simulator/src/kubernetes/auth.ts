/**
 * Bearer-token authentication, checked for form only (never for a secret):
 * - `k8s-aws-v1.<base64url of a presigned STS GetCallerIdentity URL>`, the
 *   token `aws eks get-token` and EKS clients mint, must decode to such a URL
 *   carrying a SigV4 signature; a malformed one is refused as EKS refuses it.
 *   The URL's host is a real STS host, or the simulator's own (clients
 *   whose STS endpoint is the simulator presign for it, as EKS accepts the
 *   STS hosts it trusts).
 * - any other non-empty token is taken as a static (service-account) token.
 */
const EKS_TOKEN_PREFIX = 'k8s-aws-v1.';
const STS_HOST = /^sts(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/;

function decodeBase64Url(text: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(text)) return undefined;
  return Buffer.from(text, 'base64url').toString('utf8');
}

/** The access key ID an EKS token was signed with; undefined when it is not a well-formed EKS token. */
function eksTokenKey(
  encoded: string,
  ownHost: string | undefined,
): string | undefined {
  const decoded = decodeBase64Url(encoded);
  if (!decoded) return undefined;
  let url: URL;
  try {
    url = new URL(decoded);
  } catch {
    return undefined;
  }
  const query = url.searchParams;
  const credential = query.get('X-Amz-Credential') ?? '';
  const signedHeaders = (query.get('X-Amz-SignedHeaders') ?? '').split(';');
  const wellFormed =
    ((url.protocol === 'https:' && STS_HOST.test(url.hostname)) ||
      (ownHost !== undefined && url.host === ownHost)) &&
    query.get('Action') === 'GetCallerIdentity' &&
    query.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256' &&
    /^[0-9a-f]{64}$/.test(query.get('X-Amz-Signature') ?? '') &&
    /^[A-Z0-9]+\/\d{8}\/[a-z0-9-]+\/sts\/aws4_request$/.test(credential) &&
    signedHeaders.includes('host') &&
    signedHeaders.includes('x-k8s-aws-id');
  return wellFormed ? credential.split('/')[0] : undefined;
}

/** Who a request is: an EKS token names the access key it was signed with; a static token names none. */
export interface KubeCaller {
  accessKeyId?: string;
}

/**
 * The caller the `Authorization` header authenticates; undefined means 401.
 * `ownHost`: the simulator's host as the request names it (`Host` header).
 */
export function authenticate(
  authorization: string | undefined,
  ownHost?: string,
): KubeCaller | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return undefined;
  const token = match[1];
  if (!token.startsWith(EKS_TOKEN_PREFIX)) return {};
  const accessKeyId = eksTokenKey(
    token.slice(EKS_TOKEN_PREFIX.length),
    ownHost,
  );
  return accessKeyId ? { accessKeyId } : undefined;
}

/** Whether the `Authorization` header authenticates the caller (false means 401). */
export function isAuthenticated(authorization: string | undefined): boolean {
  return authenticate(authorization) !== undefined;
}
