import type { ComponentType, ReactNode } from 'react';
import { Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { clusterArnOf } from '../../lib/clusterEntity';
import { ClusterLoadError, MissingArn } from './ClusterLoadError';

/**
 * A card's body while its cluster loads: the load error, a spinner while
 * loading, nothing when there is no answer, else `children` of the value.
 */
export function ClusterLoadBody<T>(props: {
  value: T | undefined;
  loading: boolean;
  error: Error | undefined;
  children: (value: T) => ReactNode;
}) {
  if (props.error) return <ClusterLoadError error={props.error} />;
  if (!props.value) return props.loading ? <Progress /> : null;
  return <>{props.children(props.value)}</>;
}

/**
 * An entity page's card of a cluster: `View` of the cluster the entity's
 * ARN annotation names, or a card titled `title` saying it names none.
 */
export function EntityClusterCard(props: {
  title: string;
  View: ComponentType<{ clusterArn: string }>;
}) {
  const { entity } = useEntity();
  const arn = clusterArnOf(entity);
  if (!arn) {
    return <MissingArn title={props.title} />;
  }
  return <props.View clusterArn={arn} />;
}
