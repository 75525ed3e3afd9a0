import { ConfigReader } from '@backstage/config';

/** The JSON object type ConfigReader takes (from @backstage/types, not a dependency here). */
type JsonObject = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;
import { readKubernetesSettings } from '../kubernetes/kubernetesSettings';
import { endpointFor, readAwsClientSettings } from './awsSettings';
import { readAwsConfigInventorySettings } from './inventorySettings';

const config = (fleetResilience: JsonObject) =>
  new ConfigReader({ fleetResilience });

describe('readAwsClientSettings', () => {
  it('defaults to AWS endpoints, 5 attempts, 15 s per attempt, 120 s per call, and ARC 10 s / 30 s', () => {
    expect(readAwsClientSettings(new ConfigReader({}))).toEqual({
      endpoints: {},
      maxAttempts: 5,
      requestTimeoutMs: 15_000,
      deadlineMs: 120_000,
      arc: { attemptTimeoutMs: 10_000, deadlineMs: 30_000 },
      useFipsEndpoint: false,
    });
  });

  it('reads the deadlines', () => {
    expect(
      readAwsClientSettings(
        config({
          aws: {
            deadlineMs: 9_000,
            arc: { attemptTimeoutMs: 1_000, deadlineMs: 2_500 },
          },
        }),
      ),
    ).toMatchObject({
      deadlineMs: 9_000,
      arc: { attemptTimeoutMs: 1_000, deadlineMs: 2_500 },
    });
  });

  it('reads one endpoint per service and fills in {region}', () => {
    const settings = readAwsClientSettings(
      config({
        aws: {
          endpoints: {
            config: 'http://localhost:4566/',
            arc: 'https://arc-zonal-shift.{region}.example.com',
            resiliencehub: 'http://localhost:4566',
            eks: 'http://localhost:4566',
            sts: 'https://sts-fips.{region}.amazonaws.com',
          },
          maxAttempts: 3,
          requestTimeoutMs: 2000,
        },
      }),
    );
    expect(settings.endpoints.config).toBe('http://localhost:4566');
    expect(settings.maxAttempts).toBe(3);
    expect(settings.requestTimeoutMs).toBe(2000);
    expect(endpointFor(settings.endpoints, 'arc', 'eu-west-1')).toBe(
      'https://arc-zonal-shift.eu-west-1.example.com',
    );
    expect(endpointFor(settings.endpoints, 'sts', 'us-east-1')).toBe(
      'https://sts-fips.us-east-1.amazonaws.com',
    );
    expect(endpointFor({}, 'eks', 'us-east-1')).toBeUndefined();
  });

  it.each([
    [
      { endpoints: { config: 'localhost:4566' } },
      'must be an http or https URL',
    ],
    [{ endpoints: { eks: 'not a url' } }, 'must be a URL'],
    [
      { endpoints: { arc: 'https://user:pass@example.com' } },
      'must not carry credentials',
    ],
    [
      { endpoints: { sts: 'https://example.com/?a=b' } },
      'must not carry credentials, a query',
    ],
    [
      { maxAttempts: 0 },
      'fleetResilience.aws.maxAttempts must be a positive integer',
    ],
    [
      { requestTimeoutMs: 1.5 },
      'fleetResilience.aws.requestTimeoutMs must be a positive integer',
    ],
    [
      { deadlineMs: 0 },
      'fleetResilience.aws.deadlineMs must be a positive integer',
    ],
    [
      { arc: { attemptTimeoutMs: -1 } },
      'fleetResilience.aws.arc.attemptTimeoutMs must be a positive integer',
    ],
  ])('refuses %j', (aws, message) => {
    expect(() => readAwsClientSettings(config({ aws }))).toThrow(message);
  });
});

describe('readAwsConfigInventorySettings', () => {
  it('reads aggregator mode with tag filters', () => {
    expect(
      readAwsConfigInventorySettings(
        config({
          inventory: {
            awsConfig: {
              aggregator: {
                accountId: '111122223333',
                region: 'us-east-1',
                name: 'org-aggregator',
              },
              tagFilters: [
                { key: 'fleet-resilience', value: 'enabled' },
                { key: 'team' },
              ],
            },
          },
        }),
      ),
    ).toEqual({
      scope: {
        mode: 'aggregator',
        aggregator: {
          accountId: '111122223333',
          region: 'us-east-1',
          name: 'org-aggregator',
        },
      },
      tagFilters: [
        { key: 'fleet-resilience', value: 'enabled' },
        { key: 'team', value: undefined },
      ],
      concurrency: 16,
      allowInsecureEndpoints: false,
    });
  });

  it('reads accounts mode, deduplicating regions, and the insecure-endpoint switch', () => {
    const settings = readAwsConfigInventorySettings(
      config({
        inventory: {
          awsConfig: {
            accounts: [
              {
                accountId: '111122223333',
                regions: ['us-east-1', 'eu-west-1', 'us-east-1'],
              },
            ],
            concurrency: 8,
          },
        },
        kubernetes: { allowInsecureEndpoints: true },
      }),
    );
    expect(settings.scope).toEqual({
      mode: 'accounts',
      accounts: [
        { accountId: '111122223333', regions: ['us-east-1', 'eu-west-1'] },
      ],
    });
    expect(settings.concurrency).toBe(8);
    expect(settings.allowInsecureEndpoints).toBe(true);
  });

  it.each<[JsonObject, string]>([
    [{}, "exactly one of 'aggregator' or 'accounts'"],
    [
      {
        aggregator: {
          accountId: '111122223333',
          region: 'us-east-1',
          name: 'a',
        },
        accounts: [{ accountId: '111122223333', regions: ['us-east-1'] }],
      },
      "exactly one of 'aggregator' or 'accounts'",
    ],
    [
      { aggregator: { accountId: '1111', region: 'us-east-1', name: 'a' } },
      '12-digit AWS account ID',
    ],
    [
      {
        aggregator: { accountId: '111122223333', region: 'useast1', name: 'a' },
      },
      'AWS region code',
    ],
    [
      {
        aggregator: {
          accountId: '111122223333',
          region: 'us-east-1',
          name: "a' OR 1=1",
        },
      },
      'aggregator.name',
    ],
    [{ accounts: [] }, 'at least one account'],
    [
      { accounts: [{ accountId: '111122223333', regions: [] }] },
      'at least one region',
    ],
    [
      {
        accounts: [{ accountId: '111122223333', regions: ['us-east-1'] }],
        tagFilters: [{ key: "o'wner" }],
      },
      'Invalid tag filter key',
    ],
    [
      {
        accounts: [{ accountId: '111122223333', regions: ['us-east-1'] }],
        concurrency: 0,
      },
      'concurrency',
    ],
  ])('refuses %j', (awsConfig, message) => {
    expect(() =>
      readAwsConfigInventorySettings(config({ inventory: { awsConfig } })),
    ).toThrow(message);
  });
});

describe('readKubernetesSettings', () => {
  it('has defaults and reads each key', () => {
    expect(readKubernetesSettings(new ConfigReader({}))).toEqual({
      requestTimeoutMs: 10_000,
      deadlineMs: 30_000,
      pageSize: 500,
      maxAttempts: 5,
      allowInsecureEndpoints: false,
    });
    expect(
      readKubernetesSettings(
        config({
          kubernetes: {
            requestTimeoutMs: 3000,
            deadlineMs: 9000,
            pageSize: 100,
            maxAttempts: 2,
            allowInsecureEndpoints: true,
          },
        }),
      ),
    ).toEqual({
      requestTimeoutMs: 3000,
      deadlineMs: 9000,
      pageSize: 100,
      maxAttempts: 2,
      allowInsecureEndpoints: true,
    });
  });

  it('refuses a page size that is not a positive integer', () => {
    expect(() =>
      readKubernetesSettings(config({ kubernetes: { pageSize: -1 } })),
    ).toThrow('fleetResilience.kubernetes.pageSize must be a positive integer');
  });

  it('refuses a deadline that is not a positive integer, naming the key', () => {
    expect(() =>
      readKubernetesSettings(config({ kubernetes: { deadlineMs: 0 } })),
    ).toThrow(
      'fleetResilience.kubernetes.deadlineMs must be a positive integer',
    );
  });
});
