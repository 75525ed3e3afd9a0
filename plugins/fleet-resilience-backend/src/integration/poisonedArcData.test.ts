/**
 * A string from ARC that PostgreSQL cannot store stops nothing: a shift
 * whose comment holds NUL (ARC's model lets a comment hold any character)
 * is stored with the comment cleaned, the other shifts of its region are
 * stored, and the region's refresh is not failed. End to end: the real
 * plugin in a test backend on every test database engine, the real ARC
 * client against the simulator over HTTP.
 */
import { TestDatabases, type TestBackend } from '@backstage/backend-test-utils';
import {
  accessKeyIdFor,
  SIMULATOR_SECRET_ACCESS_KEY,
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import {
  fleetClusterPath,
  type FleetClusterDetail,
  type RefreshStatusResponse,
  type ShiftHistoryResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { ArcZonalShiftClient } from '@fleet-resilience/plugin-fleet-resilience-node';
import request from 'supertest';
import {
  API,
  clusterArnOf,
  DEMO_FLEET,
  refresh,
  simulatorConfig,
  startFleetBackend,
} from '../__testUtils__/fleetBackend';

jest.setTimeout(180_000);

const PROD = '111122223333';
const PAYMENTS_USE1 = clusterArnOf(PROD, 'us-east-1', 'payments-prod-use1');
const INDEXER_USE1 = clusterArnOf(PROD, 'us-east-1', 'search-indexer-use1');
const POISON = 'AZ\u0000impaired; DROP TABLE shifts; --';

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())(
  'a NUL in a comment ARC returns, on %p',
  databaseId => {
    let sim: RunningSimulator;
    let backend: TestBackend;
    const http = () => request(backend.server);

    beforeAll(async () => {
      sim = await startSimulator({ fleet: DEMO_FLEET, port: 0 });
      backend = await startFleetBackend({
        config: simulatorConfig(sim),
        knex: (await databases.init(databaseId)) as never,
      });
      await refresh(backend);
    });

    afterAll(async () => {
      await backend?.stop();
      await sim?.stop();
    });

    it("stores the poisoned shift with its comment cleaned, the region's other shifts with it, and reports the region ok", async () => {
      // Shifts started outside the portal, straight through ARC's API.
      const arc = new ArcZonalShiftClient({
        region: 'us-east-1',
        endpoint: sim.url,
        credentials: {
          accessKeyId: accessKeyIdFor(PROD),
          secretAccessKey: SIMULATOR_SECRET_ACCESS_KEY,
        },
      });
      const poisoned = await arc.startZonalShift({
        resourceIdentifier: PAYMENTS_USE1,
        awayFrom: 'use1-az1',
        expiresIn: '1h',
        comment: POISON,
      });
      const other = await arc.startZonalShift({
        resourceIdentifier: INDEXER_USE1,
        awayFrom: 'use1-az2',
        expiresIn: '1h',
        comment: 'bad deploy',
      });
      // ARC keeps the comment as given.
      expect(poisoned.comment).toBe(POISON);

      await refresh(backend);

      const shifts = (await http().get(`${API}/shifts?limit=100`).expect(200))
        .body as ShiftHistoryResponse;
      const byId = new Map(shifts.items.map(s => [s.zonalShiftId, s]));
      expect(byId.get(poisoned.zonalShiftId)).toMatchObject({
        resourceIdentifier: PAYMENTS_USE1,
        status: 'ACTIVE',
        comment: POISON.replace('\u0000', '\uFFFD'),
      });
      expect(byId.get(other.zonalShiftId)).toMatchObject({
        resourceIdentifier: INDEXER_USE1,
        comment: 'bad deploy',
      });

      // The portal shows both clusters shifted: no "no shift" while ARC shifts.
      for (const [arn, zone] of [
        [PAYMENTS_USE1, 'use1-az1'],
        [INDEXER_USE1, 'use1-az2'],
      ]) {
        const detail = (
          await http()
            .get(`${API}${fleetClusterPath(arn)}`)
            .expect(200)
        ).body as FleetClusterDetail;
        expect(detail.summary).toMatchObject({
          shiftState: 'zonal-shift',
          shiftAwayFrom: { id: zone },
        });
      }
      // The cleaned comment is a data problem of the cluster it belongs to.
      const payments = (
        await http()
          .get(`${API}${fleetClusterPath(PAYMENTS_USE1)}`)
          .expect(200)
      ).body as FleetClusterDetail;
      expect(payments.problems).toContainEqual({
        source: 'arc',
        message: expect.stringContaining(
          `zonal shift "${poisoned.zonalShiftId}": comment had characters that cannot be stored`,
        ),
      });

      const status = (await http().get(`${API}/refresh-status`).expect(200))
        .body as RefreshStatusResponse;
      const arcUse1 = status.sources.find(
        s => s.source === `arc:${PROD}/us-east-1`,
      );
      expect(arcUse1).toMatchObject({
        ok: true,
        status: 'ok',
        rows: expect.objectContaining({ rejected: 0, cleaned: 1 }),
        dataProblems: [
          expect.stringContaining(
            `zonal shift "${poisoned.zonalShiftId}": comment had characters that cannot be stored`,
          ),
        ],
      });
      expect(status.sources.filter(s => !s.ok)).toEqual([]);
      // Nothing a reader sees carries SQL or a stack frame.
      expect(JSON.stringify(status)).not.toMatch(
        /insert into|select |\n\s+at /i,
      );
    });
  },
);
