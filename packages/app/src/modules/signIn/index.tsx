import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

/**
 * The demo's sign-in page: the identities of auth.providers.fleetDemo (a
 * platform engineer and a payments developer) and Guest, without an
 * identity provider. Replace it with a real identity provider in production
 * (see examples/app-config.production.yaml).
 */
const demoSignInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => import('./DemoSignInPage').then(m => m.DemoSignInPage),
  },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [demoSignInPage],
});
