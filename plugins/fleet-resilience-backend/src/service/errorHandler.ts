/**
 * The plugin's error handler: every error a route throws is answered here,
 * in Backstage's format (`{ error: { name, message }, request, response }`),
 * with a classified message and never a stack, in production and in
 * development alike. Backstage's own handler would add the stack in
 * development, and sends a knex error from SQLite (only PostgreSQL's
 * DatabaseError is filtered) with its SQL.
 *
 * - Backstage's known errors (InputError, NotAllowedError, NotFoundError,
 *   ConflictError, ...) and the 429 of POST /refresh keep their status and
 *   message: the routes write those messages for the caller.
 * - An HTTP error the body parser or Express raised for a bad request keeps
 *   its 4xx status, with its message only when it is meant to be shown.
 * - Anything else (a failed query, a TypeError) is a 500 "internal error"
 *   with a correlation ID; the error itself goes to the log under that ID.
 */
import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { isError, stringifyError } from '@backstage/errors';
import type { NextFunction, Request, Response } from 'express';

/** Backstage's known errors by name, with their status (as its handler maps them). */
const KNOWN_ERRORS: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  TooManyRequestsError: 429,
  NotImplementedError: 501,
  ServiceUnavailableError: 503,
};

const MAX_MESSAGE = 2_000;

/** What the body parser and Express say for a 4xx, when they do not expose it. */
const CLIENT_ERROR_MESSAGES: Record<number, string> = {
  400: 'The request could not be read',
  413: 'The request body is too large',
  415: 'The request body has an unsupported encoding or character set',
};

export interface ErrorAnswer {
  statusCode: number;
  name: string;
  message: string;
  /** Seconds, for the Retry-After header. */
  retryAfterSeconds?: number;
  /** Set when the error is hidden from the caller and logged under this ID. */
  correlationId?: string;
}

function statusOf(error: object): number | undefined {
  for (const field of ['statusCode', 'status'] as const) {
    const value = (error as Record<string, unknown>)[field];
    if (typeof value === 'number' && Number.isInteger(value)) {
      return value;
    }
  }
  return undefined;
}

/**
 * The error's own message: a Backstage error built with a cause appends
 * `; caused by <cause>` to it, and the cause is for the log.
 */
function ownMessage(error: Error): string {
  let message = String(error.message);
  if (error.cause !== undefined) {
    const suffix = `; caused by ${stringifyError(error.cause)}`;
    if (message.endsWith(suffix)) {
      message = message.slice(0, -suffix.length);
    }
  }
  return message.slice(0, MAX_MESSAGE);
}

/** How an error is answered. Pure, apart from the correlation ID. */
export function classifyError(error: unknown): ErrorAnswer {
  if (isError(error)) {
    const known = KNOWN_ERRORS[error.name];
    if (known !== undefined) {
      const retryAfter = (error as { retryAfterSeconds?: unknown })
        .retryAfterSeconds;
      return {
        statusCode: known,
        name: error.name,
        message: ownMessage(error),
        ...(typeof retryAfter === 'number' && retryAfter > 0
          ? { retryAfterSeconds: Math.ceil(retryAfter) }
          : {}),
      };
    }
    const status = statusOf(error);
    if (status !== undefined && status >= 400 && status < 500) {
      const exposed = (error as { expose?: unknown }).expose === true;
      return {
        statusCode: status,
        name: status === 400 ? 'InputError' : 'Error',
        message: exposed
          ? ownMessage(error)
          : CLIENT_ERROR_MESSAGES[status] ?? 'The request was refused',
      };
    }
  }
  const correlationId = randomUUID();
  return {
    statusCode: 500,
    name: 'Error',
    message: `An internal error occurred (correlation ID ${correlationId}; the backend log has the details)`,
    correlationId,
  };
}

/** The Express error handler of the plugin's router (mounted last). */
export function createErrorHandler(logger: LoggerService) {
  return (
    error: unknown,
    req: Request,
    res: Response,
    next: NextFunction,
  ): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const answer = classifyError(error);
    const route = `${req.method} ${req.baseUrl}${req.path}`;
    if (answer.correlationId) {
      logger.error(
        `${route} failed (correlation ID ${answer.correlationId})`,
        isError(error) ? error : new Error(String(error)),
      );
    } else if (answer.statusCode >= 500) {
      // A known 5xx (ARC unreachable, ...): the message is for the caller,
      // what caused it for the log.
      const cause = isError(error) ? error.cause : undefined;
      logger.warn(
        `${route} answered ${answer.statusCode}: ${answer.message}`,
        isError(cause) ? cause : undefined,
      );
    }
    if (answer.retryAfterSeconds !== undefined) {
      res.setHeader('Retry-After', String(answer.retryAfterSeconds));
    }
    res.status(answer.statusCode).json({
      error: { name: answer.name, message: answer.message },
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: answer.statusCode },
    });
  };
}
