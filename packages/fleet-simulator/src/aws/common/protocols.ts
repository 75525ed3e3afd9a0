import { randomUUID } from 'node:crypto';
import { jsonResponse, SimResponse } from '../../http';
import { AwsApiError } from './errors';

/**
 * Response rendering for the two AWS JSON protocols the simulator speaks.
 * Every response carries a request ID, as AWS's do (the SDK reports it in
 * `$metadata.requestId`).
 */

const AWS_JSON_1_1 = 'application/x-amz-json-1.1';

function requestIdHeader(): Record<string, string> {
  return { 'x-amzn-requestid': randomUUID() };
}

/** awsJson1_1 success: HTTP 200 with the output structure. */
export function awsJsonOutput(body: unknown): SimResponse {
  return jsonResponse(200, body, AWS_JSON_1_1, requestIdHeader());
}

/** awsJson1_1 error: the code goes in `__type` in the body. */
export function awsJsonError(
  type: string,
  message: string,
  status: number,
  extra: Record<string, unknown> = {},
): SimResponse {
  return jsonResponse(
    status,
    { ...extra, __type: type, message },
    AWS_JSON_1_1,
    requestIdHeader(),
  );
}

/** restJson1 success. */
export function restJsonOutput(body: unknown, status = 200): SimResponse {
  return jsonResponse(status, body, 'application/json', requestIdHeader());
}

/** restJson1 error: the code goes in the `x-amzn-errortype` header. */
export function restJsonError(
  type: string,
  message: string,
  status: number,
  extra: Record<string, unknown> = {},
): SimResponse {
  return jsonResponse(status, { ...extra, message }, 'application/json', {
    ...requestIdHeader(),
    'x-amzn-errortype': type,
  });
}

/**
 * Runs an operation and renders an AwsApiError it throws with `renderError`;
 * any other exception propagates (the server turns it into a 500).
 */
export async function answering(
  operation: () => SimResponse | Promise<SimResponse>,
  renderError: (
    type: string,
    message: string,
    status: number,
    extra?: Record<string, unknown>,
  ) => SimResponse,
): Promise<SimResponse> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof AwsApiError) {
      return renderError(error.type, error.message, error.status, error.extra);
    }
    throw error;
  }
}
