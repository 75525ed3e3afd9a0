/** Kubernetes `Status` objects: how the API server reports every failure. */
import type { ServerResponse } from 'node:http';
import { KubeStoreError } from '../model/types';
import {
  KubeObjectError,
  ResourceVersionExpiredError,
  type KubeStatusDetails,
} from './errors';

export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  /** Only an Expired list continuation carries a token here. */
  metadata: { continue?: string };
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: KubeStatusDetails & { uid?: string; retryAfterSeconds?: number };
  code: number;
}

/** An error the API layer answers with a given HTTP code and Status reason. */
export class KubeApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: KubeStatus['details'],
    readonly metadata: KubeStatus['metadata'] = {},
  ) {
    super(message);
    this.name = 'KubeApiError';
  }
}

export const badRequest = (message: string) =>
  new KubeApiError(400, 'BadRequest', message);

export const pathNotFound = () =>
  new KubeApiError(
    404,
    'NotFound',
    'the server could not find the requested resource',
    {},
  );

export const methodNotAllowed = () =>
  new KubeApiError(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
    {},
  );

export const unsupportedMediaType = (accepted: string[]) =>
  new KubeApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(
      ', ',
    )}`,
    {},
  );

/** What the API server says when a JSON patch cannot be applied (the cause is not reported). */
export const patchNotApplicable = () =>
  new KubeApiError(
    422,
    'Invalid',
    'the server rejected our request due to an error in our request',
    {},
  );

export const expired = (message: string) =>
  new KubeApiError(410, 'Expired', message);

const STORE_ERROR_CODES: Record<KubeStoreError['reason'], number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
};

export function failureStatus(
  code: number,
  reason: string,
  message: string,
  details?: KubeStatus['details'],
  metadata: KubeStatus['metadata'] = {},
): KubeStatus {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata,
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

/** The Status for any error: API and store errors as Kubernetes reports them, anything else as 500. */
export function statusOf(error: unknown): KubeStatus {
  if (error instanceof KubeApiError) {
    return failureStatus(
      error.code,
      error.reason,
      error.message,
      error.details,
      error.metadata,
    );
  }
  if (error instanceof ResourceVersionExpiredError) {
    return failureStatus(410, 'Expired', error.message);
  }
  if (error instanceof KubeStoreError) {
    const details =
      error instanceof KubeObjectError ? error.details : undefined;
    return failureStatus(
      STORE_ERROR_CODES[error.reason],
      error.reason,
      error.message,
      details,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return failureStatus(
    500,
    'InternalError',
    `Internal error occurred: ${message}`,
  );
}

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-cache, private',
  });
  res.end(text);
}

export function sendStatus(res: ServerResponse, status: KubeStatus): void {
  sendJson(res, status.code, status);
}
