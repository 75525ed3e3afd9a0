import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import { createErrorHandler } from './errorHandler';
import {
  createRefreshRoute,
  readRefreshCooldownMs,
  RefreshCooldown,
} from './refreshRoute';

/** A mock service token with the subject given. */
const serviceHeader = (subject: string) =>
  mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(subject),
    targetPluginId: 'fleet-resilience',
  });

describe('RefreshCooldown', () => {
  it('refuses a second request within the cooldown, then takes it', () => {
    const cooldown = new RefreshCooldown(60_000);
    expect(cooldown.take(1_000)).toEqual({ ok: true });
    expect(cooldown.take(1_001)).toEqual({ ok: false, waitMs: 59_999 });
    expect(cooldown.take(60_999)).toEqual({ ok: false, waitMs: 1 });
    expect(cooldown.take(61_000)).toEqual({ ok: true });
    expect(cooldown.take(61_000)).toEqual({ ok: false, waitMs: 60_000 });
  });

  it('gives the slot back when the refresh could not be asked for', () => {
    const cooldown = new RefreshCooldown(60_000);
    cooldown.take(1_000);
    cooldown.release(1_000);
    expect(cooldown.take(2_000)).toEqual({ ok: true });
    cooldown.release(1_000); // not the holder: nothing changes
    expect(cooldown.take(3_000)).toEqual({ ok: false, waitMs: 59_000 });
  });

  it('is off at 0', () => {
    const cooldown = new RefreshCooldown(0);
    expect(cooldown.take(1)).toEqual({ ok: true });
    expect(cooldown.take(1)).toEqual({ ok: true });
  });
});

describe('readRefreshCooldownMs', () => {
  const read = (refresh?: object) =>
    readRefreshCooldownMs(
      new ConfigReader(refresh ? { fleetResilience: { refresh } } : {}),
    );

  it('is a minute by default', () => {
    expect(read()).toBe(60_000);
    expect(read({ aws: { concurrency: 2 } })).toBe(60_000);
  });

  it('reads fleetResilience.refresh.manualCooldown', () => {
    expect(read({ manualCooldown: { seconds: 30 } })).toBe(30_000);
    expect(read({ manualCooldown: '2m' })).toBe(120_000);
    expect(read({ manualCooldown: { milliseconds: 0 } })).toBe(0);
  });

  it('names the key of a bad value', () => {
    expect(() => read({ manualCooldown: 'soon' })).toThrow(
      /Invalid config at 'fleetResilience.refresh.manualCooldown'/,
    );
    expect(() => read({ manualCooldown: { days: 2 } })).toThrow(
      /manualCooldown': must be from 0 ms to 86400000 ms/,
    );
  });
});

describe('POST /refresh', () => {
  function app(options: {
    result?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    allowedServices?: string[];
    trigger?: () => Promise<boolean>;
  }) {
    const triggerRefresh = jest.fn(options.trigger ?? (async () => true));
    let time = 1_000_000;
    const logger = mockServices.logger.mock();
    const server = express()
      .use(
        createRefreshRoute({
          httpAuth: mockServices.httpAuth({ pluginId: 'fleet-resilience' }),
          permissions: mockServices.permissions({
            result: options.result ?? AuthorizeResult.ALLOW,
          }),
          logger,
          triggerRefresh,
          allowedServices: new Set(options.allowedServices ?? []),
          cooldownMs: 60_000,
          now: () => time,
        }),
      )
      .use(createErrorHandler(logger));
    return {
      server,
      triggerRefresh,
      advance: (ms: number) => {
        time += ms;
      },
    };
  }

  it('triggers once per cooldown: a second request gets 429 with Retry-After', async () => {
    const { server, triggerRefresh, advance } = app({});
    expect((await request(server).post('/refresh').expect(202)).body).toEqual({
      triggered: true,
    });
    advance(15_500);
    const again = await request(server).post('/refresh').expect(429);
    expect(again.headers['retry-after']).toBe('45');
    expect(again.body).toEqual({
      error: {
        name: 'TooManyRequestsError',
        message:
          'The fleet was refreshed less than 60 s ago; try again in 45 s',
      },
      request: { method: 'POST', url: '/refresh' },
      response: { statusCode: 429 },
    });
    expect(triggerRefresh).toHaveBeenCalledTimes(1);
    advance(44_500);
    await request(server).post('/refresh').expect(202);
    expect(triggerRefresh).toHaveBeenCalledTimes(2);
  });

  it('needs fleet-resilience.refresh; a refused caller does not take the slot', async () => {
    const denied = app({ result: AuthorizeResult.DENY });
    const response = await request(denied.server).post('/refresh').expect(403);
    expect(response.body.error.message).toBe(
      'Not allowed to refresh the fleet (fleet-resilience.refresh)',
    );
    expect(denied.triggerRefresh).not.toHaveBeenCalled();
  });

  it('takes services only when allowed', async () => {
    const { server, triggerRefresh } = app({
      allowedServices: ['plugin:catalog'],
    });
    const refused = await request(server)
      .post('/refresh')
      .set('Authorization', serviceHeader('plugin:search'))
      .expect(403);
    expect(refused.body.error.message).toMatch(
      /^The service principal "plugin:search" may not change zonal shifts or refresh the fleet/,
    );
    expect(triggerRefresh).not.toHaveBeenCalled();
    await request(server)
      .post('/refresh')
      .set('Authorization', serviceHeader('plugin:catalog'))
      .expect(202);
    expect(triggerRefresh).toHaveBeenCalledTimes(1);
  });

  it('gives the slot back when the trigger fails', async () => {
    let fail = true;
    const { server, triggerRefresh } = app({
      trigger: async () => {
        if (fail) throw new Error('scheduler table locked');
        return true;
      },
    });
    const failed = await request(server).post('/refresh').expect(500);
    expect(failed.text).not.toContain('scheduler table');
    fail = false;
    await request(server).post('/refresh').expect(202);
    expect(triggerRefresh).toHaveBeenCalledTimes(2);
  });

  it('rejects a query before the slot is taken', async () => {
    const { server, triggerRefresh } = app({});
    await request(server).post('/refresh?all=1').expect(400);
    await request(server).post('/refresh').expect(202);
    expect(triggerRefresh).toHaveBeenCalledTimes(1);
  });
});
