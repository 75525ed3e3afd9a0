/**
 * The sharded Kubernetes refresh wired through the plugin: with
 * `refresh.kubernetes.shards`, POST /refresh runs every shard's task, each
 * reads its part of the fleet, and the refresh status names each shard's
 * run and tally. The real plugin in a test backend (mock scheduler: tasks
 * run when triggered), the real readers against the simulator over HTTP.
 * Several replicas on PostgreSQL are the sharded-refresh test's subject.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import type { TestBackend } from '@backstage/backend-test-utils';
import {
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import type { RefreshStatusResponse } from '@fleet-resilience/plugin-fleet-resilience-common';
import request from 'supertest';
import {
  API,
  DEMO_FLEET,
  refresh,
  simulatorConfig,
  startFleetBackend,
} from '../__testUtils__/fleetBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('the Kubernetes refresh in 3 shards', () => {
  let sim: RunningSimulator;
  let backend: TestBackend;
  const http = () => request(backend.server);

  beforeAll(async () => {
    sim = await startSimulator({ fleet: DEMO_FLEET, port: 0 });
    const config = simulatorConfig(sim);
    config.fleetResilience.refresh = {
      ...config.fleetResilience.refresh,
      kubernetes: { shards: 3, shardsAtOnce: 1 },
    } as typeof config.fleetResilience.refresh;
    backend = await startFleetBackend({
      config,
      knex: (await databases.init('SQLITE_3')) as never,
    });
    await refresh(backend);
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
  });

  it('reads every cluster once across the shards and names each shard in the refresh status', async () => {
    const status = (await http().get(`${API}/refresh-status`).expect(200))
      .body as RefreshStatusResponse;
    const names = status.sources.map(s => s.source);
    for (const k of [1, 2, 3]) {
      expect(names).toContain(`refresh:kubernetes:${k}-of-3`);
      expect(names).toContain(`kubernetes:${k}-of-3`);
    }
    expect(names).not.toContain('refresh:kubernetes');
    expect(names).not.toContain('kubernetes');

    // Every cluster was read by a shard: none is left never tried.
    expect(status.clusters.total).toBeGreaterThan(3);
    expect(status.clusters.never).toBe(0);
    // One tally per shard.
    const tallies = status.sources.filter(s =>
      /^kubernetes:\d-of-3$/.test(s.source),
    );
    expect(tallies).toHaveLength(3);
  });
});
