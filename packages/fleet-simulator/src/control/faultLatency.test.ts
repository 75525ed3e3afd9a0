/**
 * Added latency is per request: concurrent requests wait side by side, not
 * one after another (bench:catalog fans Config requests out under it).
 * Through @aws-sdk/client-config-service over HTTP.
 */
import {
  ConfigServiceClient,
  SelectAggregateResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import { accessFleet } from '../__testUtils__/accessFleet';
import { startSimulator, type RunningSimulator } from '../simulator';

const LATENCY_MS = 300;
const CONCURRENT = 20;

describe('fault latency', () => {
  let sim: RunningSimulator;
  let config: ConfigServiceClient;
  const select = () =>
    config.send(
      new SelectAggregateResourceConfigCommand({
        ConfigurationAggregatorName: 'fleet-aggregator',
        Expression:
          "SELECT resourceId WHERE resourceType = 'AWS::EKS::Cluster' AND accountId = '111122223333'",
        Limit: 100,
      }),
    );

  beforeAll(async () => {
    sim = await startSimulator({ fleet: accessFleet() });
    config = new ConfigServiceClient({
      ...sim.clientSettings(),
      maxAttempts: 1,
    });
    await select(); // resolves the client's endpoint and credentials once
  });
  afterAll(async () => {
    config.destroy();
    await sim.stop();
  });

  it(`answers ${CONCURRENT} concurrent Config selects in about one latency, not ${CONCURRENT}`, async () => {
    sim.setFaults({ seed: 1, services: { config: { latencyMs: LATENCY_MS } } });
    const started = performance.now();
    const pages = await Promise.all(
      Array.from({ length: CONCURRENT }, () => select()),
    );
    const elapsed = performance.now() - started;
    expect(pages.map(page => page.Results?.length)).toEqual(
      Array(CONCURRENT).fill(1),
    );
    // Each waited its latency; serialised they would take 20 x 300 ms = 6 s.
    expect(elapsed).toBeGreaterThanOrEqual(LATENCY_MS - 5);
    expect(elapsed).toBeLessThan(2 * LATENCY_MS + 150);
  });
});
