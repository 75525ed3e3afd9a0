import type { JsonObject } from '../../aws/common/input';
import { createManualClock, type SimClock } from '../../clock';
import { accessKeyIdFor } from '../../control/credentials';
import { createArcEmulator } from '..';
import { createStaticArcFleet } from '../staticFleet';
import type {
  ArcEvent,
  ArcManagedResource,
  ArcResourceSettings,
} from '../types';

export const REGION = 'us-east-1';
export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
export const clusterArn = (name: string, account = ACCOUNT, region = REGION) =>
  `arn:aws:eks:${region}:${account}:cluster/${name}`;

export const PROD = clusterArn('prod');
export const STAGING = clusterArn('staging');
/** In another account, in the same region and AZs as PROD. */
export const PARTNER = clusterArn('partner', OTHER_ACCOUNT);
/** zonalShiftConfig.enabled = false: not registered with ARC. */
export const LEGACY = clusterArn('legacy');
export const OREGON = clusterArn('oregon', ACCOUNT, 'us-west-2');

const resource = (
  arn: string,
  zoneIds: string[],
  zonalShiftEnabled = true,
): ArcManagedResource => {
  const [, region, accountId, name] =
    /^arn:aws:eks:([^:]+):(\d+):cluster\/(.+)$/.exec(arn)!;
  return { arn, name, accountId, region, zoneIds, zonalShiftEnabled };
};

export const RESOURCES: ArcManagedResource[] = [
  resource(PROD, ['use1-az1', 'use1-az2', 'use1-az4']),
  resource(STAGING, ['use1-az1', 'use1-az2']),
  resource(PARTNER, ['use1-az1', 'use1-az2', 'use1-az4']),
  resource(LEGACY, ['use1-az1', 'use1-az2'], false),
  resource(OREGON, ['usw2-az1', 'usw2-az2']),
];

export const OUTCOME_ALARM = {
  type: 'CLOUDWATCH',
  alarmIdentifier: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:prod-health`,
};

/** PROD with autoshift enabled and a practice run configuration, as a fleet file sets it. */
export const AUTOSHIFT_ON: Map<string, ArcResourceSettings> = new Map([
  [
    PROD,
    {
      zonalAutoshiftStatus: 'ENABLED',
      practiceRunConfiguration: { outcomeAlarms: [OUTCOME_ALARM] },
    },
  ],
]);

export interface ArcCall {
  status: number;
  headers: Record<string, string>;
  body: JsonObject;
}

/** The `items` of a list response. */
export const itemsOf = (call: ArcCall) => call.body.items as JsonObject[];

/** The emulator over a fixed fleet, called directly through `handle`. */
export function createArcFixture(
  options: {
    settings?: Map<string, ArcResourceSettings>;
    clock?: SimClock;
    /** The fleet's accounts in fleet order; default: those of RESOURCES. */
    accountIds?: string[];
  } = {},
) {
  const clock = options.clock ?? createManualClock();
  const { accountIds } = options;
  const fleet = {
    ...createStaticArcFleet(RESOURCES),
    ...(accountIds ? { accountIds: () => accountIds } : {}),
  };
  const events: ArcEvent[] = [];
  let sequence = 0;
  const arc = createArcEmulator({
    clock,
    fleet,
    settings: options.settings,
    newId: () => `shift-${String(++sequence).padStart(4, '0')}`,
    onEvent: event => events.push(event),
  });
  /** Calls the API with `accessKeyId`, which names the caller's account. */
  const callWith =
    (accessKeyId: string) =>
    async (
      method: string,
      path: string,
      body?: unknown,
      region = REGION,
    ): Promise<ArcCall> => {
      let raw = '';
      if (typeof body === 'string') raw = body;
      else if (body !== undefined) raw = JSON.stringify(body);
      const response = await arc.handle(
        {
          method,
          url: new URL(path, 'http://arc.test'),
          headers: {},
          body: Buffer.from(raw),
        },
        { accessKeyId, region, service: 'arc-zonal-shift' },
      );
      return {
        status: response.status,
        headers: response.headers ?? {},
        body: response.body ? (JSON.parse(response.body) as JsonObject) : {},
      };
    };
  /** A key naming no account acts in the first: ACCOUNT. */
  const call = callWith('AKIDEXAMPLE');
  const callIn = (accountId: string) => callWith(accessKeyIdFor(accountId));
  const startShift = (overrides: Record<string, unknown> = {}) =>
    call('POST', '/zonalshifts', {
      resourceIdentifier: PROD,
      awayFrom: 'use1-az1',
      expiresIn: '2h',
      comment: 'bad deploy in az1',
      ...overrides,
    });
  return { clock, fleet, events, arc, call, callIn, startShift };
}

export const encoded = (arn: string) => encodeURIComponent(arn);
