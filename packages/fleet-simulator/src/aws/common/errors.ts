/**
 * An error an emulated AWS service answers with. Operations throw it; the
 * service renders it in its own protocol (awsJson1_1 or restJson1).
 */
export class AwsApiError extends Error {
  constructor(
    /** The error code clients see as the exception name, e.g. `ValidationException`. */
    readonly type: string,
    message: string,
    readonly status = 400,
    /** Extra members of the error body (e.g. `resourceId`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AwsApiError';
  }
}
