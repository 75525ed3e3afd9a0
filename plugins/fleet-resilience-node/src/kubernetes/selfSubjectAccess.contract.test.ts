/**
 * KubernetesAccessReviewer against the simulated clusters over HTTP, through
 * the real @kubernetes/client-node, with EKS IAM tokens signed by the real
 * credentials manager: SelfSubjectAccessReview answers from the cluster's
 * RBAC (the simulator's forbidden rules), and a cluster it cannot use or
 * reach rejects with the reason.
 */
import type { RunningSimulator } from '@fleet-resilience/fleet-simulator';
import {
  AGGREGATOR,
  simulatorConfig,
  startDemoSimulator,
} from '../__testUtils__/simulator';
import { AwsClientFactory } from '../aws/AwsClientFactory';
import { AwsConfigInventorySource } from '../aws/AwsConfigInventorySource';
import type { KubernetesTarget } from '../sources/types';
import { kubernetesFailureKind } from './kubernetesFailure';
import { KubernetesAccessReviewer } from './selfSubjectAccess';
import { EksTokenProvider } from './tokenProviders';

const REQUESTS = [
  { verb: 'list', group: '', resource: 'pods' },
  { verb: 'list', group: 'apps', resource: 'deployments' },
  { verb: 'patch', group: 'karpenter.sh', resource: 'nodepools' },
];

describe('KubernetesAccessReviewer against the simulator', () => {
  let sim: RunningSimulator;
  let factory: AwsClientFactory;
  let target: KubernetesTarget;
  const reviewer = () =>
    new KubernetesAccessReviewer({
      tokens: new EksTokenProvider(factory),
      allowInsecureEndpoints: true,
      maxAttempts: 1,
    });

  beforeAll(async () => {
    sim = await startDemoSimulator();
    factory = AwsClientFactory.fromConfig(simulatorConfig(sim.url));
    const inventory = await new AwsConfigInventorySource({
      clients: factory,
      scope: { mode: 'aggregator', aggregator: AGGREGATOR },
      allowInsecureEndpoints: true,
    }).readInventory();
    const cluster = inventory.clusters.find(
      c => c.ref.name === 'payments-prod-use1',
    )!;
    target = {
      ref: cluster.ref,
      endpoint: cluster.endpoint!,
      certificateAuthorityData: cluster.certificateAuthorityData,
    };
  });
  afterAll(() => sim?.stop());
  afterEach(() =>
    fetch(`${sim.url}/_sim/kubernetes/forbidden`, { method: 'DELETE' }),
  );

  it('answers allowed for everything the cluster’s RBAC allows', async () => {
    await expect(reviewer().review(target, REQUESTS)).resolves.toEqual(
      REQUESTS.map(request =>
        expect.objectContaining({ ...request, allowed: true }),
      ),
    );
  });

  it('answers not allowed for what the cluster forbids, and changes nothing', async () => {
    const put = await fetch(`${sim.url}/_sim/kubernetes/forbidden`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        clusterArn: target.ref.arn,
        rules: [
          { verb: 'patch', resource: 'nodepools', group: 'karpenter.sh' },
        ],
      }),
    });
    expect(put.status).toBe(200);
    const decisions = await reviewer().review(target, REQUESTS);
    expect(decisions.map(d => `${d.verb} ${d.resource}: ${d.allowed}`)).toEqual(
      ['list pods: true', 'list deployments: true', 'patch nodepools: false'],
    );
  });

  it('rejects a cluster whose endpoint it may not use, before connecting', async () => {
    const strict = new KubernetesAccessReviewer({
      tokens: new EksTokenProvider(factory),
    });
    const error = await strict.review(target, REQUESTS).catch(e => e);
    expect(error.message).toMatch(
      /^Kubernetes API of .* is not used: .*must use https/,
    );
    expect(kubernetesFailureKind(error)).toBe('endpoint-not-used');
  });

  it('rejects an API server that cannot be reached, as unreachable', async () => {
    const closed = { ...target, endpoint: 'http://127.0.0.1:9/k8s/nowhere' };
    const error = await reviewer()
      .review(closed, REQUESTS)
      .catch(e => e);
    expect(error.message).toMatch(/could not review access: unreachable/);
    expect(kubernetesFailureKind(error)).toBe('unreachable');
  });
});
