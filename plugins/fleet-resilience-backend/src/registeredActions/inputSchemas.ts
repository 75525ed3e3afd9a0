/**
 * The tools' input fields, built on the zod the actions registry hands to
 * each schema builder. Every field says, for a model choosing tools, what it
 * is, its format with an example, and its default. The bounds and patterns
 * are the HTTP API's own (the query parsers, the action body parsers, the
 * common package's validators), so a tool accepts what the route accepts.
 *
 * The registry answers a schema failure with a bare "Invalid input to
 * action" InputError (the zod issues only as its cause, which the MCP
 * actions backend does not pass on to the client): `toolInput` makes the
 * rejection itself an InputError that names each field and what is wrong.
 */
import type { ActionsRegistryActionOptions } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import {
  DATA_FRESHNESS_VALUES,
  expiresInToMilliseconds,
  MAX_SHIFT_COMMENT_LENGTH,
  PAGING_LIMITS,
  parseEksClusterArn,
  READINESS_CHECK_IDS,
  READINESS_VERDICTS,
  plainTextProblem,
  SHIFT_STATES,
  SURVIVABILITY_VERDICTS,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  AZ_ID,
  IDEMPOTENCY_KEY,
  MAX_FLEET_CLUSTERS,
  ZONAL_SHIFT_ID,
} from '../service/parseActionInput';
import {
  ACCOUNT_ID,
  MAX_OFFSET,
  MAX_SEARCH_LENGTH,
  MAX_VALUES_PER_FILTER,
  REGION,
  VERSION,
  ZONE,
} from '../service/queryValues';

/** The zod (its v3 API) the registry passes to `schema.input` and `schema.output`. */
export type Zod = Parameters<
  ActionsRegistryActionOptions<never, never>['schema']['input']
>[0];

/** What `toolInput` needs of a zod schema's `safeParse` result. */
interface Parseable {
  safeParse(
    data: unknown,
    params?: never,
  ):
    | { success: true }
    | {
        success: false;
        error: {
          issues: ReadonlyArray<{
            path: ReadonlyArray<string | number>;
            message: string;
          }>;
        };
      };
}

/**
 * `schema` (a strict object: an unknown field is refused, as the routes
 * refuse unknown parameters), whose rejection throws an InputError naming
 * each field: `Invalid input to start-zonal-shift: comment: Required`.
 */
export function toolInput<S extends Parseable>(tool: string, schema: S): S {
  const safeParse = schema.safeParse.bind(schema);
  schema.safeParse = ((data: unknown, params?: never) => {
    const result = safeParse(data, params);
    if (!result.success) {
      const problems = result.error.issues.map(issue =>
        issue.path.length > 0
          ? `${issue.path.join('.')}: ${issue.message}`
          : issue.message,
      );
      throw new InputError(`Invalid input to ${tool}: ${problems.join('; ')}`);
    }
    return result;
  }) as S['safeParse'];
  return schema;
}

/** A non-empty list of allowed values, as `z.enum` takes it. */
function nonEmpty<T extends string>(values: readonly T[]): [T, ...T[]] {
  return [...values] as [T, ...T[]];
}

/** One of `values`, described. */
export function oneOf<T extends string>(
  z: Zod,
  values: readonly T[],
  description: string,
) {
  return z.enum(nonEmpty(values)).describe(description);
}

/** A filter: up to 50 values, any of which matches (as the query parameters). */
export function filterList<T extends Parameters<Zod['array']>[0]>(
  z: Zod,
  item: T,
  description: string,
) {
  return z
    .array(item)
    .max(MAX_VALUES_PER_FILTER)
    .optional()
    .describe(
      `${description} Up to ${MAX_VALUES_PER_FILTER} values; a cluster matching any of them is listed. Default: no filter.`,
    );
}

const CLUSTER_ARN_EXAMPLE =
  'arn:aws:eks:us-east-1:123456789012:cluster/payments-prod';

/** An EKS cluster ARN, checked as the routes check it. */
export function clusterArn(z: Zod, description: string) {
  return z
    .string()
    .superRefine((value, ctx) => {
      try {
        parseEksClusterArn(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    })
    .describe(
      `${description} Format: the EKS cluster ARN, e.g. ${CLUSTER_ARN_EXAMPLE} (list-clusters answers it as items[].ref.arn).`,
    );
}

/** Cluster ARNs for a fleet-wide plan or shift: all clusters in the AZ when absent. */
export function fleetClusters(z: Zod) {
  return z
    .array(clusterArn(z, 'One cluster of the subset.'))
    .min(1)
    .max(MAX_FLEET_CLUSTERS)
    .optional()
    .describe(
      `Only these clusters: 1 to ${MAX_FLEET_CLUSTERS} EKS cluster ARNs, e.g. ["${CLUSTER_ARN_EXAMPLE}"]. Default: every cluster you may read that has the AZ.`,
    );
}

/** An AZ ID only: AZ names differ per account, so fleet-wide tools take IDs. */
export function azId(z: Zod, description: string) {
  return z
    .string()
    .regex(AZ_ID, 'must be an AZ ID such as use1-az2 (not an AZ name)')
    .describe(
      `${description} Format: an AZ ID such as use1-az2 (AZ IDs are the same in every account; AZ names like us-east-1a are not, so they are refused here).`,
    );
}

/** An AZ of one cluster, by ID or by name, checked against the cluster's AZs. */
export function clusterZone(z: Zod, description: string) {
  return z
    .string()
    .min(1)
    .describe(
      `${description} Format: an AZ ID such as use1-az2, or the AZ name such as us-east-1b; it must be one of the cluster's AZs (get-cluster lists them in summary.zones).`,
    );
}

/** A duration as ARC takes it: `30m`, `2h`, from 1 minute to 72 hours. */
export function duration(z: Zod, description: string) {
  return z
    .string()
    .superRefine((value, ctx) => {
      try {
        expiresInToMilliseconds(value);
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: (error as Error).message.replace(/^expiresIn /, ''),
        });
      }
    })
    .describe(
      `${description} Format: whole minutes or hours, e.g. 30m or 2h, from 1m to 72h, no spaces or leading zeros.`,
    );
}

/** Why the shift is made: one line of plain text, at most 128 characters. */
export function shiftComment(z: Zod, description: string) {
  return z
    .string()
    .trim()
    .min(1, 'is required: say why')
    .max(MAX_SHIFT_COMMENT_LENGTH)
    .superRefine((value, ctx) => {
      const problem = plainTextProblem(value);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
      }
    })
    .describe(
      `${description} One line of plain text, 1 to ${MAX_SHIFT_COMMENT_LENGTH} characters, e.g. "INC-4211: elevated 5xx in use1-az2". It is recorded in the audit trail.`,
    );
}

/** An ARC zonal shift ID. */
export function zonalShiftId(z: Zod) {
  return z
    .string()
    .regex(ZONAL_SHIFT_ID, 'must be 6 to 36 letters, digits or "-"')
    .describe(
      "The ARC zonal shift's ID, e.g. 3f1c2e9a-7b4d-4c1e-9a2f-5d6e7f8a9b0c: list-active-shifts answers it as items[].zonalShiftId, get-cluster as activeShifts[].zonalShiftId.",
    );
}

/** The Idempotency-Key of the HTTP API, as a field. */
export function idempotencyKey(z: Zod) {
  return z
    .string()
    .regex(
      IDEMPOTENCY_KEY,
      'must be 1 to 128 characters of letters, digits, ".", "_", ":" or "-"',
    )
    .optional()
    .describe(
      'Optional key that makes a retry safe: a second call with the same key and the same input answers the first call\'s result (with replayed: true) instead of acting again. 1 to 128 characters of letters, digits, ".", "_", ":" or "-", e.g. "inc-4211-shift-1". Default: none (each call acts).',
    );
}

/** `limit` and `offset` of a list, as the routes page. */
export function paging(z: Zod) {
  return {
    limit: z
      .number()
      .int()
      .min(1)
      .max(PAGING_LIMITS.maxLimit)
      .optional()
      .describe(
        `Page size: 1 to ${PAGING_LIMITS.maxLimit} items. Default ${PAGING_LIMITS.defaultLimit}. The answer's paging.nextOffset is the next page's offset.`,
      ),
    offset: z
      .number()
      .int()
      .min(0)
      .max(MAX_OFFSET)
      .optional()
      .describe(
        'How many items to skip, for the next page (paging.nextOffset of the previous answer). Default 0.',
      ),
  };
}

/** The readiness filters of list-clusters and get-readiness-summary. */
export function readinessFilters(z: Zod) {
  return {
    readiness: filterList(
      z,
      oneOf(z, READINESS_VERDICTS, 'A readiness verdict.'),
      `How ready the cluster is for an AZ failure: ${READINESS_VERDICTS.join(
        ', ',
      )} (not-ready: a check fails; at-risk: one warns).`,
    ),
    check: filterList(
      z,
      oneOf(z, READINESS_CHECK_IDS, 'A readiness check.'),
      `Readiness checks that fail or warn on the cluster: ${READINESS_CHECK_IDS.join(
        ', ',
      )}; e.g. ["zonal-shift"] lists the clusters without zonal shift enabled.`,
    ),
  };
}

/**
 * The fleet's filters, those of GET /clusters (list-clusters) and GET
 * /readiness-summary: each a list whose values are alternatives; the
 * filters combine.
 */
export function fleetFilters(z: Zod) {
  return {
    account: filterList(
      z,
      z.string().regex(ACCOUNT_ID, 'must be 12 digits'),
      'AWS account IDs (12 digits), e.g. ["123456789012"].',
    ),
    region: filterList(
      z,
      z.string().regex(REGION, 'must be a region code like us-east-1'),
      'AWS region codes, e.g. ["us-east-1"].',
    ),
    zone: filterList(
      z,
      z.string().regex(ZONE, 'must be an AZ ID like use1-az1 or an AZ name'),
      'AZs the cluster has, by AZ ID (use1-az2, the same in every account) or AZ name (us-east-1b), e.g. ["use1-az2"].',
    ),
    version: filterList(
      z,
      z.string().regex(VERSION, 'must be a version like 1.33'),
      'Kubernetes versions, e.g. ["1.33"].',
    ),
    owner: filterList(
      z,
      z.string().min(1),
      'Owners: entity refs like "group:default/payments-team", or a bare group name like "payments-team".',
    ),
    shiftState: filterList(
      z,
      oneOf(z, SHIFT_STATES, 'A shift state.'),
      `Whether, and by what, traffic is shifted away from an AZ now: ${SHIFT_STATES.join(
        ', ',
      )}.`,
    ),
    verdict: filterList(
      z,
      oneOf(z, SURVIVABILITY_VERDICTS, 'An N-1 verdict.'),
      `Whether the cluster survives losing its worst AZ: ${SURVIVABILITY_VERDICTS.join(
        ', ',
      )}. "at-risk" lists the clusters that would not.`,
    ),
    freshness: filterList(
      z,
      oneOf(z, DATA_FRESHNESS_VALUES, 'A data freshness.'),
      `How current the cluster's Kubernetes data is: ${DATA_FRESHNESS_VALUES.join(
        ', ',
      )}.`,
    ),
    ...readinessFilters(z),
    search: z
      .string()
      .max(MAX_SEARCH_LENGTH)
      .optional()
      .describe(
        `Part of the cluster name, case-insensitive, up to ${MAX_SEARCH_LENGTH} characters, e.g. "payments". Default: none.`,
      ),
  };
}
