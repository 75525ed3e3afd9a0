/**
 * EKS's and ARC's answers to a readiness fix, as Backstage errors the portal
 * can show. Pure. As for shifts (arcErrors.ts), the message says what
 * happened in our words with AWS's error type and reason code; AWS's own
 * text (which may name the backend's role, account or request IDs) is only
 * for the log. Access denied is a 403 naming the IAM action the backend's
 * role lacks: the fix cannot work until an administrator grants it.
 */
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { ArcZonalShiftError } from '@fleet-resilience/plugin-fleet-resilience-node';
import { mapArcError, UncertainArcError } from './arcErrors';

/** What the user is told per ARC conflict reason of the readiness operations. */
const ARC_CONFLICT_HINTS: Record<string, string> = {
  PracticeConfigurationDoesNotExist:
    'the cluster has no practice-run configuration: configure practice runs first',
  PracticeConfigurationAlreadyExists:
    'a practice-run configuration already exists',
  AutoShiftEnabled:
    'zonal autoshift is enabled: disable it before removing practice runs',
  ZonalAutoshiftActive: 'an autoshift is in progress for this cluster',
};

/** EKS's answers, by error type. */
const EKS_ERRORS: Record<string, (doing: string, type: string) => Error> = {
  InvalidParameterException: (doing, type) =>
    new InputError(
      `EKS refused to ${doing}: a parameter is not valid for this cluster (${type})`,
    ),
  InvalidRequestException: (doing, type) =>
    new ConflictError(
      `EKS refused to ${doing}: the cluster cannot take this change in its current state (${type})`,
    ),
  ResourceInUseException: (doing, type) =>
    new ConflictError(
      `EKS refused to ${doing}: another update of the cluster is in progress; try again when it has completed (${type})`,
    ),
  ClientException: (doing, type) =>
    new InputError(`EKS refused to ${doing} (${type})`),
  ResourceNotFoundException: (_doing, type) =>
    new NotFoundError(`EKS does not know the cluster (${type})`),
  ThrottlingException: (doing, type) =>
    new ServiceUnavailableError(
      `EKS is throttling requests: it did not ${doing}, even after retries (${type}). Nothing changed; try again in a minute`,
    ),
};

/** An error type as AWS names them; anything else is not shown. */
const CODE = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

/** The AWS error under ForwardedErrors (our clients wrap the SDK's). */
export function awsCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const cause = (current as { cause?: unknown } | null)?.cause;
    if (!cause || current instanceof ArcZonalShiftError) break;
    current = cause;
  }
  return current;
}

function accessDenied(doing: string, iamAction: string, type: string) {
  return new NotAllowedError(
    `AWS refused to ${doing}: the backend's AWS role may not call ${iamAction}; an administrator must grant it (see examples/iam) (${type})`,
  );
}

/**
 * Maps an ARC client failure of a readiness fix: conflicts 409 with the
 * reason, validation 400, access denied 403 naming `iamAction`, the rest as
 * for shifts (uncertain failures stay uncertain).
 */
export function mapReadinessArcError(
  error: unknown,
  doing: string,
  iamAction: string,
): Error {
  const cause = awsCause(error);
  if (cause instanceof ArcZonalShiftError) {
    const type = CODE.test(cause.name)
      ? cause.name
      : `HTTP ${cause.statusCode}`;
    if (cause.name === 'AccessDeniedException' || cause.statusCode === 403) {
      return accessDenied(doing, iamAction, type);
    }
    if (cause.name === 'ConflictException' || cause.statusCode === 409) {
      const reason =
        cause.reason && CODE.test(cause.reason) ? cause.reason : undefined;
      const hint = reason ? ARC_CONFLICT_HINTS[reason] : undefined;
      return new ConflictError(
        `ARC refused to ${doing}${hint ? `: ${hint}` : ''} (${type}${
          reason ? `, reason ${reason}` : ''
        })`,
      );
    }
    return mapArcError(cause, doing);
  }
  return mapArcError(error, doing);
}

/**
 * Maps an EKS failure (the SDK's exception, possibly wrapped): 400, 404, 409
 * as EKS says, access denied 403 naming `iamAction`; a server fault, timeout
 * or lost connection leaves it unknown whether EKS applied the change (an
 * UncertainArcError: its intent stays pending until it is resolved).
 */
export function mapEksError(
  error: unknown,
  doing: string,
  iamAction: string,
): Error {
  const cause = awsCause(error) as {
    name?: unknown;
    $fault?: unknown;
    $metadata?: { httpStatusCode?: number };
  };
  const name = typeof cause?.name === 'string' ? cause.name : '';
  const type = CODE.test(name) ? name : 'unknown error';
  const status = cause?.$metadata?.httpStatusCode;
  if (name === 'AccessDeniedException' || status === 403) {
    return accessDenied(doing, iamAction, type);
  }
  const known = EKS_ERRORS[name];
  if (known) {
    return known(doing, type);
  }
  if (cause?.$fault === 'client' && status !== undefined && status < 500) {
    return new InputError(`EKS refused to ${doing} (${type})`);
  }
  if (error instanceof InputError) {
    return error;
  }
  return new UncertainArcError(
    `EKS did not confirm the request to ${doing} (${type}), so it may or may not have happened: the cluster's readiness shows it after the next refresh. Sending the same request again is safe: EKS takes it once`,
  );
}
