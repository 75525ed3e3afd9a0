import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

// Plugins in package.json are discovered through `app.packages: all`; the
// modules here customise the app itself.
export default createApp({
  features: [catalogPlugin, navModule, signInModule],
});
