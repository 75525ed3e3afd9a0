/**
 * Auth services for tests that run Backstage's real permission backend:
 * Backstage's mock auth, except that a plugin's token on behalf of a user
 * names the plugin as the actor, as the real auth service's tokens do (the
 * permission backend takes conditional requests only from a plugin acting
 * for a user, never from the user directly), read through the real httpAuth
 * service. Add both factories to a test backend's features.
 */
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import {
  coreServices,
  createServiceFactory,
  type AuthService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

const MOCK_SERVICE_TOKEN_PREFIX = 'mock-service-token:';

const onBehalfOfAuthFactory = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): AuthService {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    return Object.assign(Object.create(auth), {
      async authenticate(
        token: string,
        options?: { allowLimitedAccess?: boolean },
      ) {
        const credentials = await auth.authenticate(token, options);
        if (token.startsWith(MOCK_SERVICE_TOKEN_PREFIX)) {
          const { sub, obo } = JSON.parse(
            token.slice(MOCK_SERVICE_TOKEN_PREFIX.length),
          );
          if (obo) {
            return mockCredentials.user(obo, { actor: { subject: sub } });
          }
        }
        return credentials;
      },
    });
  },
});

/** The auth and httpAuth service factories described above. */
export const onBehalfOfAuthServices = [
  onBehalfOfAuthFactory,
  httpAuthServiceFactory,
];
