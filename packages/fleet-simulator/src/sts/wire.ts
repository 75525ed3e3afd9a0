/**
 * STS's wire protocol, awsQuery (API 2011-06-15): the SDK POSTs a
 * form-encoded body (`Action=AssumeRole&Version=2011-06-15&RoleArn=...`,
 * `Content-Type: application/x-www-form-urlencoded`) to `/`. Answers are XML
 * in the `https://sts.amazonaws.com/doc/2011-06-15/` namespace:
 *
 *   <AssumeRoleResponse xmlns="..."><AssumeRoleResult>...</AssumeRoleResult>
 *     <ResponseMetadata><RequestId>...</RequestId></ResponseMetadata></AssumeRoleResponse>
 *
 * and errors are
 *
 *   <ErrorResponse xmlns="..."><Error><Type>Sender</Type><Code>AccessDenied</Code>
 *     <Message>...</Message></Error><RequestId>...</RequestId></ErrorResponse>
 */
import { randomUUID } from 'node:crypto';
import type { SimRequest, SimResponse } from '../http';

export const STS_VERSION = '2011-06-15';
export const STS_NAMESPACE = `https://sts.amazonaws.com/doc/${STS_VERSION}/`;

/** The request's parameters: the form body of a POST, the query string otherwise. */
export function queryParameters(request: SimRequest): URLSearchParams {
  if (request.method === 'POST') {
    return new URLSearchParams(request.body.toString('utf8'));
  }
  return request.url.searchParams;
}

export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An XML element per defined member, in the given order (awsQuery leaves absent members out). */
export function xmlMembers(
  members: Array<[string, string | number | undefined]>,
): string {
  return members
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `<${name}>${xmlEscape(String(value))}</${name}>`)
    .join('');
}

function xmlResponse(status: number, requestId: string, body: string) {
  return {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
  };
}

/** `<ActionResponse><ActionResult>result</ActionResult><ResponseMetadata>...` */
export function stsOutput(action: string, result: string): SimResponse {
  const requestId = randomUUID();
  return xmlResponse(
    200,
    requestId,
    `<${action}Response xmlns="${STS_NAMESPACE}"><${action}Result>${result}</${action}Result>` +
      `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
  );
}

/** awsQuery's `ErrorResponse`; `Type` is Receiver for 5xx, Sender otherwise. */
export function stsError(
  type: string,
  message: string,
  status: number,
): SimResponse {
  const requestId = randomUUID();
  const fault = status >= 500 ? 'Receiver' : 'Sender';
  return xmlResponse(
    status,
    requestId,
    `<ErrorResponse xmlns="${STS_NAMESPACE}"><Error>${xmlMembers([
      ['Type', fault],
      ['Code', type],
      ['Message', message],
    ])}</Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  );
}
