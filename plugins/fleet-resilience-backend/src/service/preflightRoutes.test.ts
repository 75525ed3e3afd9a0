import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { PreflightCheck } from '@fleet-resilience/plugin-fleet-resilience-common';
import express from 'express';
import request from 'supertest';
import { PreflightService } from '../preflight/PreflightService';
import { createErrorHandler } from './errorHandler';
import { createPreflightRoutes } from './preflightRoutes';

const check: PreflightCheck = {
  id: 'credentials',
  title: 'Reader credentials resolve',
  scope: { accountId: '111122223333', role: 'reader' },
  status: 'pass',
  detail: 'Acts as arn:aws:iam::111122223333:user/fleet-simulator',
};

const serviceHeader = (subject: string) =>
  mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(subject),
    targetPluginId: 'fleet-resilience',
  });

/** A run that reports one unit of progress, then waits for `finish`. */
function controllableRun() {
  let finish: () => void = () => undefined;
  const run = jest.fn(
    async (
      onProgress: (c: readonly PreflightCheck[], d: number, t: number) => void,
    ) => {
      onProgress([check], 1, 3);
      await new Promise<void>(resolve => {
        finish = resolve;
      });
      return [check];
    },
  );
  return { run, finish: () => finish() };
}

function app(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  const logger = mockServices.logger.mock();
  const { run, finish } = controllableRun();
  const preflight = new PreflightService({
    run,
    logger,
    now: () => new Date('2026-12-07T12:00:00Z'),
  });
  const authorize = jest.fn(
    async (requests: ReadonlyArray<{ permission: { name: string } }>) =>
      requests.map(() => ({ result })),
  );
  const server = express()
    .use(
      createPreflightRoutes({
        preflight,
        httpAuth: mockServices.httpAuth({ pluginId: 'fleet-resilience' }),
        permissions: mockServices.permissions.mock({
          authorize: authorize as never,
        }),
        allowedServices: new Set(['plugin:ops']),
      }),
    )
    .use(createErrorHandler(logger));
  return { server, run, finish, authorize, preflight };
}

describe('GET and POST /preflight', () => {
  it('answers never-run, then starts one run that a second POST joins, then the finished report', async () => {
    const { server, run, finish, preflight } = app(AuthorizeResult.ALLOW);
    expect((await request(server).get('/preflight').expect(200)).body).toEqual({
      state: 'never-run',
      summary: { pass: 0, warn: 0, fail: 0, skipped: 0 },
      checks: [],
    });

    const started = await request(server).post('/preflight').expect(202);
    expect(started.body).toMatchObject({
      state: 'running',
      progress: { done: 1, total: 3 },
      checks: [check],
    });
    await request(server).post('/preflight').expect(202);
    expect(run).toHaveBeenCalledTimes(1);

    const { done } = preflight.start();
    finish();
    await done;
    expect((await request(server).get('/preflight').expect(200)).body).toEqual({
      state: 'done',
      startedAt: '2026-12-07T12:00:00.000Z',
      finishedAt: '2026-12-07T12:00:00.000Z',
      summary: { pass: 1, warn: 0, fail: 0, skipped: 0 },
      checks: [check],
    });
    // A new POST after the run ended starts another.
    await request(server).post('/preflight').expect(202);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it.each(['get', 'post'] as const)(
    '%s answers 403 without fleet-resilience.preflight and starts nothing',
    async method => {
      const { server, run, authorize } = app(AuthorizeResult.DENY);
      const response = await request(server)[method]('/preflight').expect(403);
      expect(response.body.error.message).toBe(
        'Not allowed to see or run the preflight (fleet-resilience.preflight)',
      );
      expect(authorize.mock.calls[0][0]).toEqual([
        {
          permission: expect.objectContaining({
            name: 'fleet-resilience.preflight',
          }),
        },
      ]);
      expect(run).not.toHaveBeenCalled();
    },
  );

  it('needs credentials', async () => {
    const { server, run } = app(AuthorizeResult.ALLOW);
    await request(server)
      .get('/preflight')
      .set('Authorization', mockCredentials.none.header())
      .expect(401);
    await request(server)
      .post('/preflight')
      .set('Authorization', mockCredentials.none.header())
      .expect(401);
    expect(run).not.toHaveBeenCalled();
  });

  it('lets any service read the report, and only allowed services start a run', async () => {
    const { server, run } = app(AuthorizeResult.ALLOW);
    await request(server)
      .get('/preflight')
      .set('Authorization', serviceHeader('plugin:search'))
      .expect(200);
    await request(server)
      .post('/preflight')
      .set('Authorization', serviceHeader('plugin:search'))
      .expect(403);
    expect(run).not.toHaveBeenCalled();
    await request(server)
      .post('/preflight')
      .set('Authorization', serviceHeader('plugin:ops'))
      .expect(202);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('refuses a query', async () => {
    const { server, run } = app(AuthorizeResult.ALLOW);
    await request(server).get('/preflight?verbose=1').expect(400);
    await request(server).post('/preflight?all=1').expect(400);
    expect(run).not.toHaveBeenCalled();
  });
});
