/*
 * The example portal's backend: the Backstage core this suite builds on
 * (catalog, search, permissions, guest auth, signals and notifications) and
 * the Fleet Resilience plugins, on the simulated fleet by default.
 */
import { createBackend } from '@backstage/backend-defaults';
import { demoSignInModule } from './modules/demoSignIn';
import { embeddedFleetSimulatorModule } from './modules/embeddedFleetSimulator';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Guest sign-in for the embedded default; configure a real provider in production.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(demoSignInModule); // the demo's sign-in identities (development only)

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// The policy comes from fleetResilience.policy: admins do everything, owners
// read and shift their clusters, other plugins' permissions are allowed.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import(
    '@fleet-resilience/plugin-permission-backend-module-fleet-resilience-policy'
  ),
);

// Search: Lunr in memory with SQLite, PostgreSQL full-text search with PostgreSQL.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

// The events bus carries catalog and signal events between backend replicas.
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// Fleet Resilience: the fleet API and refresh, clusters in the catalog and in search.
backend.add(import('@fleet-resilience/plugin-fleet-resilience-backend'));
backend.add(
  import('@fleet-resilience/plugin-catalog-backend-module-fleet-resilience'),
);
backend.add(
  import('@fleet-resilience/plugin-search-backend-module-fleet-resilience'),
);
// Starts the simulated fleet when fleetResilience.simulator.enabled is true.
backend.add(embeddedFleetSimulatorModule);

backend.start();
