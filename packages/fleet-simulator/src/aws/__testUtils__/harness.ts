import {
  signedFetch as signedRequest,
  type SignedFetchInit,
} from '../../__testUtils__/signedFetch';
import { rejectionOf } from '../../__testUtils__/rejection';
import { startTestServer } from '../../__testUtils__/testServer';
import type { FleetModel } from '../../model/types';
import type { SimulatorServer } from '../../server';
import { ConfigServiceOptions, createConfigService } from '../config';
import { createEksService } from '../eks';
import { createResilienceHubService } from '../resiliencehub';
import { createTestFleet, KEY_A } from './testFleet';

const SECRET = 'simulator-secret';

/** Starts the simulator's HTTP origin with the AWS Config, EKS and Resilience Hub emulators. */
export function startAwsServer(
  model: FleetModel,
  configOptions?: ConfigServiceOptions,
): Promise<SimulatorServer> {
  return startTestServer({
    aws: [
      createConfigService(model, configOptions),
      createEksService(model),
      createResilienceHubService(model),
    ],
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
    credentials: { accessKeyId, secretAccessKey: SECRET },
    maxAttempts: 1,
  };
}

type ClientSettings = ReturnType<typeof clientSettings>;

/**
 * For one describe block: the AWS emulators over a fresh test fleet, started
 * before its tests; after them the SDK clients made with `client` are
 * destroyed and the server stops.
 */
export function useAwsServer() {
  let started: { model: FleetModel; server: SimulatorServer } | undefined;
  const clients: Array<{ destroy(): void }> = [];
  beforeAll(async () => {
    const model = createTestFleet();
    started = { model, server: await startAwsServer(model) };
  });
  afterAll(async () => {
    clients.forEach(client => client.destroy());
    await started?.server.close();
  });
  const current = () => {
    if (!started) throw new Error('the AWS test server starts in beforeAll');
    return started;
  };
  return {
    /** The model and server (from beforeAll on). */
    started: current,
    /** An SDK client of the server acting with `accessKeyId` (default: account A's) in `region`. */
    client<C extends { destroy(): void }>(
      Client: new (settings: ClientSettings) => C,
      accessKeyId?: string,
      region?: string,
    ): C {
      const created = new Client(
        clientSettings(current().server.url, accessKeyId, region),
      );
      clients.push(created);
      return created;
    },
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
  return (await rejectionOf(call)) as Error & {
    $metadata: { httpStatusCode?: number };
  } & Record<string, unknown>;
}

/** A raw request signed for `service` as account A (for requests no SDK client sends). */
export function signedFetch(
  url: string,
  service: string,
  init: SignedFetchInit = {},
): Promise<Response> {
  return signedRequest(url, service, {
    credentials: { accessKeyId: KEY_A, secretAccessKey: SECRET },
    ...init,
  });
}
