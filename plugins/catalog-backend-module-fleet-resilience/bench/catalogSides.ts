/**
 * The two sides of bench:catalog as backend features of the child process:
 * - ours: the Fleet Resilience backend plugin (inventory from the simulator's
 *   AWS Config aggregator) and this package's entity provider reading it;
 * - Roadie's: one `AWSEKSClusterProvider` per account and region, in its
 *   cross-account mode (temporary credentials: STS AssumeRole into each
 *   account, from the process's own credentials, AWS_* in its environment).
 * Each provider is wrapped to count what it gives the catalog.
 */
import {
  coreServices,
  createBackendModule,
  type BackendFeature,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- bench only: the backend whose inventory the module reads
import fleetResilienceBackend from '@fleet-resilience/plugin-fleet-resilience-backend';
import { AWSEKSClusterProvider } from '@roadiehq/catalog-backend-module-aws';
import { readProviderConfig } from '../src/config/readProviderConfig';
import { FleetInventoryClient } from '../src/inventory/FleetInventoryClient';
import { FleetResilienceEntityProvider } from '../src/provider/FleetResilienceEntityProvider';
import {
  counted,
  untilAppliedRunner,
  type ProviderTally,
} from './catalogProgress';

export type Side = 'ours' | 'roadie';

export interface SideOptions {
  simulatorUrl: string;
  accounts: string[];
  regions: string[];
  tally: ProviderTally;
  pollMs: number;
  signal: AbortSignal;
}

/** The role Roadie's providers assume in each account (the generated fleet declares no roles: any is assumable). */
export const ROADIE_ROLE = 'backstage-catalog-reader';

const accessKeyIdFor = (accountId: string) => `AKIA${accountId}SIMU`;

export function sideConfig(side: Side, options: SideOptions) {
  const catalog = {
    rules: [{ allow: ['Component', 'System', 'API', 'Resource', 'Group'] }],
    providers: {
      fleetResilience: { defaultOwner: 'group:default/platform-team' },
    },
  };
  if (side === 'roadie') return { catalog };
  const url = options.simulatorUrl;
  return {
    catalog,
    aws: {
      accounts: options.accounts.map(accountId => ({
        accountId,
        accessKeyId: accessKeyIdFor(accountId),
        secretAccessKey: 'fleet-simulator-secret-not-checked',
      })),
    },
    fleetResilience: {
      aws: {
        endpoints: { config: url, arc: url, resiliencehub: url, eks: url },
      },
      inventory: {
        awsConfig: {
          aggregator: {
            accountId: options.accounts[0],
            region: 'us-east-1',
            name: 'fleet-aggregator',
          },
        },
      },
      kubernetes: { allowInsecureEndpoints: true },
      // The catalog needs the inventory only: the Kubernetes read waits an
      // hour, so it does not compete for the CPU during the run.
      refresh: {
        kubernetes: {
          schedule: {
            frequency: { hours: 1 },
            timeout: { minutes: 10 },
            initialDelay: { hours: 1 },
          },
        },
      },
    },
  };
}

/** The environment of Roadie's child: its own credentials and the simulator's endpoints for EKS and STS. */
export function sideEnvironment(
  side: Side,
  simulatorUrl: string,
  accounts: string[],
): Record<string, string> {
  // No profile or shared file on this machine changes what either side does.
  const base = {
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  if (side === 'ours') return base;
  return {
    ...base,
    // Honoured by the SDK's endpoint resolution (@smithy/core's
    // getEndpointUrlConfig: AWS_ENDPOINT_URL_<SERVICE ID>), per client.
    AWS_ENDPOINT_URL_EKS: simulatorUrl,
    AWS_ENDPOINT_URL_STS: simulatorUrl,
    AWS_ACCESS_KEY_ID: accessKeyIdFor(accounts[0]),
    AWS_SECRET_ACCESS_KEY: 'fleet-simulator-secret-not-checked',
    AWS_REGION: 'us-east-1',
  };
}

function oursModule(options: SideOptions) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'bench-fleet-resilience',
    register(env) {
      env.registerInit({
        deps: {
          auth: coreServices.auth,
          catalog: catalogProcessingExtensionPoint,
          config: coreServices.rootConfig,
          discovery: coreServices.discovery,
          logger: coreServices.logger,
        },
        // As the package's module builds it, with the bench's task runner.
        async init({ auth, catalog, config, discovery, logger }) {
          const { schedule: _schedule, ...mapping } =
            readProviderConfig(config);
          let name = '';
          const provider = new FleetResilienceEntityProvider({
            inventory: new FleetInventoryClient({ discovery, auth }),
            mapping,
            logger,
            taskRunner: untilAppliedRunner(
              options.pollMs,
              () => options.tally.completed(name),
              options.tally,
              options.signal,
            ),
          });
          name = provider.getProviderName();
          catalog.addEntityProvider(counted(provider, options.tally));
        },
      });
    },
  });
}

function roadieModule(options: SideOptions) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'bench-roadie-aws-eks',
    register(env) {
      env.registerInit({
        deps: {
          catalog: catalogProcessingExtensionPoint,
          logger: coreServices.logger,
        },
        async init({ catalog, logger }) {
          for (const accountId of options.accounts) {
            for (const region of options.regions) {
              const providerId = `${accountId}-${region}`;
              const name = `aws-eks-cluster-${providerId}`;
              const provider = new AWSEKSClusterProvider(
                {
                  accountId,
                  roleName: ROADIE_ROLE,
                  roleArn: `arn:aws:iam::${accountId}:role/${ROADIE_ROLE}`,
                  region,
                },
                {
                  logger,
                  providerId,
                  useTemporaryCredentials: true,
                  taskRunner: untilAppliedRunner(
                    options.pollMs,
                    () => options.tally.completed(name),
                    options.tally,
                    options.signal,
                  ),
                },
              );
              catalog.addEntityProvider(counted(provider, options.tally));
            }
          }
        },
      });
    },
  });
}

/** The side's features: ours, one provider; Roadie's, one per account and region. */
export function sideFeatures(
  side: Side,
  options: SideOptions,
): BackendFeature[] {
  return side === 'ours'
    ? [fleetResilienceBackend, oursModule(options)]
    : [roadieModule(options)];
}
