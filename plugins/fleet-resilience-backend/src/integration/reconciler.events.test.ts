/**
 * ARC's EventBridge events through SQS as an extra trigger: with ARC polled
 * only when a run starts (every 5 minutes here), an autoshift started out of
 * band is reconciled within seconds because its event names the cluster.
 */
import { resolve as resolvePath } from 'node:path';
import { TestDatabases, type TestBackend } from '@backstage/backend-test-utils';
import {
  createManualClock,
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import {
  control,
  nodePoolSpecs,
  reconciled,
  refreshed,
  startReconcilerBackend,
} from '../reconciler/__testUtils__/reconcilerBackend';

jest.setTimeout(180_000);

const DEMO_FLEET = resolvePath(
  __dirname,
  '../../../../examples/fleets/demo.yaml',
);
const PAYMENTS_USE1 =
  'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod-use1';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('the reconciler with ARC events from SQS', () => {
  let sim: RunningSimulator;
  let backend: TestBackend;

  beforeAll(async () => {
    sim = await startSimulator({
      fleet: DEMO_FLEET,
      port: 0,
      clock: createManualClock(Date.now()),
      arcEventQueue: {},
    });
    backend = await startReconcilerBackend({
      sim,
      knex: await databases.init('SQLITE_3'),
      // ARC is read when a run starts, then only every 5 minutes.
      reconciler: { pollInterval: { minutes: 5 }, lease: { minutes: 10 } },
      events: {
        sqs: {
          queueUrl: sim.arcEventQueueUrl(),
          region: 'us-east-1',
          endpoint: sim.url,
          waitTimeSeconds: 1,
        },
      },
    });
    await refreshed(backend);
    await reconciled(
      backend,
      PAYMENTS_USE1,
      s => s.state === 'converged',
      60_000,
    );
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
  });

  it('reconciles an out-of-band autoshift from its event, and restores on its end event', async () => {
    const original = await nodePoolSpecs(sim, PAYMENTS_USE1);
    await control(sim, 'POST', 'autoshifts/start', {
      awayFrom: 'use1-az4',
      resourceArns: [PAYMENTS_USE1],
    });
    const status = await reconciled(
      backend,
      PAYMENTS_USE1,
      s => s.awayZoneIds.includes('use1-az4'),
      10_000,
    );
    expect(status.nodePools[0]).toMatchObject({
      outcome: 'patched',
      allowedZoneIds: ['use1-az1', 'use1-az2'],
    });
    await control(sim, 'POST', 'autoshifts/end', { awayFrom: 'use1-az4' });
    await reconciled(
      backend,
      PAYMENTS_USE1,
      s => s.awayZoneIds.length === 0 && s.state === 'converged',
      10_000,
    );
    expect(await nodePoolSpecs(sim, PAYMENTS_USE1)).toEqual(original);
  });
});
