import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { EKSClient } from '@aws-sdk/client-eks';
import { ResiliencehubClient } from '@aws-sdk/client-resiliencehub';
import type { Config } from '@backstage/config';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { ArcZonalShiftClient } from '../arc/ArcZonalShiftClient';
import type { RetryDelay } from '../arc/transport';
import type { AccountRegion } from '../sources/types';
import {
  DEFAULT_AWS_DEADLINE_MS,
  DEFAULT_AWS_MAX_ATTEMPTS,
  DEFAULT_AWS_REQUEST_TIMEOUT_MS,
  endpointFor,
  readAwsClientSettings,
  type AwsEndpoints,
} from './awsSettings';
import { AwsAccountCredentials, type AwsRole } from './credentials';
import { addDeadline } from './deadline';
import { defaultAwsEndpoint } from './partitions';
import { checkAccountRegion } from './identifiers';

/**
 * Options of {@link AwsClientFactory}.
 *
 * @public
 */
export interface AwsClientFactoryOptions {
  credentials: AwsAccountCredentials;
  endpoints?: AwsEndpoints;
  /** Attempts per call, retries included; default 5. */
  maxAttempts?: number;
  /** Per attempt; default 15 s. */
  requestTimeoutMs?: number;
  /** Per call of an SDK client, retries included; default 120 s. */
  deadlineMs?: number;
  /** ARC's timeouts per attempt and per call; default 10 s and 30 s. */
  arc?: { attemptTimeoutMs?: number; deadlineMs?: number };
  /** Backoff of the ARC client (the SDK clients use the SDK's standard retry strategy). */
  arcRetryDelay?: RetryDelay;
  /** AWS's FIPS endpoints, where an endpoint is not overridden; default false. */
  useFipsEndpoint?: boolean;
}

/**
 * The SDK clients the readers use.
 *
 * @public
 */
export interface AwsClients {
  config(target: AccountRegion): Promise<ConfigServiceClient>;
  eks(target: AccountRegion): Promise<EKSClient>;
  resilienceHub(target: AccountRegion): Promise<ResiliencehubClient>;
  arc(target: AccountRegion): Promise<ArcZonalShiftClient>;
  /** The credentials of an account, e.g. to sign an EKS token. */
  credentials(accountId: string): Promise<AwsCredentialIdentityProvider>;
  /** The STS endpoint EKS tokens are presigned for when not the region's default: the override, or the FIPS host. */
  stsEndpoint(region: string): string | undefined;
}

/**
 * Builds AWS clients per (account, region) with the account's credentials,
 * the configured endpoint overrides and retries, and keeps one client per
 * key. The SDK clients retry throttling and 5xx with the SDK's standard
 * retry strategy (exponential backoff with jitter; AWS Config's in adaptive
 * mode, which also rate-limits the client after a throttle); the ARC client
 * has its own.
 *
 * @public
 */
export class AwsClientFactory implements AwsClients {
  /**
   * Reads `fleetResilience.aws` and the `aws` integration config. `role`
   * (default `reader`): whose credentials the clients sign with; the
   * `operator`'s are `fleetResilience.aws.operatorRole` assumed in each
   * account from `aws.mainAccount`, or the reader's when it is not set.
   */
  static fromConfig(
    config: Config,
    options: { credentials?: AwsAccountCredentials; role?: AwsRole } = {},
  ): AwsClientFactory {
    const settings = readAwsClientSettings(config);
    return new AwsClientFactory({
      credentials:
        options.credentials ??
        AwsAccountCredentials.fromConfig(config, { role: options.role }),
      ...settings,
    });
  }

  private readonly clients = new Map<string, Promise<unknown>>();
  private readonly endpoints: AwsEndpoints;
  private readonly maxAttempts: number;
  private readonly requestTimeoutMs: number;
  private readonly deadlineMs: number;
  private readonly useFipsEndpoint: boolean;

  constructor(private readonly options: AwsClientFactoryOptions) {
    this.endpoints = options.endpoints ?? {};
    this.maxAttempts = options.maxAttempts ?? DEFAULT_AWS_MAX_ATTEMPTS;
    this.requestTimeoutMs =
      options.requestTimeoutMs ?? DEFAULT_AWS_REQUEST_TIMEOUT_MS;
    this.deadlineMs = options.deadlineMs ?? DEFAULT_AWS_DEADLINE_MS;
    this.useFipsEndpoint = options.useFipsEndpoint ?? false;
  }

  credentials(accountId: string): Promise<AwsCredentialIdentityProvider> {
    return this.options.credentials.forAccount(accountId);
  }

  stsEndpoint(region: string): string | undefined {
    const configured = endpointFor(this.endpoints, 'sts', region);
    if (configured !== undefined || !this.useFipsEndpoint) return configured;
    // EKS tokens are presigned for STS's FIPS host (refused where AWS has none).
    return defaultAwsEndpoint('sts', region, { useFipsEndpoint: true });
  }

  config(target: AccountRegion): Promise<ConfigServiceClient> {
    return this.cached('config', target, credentials =>
      this.withDeadline(
        'AWS Config',
        new ConfigServiceClient({
          ...this.sdkOptions(target.region, credentials),
          // An inventory read sends many queries at once to one client:
          // adaptive mode also slows the client's next requests after a
          // throttle, instead of only retrying the throttled one.
          retryMode: 'adaptive',
          endpoint: endpointFor(this.endpoints, 'config', target.region),
        }),
      ),
    );
  }

  eks(target: AccountRegion): Promise<EKSClient> {
    return this.cached('eks', target, credentials =>
      this.withDeadline(
        'Amazon EKS',
        new EKSClient({
          ...this.sdkOptions(target.region, credentials),
          endpoint: endpointFor(this.endpoints, 'eks', target.region),
        }),
      ),
    );
  }

  resilienceHub(target: AccountRegion): Promise<ResiliencehubClient> {
    return this.cached('resiliencehub', target, credentials =>
      this.withDeadline(
        'AWS Resilience Hub',
        new ResiliencehubClient({
          ...this.sdkOptions(target.region, credentials),
          endpoint: endpointFor(this.endpoints, 'resiliencehub', target.region),
        }),
      ),
    );
  }

  arc(target: AccountRegion): Promise<ArcZonalShiftClient> {
    return this.cached(
      'arc',
      target,
      credentials =>
        new ArcZonalShiftClient({
          region: target.region,
          credentials,
          endpoint: endpointFor(this.endpoints, 'arc', target.region),
          maxAttempts: this.maxAttempts,
          retryDelay: this.options.arcRetryDelay,
          ...this.options.arc,
          useFipsEndpoint: this.useFipsEndpoint,
        }),
    );
  }

  private withDeadline<T extends Parameters<typeof addDeadline>[0]>(
    service: string,
    client: T,
  ): T {
    addDeadline(client, service, this.deadlineMs);
    return client;
  }

  private sdkOptions(
    region: string,
    credentials: AwsCredentialIdentityProvider,
  ) {
    return {
      region,
      credentials,
      maxAttempts: this.maxAttempts,
      retryMode: 'standard',
      ...(this.useFipsEndpoint ? { useFipsEndpoint: true } : {}),
      requestHandler: {
        connectionTimeout: this.requestTimeoutMs,
        requestTimeout: this.requestTimeoutMs,
      },
    };
  }

  /** One client per service, account and region; a failed creation is not kept. */
  private cached<T>(
    service: string,
    target: AccountRegion,
    create: (credentials: AwsCredentialIdentityProvider) => T,
  ): Promise<T> {
    let checked: AccountRegion;
    try {
      checked = checkAccountRegion(target);
    } catch (error) {
      return Promise.reject(error);
    }
    const { accountId, region } = checked;
    const key = `${service}/${accountId}/${region}`;
    let client = this.clients.get(key) as Promise<T> | undefined;
    if (!client) {
      client = this.credentials(accountId).then(create);
      this.clients.set(key, client);
      client.catch(() => this.clients.delete(key));
    }
    return client;
  }
}
