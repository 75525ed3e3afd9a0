/**
 * An error answered by ARC zonal shift (or the endpoint in front of it).
 * `name` is the AWS error type, e.g. `ConflictException`.
 *
 * @public
 */
export class ArcZonalShiftError extends Error {
  /** ValidationException / ConflictException `reason`, e.g. `InvalidExpiresIn`. */
  readonly reason?: string;
  /** ConflictException: the shift in the way. */
  readonly zonalShiftId?: string;
  readonly statusCode: number;
  /** Throttling and server faults; the client retries these itself. */
  readonly retryable: boolean;

  constructor(init: {
    type: string;
    message: string;
    statusCode: number;
    reason?: string;
    zonalShiftId?: string;
  }) {
    super(init.message);
    this.name = init.type;
    this.statusCode = init.statusCode;
    this.reason = init.reason;
    this.zonalShiftId = init.zonalShiftId;
    this.retryable = isRetryable(init.type, init.statusCode);
  }
}

export function isRetryable(type: string, statusCode: number): boolean {
  return (
    type === 'ThrottlingException' || statusCode === 429 || statusCode >= 500
  );
}

const stringMember = (body: Record<string, unknown>, member: string) =>
  typeof body[member] === 'string' ? (body[member] as string) : undefined;

/**
 * restJson1 errors: the type is in `x-amzn-errortype` (possibly followed by
 * `:<namespace>`), else `__type` or `code` in the body (possibly `ns#Type`).
 */
export function errorFromResponse(
  statusCode: number,
  headers: Headers,
  bodyText: string,
): ArcZonalShiftError {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (typeof parsed === 'object' && parsed !== null)
      body = parsed as Record<string, unknown>;
  } catch {
    // not JSON (a proxy's HTML page, an empty body): the status alone tells
  }
  const rawType =
    headers.get('x-amzn-errortype') ??
    stringMember(body, '__type') ??
    stringMember(body, 'code');
  const type =
    rawType?.split(':')[0].split('#').pop() || `Http${statusCode}Error`;
  return new ArcZonalShiftError({
    type,
    statusCode,
    message:
      stringMember(body, 'message') ??
      stringMember(body, 'Message') ??
      headers.get('x-amzn-errormessage') ??
      `ARC zonal shift answered HTTP ${statusCode}`,
    reason: stringMember(body, 'reason'),
    zonalShiftId: stringMember(body, 'zonalShiftId'),
  });
}
