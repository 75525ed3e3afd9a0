import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import {
  DEMO_IDENTITY_HEADER,
  demoSignInAllowed,
  demoSignInModule,
  readDemoIdentities,
} from './demoSignIn';

const identities = [
  {
    id: 'platform-engineer',
    title: 'Pat, platform engineer',
    userEntityRef: 'user:default/pat',
  },
  {
    id: 'payments-developer',
    title: 'Dana, payments developer',
    description: 'Member of payments-team.',
    userEntityRef: 'user:default/dana',
  },
];

function user(name: string, memberOf: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf },
    relations: memberOf.map(group => ({
      type: 'memberOf',
      targetRef: `group:default/${group}`,
    })),
  };
}

const started: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map(b => b.stop()));
});

async function startBackend(fleetDemo: object) {
  const backend = await startTestBackend({
    features: [
      authPlugin,
      demoSignInModule,
      catalogServiceMock.factory({
        entities: [
          user('pat', ['platform-team']),
          user('dana', ['payments-team']),
        ],
      }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: { providers: { fleetDemo } },
        },
      }),
    ],
  });
  started.push(backend);
  return backend;
}

function claims(token: string) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

describe('demo sign-in', () => {
  it('signs in the chosen identity as its catalog user with its groups', async () => {
    const { server } = await startBackend({
      dangerouslyAllowOutsideDevelopment: true,
      identities,
    });
    const response = await request(server)
      .get('/api/auth/fleetDemo/refresh')
      .set(DEMO_IDENTITY_HEADER, 'payments-developer')
      .set('X-Requested-With', 'XMLHttpRequest');
    expect(response.status).toBe(200);
    expect(response.body.profile.displayName).toBe('Dana, payments developer');
    expect(response.body.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/dana',
      ownershipEntityRefs: expect.arrayContaining([
        'user:default/dana',
        'group:default/payments-team',
      ]),
    });
    expect(
      response.body.backstageIdentity.identity.ownershipEntityRefs,
    ).not.toContain('group:default/platform-team');
    // The token names the user; Backstage looks its groups up from it.
    expect(claims(response.body.backstageIdentity.token).sub).toBe(
      'user:default/dana',
    );

    const pat = await request(server)
      .get('/api/auth/fleetDemo/refresh')
      .set(DEMO_IDENTITY_HEADER, 'platform-engineer')
      .set('X-Requested-With', 'XMLHttpRequest');
    expect(pat.status).toBe(200);
    expect(pat.body.backstageIdentity.identity.ownershipEntityRefs).toEqual(
      expect.arrayContaining([
        'user:default/pat',
        'group:default/platform-team',
      ]),
    );
  });

  it('issues nothing for an unknown or missing identity', async () => {
    const { server } = await startBackend({
      dangerouslyAllowOutsideDevelopment: true,
      identities,
    });
    const unknown = await request(server)
      .get('/api/auth/fleetDemo/refresh')
      .set(DEMO_IDENTITY_HEADER, 'root')
      .set('X-Requested-With', 'XMLHttpRequest');
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toContain(
      'configured: platform-engineer, payments-developer',
    );
    expect(JSON.stringify(unknown.body)).not.toContain('token');

    const missing = await request(server)
      .get('/api/auth/fleetDemo/refresh')
      .set('X-Requested-With', 'XMLHttpRequest');
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain(DEMO_IDENTITY_HEADER);
  });

  it('refuses to start outside development unless the config allows it', async () => {
    // Jest runs with NODE_ENV=test.
    await expect(startBackend({ identities })).rejects.toThrow(
      /fleetDemo.*runs only with NODE_ENV=development/,
    );
  });

  it('runs only in development by default', () => {
    const plain = new ConfigReader({});
    expect(demoSignInAllowed(plain, 'development')).toBe(true);
    expect(demoSignInAllowed(plain, 'production')).toBe(false);
    expect(demoSignInAllowed(plain, 'test')).toBe(false);
    const allowed = new ConfigReader({
      dangerouslyAllowOutsideDevelopment: true,
    });
    expect(demoSignInAllowed(allowed, 'production')).toBe(true);
  });

  it('rejects bad identity config', () => {
    const read = (list: object[]) =>
      readDemoIdentities(new ConfigReader({ identities: list }));
    expect(read(identities).map(i => i.userEntityRef)).toEqual([
      'user:default/pat',
      'user:default/dana',
    ]);
    expect(
      read([{ id: 'x', title: 'X', userEntityRef: 'dana' }])[0].userEntityRef,
    ).toBe('user:default/dana');
    expect(() => read([identities[0], identities[0]])).toThrow(
      'has the id "platform-engineer" twice',
    );
    expect(() =>
      read([{ id: 'Bad Id', title: 'X', userEntityRef: 'user:default/x' }]),
    ).toThrow('must be lower-case letters');
    expect(() =>
      read([{ id: 'x', title: 'X', userEntityRef: 'group:default/x' }]),
    ).toThrow('must name a User entity');
  });
});
