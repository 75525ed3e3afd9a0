import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_FLEET_RESILIENCE_POLICY_CONFIG,
  readFleetResiliencePolicyConfig,
} from './config';

type JsonObject = ConstructorParameters<typeof ConfigReader>[0];

function read(policy: JsonObject) {
  return readFleetResiliencePolicyConfig(
    new ConfigReader({ fleetResilience: { policy } }),
  );
}

describe('readFleetResiliencePolicyConfig', () => {
  it('defaults to no admins, owners read and shift, admins refresh, catalog gated', () => {
    const expected = {
      admins: [],
      read: 'owners',
      shift: 'owners',
      refresh: 'admins',
      catalogClusters: true,
    };
    expect(readFleetResiliencePolicyConfig(new ConfigReader({}))).toEqual(
      expected,
    );
    expect(read({})).toEqual(expected);
    expect(DEFAULT_FLEET_RESILIENCE_POLICY_CONFIG).toEqual(expected);
  });

  it('reads every key', () => {
    expect(
      read({
        admins: ['group:default/platform-team', 'user:default/pat'],
        read: 'everyone',
        shift: 'admins',
        refresh: 'everyone',
        catalogClusters: false,
      }),
    ).toEqual({
      admins: ['group:default/platform-team', 'user:default/pat'],
      read: 'everyone',
      shift: 'admins',
      refresh: 'everyone',
      catalogClusters: false,
    });
  });

  it('normalises admins to full lower-case refs, once each', () => {
    expect(
      read({
        admins: [
          'Group:Default/Platform-Team',
          'group:platform-team',
          ' user:ops/Jane ',
        ],
      }).admins,
    ).toEqual(['group:default/platform-team', 'user:ops/jane']);
  });

  it.each([
    [
      { admins: ['platform-team'] },
      'fleetResilience.policy.admins[0] "platform-team" is not an entity ref; write the kind and name, e.g. group:default/platform-team',
    ],
    [
      { admins: ['group:default/a', 'group:default/'] },
      'fleetResilience.policy.admins[1] "group:default/" is not an entity ref',
    ],
    [
      { admins: ['component:default/payments'] },
      'fleetResilience.policy.admins[0] "component:default/payments" must name a user or a group',
    ],
    [
      { read: 'all' },
      'fleetResilience.policy.read must be one of owners, everyone; got "all"',
    ],
    [
      { shift: 'everyone' },
      'fleetResilience.policy.shift must be one of owners, admins; got "everyone"',
    ],
    [
      { refresh: 'owners' },
      'fleetResilience.policy.refresh must be one of admins, everyone; got "owners"',
    ],
    [
      { admin: ['group:default/platform-team'] },
      'fleetResilience.policy has unknown key "admin"; the keys are admins, read, shift, refresh, catalogClusters',
    ],
    [
      { readers: 'owners', shifters: 'owners' },
      'fleetResilience.policy has unknown keys "readers", "shifters"',
    ],
    [
      { admins: 'group:default/platform-team' },
      "'fleetResilience.policy.admins'",
    ],
    [{ catalogClusters: 'maybe' }, "'fleetResilience.policy.catalogClusters'"],
  ])('rejects %j', (settings, message) => {
    expect(() => read(settings)).toThrow(message);
  });
});
