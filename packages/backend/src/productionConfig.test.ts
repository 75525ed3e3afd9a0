import { ConfigReader, type AppConfig } from '@backstage/config';
import { FileConfigSource, loadConfigSchema } from '@backstage/config-loader';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { readFleetResiliencePolicyConfig } from '@fleet-resilience/plugin-permission-backend-module-fleet-resilience-policy';
import {
  AwsClientFactory,
  AwsConfigInventorySource,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import path from 'node:path';

// The production example is loaded exactly as the backend loads it: the
// real config loader (environment substitution included) and the schema of
// every package the example backend and app install.

const REPO = path.resolve(__dirname, '../../..');
const EXAMPLE = path.join(REPO, 'examples/app-config.production.yaml');

const ENV: Record<string, string> = {
  BACKSTAGE_HOST: 'backstage.example.com',
  ORGANIZATION_NAME: 'Example Corp',
  POSTGRES_HOST: 'backstage.cluster-abc.us-east-1.rds.amazonaws.com',
  POSTGRES_PORT: '5432',
  POSTGRES_USER: 'backstage',
  POSTGRES_PASSWORD: 'not-a-real-password',
  AUTH_GITHUB_CLIENT_ID: 'client-id',
  AUTH_GITHUB_CLIENT_SECRET: 'client-secret',
  CATALOG_ORG_URL:
    'https://github.com/example/backstage-org/blob/main/org.yaml',
  FLEET_AGGREGATOR_ACCOUNT_ID: '123456789012',
  FLEET_AGGREGATOR_REGION: 'us-east-1',
  FLEET_AGGREGATOR_NAME: 'organisation-aggregator',
};

async function loadExample(env: Record<string, string | undefined>) {
  const source = FileConfigSource.create({
    path: EXAMPLE,
    substitutionFunc: async name => env[name],
  });
  const configs: AppConfig[] = [];
  for await (const { configs: read } of source.readConfigData()) {
    configs.push(...read);
    break; // the first read is the file; later ones are watch updates
  }
  return configs;
}

describe('examples/app-config.production.yaml', () => {
  let configs: AppConfig[];
  let config: ConfigReader;

  beforeAll(async () => {
    configs = await loadExample(ENV);
    config = ConfigReader.fromConfigs(configs);
  });

  it('is valid against the schema of every installed package', async () => {
    const schema = await loadConfigSchema({
      dependencies: ['backend', 'app'],
    });
    expect(() =>
      schema.process(configs, {
        visibility: ['frontend', 'backend', 'secret'],
      }),
    ).not.toThrow();
    // The schema is real: a wrong type in the same file is refused.
    const broken = await loadExample({ ...ENV, POSTGRES_PORT: undefined });
    const wrong = [
      {
        context: 'broken',
        data: {
          ...broken[0].data,
          fleetResilience: { kubernetes: { concurrency: 'many' } },
        },
      },
    ];
    expect(() => schema.process(wrong, { visibility: ['backend'] })).toThrow(
      /concurrency/,
    );
    // Collecting the schema walks every installed package's config.d.ts:
    // seconds on a loaded CI machine, more than Jest's 5 s default.
  }, 60_000);

  it('stands alone: no simulator, no demo sign-in, no localhost, PostgreSQL', () => {
    const text = JSON.stringify(config.get());
    expect(text).not.toMatch(/localhost|127\.0\.0\.1|\.\.\/\.\.\/examples/);
    expect(config.getBoolean('fleetResilience.simulator.enabled')).toBe(false);
    expect(config.getOptional('fleetResilience.aws.endpoints')).toBeUndefined();
    expect(config.getString('backend.database.client')).toBe('pg');
    expect(config.getString('auth.environment')).toBe('production');
    const providers = config.getConfig('auth.providers').keys();
    expect(providers).not.toContain('guest');
    expect(providers).not.toContain('fleetDemo');
    expect(providers.length).toBeGreaterThan(0);
    expect(config.getBoolean('permission.enabled')).toBe(true);
  });

  it('is read by the plugins without error', () => {
    expect(readFleetResiliencePolicyConfig(config)).toMatchObject({
      admins: ['group:default/platform-team'],
      read: 'owners',
      shift: 'owners',
      refresh: 'admins',
    });
    const clients = AwsClientFactory.fromConfig(config);
    expect(() =>
      AwsConfigInventorySource.fromConfig(config, { clients }),
    ).not.toThrow();
  });

  it('serves the fleet tools to MCP clients, and to users only', () => {
    expect(config.getStringArray('backend.actions.pluginSources')).toContain(
      'fleet-resilience',
    );
    // A service token reaches the tools as plugin:mcp-actions: named, every
    // static token the MCP server accepts could shift clusters.
    expect(
      config.getOptionalStringArray('fleetResilience.actions.allowedServices'),
    ).toBeUndefined();
  });

  it('gives every account a role: none is listed without one', () => {
    const listed = config.getOptionalConfigArray('aws.accounts') ?? [];
    for (const account of listed) {
      expect(account.getOptionalString('roleName')).toBeDefined();
    }
    expect(config.getString('aws.accountDefaults.roleName')).toBe(
      'fleet-resilience-reader',
    );
  });

  describe('credentials for an account that is not listed', () => {
    const assumed: URLSearchParams[] = [];
    const server = setupServer(
      http.post('https://sts.us-east-1.amazonaws.com/', async ({ request }) => {
        const form = new URLSearchParams(await request.text());
        assumed.push(form);
        const expiration = new Date(Date.now() + 3600_000).toISOString();
        return HttpResponse.xml(
          `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <Credentials>
      <AccessKeyId>ASIAEXAMPLEASSUMED01</AccessKeyId>
      <SecretAccessKey>assumed-secret</SecretAccessKey>
      <SessionToken>assumed-session-token</SessionToken>
      <Expiration>${expiration}</Expiration>
    </Credentials>
    <AssumedRoleUser>
      <AssumedRoleId>AROAEXAMPLE:backstage</AssumedRoleId>
      <Arn>${form
        .get('RoleArn')!
        .replace(':iam::', ':sts::')
        .replace(':role/', ':assumed-role/')}/backstage</Arn>
    </AssumedRoleUser>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>
</AssumeRoleResponse>`,
        );
      }),
    );
    const saved = { ...process.env };

    beforeAll(() => {
      server.listen({ onUnhandledRequest: 'error' });
      // The backend's own identity (Pod Identity or IRSA in a real pod).
      process.env.AWS_ACCESS_KEY_ID = 'AKIABACKENDIDENTITY1';
      process.env.AWS_SECRET_ACCESS_KEY = 'backend-secret';
      delete process.env.AWS_PROFILE;
      delete process.env.AWS_WEB_IDENTITY_TOKEN_FILE;
      delete process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
    });
    afterAll(() => {
      server.close();
      process.env = saved;
    });

    it('assumes the reader role the docs name, in that account', async () => {
      const manager = DefaultAwsCredentialsManager.fromConfig(config);
      const { sdkCredentialProvider } = await manager.getCredentialProvider({
        accountId: '444455556666',
      });
      const credentials = await sdkCredentialProvider();
      expect(credentials.accessKeyId).toBe('ASIAEXAMPLEASSUMED01');
      expect(assumed).toHaveLength(1);
      expect(assumed[0].get('Action')).toBe('AssumeRole');
      expect(assumed[0].get('RoleArn')).toBe(
        'arn:aws:iam::444455556666:role/fleet-resilience-reader',
      );
    });
  });
});
