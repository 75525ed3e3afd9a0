import {
  EmptyState,
  InfoCard,
  ResponseErrorPanel,
} from '@backstage/core-components';

/** A failed load: 404 means the backend does not know the cluster (yet). */
export function ClusterLoadError(props: { error: Error }) {
  const status = (props.error as { statusCode?: unknown }).statusCode;
  if (status === 404) {
    return (
      <EmptyState
        missing="data"
        title="Cluster not in the fleet yet"
        description="Fleet Resilience has not ingested this cluster. It appears after the next inventory refresh if AWS Config reports it."
      />
    );
  }
  return <ResponseErrorPanel error={props.error} />;
}

/** For an entity without a usable cluster ARN annotation. */
export function MissingArn(props: { title: string }) {
  return (
    <InfoCard title={props.title}>
      <EmptyState
        missing="field"
        title="Not a Fleet Resilience cluster"
        description="This entity has no valid fleet-resilience.io/cluster-arn annotation."
      />
    </InfoCard>
  );
}
