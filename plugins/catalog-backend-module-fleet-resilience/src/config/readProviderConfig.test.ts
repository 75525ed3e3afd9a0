import { ConfigReader } from '@backstage/config';

type JsonObject = ConstructorParameters<typeof ConfigReader>[0];
import {
  DEFAULT_PROVIDER_CONFIG,
  readProviderConfig,
} from './readProviderConfig';

function read(fleetResilience: JsonObject) {
  return readProviderConfig(
    new ConfigReader({ catalog: { providers: { fleetResilience } } }),
  );
}

describe('readProviderConfig', () => {
  it('uses the defaults without any config', () => {
    expect(readProviderConfig(new ConfigReader({}))).toEqual(
      DEFAULT_PROVIDER_CONFIG,
    );
    expect(DEFAULT_PROVIDER_CONFIG).toMatchObject({
      defaultOwner: 'group:default/platform-team',
      schedule: { frequency: { minutes: 1 } },
    });
  });

  it('reads every key, normalising refs', () => {
    expect(
      read({
        schedule: { frequency: { minutes: 2 }, timeout: { minutes: 1 } },
        defaultOwner: 'sre',
        defaultSystem: 'eks-fleet',
        entityTagKeys: ['environment', 'cost-center'],
      }),
    ).toEqual({
      schedule: { frequency: { minutes: 2 }, timeout: { minutes: 1 } },
      defaultOwner: 'group:default/sre',
      defaultSystem: 'system:default/eks-fleet',
      entityTagKeys: ['environment', 'cost-center'],
      kubernetesAwsRoles: { accounts: {} },
    });
  });

  it.each([
    [
      { defaultOwner: 'component:x' },
      /defaultOwner: "component:x" refers to a component/,
    ],
    [
      { defaultSystem: 'group:x' },
      /defaultSystem: "group:x" refers to a group/,
    ],
    [
      { ownerTag: 'team' },
      /ownerTag is no longer read.*fleetResilience\.tags\.owner/,
    ],
    [{ systemTag: 'app' }, /systemTag is no longer read/],
    [
      { entityTagKeys: ['ok', '  '] },
      /entityTagKeys\[1\] must be an AWS tag key/,
    ],
    [
      { schedule: { frequency: 'often', timeout: { minutes: 1 } } },
      /schedule is invalid/,
    ],
  ])('rejects %j', (settings, message) => {
    expect(() => read(settings)).toThrow(message);
  });
});
