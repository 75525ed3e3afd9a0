import { resolve } from 'node:path';
import { fleetFromArgs } from './cli';
import type { FleetSpec } from './model/spec';

describe('fleetFromArgs', () => {
  const generated = (values: Parameters<typeof fleetFromArgs>[0]) =>
    fleetFromArgs(values) as FleetSpec;

  it('spreads a generated fleet over --accounts accounts and the --regions regions', () => {
    const spec = generated({
      generate: '120',
      nodes: '1',
      pods: '0',
      accounts: '20',
      regions: 'us-east-1,eu-central-1,ap-southeast-2',
    });
    expect(spec.clusters).toHaveLength(120);
    expect(spec.accounts).toHaveLength(20);
    expect(new Set(spec.accounts.map(a => a.id)).size).toBe(20);
    // Every account has clusters in every region: 60 pairs, 2 clusters each.
    const pairs = new Map<string, number>();
    for (const cluster of spec.clusters) {
      const key = `${cluster.account}/${cluster.region}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    expect(pairs.size).toBe(60);
    expect(new Set(pairs.values())).toEqual(new Set([2]));
    expect(new Set(spec.clusters.map(c => c.region))).toEqual(
      new Set(['us-east-1', 'eu-central-1', 'ap-southeast-2']),
    );
  });

  it('keeps the generator defaults without the flags: 2 accounts, 3 regions', () => {
    const spec = generated({ generate: '12', nodes: '1', pods: '0' });
    expect(spec.accounts).toHaveLength(2);
    expect(new Set(spec.clusters.map(c => c.region))).toEqual(
      new Set(['us-east-1', 'us-west-2', 'eu-west-1']),
    );
  });

  it('refuses bad --accounts and --regions, naming the flag', () => {
    expect(() => generated({ generate: '5', accounts: '0' })).toThrow(
      '--accounts must be an integer from 1 to 1000, got "0"',
    );
    expect(() => generated({ generate: '5', accounts: '1001' })).toThrow(
      '--accounts must be an integer from 1 to 1000',
    );
    expect(() => generated({ generate: '5', accounts: 'two' })).toThrow(
      '--accounts must be an integer',
    );
    expect(() =>
      generated({ generate: '5', regions: 'us-east-1,mars' }),
    ).toThrow(
      '--regions must be a comma-separated list of AWS regions (e.g. us-east-1,eu-west-1), got "mars"',
    );
    expect(() => generated({ generate: '5', regions: '' })).toThrow(
      '--regions must be a comma-separated list',
    );
    expect(() =>
      generated({ generate: '5', regions: 'us-east-1,us-east-1' }),
    ).toThrow('--regions names a region twice');
  });

  it('takes --accounts and --regions only with --generate', () => {
    expect(() => fleetFromArgs({ accounts: '3' }, 'demo.yaml')).toThrow(
      '--accounts and --regions need --generate',
    );
    expect(() => fleetFromArgs({ regions: 'us-east-1' }, 'demo.yaml')).toThrow(
      '--accounts and --regions need --generate',
    );
  });

  it('answers a fleet file path otherwise', () => {
    expect(fleetFromArgs({}, 'demo.yaml')).toBe(resolve('demo.yaml'));
    expect(() => fleetFromArgs({ fleet: 'a.yaml', generate: '3' })).toThrow(
      'give --fleet or --generate, not both',
    );
    expect(() => fleetFromArgs({})).toThrow(
      'give --fleet <file> or --generate <clusters>',
    );
  });
});
