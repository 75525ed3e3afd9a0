/**
 * Our entities as Backstage's own Kubernetes backend sees them: the provider
 * and mapping of this module turn an inventory into entities (with the
 * module's config, read by its own reader), a catalog service holds them,
 * and the real `@backstage/plugin-kubernetes-backend` finds the clusters with
 * its catalog cluster locator. Asked for an entity's objects, it takes a
 * credential per cluster from its `aws` auth strategy, whose STS calls
 * (AWS_ENDPOINT_URL_STS) land on a recording server: the test sees which
 * role was assumed, with which external ID and whose credentials.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import kubernetesBackend from '@backstage/plugin-kubernetes-backend';
import type { FleetInventoryCluster } from '@fleet-resilience/plugin-fleet-resilience-common';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readProviderConfig } from './config/readProviderConfig';
import { FleetResilienceEntityProvider } from './provider/FleetResilienceEntityProvider';

const API_SERVER = 'https://127.0.0.1:6443';
const MAIN_KEY = 'AKIAMAINACCOUNTKEY01';
const PROD = '111122223333';
const OTHER = '777788889999';
const KEYS_ONLY = '444455556666';
const CA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
).toString('base64');

interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

async function recordingServer(
  answer: (request: Recorded) => { status: number; type: string; body: string },
) {
  const requests: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', chunk => {
      body += chunk;
    });
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
      };
      requests.push(request);
      const reply = answer(request);
      res.writeHead(reply.status, { 'content-type': reply.type });
      res.end(reply.body);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        // The SDK keeps its connections alive.
        server.closeAllConnections();
      }),
  };
}

/** The access key a SigV4 Authorization header or presigned URL names. */
function accessKeyOf(credential: string | undefined | null): string {
  return /Credential=([A-Z0-9]+)\//.exec(credential ?? '')?.[1] ?? '';
}

const keyNumber = (n: number) => `ASIATESTKEY${String(n).padStart(9, '0')}`;

/** An STS that hands out a new key per AssumeRole and remembers who asked for what. */
async function startSts() {
  let issued = 0;
  const server = await recordingServer(request => {
    const form = new URLSearchParams(request.body);
    if (form.get('Action') !== 'AssumeRole') {
      return { status: 400, type: 'text/plain', body: 'unexpected' };
    }
    issued += 1;
    const key = keyNumber(issued);
    const arn = form.get('RoleArn')!;
    return {
      status: 200,
      type: 'text/xml',
      body: `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>${key}</AccessKeyId><SecretAccessKey>secret${issued}</SecretAccessKey><SessionToken>token${issued}</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROATEST:${issued}</AssumedRoleId><Arn>${arn.replace(
        ':iam::',
        ':sts::',
      )}/${issued}</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r${issued}</RequestId></ResponseMetadata></AssumeRoleResponse>`,
    };
  });
  const assumed = () =>
    server.requests.map((request, index) => {
      const form = new URLSearchParams(request.body);
      return {
        caller: accessKeyOf(request.headers.authorization),
        roleArn: form.get('RoleArn'),
        externalId: form.get('ExternalId'),
        issued: keyNumber(index + 1),
      };
    });
  return { ...server, assumed };
}

function cluster(
  accountId: string,
  name: string,
  endpoint: string,
): FleetInventoryCluster {
  return {
    ref: {
      accountId,
      region: 'us-east-1',
      name,
      arn: `arn:aws:eks:us-east-1:${accountId}:cluster/${name}`,
    },
    endpoint,
    certificateAuthorityData: CA,
    sourceId: 'aws-config',
    tags: {},
    firstSeenAt: '2026-11-22T10:00:00.000Z',
    lastSeenAt: '2026-11-22T10:00:00.000Z',
  };
}

/** What this module's provider hands the catalog for an inventory, with the module's config. */
async function providedEntities(
  config: object,
  clusters: FleetInventoryCluster[],
): Promise<Entity[]> {
  const { schedule: _schedule, ...mapping } = readProviderConfig(
    new ConfigReader(config as any),
  );
  const provider = new FleetResilienceEntityProvider({
    inventory: {
      readInventory: async () => ({
        clusters,
        problems: [],
        sources: [
          {
            id: 'aws-config',
            ok: true,
            lastAttemptAt: '2026-11-22T10:00:00.000Z',
            lastSuccessAt: '2026-11-22T10:00:00.000Z',
          },
        ],
        consistent: true,
      }),
    },
    mapping,
    logger: mockServices.logger.mock(),
  });
  const applyMutation = jest.fn();
  await provider.connect({
    applyMutation,
    refresh: jest.fn(),
  } as EntityProviderConnection);
  await provider.refresh();
  expect(applyMutation).toHaveBeenCalledTimes(1);
  return applyMutation.mock.calls[0][0].entities.map(
    (d: { entity: Entity }) => d.entity,
  );
}

describe("Backstage's Kubernetes backend on this module's entities", () => {
  const saved = { ...process.env };
  let sts: Awaited<ReturnType<typeof startSts>>;

  beforeEach(async () => {
    sts = await startSts();
    // The SDK's STS clients (the aws integration's and the Kubernetes
    // plugin's) send to the recorder; nothing reaches AWS.
    process.env.AWS_ENDPOINT_URL_STS = sts.url;
    process.env.AWS_REGION = 'us-east-1';
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_ACCESS_KEY_ID;
  });

  afterEach(async () => {
    process.env = { ...saved };
    await sts.close();
  });

  function config(extra: object = {}) {
    return {
      aws: {
        mainAccount: { accessKeyId: MAIN_KEY, secretAccessKey: 'main-secret' },
        accounts: [
          {
            accountId: PROD,
            roleName: 'fleet-resilience-reader',
            externalId: 'ext-prod',
          },
          {
            accountId: KEYS_ONLY,
            accessKeyId: 'AKIAKEYSONLYACCOUNT1',
            secretAccessKey: 'keys-secret',
          },
        ],
        accountDefaults: { roleName: 'fleet-resilience-reader' },
      },
      kubernetes: {
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [
          // The clusters' API servers are on a loopback address (never
          // reached), which the locator refuses unless allowed.
          { type: 'catalog', dangerouslyAllowClusterUrls: ['127.0.0.1'] },
        ],
      },
      ...extra,
    };
  }

  async function start(appConfig: object) {
    const entities = await providedEntities(appConfig, [
      cluster(PROD, 'payments', API_SERVER),
      cluster(OTHER, 'search', API_SERVER),
      cluster(KEYS_ONLY, 'legacy', API_SERVER),
    ]);
    const { server } = await startTestBackend({
      features: [
        kubernetesBackend,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({ data: appConfig as any }),
      ],
    });
    const base = `http://localhost:${(server.address() as AddressInfo).port}`;
    return { base, entities, server };
  }

  /**
   * Asks the Kubernetes backend for the objects of an entity: its fan-out
   * takes a credential from the auth strategy for every cluster the
   * (multi-tenant) service locator names, i.e. all of ours, before fetching.
   * The fetch itself cannot run under Jest (the plugin loads
   * @kubernetes/client-node with a dynamic import), so only the STS side
   * is asserted, not the answer.
   */
  async function fanOut(base: string, entity: Entity, stsCalls: number) {
    await fetch(`${base}/api/kubernetes/services/${entity.metadata.name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entity }),
    });
    // The answer may come before every cluster's credential is made (the
    // fan-out fails as a whole at the first failed fetch); wait for the
    // STS calls, then a little for any unexpected extra one.
    const deadline = Date.now() + 5_000;
    while (sts.requests.length < stsCalls && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }

  /** Per role: who assumed it, in order, with which external ID. */
  function chains() {
    const byRole = new Map<string, Array<[string, string | null]>>();
    const issuedTo = new Map<string, string>();
    for (const call of sts.assumed()) {
      const caller = issuedTo.get(call.caller) ?? call.caller;
      byRole.set(call.roleArn!, [
        ...(byRole.get(call.roleArn!) ?? []),
        [caller, call.externalId],
      ]);
      issuedTo.set(call.issued, `credentials of ${call.roleArn}`);
    }
    return Object.fromEntries(byRole);
  }

  it('lists our clusters with the aws auth provider, from the catalog', async () => {
    const { base, entities } = await start(config());
    const response = await fetch(`${base}/api/kubernetes/clusters`);
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as {
      items: Array<{ name: string; title?: string; authProvider: string }>;
    };
    expect(items).toHaveLength(3);
    expect(items.map(item => item.name).sort()).toEqual(
      entities.map(entity => entity.metadata.name).sort(),
    );
    for (const item of items) {
      expect(item.authProvider).toBe('aws');
    }
    expect(items.map(item => item.title).sort()).toEqual([
      'legacy',
      'payments',
      'search',
    ]);
  });

  it("assumes each account's reader role, with its external ID, and none for an account without a role", async () => {
    const { base, entities } = await start(config());
    await fanOut(base, entities[0], 4);
    const prodReader = `arn:aws:iam::${PROD}:role/fleet-resilience-reader`;
    const otherReader = `arn:aws:iam::${OTHER}:role/fleet-resilience-reader`;
    // The aws integration first reaches the account with the account's own
    // role, then the Kubernetes plugin assumes the annotated role from
    // there: with the default, the reader role must trust itself (README).
    expect(chains()).toEqual({
      [prodReader]: [
        [MAIN_KEY, 'ext-prod'],
        [`credentials of ${prodReader}`, 'ext-prod'],
      ],
      [otherReader]: [
        [MAIN_KEY, null],
        [`credentials of ${otherReader}`, null],
      ],
    });
    // The account reached with keys has no role annotation, so nothing was
    // assumed for it (the plugin signs with the main account then).
    const legacy = entities.find(e => e.metadata.title === 'legacy')!;
    expect(
      legacy.metadata.annotations?.['kubernetes.io/aws-assume-role'],
    ).toBeUndefined();
  });

  it("assumes the module's own role when configured, with its external ID", async () => {
    const { base, entities } = await start(
      config({
        catalog: {
          providers: {
            fleetResilience: {
              kubernetes: {
                assumeRoleName: 'backstage-kubernetes-viewer',
                externalId: 'k8s-ext',
              },
            },
          },
        },
      }),
    );
    await fanOut(base, entities[0], 5);
    const reader = (account: string) =>
      `arn:aws:iam::${account}:role/fleet-resilience-reader`;
    const viewer = (account: string) =>
      `arn:aws:iam::${account}:role/backstage-kubernetes-viewer`;
    expect(chains()).toEqual({
      [reader(PROD)]: [[MAIN_KEY, 'ext-prod']],
      [viewer(PROD)]: [[`credentials of ${reader(PROD)}`, 'k8s-ext']],
      [reader(OTHER)]: [[MAIN_KEY, null]],
      [viewer(OTHER)]: [[`credentials of ${reader(OTHER)}`, 'k8s-ext']],
      // Reached with keys by the integration: the viewer role straight away.
      [viewer(KEYS_ONLY)]: [['AKIAKEYSONLYACCOUNT1', 'k8s-ext']],
    });
  });
});
