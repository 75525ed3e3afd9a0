import { randomUUID } from 'node:crypto';
import {
  jsonResponse,
  type AwsCaller,
  type AwsServiceHandler,
  type SimRequest,
  type SimResponse,
} from '../../http';
import { AwsApiError } from './errors';

/**
 * Response rendering for the two AWS JSON protocols the simulator speaks.
 * Responses carry a request ID, as AWS's do (the SDK reports it in
 * `$metadata.requestId`); the ARC emulator's leave it out (see arc/wire.ts).
 */

const AWS_JSON_1_1_TYPE = 'application/x-amz-json-1.1';

function requestIdHeader(): Record<string, string> {
  return { 'x-amzn-requestid': randomUUID() };
}

/** AWS timestamps on the wire (both protocols): epoch seconds, fractional as AWS sends them. */
export function epochSeconds(epochMillis: number): number {
  return epochMillis / 1000;
}

/** How a JSON protocol renders an operation's output and an error. */
export interface JsonProtocol {
  output(body: unknown): SimResponse;
  error: AwsServiceHandler['error'];
}

/** awsJson1_1: HTTP 200 with the output structure; an error's code goes in `__type` in the body. */
export const AWS_JSON_1_1: JsonProtocol = {
  output: body => jsonResponse(200, body, AWS_JSON_1_1_TYPE, requestIdHeader()),
  error: (type, message, status, extra = {}) =>
    jsonResponse(
      status,
      { ...extra, __type: type, message },
      AWS_JSON_1_1_TYPE,
      requestIdHeader(),
    ),
};

/** restJson1 rendering; `requestId: false` leaves out the `x-amzn-requestid` header. */
export function restJson1(options: { requestId: boolean }) {
  const idHeader = () => (options.requestId ? requestIdHeader() : {});
  return {
    /** Success: the output structure as the JSON body. */
    output: (body: unknown, status = 200): SimResponse =>
      jsonResponse(status, body, 'application/json', idHeader()),
    /** Error: the code goes in the `x-amzn-errortype` header, the members in the body. */
    error: (
      type: string,
      message: string,
      status: number,
      extra: Record<string, unknown> = {},
    ): SimResponse =>
      jsonResponse(status, { ...extra, message }, 'application/json', {
        ...idHeader(),
        'x-amzn-errortype': type,
      }),
  };
}

/** restJson1 as EKS and Resilience Hub answer it, with request IDs. */
export const REST_JSON_1: JsonProtocol = restJson1({ requestId: true });

/**
 * Runs an operation and renders an AwsApiError it throws with `renderError`;
 * any other exception propagates (the server turns it into a 500).
 */
export async function answering(
  operation: () => SimResponse | Promise<SimResponse>,
  renderError: AwsServiceHandler['error'],
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

/**
 * An emulated service whose operations answer with their output structure
 * (HTTP 200) in `protocol`, and whose AwsApiErrors are rendered in it too.
 */
export function jsonService(
  signingName: string,
  protocol: JsonProtocol,
  operate: (request: SimRequest, caller: AwsCaller) => unknown,
): AwsServiceHandler {
  return {
    signingName,
    error: protocol.error,
    handle: (request, caller) =>
      answering(
        () => protocol.output(operate(request, caller)),
        protocol.error,
      ),
  };
}
