/**
 * How a cluster's requests travel through @kubernetes/client-node: one
 * connection pool per KubeConfig, and list answers taken as parsed JSON.
 */
import {
  KubeConfig,
  Observable,
  ResponseContext,
  type RequestContext,
} from '@kubernetes/client-node';

/**
 * A KubeConfig whose requests share one connection pool. client-node makes
 * a new undici Agent per request, so each request of a cluster read opened
 * its own connection, and the idle pools lingered for seconds after it.
 */
export class ClusterKubeConfig extends KubeConfig {
  #dispatcher: ReturnType<RequestContext['getDispatcher']>;

  override async applySecurityAuthentication(
    context: RequestContext,
  ): Promise<void> {
    await super.applySecurityAuthentication(context);
    // Same server, CA and token for every request: the first pool serves all.
    if (!context.getDispatcher()) return;
    if (this.#dispatcher) context.setDispatcher(this.#dispatcher);
    else this.#dispatcher = context.getDispatcher();
  }

  /** Closes the pool's connections: for when the read is over. */
  release(): void {
    const dispatcher = this.#dispatcher;
    this.#dispatcher = undefined;
    dispatcher?.destroy().catch(() => undefined);
  }
}

/** What client-node deserializes in place of an answer handed to `onJson`. */
const TAKEN_BODY = {
  text: async () => '{}',
  binary: async () => Buffer.from('{}'),
  stream: () => null,
};

function isJsonAnswer(context: ResponseContext): boolean {
  const type = context.headers['content-type'] ?? '';
  return (
    context.httpStatusCode >= 200 &&
    context.httpStatusCode < 300 &&
    /^application\/([\w.+-]*\+)?json\b/i.test(type.trim())
  );
}

/**
 * Hands a successful JSON answer, parsed once, to `onJson`, and gives
 * client-node an empty object in its place; any other answer goes on as is.
 */
export function takeJsonAnswer(
  context: ResponseContext,
  onJson: (body: unknown) => void,
): Observable<ResponseContext> {
  if (!isJsonAnswer(context)) return new Observable(Promise.resolve(context));
  return new Observable(
    context.body.text().then(text => {
      onJson(JSON.parse(text));
      return new ResponseContext(
        context.httpStatusCode,
        context.headers,
        TAKEN_BODY,
      );
    }),
  );
}
