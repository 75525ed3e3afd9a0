import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  createWallClock,
  startSimulator,
} from '@fleet-resilience/fleet-simulator';
import path from 'node:path';

/**
 * The embedded default: starts the simulated fleet inside the backend, on the
 * port that app-config points every AWS endpoint at, when
 * `fleetResilience.simulator.enabled` is true. The plugins then talk HTTP to it
 * exactly as they would to AWS and to EKS API servers. It belongs to the
 * fleet-resilience plugin so that it is listening before that plugin's
 * refresh tasks start.
 */
export const embeddedFleetSimulatorModule = createBackendModule({
  pluginId: 'fleet-resilience',
  moduleId: 'embedded-fleet-simulator',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.rootLifecycle,
      },
      async init({ config, logger, lifecycle }) {
        const settings = config.getOptionalConfig('fleetResilience.simulator');
        if (!settings?.getOptionalBoolean('enabled')) return;
        const port = settings.getOptionalNumber('port') ?? 7480;
        // Relative to the backend's working directory (packages/backend).
        const fleet = path.resolve(
          settings.getOptionalString('fleet') ??
            '../../examples/fleets/demo.yaml',
        );
        const ticking = createWallClock();
        const simulator = await startSimulator({
          fleet,
          port,
          clock: ticking.clock,
        });
        logger.info(
          `Simulated fleet from ${fleet} serving AWS and Kubernetes APIs at ${simulator.url}`,
        );
        lifecycle.addShutdownHook(async () => {
          ticking.stop();
          await simulator.stop();
        });
      },
    });
  },
});
