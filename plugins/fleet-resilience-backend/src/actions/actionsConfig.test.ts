import { ConfigReader } from '@backstage/config';
import { readAllowedServices, readShiftActionsConfig } from './actionsConfig';

const read = (actions?: object) =>
  readShiftActionsConfig(
    new ConfigReader(actions ? { fleetResilience: { actions } } : {}),
  );

describe('readShiftActionsConfig', () => {
  it('has defaults', () => {
    expect(read()).toEqual({
      fleetConcurrency: 4,
      idempotencyWaitMs: 5000,
      idempotencyLeaseMs: 120000,
    });
  });

  it('reads the keys', () => {
    expect(
      read({
        fleetConcurrency: 8,
        idempotencyWaitMs: 0,
        idempotencyLeaseMs: 60000,
      }),
    ).toEqual({
      fleetConcurrency: 8,
      idempotencyWaitMs: 0,
      idempotencyLeaseMs: 60000,
    });
  });

  it('names the key of a bad value', () => {
    expect(() => read({ fleetConcurrency: 0 })).toThrow(
      "Invalid config at 'fleetResilience.actions.fleetConcurrency': must be an integer from 1 to 32, got 0",
    );
    expect(() => read({ idempotencyLeaseMs: 1.5 })).toThrow(
      /idempotencyLeaseMs': must be an integer/,
    );
    expect(() => read({ idempotencyWaitMs: 'soon' })).toThrow(
      /idempotencyWaitMs': must be a number/,
    );
    expect(() =>
      readShiftActionsConfig(
        new ConfigReader({ fleetResilience: { actions: 3 } }),
      ),
    ).toThrow(/Invalid config at 'fleetResilience.actions'/);
  });
});

describe('readAllowedServices', () => {
  const services = (actions?: object) =>
    readAllowedServices(
      new ConfigReader(actions ? { fleetResilience: { actions } } : {}),
    );

  it('is empty by default: only users act', () => {
    expect([...services()]).toEqual([]);
    expect([...services({ fleetConcurrency: 2 })]).toEqual([]);
  });

  it('reads the subjects', () => {
    expect([
      ...services({ allowedServices: ['plugin:catalog', 'incident-bot'] }),
    ]).toEqual(['plugin:catalog', 'incident-bot']);
  });

  it('names the key of a bad value', () => {
    expect(() => services({ allowedServices: 'plugin:catalog' })).toThrow(
      /Invalid config at 'fleetResilience.actions.allowedServices': must be a list of service subjects/,
    );
    expect(() => services({ allowedServices: ['plugin catalog'] })).toThrow(
      `Invalid config at 'fleetResilience.actions.allowedServices': "plugin catalog" is not a service subject`,
    );
    expect(() => services({ allowedServices: [''] })).toThrow(
      /allowedServices': must be a list of service subjects/,
    );
  });
});
