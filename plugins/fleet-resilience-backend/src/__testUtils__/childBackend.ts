/**
 * A backend in a process of its own, for the fault tests that kill it: the
 * real plugin on Backstage's default services (the database and scheduler
 * from the config, so a second process shares them), with mock auth
 * (requests without a token act as `user:default/mock`) and permissions
 * that allow everything. Started by childBackendProcess.ts with Backstage's
 * Node transform (`node --require @backstage/cli/config/nodeTransform.cjs`,
 * as `backstage-cli package start` runs a backend). The config comes as JSON
 * in FLEET_CHILD_CONFIG; it prints `listening <port>` when it serves.
 */
import { createBackend } from '@backstage/backend-defaults';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { fleetResiliencePlugin } from '../plugin';

const config = JSON.parse(process.env.FLEET_CHILD_CONFIG ?? '{}');
const backend = createBackend();
backend.add(mockServices.rootConfig.factory({ data: config }));
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(mockServices.userInfo.factory());
backend.add(
  mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
);
backend.add(
  createServiceFactory({
    service: signalsServiceRef,
    deps: {},
    factory: () => ({ publish: async () => {} }),
  }),
);
backend.add(
  createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({ send: async () => {} }),
  }),
);
backend.add(fleetResiliencePlugin);
backend.start().then(
  () => process.stdout.write(`listening ${config.backend.listen.port}\n`),
  error => {
    process.stderr.write(`start failed: ${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
