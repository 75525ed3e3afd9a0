import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { IdentityApi } from '@backstage/core-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  DEMO_CHOICE_STORAGE_KEY,
  DEMO_IDENTITY_HEADER,
  DemoSignInPage,
} from './DemoSignInPage';

const config = {
  app: { title: 'Fleet Resilience test' },
  auth: {
    providers: {
      fleetDemo: {
        identities: [
          {
            id: 'platform-engineer',
            title: 'Pat, platform engineer',
            description: 'Sees and shifts every cluster.',
          },
          {
            id: 'payments-developer',
            title: 'Dana, payments developer',
            description: 'Sees only the payments clusters.',
          },
        ],
      },
    },
  },
};

// A token whose payload is enough for the session (exp far ahead).
function sessionFor(userEntityRef: string) {
  const payload = Buffer.from(
    JSON.stringify({ sub: userEntityRef, exp: 4102444800 }),
  ).toString('base64url');
  return {
    profile: { displayName: userEntityRef },
    backstageIdentity: {
      token: `e30.${payload}.sig`,
      identity: {
        type: 'user',
        userEntityRef,
        ownershipEntityRefs: [userEntityRef],
      },
    },
  };
}

const fetchMock = jest.fn();
const originalFetch = global.fetch;

beforeEach(() => {
  window.localStorage.clear();
  fetchMock.mockReset();
  global.fetch = fetchMock;
});
afterAll(() => {
  global.fetch = originalFetch;
});

function respond(status: number, body: object) {
  fetchMock.mockResolvedValueOnce(
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    }),
  );
}

async function renderPage() {
  const onSignInSuccess = jest.fn<void, [IdentityApi]>();
  await renderInTestApp(<DemoSignInPage onSignInSuccess={onSignInSuccess} />, {
    config,
    apis: [mockApis.discovery({ baseUrl: 'http://backend.test' })],
  });
  return onSignInSuccess;
}

function requested(index = 0) {
  const [url, init] = fetchMock.mock.calls[index];
  return { url: String(url), headers: new Headers(init.headers) };
}

describe('DemoSignInPage', () => {
  it('lists the configured identities and Guest', async () => {
    await renderPage();
    expect(
      await screen.findByRole('heading', { name: 'Fleet Resilience test' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Pat, platform engineer')).toBeInTheDocument();
    expect(
      screen.getByText('Sees only the payments clusters.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Sign in as Dana, payments developer',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('signs in the chosen identity with the header and remembers it until sign-out', async () => {
    const onSignInSuccess = await renderPage();
    respond(200, sessionFor('user:default/dana'));
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Sign in as Dana, payments developer',
      }),
    );
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    const { url, headers } = requested();
    expect(url).toBe('http://backend.test/api/auth/fleetDemo/refresh');
    expect(headers.get(DEMO_IDENTITY_HEADER)).toBe('payments-developer');
    expect(window.localStorage.getItem(DEMO_CHOICE_STORAGE_KEY)).toBe(
      'payments-developer',
    );

    const identity = onSignInSuccess.mock.calls[0][0];
    expect((await identity.getBackstageIdentity()).userEntityRef).toBe(
      'user:default/dana',
    );
    expect((await identity.getCredentials()).token).toMatch(/^e30\./);
    await identity.signOut();
    expect(window.localStorage.getItem(DEMO_CHOICE_STORAGE_KEY)).toBeNull();
  });

  it('signs in the remembered choice at once after a reload', async () => {
    window.localStorage.setItem(DEMO_CHOICE_STORAGE_KEY, 'platform-engineer');
    respond(200, sessionFor('user:default/pat'));
    const onSignInSuccess = await renderPage();
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(requested().headers.get(DEMO_IDENTITY_HEADER)).toBe(
      'platform-engineer',
    );
    expect(screen.queryByRole('button', { name: 'Enter' })).toBeNull();
  });

  it('signs in as guest through the guest provider, without the header', async () => {
    const onSignInSuccess = await renderPage();
    respond(200, sessionFor('user:default/guest'));
    await userEvent.click(await screen.findByRole('button', { name: 'Enter' }));
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    const { url, headers } = requested();
    expect(url).toBe('http://backend.test/api/auth/guest/refresh');
    expect(headers.has(DEMO_IDENTITY_HEADER)).toBe(false);
    expect(window.localStorage.getItem(DEMO_CHOICE_STORAGE_KEY)).toBe('guest');
  });

  it('ignores a remembered identity that is no longer configured', async () => {
    window.localStorage.setItem(DEMO_CHOICE_STORAGE_KEY, 'someone-else');
    await renderPage();
    expect(
      await screen.findByRole('button', { name: 'Enter' }),
    ).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows a refused sign-in and lets the user choose again', async () => {
    const onSignInSuccess = await renderPage();
    respond(401, {
      error: { name: 'AuthenticationError', message: 'No demo identity' },
      request: { method: 'GET', url: '/api/auth/fleetDemo/refresh' },
      response: { statusCode: 401 },
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Sign in as Pat, platform engineer',
      }),
    );
    expect(
      await screen.findByText(/Signing in as Pat, platform engineer failed/),
    ).toBeInTheDocument();
    expect(onSignInSuccess).not.toHaveBeenCalled();
    await userEvent.click(
      screen.getByRole('button', { name: 'Choose another identity' }),
    );
    expect(
      await screen.findByRole('button', { name: 'Enter' }),
    ).toBeInTheDocument();
    expect(window.localStorage.getItem(DEMO_CHOICE_STORAGE_KEY)).toBeNull();
  });
});
