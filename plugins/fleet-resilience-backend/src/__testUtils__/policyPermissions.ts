/**
 * A permission service for tests that answers from a test policy the way
 * Backstage's permission backend does, conditions included:
 * `authorizeConditional` gives the policy's decision as it is (the plugin
 * turns its conditions into SQL); `authorize` with a resource ref resolves a
 * conditional decision through the plugin's own apply-conditions endpoint,
 * i.e. the registered cluster resource (getResources, then the rules'
 * `apply`), as the permission backend does. Service principals are allowed
 * without asking the policy, as Backstage's permission client does.
 */
import {
  mockCredentials,
  mockServices,
  type TestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  type DefinitivePolicyDecision,
  type Permission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import request from 'supertest';
import { API } from './fleetBackend';

/** A user's decision on a permission (a policy's `handle`, synchronous). */
export type TestPolicy = (
  userEntityRef: string | undefined,
  permission: Permission,
) => PolicyDecision;

const APPLY_CONDITIONS = `${API}/.well-known/backstage/permissions/apply-conditions`;

/**
 * The permissions service factory of `policy`; `backend` is the test
 * backend whose plugin resolves conditional decisions (read when asked).
 */
export function policyPermissions(
  policy: TestPolicy,
  backend: () => TestBackend,
) {
  const decide = (
    credentials: { principal: unknown },
    permission: Permission,
  ): PolicyDecision => {
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
    };
    if (principal.type === 'service') {
      return { result: AuthorizeResult.ALLOW };
    }
    return policy(principal.userEntityRef, permission);
  };

  const resolve = async (
    decision: PolicyDecision,
    resourceRef: string | undefined,
  ): Promise<DefinitivePolicyDecision> => {
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      return decision;
    }
    if (resourceRef === undefined) {
      throw new Error(
        'A conditional decision without a resource ref cannot be authorized',
      );
    }
    const response = await request(backend().server)
      .post(APPLY_CONDITIONS)
      .set({
        Authorization: mockCredentials.service.header({
          onBehalfOf: mockCredentials.service('plugin:permission'),
          targetPluginId: 'fleet-resilience',
        }),
      })
      .send({
        items: [
          {
            id: '1',
            resourceRef,
            resourceType: decision.resourceType,
            conditions: decision.conditions,
          },
        ],
      });
    if (response.status !== 200) {
      throw new Error(
        `apply-conditions answered ${response.status}: ${response.text}`,
      );
    }
    return { result: response.body.items[0].result };
  };

  return mockServices.permissions.mock({
    authorizeConditional: async (requests, options) =>
      requests.map(r => decide(options.credentials, r.permission)) as never,
    authorize: async (requests, options) =>
      Promise.all(
        requests.map(r =>
          resolve(
            decide(options.credentials, r.permission),
            'resourceRef' in r ? (r.resourceRef as string) : undefined,
          ),
        ),
      ),
  }).factory;
}
