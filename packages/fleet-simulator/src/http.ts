import type { IncomingHttpHeaders } from 'node:http';

/**
 * One buffered HTTP request as the simulator's AWS services see it.
 *
 * @public
 */
export interface SimRequest {
  method: string;
  /** Full URL, including path and query (`url.pathname`, `url.searchParams`). */
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Aborts when the client hangs up before the answer (long polls stop waiting). */
  signal?: AbortSignal;
}

/**
 * What an AWS service handler answers; the server writes it out.
 *
 * @public
 */
export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * Facts the server derived from a request's SigV4 `Authorization` header.
 *
 * @public
 */
export interface AwsCaller {
  /** Access key ID from the credential scope; never a secret. */
  accessKeyId: string;
  /** Region from the credential scope, e.g. `us-east-1`. */
  region: string;
  /** Signing name from the credential scope, e.g. `config`, `arc-zonal-shift`. */
  service: string;
}

/**
 * An emulated AWS service. The server checks the SigV4 header's form, picks the
 * service by the signing name in its credential scope and calls `handle`.
 * `error` renders an error in the service's own protocol (awsJson1_1 or
 * restJson1), used for the service's own errors and for injected faults.
 *
 * @public
 */
export interface AwsServiceHandler {
  /** SigV4 signing name, e.g. `config`, `eks`, `resiliencehub`, `arc-zonal-shift`. */
  readonly signingName: string;
  handle(
    request: SimRequest,
    caller: AwsCaller,
  ): Promise<SimResponse> | SimResponse;
  error(
    type: string,
    message: string,
    status: number,
    extra?: Record<string, unknown>,
  ): SimResponse;
}

export function jsonResponse(
  status: number,
  body: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): SimResponse {
  return {
    status,
    headers: { 'content-type': contentType, ...headers },
    body: JSON.stringify(body),
  };
}
