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
      ownerTag: 'owner',
      systemTag: 'system',
      defaultOwner: 'group:default/platform-team',
      schedule: { frequency: { minutes: 10 } },
    });
  });

  it('reads every key, normalising refs', () => {
    expect(
      read({
        schedule: { frequency: { minutes: 2 }, timeout: { minutes: 1 } },
        ownerTag: 'team',
        systemTag: 'app',
        defaultOwner: 'sre',
        defaultSystem: 'eks-fleet',
        entityTagKeys: ['environment', 'cost-center'],
      }),
    ).toEqual({
      schedule: { frequency: { minutes: 2 }, timeout: { minutes: 1 } },
      ownerTag: 'team',
      systemTag: 'app',
      defaultOwner: 'group:default/sre',
      defaultSystem: 'system:default/eks-fleet',
      entityTagKeys: ['environment', 'cost-center'],
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
    [{ ownerTag: ' ' }, /ownerTag must be an AWS tag key/],
    [{ systemTag: 'k'.repeat(129) }, /systemTag must be an AWS tag key/],
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
