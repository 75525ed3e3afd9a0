import {
  accessKeyIdFor,
  createArcEmulator,
  createManualClock,
  createStaticArcFleet,
  startServer,
  type ArcManagedResource,
  type ArcResourceSettings,
  type RawHandler,
  type SimRequest,
  type SimResponse,
} from '@fleet-resilience/fleet-simulator';
import {
  ArcZonalShiftClient,
  type ArcZonalShiftClientOptions,
} from '../ArcZonalShiftClient';

export const REGION = 'us-east-1';
export const ACCOUNT = '111122223333';
export const PARTNER_ACCOUNT = '444455556666';
export const PROD = 'arn:aws:eks:us-east-1:111122223333:cluster/prod';
export const STAGING = 'arn:aws:eks:us-east-1:111122223333:cluster/staging';
/** In PARTNER_ACCOUNT, in PROD's region and AZs. */
export const PARTNER = 'arn:aws:eks:us-east-1:444455556666:cluster/partner';
export const OUTCOME_ALARM = {
  type: 'CLOUDWATCH' as const,
  alarmIdentifier:
    'arn:aws:cloudwatch:us-east-1:111122223333:alarm:prod-health',
};

const RESOURCES: ArcManagedResource[] = [
  {
    arn: PROD,
    name: 'prod',
    accountId: '111122223333',
    region: REGION,
    zoneIds: ['use1-az1', 'use1-az2', 'use1-az4'],
    zonalShiftEnabled: true,
  },
  {
    arn: STAGING,
    name: 'staging',
    accountId: '111122223333',
    region: REGION,
    zoneIds: ['use1-az1', 'use1-az2'],
    zonalShiftEnabled: true,
  },
  {
    arn: PARTNER,
    name: 'partner',
    accountId: PARTNER_ACCOUNT,
    region: REGION,
    zoneIds: ['use1-az1', 'use1-az2', 'use1-az4'],
    zonalShiftEnabled: true,
  },
];

const notServed: RawHandler = async (_req, res) => {
  res.writeHead(404);
  res.end();
};

/**
 * The simulator's HTTP server with only ARC behind it, a manual clock, a
 * fault hook (`fault`, consulted for every AWS request) and a record of every
 * AWS request that reached the server.
 */
export async function startArcTestServer(
  settings?: Map<string, ArcResourceSettings>,
) {
  const clock = createManualClock();
  const fleet = createStaticArcFleet(RESOURCES);
  const arc = createArcEmulator({ clock, fleet, settings });
  const requests: SimRequest[] = [];
  const harness = {
    clock,
    fleet,
    arc,
    requests,
    fault: undefined as
      | ((request: SimRequest, attempt: number) => SimResponse | undefined)
      | undefined,
  };
  const server = await startServer({
    aws: [arc],
    kubernetes: notServed,
    control: notServed,
    beforeAws: async (_service, request) => {
      requests.push(request);
      return harness.fault?.(request, requests.length);
    },
  });
  /** A client whose access key names no account: it acts in ACCOUNT, the first. */
  const client = (options: Partial<ArcZonalShiftClientOptions> = {}) =>
    new ArcZonalShiftClient({
      region: REGION,
      endpoint: server.url,
      credentials: {
        accessKeyId: 'AKIDEXAMPLE000000001',
        secretAccessKey: 'not-a-real-secret',
      },
      retryDelay: { baseMs: 1, maxMs: 4 },
      ...options,
    });
  /** A client acting in `accountId`, named by its access key. */
  const clientIn = (
    accountId: string,
    options: Partial<ArcZonalShiftClientOptions> = {},
  ) =>
    client({
      credentials: {
        accessKeyId: accessKeyIdFor(accountId),
        secretAccessKey: 'not-a-real-secret',
      },
      ...options,
    });
  // The harness itself, so a test's `fault = ...` reaches the hook above.
  return Object.assign(harness, {
    server,
    client,
    clientIn,
    close: () => server.close(),
  });
}

export type ArcTestServer = Awaited<ReturnType<typeof startArcTestServer>>;

/** Runs `action` and returns what it threw (fails the test if nothing was thrown). */
export async function caught(action: () => Promise<unknown>): Promise<Error> {
  try {
    await action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}
