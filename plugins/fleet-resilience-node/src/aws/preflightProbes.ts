/**
 * The read-only AWS calls the backend's preflight makes to learn whether the
 * fleet's prerequisites hold: who the credentials of an account act as (STS
 * GetCallerIdentity), what an account's AWS Config recorder records
 * (DescribeConfigurationRecorders and ...Status), and whether Config or an
 * aggregator holds a resource type for one account and region (a Select
 * query with a limit of one). Each throws the service's own error; the
 * caller classifies it.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import {
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  SelectAggregateResourceConfigCommand,
  SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsClients } from './AwsClientFactory';
import { checkAccountRegion, isAccountId, isRegion } from './identifiers';
import { defaultAwsEndpoint } from './partitions';
import type { AccountRegion } from '../sources/types';

/**
 * Who a set of credentials acts as.
 *
 * @public
 */
export interface AwsCallerIdentity {
  /** e.g. `arn:aws:sts::111122223333:assumed-role/fleet-resilience-reader/backstage`. */
  arn: string;
  /** The account the credentials act in. */
  account: string;
  /** STS's `UserId`. */
  userId: string;
}

/**
 * An AWS Config recorder, as preflight needs it.
 *
 * @public
 */
export interface ConfigRecorderState {
  /** The recorder's name (`default` when AWS gives none). */
  name: string;
  /** Undefined when DescribeConfigurationRecorderStatus did not report it. */
  recording?: boolean;
  /** Records every supported type (but `excludedResourceTypes`). */
  allSupported: boolean;
  /** The types recorded, when not all supported ones are. */
  resourceTypes: string[];
  /** The types left out (exclusion strategy). */
  excludedResourceTypes: string[];
}

/**
 * An error STS answered (awsQuery XML), e.g. `AccessDenied`.
 *
 * @public
 */
export class StsCallError extends Error {
  constructor(
    name: string,
    message: string,
    /** The HTTP status STS answered. */
    readonly statusCode: number,
  ) {
    super(message);
    this.name = name;
  }
}

const RESOURCE_TYPE = /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/;

function xmlValue(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return match
    ? match[1]
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&')
    : undefined;
}

/**
 * The query that asks whether a resource type of one account and region is
 * recorded. Only validated values are written into it.
 */
export function resourcePresenceQuery(
  resourceType: string,
  where?: AccountRegion,
): string {
  if (!RESOURCE_TYPE.test(resourceType)) {
    throw new TypeError(`'${resourceType}' is not an AWS resource type`);
  }
  if (where && (!isAccountId(where.accountId) || !isRegion(where.region))) {
    throw new TypeError('a resource query needs a valid account and region');
  }
  return `SELECT resourceId WHERE resourceType = '${resourceType}'${
    where
      ? ` AND accountId = '${where.accountId}' AND awsRegion = '${where.region}'`
      : ''
  }`;
}

/**
 * The preflight's AWS reads (see the module comment).
 *
 * @public
 */
export class AwsPreflightProbes {
  private readonly fetch: typeof fetch;

  constructor(
    private readonly options: {
      clients: Pick<AwsClients, 'config' | 'credentials' | 'stsEndpoint'>;
      /** Per STS request; default 10 s. */
      timeoutMs?: number;
      fetch?: typeof fetch;
    },
  ) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /**
   * STS GetCallerIdentity, signed with the account's credentials (which
   * resolves them, AssumeRole included). The endpoint: the configured STS
   * override, else `AWS_ENDPOINT_URL_STS` (as the SDK's own clients read
   * it), else the region's STS host in its partition.
   */
  async callerIdentity(
    target: AccountRegion,
    options: { signal?: AbortSignal } = {},
  ): Promise<AwsCallerIdentity> {
    const { accountId, region } = checkAccountRegion(target);
    const credentials = await this.options.clients.credentials(accountId);
    const endpoint = new URL(
      this.options.clients.stsEndpoint(region) ??
        // As the SDK's clients (integration-aws-node's AssumeRole among them) take it.
        (process.env.AWS_ENDPOINT_URL_STS || undefined) ??
        defaultAwsEndpoint('sts', region),
    );
    const path = endpoint.pathname.endsWith('/')
      ? endpoint.pathname
      : `${endpoint.pathname}/`;
    const body = 'Action=GetCallerIdentity&Version=2011-06-15';
    const signer = new SignatureV4({
      service: 'sts',
      region,
      credentials,
      sha256: Sha256,
    });
    const signed = await signer.sign({
      method: 'POST',
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      port: endpoint.port ? Number(endpoint.port) : undefined,
      path,
      query: {},
      headers: {
        host: endpoint.host,
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      },
      body,
    });
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 10_000);
    const response = await this.fetch(`${endpoint.origin}${path}`, {
      method: 'POST',
      headers: signed.headers,
      body,
      signal: options.signal
        ? AbortSignal.any([timeout, options.signal])
        : timeout,
    });
    const text = await response.text();
    if (!response.ok) {
      throw new StsCallError(
        xmlValue(text, 'Code') ?? `HTTP${response.status}`,
        xmlValue(text, 'Message') ??
          `STS answered HTTP ${response.status} to GetCallerIdentity`,
        response.status,
      );
    }
    const arn = xmlValue(text, 'Arn');
    const account = xmlValue(text, 'Account');
    if (!arn || !account) {
      throw new Error('STS GetCallerIdentity answered without Arn or Account');
    }
    return { arn, account, userId: xmlValue(text, 'UserId') ?? '' };
  }

  /** The account's Config recorders in the region, with whether each is recording. */
  async configRecorders(
    target: AccountRegion,
    options: { signal?: AbortSignal } = {},
  ): Promise<ConfigRecorderState[]> {
    const client = await this.options.clients.config(target);
    const [recorders, statuses] = await Promise.all([
      client.send(new DescribeConfigurationRecordersCommand({}), {
        abortSignal: options.signal,
      }),
      client.send(new DescribeConfigurationRecorderStatusCommand({}), {
        abortSignal: options.signal,
      }),
    ]);
    const recording = new Map(
      (statuses.ConfigurationRecordersStatus ?? []).map(s => [
        s.name,
        s.recording,
      ]),
    );
    return (recorders.ConfigurationRecorders ?? []).map(recorder => {
      const group = recorder.recordingGroup;
      const name = recorder.name ?? 'default';
      const strategy = group?.recordingStrategy?.useOnly;
      return {
        name,
        ...(typeof recording.get(name) === 'boolean'
          ? { recording: recording.get(name) }
          : {}),
        // A recorder without a recording group records every supported type.
        allSupported:
          group === undefined ||
          strategy === 'ALL_SUPPORTED_RESOURCE_TYPES' ||
          strategy === 'EXCLUSION_BY_RESOURCE_TYPES' ||
          (strategy === undefined && group.allSupported === true),
        resourceTypes: (group?.resourceTypes ?? []).map(String),
        excludedResourceTypes:
          strategy === 'EXCLUSION_BY_RESOURCE_TYPES'
            ? (group?.exclusionByResourceTypes?.resourceTypes ?? []).map(String)
            : [],
      };
    });
  }

  /**
   * Whether Config holds at least one resource of `resourceType`: in the
   * account's own Config (`at` = that account and region), or through the
   * aggregator `aggregatorName` (`at` = its account and region) for the
   * source account and region `of`.
   */
  async hasConfigResource(
    input: {
      at: AccountRegion;
      resourceType: string;
      aggregatorName?: string;
      of?: AccountRegion;
    },
    options: { signal?: AbortSignal } = {},
  ): Promise<boolean> {
    const expression = resourcePresenceQuery(input.resourceType, input.of);
    const client = await this.options.clients.config(input.at);
    const answer = input.aggregatorName
      ? await client.send(
          new SelectAggregateResourceConfigCommand({
            ConfigurationAggregatorName: input.aggregatorName,
            Expression: expression,
            Limit: 1,
          }),
          { abortSignal: options.signal },
        )
      : await client.send(
          new SelectResourceConfigCommand({ Expression: expression, Limit: 1 }),
          { abortSignal: options.signal },
        );
    return (answer.Results ?? []).length > 0;
  }
}
