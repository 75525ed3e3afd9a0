/**
 * One backend replica as its own process, for bench:backend --replicas and
 * the two-replica test (started through replicaProcess.ts): the real plugin
 * in a Backstage backend with the REAL scheduler (its database locks,
 * poller and janitor, not the mock's in-process runs), the database from
 * config (PostgreSQL, shared by the replicas), the bench permission policy
 * and the simulator's endpoints.
 *
 * Config: the whole app config as JSON in FLEET_REPLICA_CONFIG.
 * Output (stdout): `fleet-resilience replica listening on port <port>`, the
 * plugin's info logs (the refresher's shard lines among them) and one line
 * when each scheduled task run starts and ends, which the scheduler does not
 * log itself.
 */
import {
  coreServices,
  createServiceFactory,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { fleetResiliencePlugin } from '../src/plugin';
import { benchPermissionsFactory } from './benchPermissions';
import { REPLICA_MARKERS } from './replicaProcess';

/** The real scheduler, with each task run's start and end printed. */
const observedSchedulerFactory = createServiceFactory({
  service: coreServices.scheduler,
  deps: {
    database: coreServices.database,
    logger: coreServices.logger,
    rootLifecycle: coreServices.rootLifecycle,
    httpRouter: coreServices.httpRouter,
    pluginMetadata: coreServices.pluginMetadata,
    metrics: metricsServiceRef,
  },
  factory(deps): SchedulerService {
    const scheduler = DefaultSchedulerService.create(deps);
    const print = (marker: string, text: string) =>
      process.stdout.write(`${marker} ${text}\n`);
    return {
      triggerTask: id => scheduler.triggerTask(id),
      cancelTask: id => scheduler.cancelTask(id),
      getScheduledTasks: () => scheduler.getScheduledTasks(),
      createScheduledTaskRunner: schedule =>
        scheduler.createScheduledTaskRunner(schedule),
      scheduleTask: task =>
        scheduler.scheduleTask({
          ...task,
          fn: async signal => {
            print(REPLICA_MARKERS.taskStarted, task.id);
            try {
              await task.fn(signal);
              print(REPLICA_MARKERS.taskEnded, `${task.id} ok`);
            } catch (error) {
              print(REPLICA_MARKERS.taskEnded, `${task.id} failed`);
              throw error;
            }
          },
        }),
    };
  },
});

async function main() {
  const raw = process.env.FLEET_REPLICA_CONFIG;
  if (!raw)
    throw new Error('FLEET_REPLICA_CONFIG (the app config as JSON) is not set');
  const config = JSON.parse(raw);
  const backend = await startTestBackend({
    features: [
      fleetResiliencePlugin,
      mockServices.rootConfig.factory({ data: config }),
      mockServices.rootLogger.factory({ level: 'info' }),
      observedSchedulerFactory,
      benchPermissionsFactory,
    ],
  });
  process.stdout.write(
    `${REPLICA_MARKERS.listening} ${backend.server.port()}\n`,
  );
  const stop = () =>
    backend.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
