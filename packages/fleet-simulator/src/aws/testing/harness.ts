import type { FleetModel } from '../../model/types';
import { RawHandler, SimulatorServer, startServer } from '../../server';
import { ConfigServiceOptions, createConfigService } from '../config';
import { createEksService } from '../eks';
import { createResilienceHubService } from '../resiliencehub';
import { KEY_A } from './testFleet';

/** Starts the simulator's HTTP origin with the AWS Config, EKS and Resilience Hub emulators. */
export function startAwsServer(
  model: FleetModel,
  configOptions?: ConfigServiceOptions,
): Promise<SimulatorServer> {
  const notServed: RawHandler = async (_req, res) => {
    res.writeHead(404).end();
  };
  return startServer({
    aws: [
      createConfigService(model, configOptions),
      createEksService(model),
      createResilienceHubService(model),
    ],
    kubernetes: notServed,
    control: notServed,
  });
}

/** SDK client settings pointing at the simulator, one attempt (errors surface at once). */
export function clientSettings(
  url: string,
  accessKeyId = KEY_A,
  region = 'us-east-1',
) {
  return {
    endpoint: url,
    region,
    credentials: { accessKeyId, secretAccessKey: 'simulator-secret' },
    maxAttempts: 1,
  };
}

type Handler = (args: {
  request: { headers: Record<string, string> };
}) => Promise<unknown>;
type DeserializeStack = {
  add(
    middleware: (next: Handler) => Handler,
    options: { step: 'deserialize'; name: string },
  ): void;
};

/**
 * Removes the SigV4 signature after signing, as a misconfigured proxy would.
 * Every SDK client's stack takes a deserialize-step middleware of this form;
 * the clients' own types differ per service, hence the narrowing cast.
 */
export function dropSignature(client: { middlewareStack: unknown }): void {
  (client.middlewareStack as DeserializeStack).add(
    next => async args => {
      delete args.request.headers.authorization;
      return next(args);
    },
    { step: 'deserialize', name: 'dropSignature' },
  );
}

/** What an SDK call rejected with (the test fails if it resolved). */
export async function rejection(
  call: Promise<unknown>,
): Promise<
  Error & { $metadata: { httpStatusCode?: number } } & Record<string, unknown>
> {
  try {
    await call;
  } catch (error) {
    return error as Error & { $metadata: { httpStatusCode?: number } } & Record<
        string,
        unknown
      >;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Sends a raw request with a well-formed (unchecked) SigV4 header for `service`. */
export function signedFetch(
  url: string,
  service: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
  } = {},
): Promise<Response> {
  return fetch(url, {
    method: init.method ?? 'POST',
    body: init.body,
    headers: {
      'x-amz-date': '20261122T080000Z',
      authorization: `AWS4-HMAC-SHA256 Credential=${KEY_A}/20261122/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(
        64,
      )}`,
      ...init.headers,
    },
  });
}
