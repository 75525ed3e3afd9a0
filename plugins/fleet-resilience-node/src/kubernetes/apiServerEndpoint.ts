/** Either the normalised API server URL, or why it is refused. */
export type EndpointCheck =
  | { ok: true; url: string }
  | { ok: false; reason: string };

/**
 * Checks a Kubernetes API server URL before anything connects to it: https
 * only (plain http only when `allowInsecure`, i.e. the embedded simulator),
 * no credentials, query or fragment in it. A trailing slash is dropped.
 */
export function checkApiServerEndpoint(
  value: unknown,
  allowInsecure: boolean,
): EndpointCheck {
  if (typeof value !== 'string' || value.length === 0) {
    return { ok: false, reason: 'the API server URL is missing' };
  }
  if (value.length > 2048) {
    return {
      ok: false,
      reason: 'the API server URL is longer than 2048 characters',
    };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: `the API server URL '${value}' is not a URL` };
  }
  if (
    url.protocol !== 'https:' &&
    !(allowInsecure && url.protocol === 'http:')
  ) {
    return {
      ok: false,
      reason: `the API server URL '${value}' must use https${
        url.protocol === 'http:'
          ? ' (plain http is allowed only when kubernetes.allowInsecureEndpoints is set)'
          : ''
      }`,
    };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      reason: 'the API server URL must not carry credentials',
    };
  }
  if (url.search || url.hash) {
    return {
      ok: false,
      reason: `the API server URL '${value}' must not have a query or fragment`,
    };
  }
  return { ok: true, url: url.toString().replace(/\/+$/, '') };
}
