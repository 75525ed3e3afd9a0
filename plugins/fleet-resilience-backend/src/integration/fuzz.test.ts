/**
 * The fuzz suite: the real plugin in a test backend, on SQLite and
 * PostgreSQL, with the real AWS and Kubernetes clients against the
 * simulator over HTTP, sent a few thousand hostile requests generated from
 * a seed (fuzzRequests.ts) over every route it serves.
 *
 * For every request: no 5xx; no SQL text or stack frame in the body; a
 * mutating request that must be refused is a 4xx and changes nothing in ARC
 * (no start, update or cancel call; the simulator's event log and shifted
 * clusters as they were) or in the store (every table's row count as it
 * was), except for exactly one audit row (denied or failure) when it was an
 * attempt on a known cluster by a caller the action takes. Reads change
 * nothing either. The suite also fails when the plugin serves a route the
 * generators do not cover.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { TestBackend } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  isResourcePermission,
  type Permission,
} from '@backstage/plugin-permission-common';
import {
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import {
  fleetResilienceClusterReadPermission,
  type FleetListResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  ArcZonalShiftClient,
  AwsEksClusterConfigurer,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { Knex } from 'knex';
import { writeFileSync } from 'node:fs';
import request from 'supertest';
import {
  API,
  DEMO_FLEET,
  refresh,
  serviceHeader,
  simulatorConfig,
  startFleetBackend,
  userHeader,
} from '../__testUtils__/fleetBackend';
import {
  Picker,
  seededRandom,
  type FuzzCase,
  type FuzzFleet,
} from './fuzzCases';
import { FUZZED_ROUTES, generateCases } from './fuzzRequests';

jest.setTimeout(600_000);

const SEED = 20261207;
/** Requests per mutating route (the refresh route gets a quarter) and per read route. */
const PER_ROUTE = { mutating: 600, read: 150 };

const MALLORY = 'user:default/mallory';
const NOBODY = 'user:default/nobody';
const ALLOWED_SERVICE = 'fuzz-bot';

/** What no answer may hold: SQL, the query builder, database errors, stack frames. */
const LEAKS: Array<[string, RegExp]> = [
  ['SQL', /select |insert into|update \S+ set|delete from/i],
  ['knex', /knex/i],
  ['SQLite error', /SQLITE_/],
  ['SQL syntax error', /syntax error/i],
  ['stack frame', / {4}at /],
];

/** Mallory may read every cluster and shift none; nobody may do anything. */
const decide = async (
  requests: ReadonlyArray<{ permission: Permission }>,
  options: { credentials: { principal: unknown } },
) => {
  const user = (options.credentials.principal as { userEntityRef?: string })
    .userEntityRef;
  return requests.map(r => ({
    result:
      user === NOBODY ||
      (user === MALLORY &&
        isResourcePermission(r.permission) &&
        r.permission.name !== fleetResilienceClusterReadPermission.name)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  })) as never;
};
const permissions = mockServices.permissions.mock({
  authorize: decide,
  authorizeConditional: decide,
}).factory;

/** Every route the plugin's own routers declare (Backstage's `/.backstage` and `/.well-known` left out). */
function servedRoutes(backend: TestBackend): string[] {
  const app = backend.server.listeners('request')[0] as unknown as {
    _router: { stack: Layer[] };
  };
  type Layer = {
    regexp?: RegExp;
    route?: { path: string; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
  };
  const routes: string[] = [];
  const walk = (stack: Layer[], inPlugin: boolean) => {
    for (const layer of stack) {
      const here =
        inPlugin ||
        Boolean(layer.regexp?.test(API) && !layer.regexp.test('/api/x'));
      if (layer.route && here) {
        for (const method of Object.keys(layer.route.methods)) {
          routes.push(`${method} ${layer.route.path}`);
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, here);
      }
    }
  };
  walk(app._router.stack, false);
  return routes.filter(route => !/ \/\./.test(route));
}

/** Row counts of every table of the plugin, and of audit rows that are not refusals. */
async function storeState(
  knex: Knex,
  tables: string[],
): Promise<Record<string, number>> {
  const columns = tables.map((_, i) => `(select count(*) from ?? ) as c${i}`);
  const result = await knex.raw(
    `select ${columns.join(
      ', ',
    )}, (select count(*) from audit_events where outcome not in ('denied', 'failure')) as nonrefused`,
    tables,
  );
  const row = (Array.isArray(result) ? result[0] : result.rows[0]) as Record<
    string,
    unknown
  >;
  const state: Record<string, number> = { nonrefused: Number(row.nonrefused) };
  tables.forEach((table, i) => {
    state[table] = Number(row[`c${i}`]);
  });
  return state;
}

async function tablesOf(knex: Knex): Promise<string[]> {
  const client = String(knex.client.config.client);
  const rows: Array<{ name: string }> = client.includes('sqlite')
    ? await knex('sqlite_master').where({ type: 'table' }).select('name')
    : await knex('information_schema.tables')
        .whereRaw('table_schema = current_schema()')
        .select({ name: 'table_name' });
  return rows
    .map(r => r.name)
    .filter(name => !name.startsWith('knex_') && !name.startsWith('sqlite_'))
    .sort();
}

async function arcState(sim: RunningSimulator): Promise<string> {
  const state = (await (await fetch(`${sim.url}/_sim/state`)).json()) as {
    lastEventSeq: number;
    shifted: unknown;
  };
  return JSON.stringify({ seq: state.lastEventSeq, shifted: state.shifted });
}

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())('fuzz on %p', databaseId => {
  let sim: RunningSimulator;
  let backend: TestBackend;
  let knex: Knex;
  let tables: string[];
  let fleet: FuzzFleet;
  const arcCalls: jest.SpyInstance[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ fleet: DEMO_FLEET, port: 0 });
    knex = await databases.init(databaseId);
    const base = simulatorConfig(sim);
    backend = await startFleetBackend({
      config: {
        ...base,
        fleetResilience: {
          ...base.fleetResilience,
          actions: { allowedServices: [ALLOWED_SERVICE] },
          // The refresh below takes the slot: every fuzzed refresh is refused.
          refresh: { manualCooldown: { minutes: 30 } },
        },
      },
      knex,
      permissions,
    });
    await refresh(backend);
    tables = await tablesOf(knex);
    const clusters = (
      (
        await request(backend.server)
          .get(`${API}/clusters?limit=500`)
          .expect(200)
      ).body as FleetListResponse
    ).items;
    fleet = {
      clusters: clusters
        .filter(c => c.zones.length > 0)
        .map(c => ({ arn: c.ref.arn, zoneIds: c.zones.map(z => z.id) }))
        .sort((a, b) => (a.arn < b.arn ? -1 : 1)),
      callers: [
        {
          name: 'a user who may',
          headers: userHeader('user:default/fuzzer'),
          may: 'all',
        },
        {
          name: 'a user who may only read',
          headers: userHeader(MALLORY),
          may: 'read',
        },
        {
          name: 'a user who may not',
          headers: userHeader(NOBODY),
          may: 'none',
        },
        {
          name: 'an allowed service',
          headers: serviceHeader(ALLOWED_SERVICE),
          may: 'all',
        },
        {
          name: 'a service not allowed',
          headers: serviceHeader('user:default/fuzzer'),
          may: 'all',
          refusedService: true,
        },
      ],
    };
    const client = ArcZonalShiftClient.prototype;
    for (const method of [
      'startZonalShift',
      'updateZonalShift',
      'cancelZonalShift',
      'updateZonalAutoshiftConfiguration',
      'createPracticeRunConfiguration',
      'updatePracticeRunConfiguration',
    ] as const) {
      arcCalls.push(jest.spyOn(client, method));
    }
    arcCalls.push(
      jest.spyOn(AwsEksClusterConfigurer.prototype, 'updateZonalShiftConfig'),
    );
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await backend?.stop();
    await sim?.stop();
  });

  it('fuzzes every route the plugin serves', () => {
    expect(servedRoutes(backend).sort()).toEqual([...FUZZED_ROUTES].sort());
  });

  it('answers every fuzzed request without a 5xx, a leak or a change of state', async () => {
    expect(tables).toEqual(
      expect.arrayContaining(['audit_events', 'shifts', 'clusters']),
    );
    const cases = generateCases(
      new Picker(seededRandom(SEED)),
      fleet,
      PER_ROUTE,
    );
    const failures: Array<{
      problem: string;
      route: string;
      what: string;
      status: number;
      body: string;
    }> = [];
    const fail = (c: FuzzCase, problem: string, status: number, body: string) =>
      failures.push({
        problem,
        route: c.route,
        what: c.what,
        status,
        body: body.slice(0, 300),
      });
    const started = Date.now();
    let serverErrors = 0;
    let stateChanges = 0;
    let auditRows = 0;
    const readsBefore = {
      store: await storeState(knex, tables),
      arc: await arcState(sim),
    };

    for (const c of cases) {
      const mutating = c.method !== 'get';
      const before = mutating
        ? { store: await storeState(knex, tables), arc: await arcState(sim) }
        : undefined;
      let call = request(backend.server)
        [c.method](`${API}${c.path}`)
        .set(c.headers);
      if (c.body) {
        call = call.set('Content-Type', c.body.contentType).send(c.body.text);
      }
      const response = await call;
      const text = response.text ?? '';
      if (response.status >= 500) {
        serverErrors += 1;
        fail(c, `answered ${response.status}`, response.status, text);
      } else if (
        c.expect === 'reject' &&
        (response.status < 400 || response.status >= 500)
      ) {
        fail(c, `accepted (${response.status})`, response.status, text);
      }
      for (const [leak, pattern] of LEAKS) {
        if (pattern.test(text)) fail(c, `leaks ${leak}`, response.status, text);
      }
      if (
        response.status >= 400 &&
        typeof response.body?.error?.message !== 'string'
      ) {
        fail(c, 'no error message', response.status, text);
      }
      if (before) {
        const after = {
          store: await storeState(knex, tables),
          arc: await arcState(sim),
        };
        const audited = after.store.audit_events - before.store.audit_events;
        auditRows += audited;
        if (audited !== (c.audited ? 1 : 0)) {
          fail(
            c,
            `${audited} audit rows, expected ${c.audited ? 1 : 0}`,
            response.status,
            text,
          );
        }
        const changed = tables.filter(
          t => t !== 'audit_events' && after.store[t] !== before.store[t],
        );
        if (after.store.nonrefused !== before.store.nonrefused)
          changed.push('audit outcome');
        if (after.arc !== before.arc) changed.push('ARC');
        if (changed.length > 0) {
          stateChanges += 1;
          fail(c, `changed ${changed.join(', ')}`, response.status, text);
        }
      }
    }
    const readsAfter = {
      store: await storeState(knex, tables),
      arc: await arcState(sim),
    };
    const arcMutations = arcCalls.reduce(
      (n, spy) => n + spy.mock.calls.length,
      0,
    );
    const readChanges = tables.filter(
      t => t !== 'audit_events' && readsAfter.store[t] !== readsBefore.store[t],
    );

    const byProblem = new Map<string, number>();
    for (const f of failures) {
      const key = `${f.route}: ${f.problem.replace(
        /\d+ audit rows/,
        'N audit rows',
      )}`;
      byProblem.set(key, (byProblem.get(key) ?? 0) + 1);
    }
    process.stdout.write(
      `fuzz on ${databaseId}: ${
        cases.length
      } requests (seed ${SEED}) in ${Math.round(
        (Date.now() - started) / 1000,
      )} s; 5xx: ${serverErrors}; state changes from rejected requests: ${stateChanges}; AWS-changing calls (ARC shifts, autoshift, practice runs; EKS config): ${arcMutations}; audit rows written: ${auditRows}; failures: ${
        failures.length
      }\n${[...byProblem].map(([key, n]) => `  ${n} x ${key}\n`).join('')}`,
    );
    if (process.env.FUZZ_REPORT) {
      // Every failure, for a closer look: FUZZ_REPORT=/tmp/fuzz.json.
      writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(failures, null, 1));
    }
    expect(arcMutations).toBe(0);
    expect(readChanges).toEqual([]);
    expect(failures.slice(0, 20)).toEqual([]);
  });
});
