import { ConfigReader } from '@backstage/config';
import { DEFAULT_COLLATOR_CONFIG, readCollatorConfig } from './config';

type JsonObject = ConstructorParameters<typeof ConfigReader>[0];

function read(fleetResilience: JsonObject) {
  return readCollatorConfig(
    new ConfigReader({ search: { collators: { fleetResilience } } }),
  );
}

describe('readCollatorConfig', () => {
  it('defaults to every 10 minutes with the largest page the API serves', () => {
    expect(readCollatorConfig(new ConfigReader({}))).toEqual(
      DEFAULT_COLLATOR_CONFIG,
    );
    expect(DEFAULT_COLLATOR_CONFIG.schedule.frequency).toEqual({ minutes: 10 });
    expect(DEFAULT_COLLATOR_CONFIG.pageSize).toBe(500);
  });

  it('reads the schedule and page size', () => {
    expect(
      read({
        schedule: { frequency: { hours: 1 }, timeout: { minutes: 5 } },
        pageSize: 100,
      }),
    ).toEqual({
      schedule: { frequency: { hours: 1 }, timeout: { minutes: 5 } },
      pageSize: 100,
    });
  });

  it.each([
    [{ pageSize: 0 }, /pageSize must be an integer from 1 to 500, got 0/],
    [{ pageSize: 501 }, /got 501/],
    [{ pageSize: 1.5 }, /got 1.5/],
    [{ schedule: { frequency: { minutes: 1 } } }, /schedule is invalid/],
  ])('rejects %j', (settings, message) => {
    expect(() => read(settings)).toThrow(message);
  });
});
