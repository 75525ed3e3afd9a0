/**
 * SQS's JSON protocol (awsJson1_0, the one current SDKs use): `POST /` with
 * `X-Amz-Target: AmazonSQS.<Operation>` and `application/x-amz-json-1.0`.
 * Errors carry `__type: com.amazonaws.sqs#<Error>` in the body and the
 * legacy query error code in `x-amzn-query-error: <code>;Sender`.
 */
import { randomUUID } from 'node:crypto';
import { jsonResponse, type SimResponse } from '../http';

export const SQS_CONTENT_TYPE = 'application/x-amz-json-1.0';
export const SQS_TARGET_PREFIX = 'AmazonSQS.';

/** The query-protocol code SQS sends beside each JSON error type. */
const QUERY_ERROR_CODES: Record<string, string> = {
  QueueDoesNotExist: 'AWS.SimpleQueueService.NonExistentQueue',
  QueueNameExists: 'QueueAlreadyExists',
  UnsupportedOperation: 'AWS.SimpleQueueService.UnsupportedOperation',
};

export function sqsOutput(body: unknown): SimResponse {
  return jsonResponse(200, body, SQS_CONTENT_TYPE, {
    'x-amzn-requestid': randomUUID(),
  });
}

export function sqsError(
  type: string,
  message: string,
  status: number,
  extra: Record<string, unknown> = {},
): SimResponse {
  const fault = status >= 500 ? 'Receiver' : 'Sender';
  return jsonResponse(
    status,
    { ...extra, __type: `com.amazonaws.sqs#${type}`, message },
    SQS_CONTENT_TYPE,
    {
      'x-amzn-requestid': randomUUID(),
      'x-amzn-query-error': `${QUERY_ERROR_CODES[type] ?? type};${fault}`,
    },
  );
}
