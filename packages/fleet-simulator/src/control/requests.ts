/** Reading control API requests and answering them: JSON bodies, one 400 per bad request, routes. */
import type { ServerResponse } from 'node:http';
import { Reader, type ValidationIssue } from '../model/validate';

export class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: ValidationIssue[],
  ) {
    super(message);
  }
}

export const badRequest = (message: string, issues?: ValidationIssue[]) =>
  new ControlError(400, 'BadRequest', message, issues);

export function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function parseBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw badRequest(`the body is not JSON: ${(error as Error).message}`);
  }
}

/** Reads a body with `read`, turning every problem into one 400. */
export function readBody<T>(
  body: Buffer,
  read: (r: Reader, value: unknown) => T | undefined,
): T {
  const r = new Reader();
  const value = read(r, parseBody(body));
  if (r.issues.length > 0 || value === undefined) {
    throw badRequest(
      r.issues.map(issue => `${issue.path}: ${issue.message}`).join('; ') ||
        'invalid body',
      r.issues,
    );
  }
  return value;
}

export type RouteResult = { status?: number; body: unknown };
export type Route = (
  body: Buffer,
  query: URLSearchParams,
) => RouteResult | Promise<RouteResult>;
