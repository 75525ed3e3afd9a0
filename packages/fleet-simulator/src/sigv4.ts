import type { IncomingHttpHeaders } from 'node:http';
import type { AwsCaller } from './http';

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([A-Z0-9]{16,128})\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

export type SigV4Check =
  | { ok: true; caller: AwsCaller }
  | { ok: false; type: string; message: string };

/**
 * Checks that a request carries a well-formed SigV4 signature, as the AWS SDK
 * sends it. The simulator has no secrets, so it checks the form (algorithm,
 * credential scope with region and service, signed headers including host and
 * x-amz-date, a 64-hex signature), never the signature itself.
 */
export function checkSigV4(headers: IncomingHttpHeaders): SigV4Check {
  const header = headers.authorization;
  if (!header) {
    return {
      ok: false,
      type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    };
  }
  const match = AUTHORIZATION.exec(header);
  if (!match) {
    return {
      ok: false,
      type: 'IncompleteSignatureException',
      message: 'Authorization header is not a valid AWS4-HMAC-SHA256 signature',
    };
  }
  const [, accessKeyId, , region, service, signedHeaders] = match;
  const signed = signedHeaders.split(';');
  if (
    !signed.includes('host') ||
    !signed.includes('x-amz-date') ||
    !headers['x-amz-date']
  ) {
    return {
      ok: false,
      type: 'IncompleteSignatureException',
      message: 'Signature must cover the host and x-amz-date headers',
    };
  }
  return { ok: true, caller: { accessKeyId, region, service } };
}
