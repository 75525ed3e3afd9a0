/**
 * `POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews`: "may I do
 * this?", answered from the cluster's forbidden rules (./rbac) for the
 * caller, as the API server answers it from RBAC: 201 with the review and
 * `status: {allowed}` (RBAC never denies explicitly, so `denied` is left out).
 */
import { isJsonObject } from '../json';
import { isForbidden } from './rbac';
import { badRequest, KubeApiError } from './status';

export const ACCESS_REVIEW_PATH =
  '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

const invalid = (message: string) =>
  new KubeApiError(
    422,
    'Invalid',
    `SelfSubjectAccessReview.authorization.k8s.io "" is invalid: ${message}`,
  );

export function reviewAccess(
  cluster: object,
  body: Buffer,
  roleName: string | undefined,
) {
  let review: unknown;
  try {
    review = JSON.parse(body.toString('utf8'));
  } catch {
    throw badRequest('the request body is not JSON');
  }
  const spec = isJsonObject(review) ? review.spec : undefined;
  const attributes = isJsonObject(spec) ? spec.resourceAttributes : undefined;
  const nonResource = isJsonObject(spec)
    ? spec.nonResourceAttributes
    : undefined;
  if (!isJsonObject(attributes) && !isJsonObject(nonResource)) {
    throw invalid(
      'spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
    );
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const allowed = isJsonObject(attributes)
    ? !isForbidden(
        cluster,
        text(attributes.verb),
        attributes.subresource
          ? `${text(attributes.resource)}/${text(attributes.subresource)}`
          : text(attributes.resource),
        text(attributes.group),
        roleName,
      )
    : true;
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status: { allowed },
  };
}
