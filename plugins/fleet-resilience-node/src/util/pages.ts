/**
 * The pages of a token-paged AWS call, in order, from the first (no token)
 * to the one without a next token. A token seen twice is an error, not an
 * endless loop: `what` names the service and its token in that error.
 */
export async function* followPages<P>(
  fetchPage: (token: string | undefined) => Promise<P>,
  nextTokenOf: (page: P) => string | undefined,
  what: string,
  signal?: AbortSignal,
): AsyncGenerator<P> {
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    signal?.throwIfAborted();
    const page = await fetchPage(token);
    token = nextTokenOf(page) || undefined;
    if (token !== undefined) {
      if (seen.has(token)) throw new Error(`${what} twice`);
      seen.add(token);
    }
    yield page;
  } while (token !== undefined);
}
