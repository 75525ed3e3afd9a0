import { createBackendModule } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { AuthenticationError, InputError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
  type SignInResolver,
} from '@backstage/plugin-auth-node';

/** The auth provider ID: `/api/auth/fleetDemo/refresh`. */
export const DEMO_PROVIDER_ID = 'fleetDemo';
/** The request header naming the identity to sign in as (its `id`). */
export const DEMO_IDENTITY_HEADER = 'x-fleet-demo-identity';

/** One selectable demo identity: `auth.providers.fleetDemo.identities[]`. */
export interface DemoIdentity {
  id: string;
  title: string;
  description?: string;
  /** A User entity in the catalog, e.g. `user:default/dana`. */
  userEntityRef: string;
}

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * The configured identities, checked: ids are short lower-case slugs and
 * unique, every userEntityRef names a User entity.
 */
export function readDemoIdentities(config: Config): DemoIdentity[] {
  const identities = (config.getOptionalConfigArray('identities') ?? []).map(
    (entry, index) => {
      const id = entry.getString('id');
      if (!ID_PATTERN.test(id)) {
        throw new InputError(
          `auth.providers.${DEMO_PROVIDER_ID}.identities[${index}].id "${id}" must be lower-case letters, digits and dashes`,
        );
      }
      const ref = parseEntityRef(entry.getString('userEntityRef'), {
        defaultKind: 'user',
        defaultNamespace: 'default',
      });
      if (ref.kind.toLocaleLowerCase('en-US') !== 'user') {
        throw new InputError(
          `auth.providers.${DEMO_PROVIDER_ID}.identities[${index}].userEntityRef must name a User entity`,
        );
      }
      return {
        id,
        title: entry.getString('title'),
        description: entry.getOptionalString('description'),
        userEntityRef: stringifyEntityRef(ref),
      };
    },
  );
  const ids = new Set<string>();
  for (const { id } of identities) {
    if (ids.has(id)) {
      throw new InputError(
        `auth.providers.${DEMO_PROVIDER_ID}.identities has the id "${id}" twice`,
      );
    }
    ids.add(id);
  }
  return identities;
}

/**
 * Whether the provider may run: only in development, unless the config
 * says `dangerouslyAllowOutsideDevelopment: true` (like the guest provider).
 */
export function demoSignInAllowed(
  config: Config,
  nodeEnv = process.env.NODE_ENV,
): boolean {
  return (
    nodeEnv === 'development' ||
    config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') === true
  );
}

/**
 * Signs in the configured identity named by the request header. Anyone who
 * can reach the backend can choose any identity: a demo, never production,
 * so it refuses to start outside development (see demoSignInAllowed).
 */
export const demoAuthenticator = createProxyAuthenticator<
  Map<string, DemoIdentity>,
  { identity: DemoIdentity },
  undefined
>({
  defaultProfileTransform: async result => ({
    profile: { displayName: result.identity.title },
  }),
  initialize({ config }) {
    if (!demoSignInAllowed(config)) {
      throw new Error(
        `The ${DEMO_PROVIDER_ID} demo sign-in lets anyone choose who they are: it runs only with NODE_ENV=development unless auth.providers.${DEMO_PROVIDER_ID}.dangerouslyAllowOutsideDevelopment is true`,
      );
    }
    return new Map(readDemoIdentities(config).map(i => [i.id, i]));
  },
  async authenticate({ req }, identities) {
    const id = req.get(DEMO_IDENTITY_HEADER);
    if (!id) {
      throw new InputError(
        `Choose a demo identity with the ${DEMO_IDENTITY_HEADER} header`,
      );
    }
    const identity = identities.get(id);
    if (!identity) {
      // The id is not echoed: it is the caller's input.
      throw new AuthenticationError(
        `No demo identity with that id; configured: ${[
          ...identities.keys(),
        ].join(', ')}`,
      );
    }
    return { result: { identity } };
  },
});

/**
 * Resolves the identity's User entity through the catalog, so the token
 * carries its real ownership claims (the user and its groups).
 */
export const signInAsDemoIdentity: SignInResolver<{
  identity: DemoIdentity;
}> = async ({ result }, ctx) =>
  ctx.signInWithCatalogUser({ entityRef: result.identity.userEntityRef });

/**
 * The demo's sign-in without an identity provider: the sign-in page lists
 * `auth.providers.fleetDemo.identities` and signs in the chosen one.
 */
export const demoSignInModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'fleet-demo-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: DEMO_PROVIDER_ID,
          factory: createProxyAuthProviderFactory({
            authenticator: demoAuthenticator,
            signInResolver: signInAsDemoIdentity,
          }),
        });
      },
    });
  },
});
