import http, { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  AwsCaller,
  AwsServiceHandler,
  SimRequest,
  SimResponse,
} from './http';
import { checkSigV4 } from './sigv4';

/** Path prefix of every simulated cluster's Kubernetes API: `/k8s/<clusterId>/...`. */
export const KUBERNETES_PREFIX = '/k8s/';
/** Path prefix of the simulator's own control API (not an AWS or Kubernetes surface). */
export const CONTROL_PREFIX = '/_sim/';

/**
 * A handler that owns a whole response (Kubernetes watch streams, the control API).
 *
 * @public
 */
export type RawHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: Buffer,
) => Promise<void>;

/**
 * What the simulator's HTTP server serves: the AWS services, the Kubernetes APIs and the control API.
 *
 * @public
 */
export interface SimulatorServerOptions {
  /** AWS services, chosen by the signing name in the SigV4 credential scope. */
  aws: AwsServiceHandler[];
  /** Serves `/k8s/<clusterId>/...`; gets the URL with the prefix still on. */
  kubernetes: RawHandler;
  /** Serves `/_sim/...`. */
  control: RawHandler;
  /**
   * Runs before an AWS service handles a request; a response returned here is
   * sent instead (the request log and IAM denials, then fault injection:
   * throttling, 5xx, latency).
   */
  beforeAws?: (
    service: AwsServiceHandler,
    request: SimRequest,
    caller: AwsCaller,
  ) => Promise<SimResponse | undefined>;
  /**
   * Runs after an AWS service handled a request and before its answer is
   * sent; it may hold the answer until the client hangs up (fault injection:
   * a hang after the work was done).
   */
  afterAws?: (
    service: AwsServiceHandler,
    request: SimRequest,
    response: SimResponse,
  ) => Promise<SimResponse>;
}

/**
 * The simulator's HTTP server, listening.
 *
 * @public
 */
export interface SimulatorServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: SimResponse) {
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}

/** Answers an AWS request whose service cannot be known (no or bad signature). */
function unsignedError(type: string, message: string): SimResponse {
  return {
    status: 403,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': type },
    body: JSON.stringify({ __type: type, message }),
  };
}

async function handleAws(
  options: SimulatorServerOptions,
  request: SimRequest,
): Promise<SimResponse> {
  const check = checkSigV4(request.headers);
  if (!check.ok) return unsignedError(check.type, check.message);
  const service = options.aws.find(s => s.signingName === check.caller.service);
  if (!service) {
    return unsignedError(
      'UnrecognizedClientException',
      `The simulator does not emulate the service '${check.caller.service}'`,
    );
  }
  try {
    const injected = await options.beforeAws?.(service, request, check.caller);
    if (injected) return injected;
    const response = await service.handle(request, check.caller);
    return options.afterAws
      ? await options.afterAws(service, request, response)
      : response;
  } catch (error) {
    // A bug in an emulator must still look like AWS, and never crash the server.
    return service.error(
      'InternalServerException',
      `simulator error: ${(error as Error).message}`,
      500,
    );
  }
}

/**
 * Starts the simulator's single HTTP origin on 127.0.0.1:`port` (0 = any free port).
 *
 * @public
 */
export async function startServer(
  options: SimulatorServerOptions,
  port = 0,
  host = '127.0.0.1',
): Promise<SimulatorServer> {
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? host}`);
      const body = await readBody(req);
      if (url.pathname.startsWith(KUBERNETES_PREFIX)) {
        await options.kubernetes(req, res, url, body);
      } else if (url.pathname.startsWith(CONTROL_PREFIX)) {
        await options.control(req, res, url, body);
      } else {
        const method = req.method ?? 'GET';
        const hangUp = new AbortController();
        res.on('close', () => {
          if (!res.writableFinished) hangUp.abort();
        });
        const response = await handleAws(options, {
          method,
          url,
          headers: req.headers,
          body,
          signal: hangUp.signal,
        });
        if (!res.destroyed) send(res, response);
      }
    } catch (error) {
      if (!res.headersSent) {
        send(res, {
          status: 500,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ message: (error as Error).message }),
        });
      } else {
        res.destroy();
      }
    }
  });
  // Watches are long-lived: do not let idle timeouts cut them.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Destroys held (hung) and streaming requests' sockets too.
        server.closeAllConnections();
        server.close(error => (error ? reject(error) : resolve()));
      }),
  };
}
