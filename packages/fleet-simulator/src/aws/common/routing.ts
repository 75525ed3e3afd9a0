import { AwsApiError } from './errors';

/** What a restJson1 service answers for a method and path it does not serve. */
export function unknownOperation(
  service: string,
  method: string,
  path: string,
): AwsApiError {
  return new AwsApiError(
    'UnknownOperationException',
    `The simulated ${service} has no operation for ${method} ${path}`,
    404,
  );
}

/** Decodes one URL path segment (a label); undefined when it is not valid percent-encoding. */
export function pathLabel(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
