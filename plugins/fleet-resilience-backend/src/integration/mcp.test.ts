/**
 * The fleet's tools over MCP, as an assistant reaches them in production:
 * the official MCP client talks streamable HTTP to Backstage's MCP actions
 * backend, which lists and invokes the plugin's registered actions over HTTP
 * with a token on behalf of the caller; the permission backend decides with
 * the shipped policy (platform-team admins, owners read and shift their own
 * clusters); ARC, EKS and Kubernetes are the simulator's. Each read tool
 * answers what the HTTP API answers the same user; a shift started and
 * cancelled through MCP shows in ARC, in the audit (channel mcp) and in the
 * NodePools; a refused caller changes nothing and is audited; bad input is
 * an error naming the field.
 */
import { TestDatabases, type TestBackend } from '@backstage/backend-test-utils';
import {
  createManualClock,
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import {
  fleetClusterPath,
  type AuditEvent,
  type AuditEventsResponse,
  type FleetListResponse,
  type FleetReadinessSummary,
  type FleetShiftResponse,
  type ShiftActionResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import request from 'supertest';
import { API, DEMO_FLEET } from '../__testUtils__/fleetBackend';
import {
  callFleetTool,
  connectMcp,
  DANA,
  PAT,
  PAYMENTS_USE1,
  reconciledAsAdmin,
  refreshedAsAdmin,
  SAM,
  startMcpBackend,
  toolError,
  toolOutput,
  userHeader,
} from '../__testUtils__/mcpBackend';
import { activeIn, arcShifts } from '../__testUtils__/shiftActionsBackend';
import { nodePoolSpecs } from '../reconciler/__testUtils__/reconcilerBackend';

jest.setTimeout(240_000);

const databases = TestDatabases.create();

const READ = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
};
const ACT = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
};
/** The contract's tools: annotations, input fields and required fields. */
const TOOLS: Record<
  string,
  { hints: typeof READ; fields: string[]; required: string[] }
> = {
  'list-clusters': {
    hints: READ,
    fields: [
      'account',
      'region',
      'zone',
      'version',
      'owner',
      'shiftState',
      'verdict',
      'freshness',
      'readiness',
      'check',
      'search',
      'sort',
      'order',
      'limit',
      'offset',
    ],
    required: [],
  },
  'get-cluster': {
    hints: READ,
    fields: ['clusterArn'],
    required: ['clusterArn'],
  },
  'get-shift-impact': {
    hints: READ,
    fields: ['clusterArn', 'awayFrom'],
    required: ['clusterArn', 'awayFrom'],
  },
  'list-shift-history': {
    hints: READ,
    fields: ['cluster', 'status', 'type', 'since', 'limit', 'offset'],
    required: [],
  },
  'list-active-shifts': {
    hints: READ,
    fields: ['limit', 'offset'],
    required: [],
  },
  'list-audit-events': {
    hints: READ,
    fields: ['cluster', 'action', 'outcome', 'channel', 'limit', 'offset'],
    required: [],
  },
  'assess-zone-loss': {
    hints: READ,
    fields: ['awayFrom', 'clusters'],
    required: ['awayFrom'],
  },
  'get-readiness-summary': {
    hints: READ,
    fields: [
      'account',
      'region',
      'zone',
      'version',
      'owner',
      'shiftState',
      'verdict',
      'freshness',
      'readiness',
      'check',
      'search',
    ],
    required: [],
  },
  'start-zonal-shift': {
    hints: ACT,
    fields: [
      'clusterArn',
      'awayFrom',
      'expiresIn',
      'comment',
      'idempotencyKey',
    ],
    required: ['clusterArn', 'awayFrom', 'expiresIn', 'comment'],
  },
  'extend-zonal-shift': {
    hints: ACT,
    fields: [
      'clusterArn',
      'zonalShiftId',
      'expiresIn',
      'extendBy',
      'comment',
      'idempotencyKey',
    ],
    required: ['clusterArn', 'zonalShiftId', 'comment'],
  },
  'cancel-zonal-shift': {
    hints: ACT,
    fields: ['clusterArn', 'zonalShiftId', 'comment', 'idempotencyKey'],
    required: ['clusterArn', 'zonalShiftId', 'comment'],
  },
  'start-fleet-shift': {
    hints: ACT,
    fields: [
      'awayFrom',
      'expiresIn',
      'comment',
      'clusters',
      'dryRun',
      'idempotencyKey',
    ],
    required: ['awayFrom', 'expiresIn', 'comment'],
  },
};

/**
 * The answer without `ageSeconds` (seconds since the data was read, counted
 * at answer time: it may tick between two calls; the time it counts from is
 * compared).
 */
function withoutAges(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v) => (key === 'ageSeconds' ? undefined : v)),
  );
}

describe.each(databases.eachSupportedId())(
  'the fleet over MCP on %p',
  databaseId => {
    let sim: RunningSimulator;
    let backend: TestBackend;
    const clients: Client[] = [];
    const mcp: Record<string, Client> = {};

    const http = () => request(backend.server);
    /** An HTTP GET of the fleet API as `user`, expected to answer 200. */
    const httpGet = async (user: string, path: string) => {
      const response = await http().get(`${API}${path}`).set(userHeader(user));
      expect([path, response.status]).toEqual([path, 200]);
      return response.body;
    };
    const auditRows = async (query: string) =>
      ((await httpGet(PAT, `/audit?limit=100&${query}`)) as AuditEventsResponse)
        .items;

    beforeAll(async () => {
      // ARC's clock at the backend's now: the reconciler compares a shift's
      // expiry with it (the simulator's default clock starts in the past).
      sim = await startSimulator({
        fleet: DEMO_FLEET,
        port: 0,
        clock: createManualClock(Date.now()),
      });
      backend = await startMcpBackend(sim, await databases.init(databaseId));
      await refreshedAsAdmin(backend);
      for (const user of [PAT, DANA, SAM]) {
        mcp[user] = await connectMcp(backend, user);
        clients.push(mcp[user]);
      }
    });

    afterAll(async () => {
      await Promise.all(clients.map(client => client.close()));
      await backend?.stop();
      await sim?.stop();
    });

    it('lists exactly the fleet’s twelve tools, each described, with its attributes and input fields', async () => {
      const { tools } = await mcp[DANA].listTools();
      const ours = tools.filter(t => t.name.startsWith('fleet-resilience.'));
      expect(ours.map(t => t.name).sort()).toEqual(
        Object.keys(TOOLS)
          .map(name => `fleet-resilience.${name}`)
          .sort(),
      );
      for (const tool of ours) {
        const expected = TOOLS[tool.name.slice('fleet-resilience.'.length)];
        expect([tool.name, tool.annotations]).toEqual([
          tool.name,
          expect.objectContaining(expected.hints),
        ]);
        expect(tool.description?.length ?? 0).toBeGreaterThan(40);
        const schema = tool.inputSchema as {
          type: string;
          properties?: Record<string, { description?: string }>;
          required?: string[];
        };
        expect(schema.type).toBe('object');
        const properties = schema.properties ?? {};
        expect([tool.name, Object.keys(properties).sort()]).toEqual([
          tool.name,
          [...expected.fields].sort(),
        ]);
        expect([tool.name, [...(schema.required ?? [])].sort()]).toEqual([
          tool.name,
          [...expected.required].sort(),
        ]);
        // Written for a model choosing tools: every field says what it is.
        for (const [field, property] of Object.entries(properties)) {
          expect([
            tool.name,
            field,
            (property.description ?? '').length > 10,
          ]).toEqual([tool.name, field, true]);
        }
      }
    });

    it('starts a shift for its owner through MCP: ARC, the audit (channel mcp) and the NodePools follow; a retry with the same key is the same shift; cancel restores all', async () => {
      const converged = await reconciledAsAdmin(
        backend,
        PAYMENTS_USE1,
        s => s.state === 'converged',
        60_000,
      );
      expect(converged.awayZoneIds).toEqual([]);
      const original = await nodePoolSpecs(sim, PAYMENTS_USE1);
      const arcBefore = await arcShifts(sim, PAYMENTS_USE1);
      expect(activeIn(arcBefore)).toEqual([]);

      const startInput = {
        clusterArn: PAYMENTS_USE1,
        awayFrom: 'use1-az2',
        expiresIn: '1h',
        comment: 'mcp: drain use1-az2',
        idempotencyKey: `mcp-test-${databaseId}`,
      };
      const started = toolOutput<ShiftActionResponse>(
        await callFleetTool(mcp[DANA], 'start-zonal-shift', startInput),
      );
      expect(started.replayed).toBe(false);
      expect(started.shift).toMatchObject({
        resourceIdentifier: PAYMENTS_USE1,
        awayFrom: 'use1-az2',
        status: 'ACTIVE',
        comment: 'mcp: drain use1-az2',
      });
      const id = started.shift.zonalShiftId;

      // ARC holds it.
      const arcActive = activeIn(await arcShifts(sim, PAYMENTS_USE1));
      expect(arcActive.map(s => [s.zonalShiftId, s.awayFrom])).toEqual([
        [id, 'use1-az2'],
      ]);

      // The audit names Dana, through MCP.
      const [startRow] = (await auditRows(`cluster=${PAYMENTS_USE1}`)).filter(
        (e: AuditEvent) => e.id === started.auditEventId,
      );
      expect(startRow).toMatchObject({
        action: 'shift.start',
        outcome: 'success',
        channel: 'mcp',
        actor: DANA,
        inputs: expect.objectContaining({ awayFrom: 'use1-az2' }),
      });

      // The reconciler took the AZ out of the NodePool (us-east-1b is use1-az2).
      const away = await reconciledAsAdmin(
        backend,
        PAYMENTS_USE1,
        s => s.awayZoneIds.includes('use1-az2') && s.state === 'converged',
        15_000,
      );
      expect(away.nodePools[0]).toMatchObject({
        outcome: 'patched',
        allowedZoneIds: ['use1-az1', 'use1-az4'],
      });
      const [pool] = await nodePoolSpecs(sim, PAYMENTS_USE1);
      expect(pool.spec.template.spec.requirements).toContainEqual({
        key: 'topology.kubernetes.io/zone',
        operator: 'In',
        values: ['us-east-1a', 'us-east-1c'],
      });

      // A retry with the same key: the same shift, and ARC has one.
      const retried = toolOutput<ShiftActionResponse>(
        await callFleetTool(mcp[DANA], 'start-zonal-shift', startInput),
      );
      expect(retried.replayed).toBe(true);
      expect(retried.shift.zonalShiftId).toBe(id);
      expect(retried.auditEventId).toBe(started.auditEventId);
      expect(activeIn(await arcShifts(sim, PAYMENTS_USE1))).toHaveLength(1);

      // Extended by 30 minutes: ARC's expiry moves, the audit says mcp.
      const before = Date.parse(started.shift.expiryTime);
      const extended = toolOutput<ShiftActionResponse>(
        await callFleetTool(mcp[DANA], 'extend-zonal-shift', {
          clusterArn: PAYMENTS_USE1,
          zonalShiftId: id,
          extendBy: '30m',
          comment: 'mcp: still draining',
        }),
      );
      const [inArc] = activeIn(await arcShifts(sim, PAYMENTS_USE1));
      // ARC counts the new expiry from its own now, in whole minutes: 30
      // minutes later, give or take the seconds the test has run since.
      expect(
        Math.abs(inArc.expiryTime.getTime() - before - 30 * 60_000),
      ).toBeLessThan(60_000);
      // The answer's expiry is ARC's, to the second.
      expect(
        Math.abs(
          Date.parse(extended.shift.expiryTime) - inArc.expiryTime.getTime(),
        ),
      ).toBeLessThan(1_000);
      const [extendRow] = (await auditRows(`cluster=${PAYMENTS_USE1}`)).filter(
        (e: AuditEvent) => e.id === extended.auditEventId,
      );
      expect(extendRow).toMatchObject({
        action: 'shift.update',
        outcome: 'success',
        channel: 'mcp',
        actor: DANA,
      });

      const cancelled = toolOutput<ShiftActionResponse>(
        await callFleetTool(mcp[DANA], 'cancel-zonal-shift', {
          clusterArn: PAYMENTS_USE1,
          zonalShiftId: id,
          comment: 'mcp: use1-az2 recovered',
        }),
      );
      expect(cancelled.shift).toMatchObject({
        zonalShiftId: id,
        status: 'CANCELED',
      });
      const arcAfter = await arcShifts(sim, PAYMENTS_USE1);
      expect(activeIn(arcAfter)).toEqual([]);
      expect(arcAfter.find(s => s.zonalShiftId === id)?.status).toBe(
        'CANCELED',
      );
      const [cancelRow] = (await auditRows(`cluster=${PAYMENTS_USE1}`)).filter(
        (e: AuditEvent) => e.id === cancelled.auditEventId,
      );
      expect(cancelRow).toMatchObject({
        action: 'shift.cancel',
        outcome: 'success',
        channel: 'mcp',
        actor: DANA,
        inputs: expect.objectContaining({ comment: 'mcp: use1-az2 recovered' }),
      });
      await reconciledAsAdmin(
        backend,
        PAYMENTS_USE1,
        s => s.awayZoneIds.length === 0 && s.state === 'converged',
        15_000,
      );
      expect(await nodePoolSpecs(sim, PAYMENTS_USE1)).toEqual(original);
    });

    it('answers every read tool exactly as the HTTP API answers the same user', async () => {
      const same = async (
        user: string,
        tool: string,
        args: Record<string, unknown>,
        path: string,
      ) => {
        const viaMcp = toolOutput(await callFleetTool(mcp[user], tool, args));
        const viaHttp = await httpGet(user, path);
        expect([user, tool, args, withoutAges(viaMcp)]).toEqual([
          user,
          tool,
          args,
          withoutAges(viaHttp),
        ]);
        return viaHttp;
      };
      const arn = encodeURIComponent(PAYMENTS_USE1);
      for (const user of [PAT, DANA]) {
        const all = (await same(
          user,
          'list-clusters',
          {},
          '/clusters',
        )) as FleetListResponse;
        expect(all.totalCount).toBeGreaterThan(0);
        // The demo's at-risk cluster with use1-az4 is search-team's.
        const atRisk = (await same(
          user,
          'list-clusters',
          { verdict: ['at-risk', 'unknown'], zone: ['use1-az4'] },
          '/clusters?verdict=at-risk&verdict=unknown&zone=use1-az4',
        )) as FleetListResponse;
        expect(atRisk.totalCount).toBe(user === PAT ? 1 : 0);
        const survive = (await same(
          user,
          'list-clusters',
          { verdict: ['survives'], zone: ['use1-az2'] },
          '/clusters?verdict=survives&zone=use1-az2',
        )) as FleetListResponse;
        expect(survive.totalCount).toBe(user === PAT ? 4 : 2);
        const page = (await same(
          user,
          'list-clusters',
          { limit: 2, offset: 1, sort: 'name', order: 'desc' },
          '/clusters?limit=2&offset=1&sort=name&order=desc',
        )) as FleetListResponse;
        expect(page.items).toHaveLength(2);
        await same(
          user,
          'list-clusters',
          { search: 'payments', owner: ['payments-team'] },
          '/clusters?q=payments&owner=payments-team',
        );
        await same(
          user,
          'get-cluster',
          { clusterArn: PAYMENTS_USE1 },
          `${fleetClusterPath(PAYMENTS_USE1)}`,
        );
        await same(
          user,
          'get-shift-impact',
          { clusterArn: PAYMENTS_USE1, awayFrom: 'use1-az2' },
          `${fleetClusterPath(PAYMENTS_USE1)}/shift-impact?awayFrom=use1-az2`,
        );
        await same(user, 'list-shift-history', {}, '/shifts');
        await same(
          user,
          'list-shift-history',
          { cluster: PAYMENTS_USE1, status: ['CANCELED'], limit: 5 },
          `/shifts?cluster=${arn}&status=CANCELED&limit=5`,
        );
        await same(user, 'list-active-shifts', {}, '/active-shifts');
        await same(
          user,
          'list-active-shifts',
          { limit: 1, offset: 0 },
          '/active-shifts?limit=1&offset=0',
        );
        await same(user, 'list-audit-events', {}, '/audit');
        await same(
          user,
          'list-audit-events',
          {
            cluster: PAYMENTS_USE1,
            action: ['shift.cancel'],
            outcome: ['success'],
            channel: ['mcp'],
          },
          `/audit?cluster=${arn}&action=shift.cancel&outcome=success&channel=mcp`,
        );
        await same(
          user,
          'list-clusters',
          {
            readiness: ['not-ready'],
            check: ['zonal-shift'],
            sort: 'readiness',
          },
          '/clusters?readiness=not-ready&check=zonal-shift&sort=readiness',
        );
        const summary = (await same(
          user,
          'get-readiness-summary',
          {},
          '/readiness-summary',
        )) as FleetReadinessSummary;
        expect(summary.clusterCount).toBe(all.totalCount);
        await same(
          user,
          'get-readiness-summary',
          { owner: ['payments-team'], check: ['zonal-shift', 'cluster-dns'] },
          '/readiness-summary?owner=payments-team&check=zonal-shift,cluster-dns',
        );
      }

      // The owner sees exactly her team's clusters, as over HTTP.
      const everything = (await httpGet(PAT, '/clusters?limit=100'))
        .items as FleetListResponse['items'];
      const payments = everything
        .filter(c => c.owner === 'payments-team')
        .map(c => c.ref.arn)
        .sort();
      expect(payments).toContain(PAYMENTS_USE1);
      const danas = toolOutput<FleetListResponse>(
        await callFleetTool(mcp[DANA], 'list-clusters', { limit: 100 }),
      );
      expect(danas.items.map(c => c.ref.arn).sort()).toEqual(payments);
      expect(danas.totalCount).toBe(payments.length);
      expect(everything.length).toBeGreaterThan(payments.length);
    });

    it('assesses the loss of an AZ with the fleet plan of a dry run, for each caller', async () => {
      const dryRun = async (user: string, body: Record<string, unknown>) => {
        const response = await http()
          .post(`${API}/fleet-shifts`)
          .set(userHeader(user))
          .send({ expiresIn: '1h', comment: 'assess', dryRun: true, ...body });
        expect(response.status).toBe(200);
        return response.body as FleetShiftResponse;
      };
      // Two clusters with use1-az2 (AZ IDs differ per account), one not Dana's.
      const inAz = (await dryRun(PAT, { awayFrom: 'use1-az2' })).items;
      const two = [
        PAYMENTS_USE1,
        inAz.find(i => !i.cluster.name.startsWith('payments-'))!.cluster.arn,
      ];
      for (const [user, args] of [
        [PAT, { awayFrom: 'use1-az2' }],
        [DANA, { awayFrom: 'use1-az2' }],
        [PAT, { awayFrom: 'use1-az2', clusters: two }],
      ] as const) {
        const plan = toolOutput<FleetShiftResponse>(
          await callFleetTool(mcp[user], 'assess-zone-loss', { ...args }),
        );
        const viaHttp = await dryRun(user, { ...args });
        expect(viaHttp.items.length).toBeGreaterThan(0);
        expect([user, args, plan.items]).toEqual([user, args, viaHttp.items]);
        expect(plan.items.every(i => i.verdict)).toBe(true);
      }
      // The owner's plan names her clusters only, as the dry run does.
      const danas = toolOutput<FleetShiftResponse>(
        await callFleetTool(mcp[DANA], 'assess-zone-loss', {
          awayFrom: 'use1-az2',
        }),
      );
      expect(JSON.stringify(danas.items)).not.toContain('search-');
      // Nothing started.
      expect(activeIn(await arcShifts(sim, PAYMENTS_USE1))).toEqual([]);
    });

    it('refuses a member of another team as the HTTP route does: a tool error, nothing in ARC, an audit row (denied, mcp)', async () => {
      const input = {
        clusterArn: PAYMENTS_USE1,
        awayFrom: 'use1-az2',
        expiresIn: '1h',
        comment: 'not my cluster',
      };
      const deniedBefore = await auditRows(
        `cluster=${PAYMENTS_USE1}&outcome=denied`,
      );
      const arcBefore = await arcShifts(sim, PAYMENTS_USE1);

      const text = toolError(
        await callFleetTool(mcp[SAM], 'start-zonal-shift', input),
      );
      const { clusterArn, ...body } = input;
      const viaHttp = await http()
        .post(`${API}${fleetClusterPath(clusterArn)}/shifts`)
        .set(userHeader(SAM))
        .send(body);
      expect(viaHttp.status).toBe(403);
      expect(text).toBe(`NotAllowedError: ${viaHttp.body.error.message}`);

      expect(await arcShifts(sim, PAYMENTS_USE1)).toEqual(arcBefore);
      const denied = (
        await auditRows(`cluster=${PAYMENTS_USE1}&outcome=denied`)
      ).filter(e => !deniedBefore.some(d => d.id === e.id));
      expect(denied).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            action: 'shift.start',
            actor: SAM,
            outcome: 'denied',
            channel: 'mcp',
          }),
        ]),
      );
      expect(denied.filter(e => e.channel === 'mcp')).toHaveLength(1);

      // Reads: a cluster the caller may not read is not found, as over HTTP.
      const notFound = toolError(
        await callFleetTool(mcp[SAM], 'get-cluster', {
          clusterArn: PAYMENTS_USE1,
        }),
      );
      const readViaHttp = await http()
        .get(`${API}${fleetClusterPath(PAYMENTS_USE1)}`)
        .set(userHeader(SAM));
      expect(readViaHttp.status).toBe(404);
      expect(notFound).toBe(`NotFoundError: ${readViaHttp.body.error.message}`);
      // Cancelling a shift of a cluster not theirs is refused the same way.
      expect(
        toolError(
          await callFleetTool(mcp[SAM], 'cancel-zonal-shift', {
            clusterArn: PAYMENTS_USE1,
            zonalShiftId: '00000000-0000-4000-8000-000000000000',
            comment: 'not mine',
          }),
        ),
      ).toMatch(/^NotAllowedError: /);
    });

    it('acts fleet-wide only when told dryRun: false, through the fleet shift code: ARC and the audit (channel mcp) follow', async () => {
      const input = {
        awayFrom: 'use1-az2',
        expiresIn: '1h',
        comment: 'mcp: fleet drain',
        clusters: [PAYMENTS_USE1],
      };
      const planned = toolOutput<FleetShiftResponse>(
        await callFleetTool(mcp[DANA], 'start-fleet-shift', input),
      );
      expect(planned.dryRun).toBe(true);
      expect(planned.items.map(i => [i.cluster.arn, i.outcome])).toEqual([
        [PAYMENTS_USE1, 'eligible'],
      ]);
      expect(activeIn(await arcShifts(sim, PAYMENTS_USE1))).toEqual([]);

      const run = toolOutput<FleetShiftResponse>(
        await callFleetTool(mcp[DANA], 'start-fleet-shift', {
          ...input,
          dryRun: false,
        }),
      );
      expect(run.dryRun).toBe(false);
      expect(run.items.map(i => [i.cluster.arn, i.outcome])).toEqual([
        [PAYMENTS_USE1, 'started'],
      ]);
      const id = run.items[0].shift!.zonalShiftId;
      expect(
        activeIn(await arcShifts(sim, PAYMENTS_USE1)).map(s => s.zonalShiftId),
      ).toEqual([id]);
      const rows = (await auditRows(`cluster=${PAYMENTS_USE1}`)).filter(
        (e: AuditEvent) => e.inputs.zonalShiftId === id,
      );
      expect(rows).toContainEqual(
        expect.objectContaining({
          action: 'shift.start',
          outcome: 'success',
          channel: 'mcp',
          actor: DANA,
        }),
      );

      toolOutput(
        await callFleetTool(mcp[DANA], 'cancel-zonal-shift', {
          clusterArn: PAYMENTS_USE1,
          zonalShiftId: id,
          comment: 'mcp: fleet drain over',
        }),
      );
      expect(activeIn(await arcShifts(sim, PAYMENTS_USE1))).toEqual([]);
    });

    it.each([
      ['list-clusters', { verdict: ['maybe'] }, 'verdict'],
      ['list-clusters', { limit: 'ten' }, 'limit'],
      ['get-cluster', {}, 'clusterArn'],
      ['get-cluster', { clusterArn: 'arn:aws:s3:::bucket' }, 'clusterArn'],
      [
        'get-shift-impact',
        { clusterArn: PAYMENTS_USE1, awayFrom: 2 },
        'awayFrom',
      ],
      ['list-shift-history', { status: ['DONE'] }, 'status'],
      ['list-shift-history', { since: 'yesterday' }, 'since'],
      ['list-active-shifts', { offset: -1 }, 'offset'],
      ['list-audit-events', { outcome: ['maybe'] }, 'outcome'],
      ['list-audit-events', { channel: ['email'] }, 'channel'],
      ['assess-zone-loss', {}, 'awayFrom'],
      [
        'assess-zone-loss',
        { awayFrom: 'use1-az2', clusters: ['c'] },
        'clusters',
      ],
      [
        'start-zonal-shift',
        {
          clusterArn: PAYMENTS_USE1,
          awayFrom: 'use1-az2',
          expiresIn: '1h',
          comment: 'x'.repeat(129),
        },
        'comment',
      ],
      [
        'start-zonal-shift',
        {
          clusterArn: 'payments-prod-use1',
          awayFrom: 'use1-az2',
          expiresIn: '1h',
          comment: 'bad arn',
        },
        'clusterArn',
      ],
      [
        'start-zonal-shift',
        {
          clusterArn: PAYMENTS_USE1,
          awayFrom: 'use1-az2',
          expiresIn: 60,
          comment: 'wrong type',
        },
        'expiresIn',
      ],
      [
        'extend-zonal-shift',
        { clusterArn: PAYMENTS_USE1, comment: 'no id', expiresIn: '2h' },
        'zonalShiftId',
      ],
      [
        'cancel-zonal-shift',
        {
          clusterArn: PAYMENTS_USE1,
          zonalShiftId: '00000000-0000-4000-8000-000000000000',
          comment: 7,
        },
        'comment',
      ],
      [
        'start-fleet-shift',
        { awayFrom: 'use1-az2', expiresIn: '1h', comment: 'x', dryRun: 'no' },
        'dryRun',
      ],
      ['list-clusters', { readiness: ['almost'] }, 'readiness'],
      ['get-readiness-summary', { check: ['zonal-shifts'] }, 'check'],
      ['get-readiness-summary', { sort: 'name' }, 'sort'],
    ])(
      '%s rejects bad input naming the field (%j)',
      async (tool, args, field) => {
        const arcBefore = await arcShifts(sim, PAYMENTS_USE1);
        const text = toolError(await callFleetTool(mcp[PAT], tool, args));
        expect(text).toMatch(/^InputError: /);
        expect(text).toContain(field);
        expect(await arcShifts(sim, PAYMENTS_USE1)).toEqual(arcBefore);
      },
    );
  },
);
