import { screen } from '@testing-library/react';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { CLUSTER_ARN } from '../../__testUtils__/fixtures';
import { renderWithClient } from '../../__testUtils__/render';
import { ClusterLoadBody, EntityClusterCard } from './ClusterCard';

function entityWith(annotations: Record<string, string>) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'payments-prod', annotations },
    spec: { type: 'kubernetes-cluster' },
  };
}

const ShowArn = (props: { clusterArn: string }) => (
  <div>view of {props.clusterArn}</div>
);

describe('EntityClusterCard', () => {
  it('shows the view of the cluster the annotation names', async () => {
    await renderWithClient(
      <EntityProvider
        entity={entityWith({ 'fleet-resilience.io/cluster-arn': CLUSTER_ARN })}
      >
        <EntityClusterCard title="Zonal shift" View={ShowArn} />
      </EntityProvider>,
    );
    expect(screen.getByText(`view of ${CLUSTER_ARN}`)).toBeInTheDocument();
  });

  it('says under its title that an entity with no valid ARN is no cluster', async () => {
    await renderWithClient(
      <EntityProvider
        entity={entityWith({ 'fleet-resilience.io/cluster-arn': 'not-an-arn' })}
      >
        <EntityClusterCard title="Zonal shift" View={ShowArn} />
      </EntityProvider>,
    );
    expect(screen.getByText('Zonal shift')).toBeInTheDocument();
    expect(
      screen.getByText('Not a Fleet Resilience cluster'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/view of/)).not.toBeInTheDocument();
  });
});

describe('ClusterLoadBody', () => {
  const render = (props: { value?: string; loading: boolean; error?: Error }) =>
    renderWithClient(
      <ClusterLoadBody
        value={props.value}
        loading={props.loading}
        error={props.error}
      >
        {value => <div>loaded {value}</div>}
      </ClusterLoadBody>,
    );

  it('shows the value once loaded', async () => {
    await render({ value: 'alpha', loading: false });
    expect(screen.getByText('loaded alpha')).toBeInTheDocument();
  });

  it('shows the error before any value, a 404 as a cluster not ingested yet', async () => {
    await render({
      value: 'alpha',
      loading: false,
      error: Object.assign(new Error('no'), { statusCode: 404 }),
    });
    expect(
      screen.getByText('Cluster not in the fleet yet'),
    ).toBeInTheDocument();
    expect(screen.queryByText('loaded alpha')).not.toBeInTheDocument();
  });

  it('shows a spinner while loading and nothing once loading gave no value', async () => {
    const { unmount } = await render({ loading: true });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    unmount();
    await render({ loading: false });
    expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
    expect(screen.queryByText(/loaded/)).not.toBeInTheDocument();
  });
});
