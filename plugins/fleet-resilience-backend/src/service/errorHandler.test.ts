import { mockServices } from '@backstage/backend-test-utils';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { classifyError, createErrorHandler } from './errorHandler';
import { TooManyRequestsError } from './refreshRoute';

const SQL_ERROR = Object.assign(
  new Error(
    'insert into `audit_events` (`actor`) values (?) - SQLITE_CONSTRAINT: NOT NULL constraint failed',
  ),
  { code: 'SQLITE_CONSTRAINT', errno: 19 },
);

describe('classifyError', () => {
  it.each([
    [new InputError('Invalid zone "x"'), 400],
    [new NotAllowedError('Not allowed to read the fleet'), 403],
    [new NotFoundError('No cluster'), 404],
    [new ConflictError('ARC refused'), 409],
    [new ServiceUnavailableError('ARC is throttling'), 503],
  ])('keeps the status and message of %p', (error, statusCode) => {
    expect(classifyError(error)).toEqual({
      statusCode,
      name: error.name,
      message: error.message,
    });
  });

  it('keeps a 429 with its Retry-After', () => {
    expect(classifyError(new TooManyRequestsError('too soon', 12))).toEqual({
      statusCode: 429,
      name: 'TooManyRequestsError',
      message: 'too soon',
      retryAfterSeconds: 12,
    });
  });

  it.each([
    ['a knex error', SQL_ERROR],
    [
      'a TypeError',
      new TypeError("Cannot read properties of undefined (reading 'ref')"),
    ],
    ['a RangeError', new RangeError('Maximum call stack size exceeded')],
    ['a thrown string', 'select * from clusters'],
    [
      'an error with a 5xx status',
      Object.assign(new Error('boom'), { status: 502 }),
    ],
  ])('hides %s behind a correlation ID', (_what, error) => {
    const answer = classifyError(error);
    expect(answer).toMatchObject({ statusCode: 500, name: 'Error' });
    expect(answer.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.message).toBe(
      `An internal error occurred (correlation ID ${answer.correlationId}; the backend log has the details)`,
    );
  });

  it('keeps the 4xx of the body parser, its message only when exposed', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), {
      status: 413,
      expose: true,
      type: 'entity.too.large',
    });
    expect(classifyError(tooLarge)).toMatchObject({
      statusCode: 413,
      message: 'request entity too large',
    });
    const undecodable = Object.assign(
      new URIError("Failed to decode param '%E0%A4%A'"),
      { status: 400 },
    );
    expect(classifyError(undecodable)).toEqual({
      statusCode: 400,
      name: 'InputError',
      message: 'The request could not be read',
    });
  });
});

describe('createErrorHandler', () => {
  function app(error: unknown) {
    const logger = mockServices.logger.mock();
    const router = Router();
    router.get('/x', async () => {
      throw error;
    });
    router.use(createErrorHandler(logger));
    return { app: express().use(router), logger };
  }

  it('answers an internal error in Backstage format, without SQL or stack, and logs it', async () => {
    const { app: server, logger } = app(SQL_ERROR);
    const response = await request(server).get('/x?a=1').expect(500);
    expect(response.body).toEqual({
      error: {
        name: 'Error',
        message: expect.stringMatching(
          /^An internal error occurred \(correlation ID [0-9a-f-]{36};/,
        ),
      },
      request: { method: 'GET', url: '/x?a=1' },
      response: { statusCode: 500 },
    });
    expect(response.text).not.toMatch(/insert into|SQLITE_|\n\s+at /);
    const id = /correlation ID ([0-9a-f-]{36})/.exec(
      response.body.error.message,
    )![1];
    expect(logger.error).toHaveBeenCalledWith(
      `GET /x failed (correlation ID ${id})`,
      SQL_ERROR,
    );
  });

  it('answers a known error with its message and no stack, in development too', async () => {
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
    try {
      const response = await request(app(new NotFoundError('No cluster x')).app)
        .get('/x')
        .expect(404);
      expect(response.body.error).toEqual({
        name: 'NotFoundError',
        message: 'No cluster x',
      });
    } finally {
      process.env.NODE_ENV = env;
    }
  });

  it('sets Retry-After on a 429', async () => {
    const response = await request(
      app(new TooManyRequestsError('try again in 30 s', 30)).app,
    )
      .get('/x')
      .expect(429);
    expect(response.headers['retry-after']).toBe('30');
    expect(response.body.error.name).toBe('TooManyRequestsError');
  });

  it('logs the cause of a known 5xx, not the caller', async () => {
    const cause = new Error(
      'User: arn:aws:sts::111122223333:assumed-role/x is not authorized',
    );
    const { app: server, logger } = app(
      new ServiceUnavailableError('The backend may not start a shift', cause),
    );
    const response = await request(server).get('/x').expect(503);
    expect(response.text).not.toContain('assumed-role');
    expect(logger.warn).toHaveBeenCalledWith(
      'GET /x answered 503: The backend may not start a shift',
      cause,
    );
  });
});
