import {
  DescribeUpdateCommand,
  UpdateClusterConfigCommand,
  type Update,
} from '@aws-sdk/client-eks';
import { ForwardedError, InputError } from '@backstage/errors';
import type { EksClusterRef } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { EksClusterConfigurer, EksClusterUpdate } from '../sources/types';
import type { AwsClients } from './AwsClientFactory';

/**
 * Options of {@link AwsEksClusterConfigurer}.
 *
 * @public
 */
export interface AwsEksClusterConfigurerOptions {
  clients: Pick<AwsClients, 'eks'>;
}

const STATUSES: ReadonlyArray<EksClusterUpdate['status']> = [
  'InProgress',
  'Failed',
  'Cancelled',
  'Successful',
];
/** EKS issues UUIDs; anything that would change the URL's meaning is refused before sending. */
const UPDATE_ID = /^[A-Za-z0-9-]{1,64}$/;
/** No length in EKS's model; the CLI and SDKs send a UUID (36). */
const MAX_TOKEN = 64;

/** EKS's `update` -> ours; an update without an ID or a known status is not trusted. */
export function updateFromWire(update: Update | undefined): EksClusterUpdate {
  if (!update?.id) throw new Error('EKS returned an update without an id');
  const status = update.status as EksClusterUpdate['status'] | undefined;
  if (!status || !STATUSES.includes(status)) {
    throw new Error(`EKS returned update status '${String(update.status)}'`);
  }
  const createdAt =
    update.createdAt instanceof Date &&
    !Number.isNaN(update.createdAt.getTime())
      ? update.createdAt.toISOString()
      : undefined;
  return {
    id: update.id,
    type: update.type ?? 'Unknown',
    status,
    ...(createdAt ? { createdAt } : {}),
    errors: (update.errors ?? []).map(error =>
      [error.errorCode, error.errorMessage].filter(Boolean).join(': '),
    ),
  };
}

/**
 * EKS UpdateClusterConfig for `zonalShiftConfig` and DescribeUpdate to follow
 * the asynchronous update it starts (InProgress, then Successful or Failed).
 * Errors keep EKS's exception as the cause (`InvalidParameterException` when
 * nothing would change, `ResourceInUseException` while another update runs,
 * `AccessDeniedException`, ...), so callers can answer 400/409/403.
 *
 * @public
 */
export class AwsEksClusterConfigurer implements EksClusterConfigurer {
  constructor(private readonly options: AwsEksClusterConfigurerOptions) {}

  async updateZonalShiftConfig(
    ref: EksClusterRef,
    enabled: boolean,
    options: { clientRequestToken?: string; signal?: AbortSignal } = {},
  ): Promise<EksClusterUpdate> {
    if (typeof enabled !== 'boolean') {
      throw new InputError('enabled must be true or false');
    }
    const token = options.clientRequestToken;
    if (
      token !== undefined &&
      (typeof token !== 'string' ||
        token.length < 1 ||
        token.length > MAX_TOKEN)
    ) {
      throw new InputError(
        `clientRequestToken must be 1 to ${MAX_TOKEN} characters`,
      );
    }
    try {
      const client = await this.options.clients.eks(ref);
      const { update } = await client.send(
        new UpdateClusterConfigCommand({
          name: ref.name,
          zonalShiftConfig: { enabled },
          // Without one the SDK makes a fresh token per call: a retry after a
          // lost answer would start a second update.
          ...(token !== undefined ? { clientRequestToken: token } : {}),
        }),
        { abortSignal: options.signal },
      );
      return updateFromWire(update);
    } catch (error) {
      throw new ForwardedError(
        `EKS could not update the zonal shift configuration of ${ref.arn}`,
        error,
      );
    }
  }

  async describeUpdate(
    ref: EksClusterRef,
    updateId: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<EksClusterUpdate> {
    if (typeof updateId !== 'string' || !UPDATE_ID.test(updateId)) {
      throw new InputError(`'${String(updateId)}' is not an EKS update ID`);
    }
    try {
      const client = await this.options.clients.eks(ref);
      const { update } = await client.send(
        new DescribeUpdateCommand({ name: ref.name, updateId }),
        { abortSignal: options.signal },
      );
      const result = updateFromWire(update);
      if (result.id !== updateId) {
        throw new Error(`DescribeUpdate returned update ${result.id}`);
      }
      return result;
    } catch (error) {
      throw new ForwardedError(
        `EKS update ${updateId} of ${ref.arn} could not be described`,
        error,
      );
    }
  }
}
