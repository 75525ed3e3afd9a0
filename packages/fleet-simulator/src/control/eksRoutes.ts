/**
 * Control routes for EKS cluster updates: `GET eks/updates` reads the
 * simulated duration of an update and the armed failures (with
 * `?clusterArn=`, also that cluster's updates), `PUT eks/updates`
 * sets the duration (`{"durationMs": 60000}`), `POST eks/update-failures`
 * makes the next update of a cluster fail
 * (`{"clusterArn", "errorCode"?, "errorMessage"?}`), `DELETE
 * eks/update-failures` disarms them all.
 */
import { EKS_UPDATE_ERROR_CODES } from '../aws';
import { updateJson } from '../aws/eks/updates';
import type { ControlApiOptions } from './api';
import { ControlError, readBody, type Route } from './requests';

const MAX_DURATION_MS = 24 * 3_600_000;

export function eksRoutes(
  options: Pick<ControlApiOptions, 'eksUpdates' | 'fleet'>,
): Record<string, Route> {
  const { eksUpdates: updates, fleet } = options;
  if (!updates) return {};
  const view = () => ({
    durationMs: updates.durationMs(),
    failures: updates.armedFailures(),
  });
  return {
    'GET eks/updates': (_body, query) => {
      const arn = query.get('clusterArn');
      if (arn === null) return { body: view() };
      const cluster = fleet.cluster(arn);
      if (!cluster) {
        throw new ControlError(
          404,
          'NotFound',
          `no cluster ${arn} in the fleet`,
        );
      }
      const listed = updates.list(cluster).map(update => ({
        ...updateJson(update),
        createdAt: new Date(update.createdAt).toISOString(),
        completeAt: new Date(update.completeAt).toISOString(),
      }));
      return { body: { ...view(), updates: listed } };
    },
    'PUT eks/updates': body => {
      const durationMs = readBody(body, (r, value) => {
        const fields = r.object(value, '', ['durationMs']);
        return fields
          ? r.number(fields, 'durationMs', '', {
              required: true,
              integer: true,
              min: 0,
              max: MAX_DURATION_MS,
            })
          : undefined;
      });
      updates.setDurationMs(durationMs);
      return { body: view() };
    },
    'POST eks/update-failures': body => {
      const input = readBody(body, (r, value) => {
        const fields = r.object(value, '', [
          'clusterArn',
          'errorCode',
          'errorMessage',
        ]);
        if (!fields) return undefined;
        const clusterArn = r.string(fields, 'clusterArn', '', {
          required: true,
        });
        const errorCode = r.string(fields, 'errorCode', '', {
          oneOf: EKS_UPDATE_ERROR_CODES,
        }) as (typeof EKS_UPDATE_ERROR_CODES)[number] | undefined;
        const errorMessage = r.string(fields, 'errorMessage', '', {
          check: text =>
            text.length < 1 || text.length > 1024
              ? 'must be 1 to 1024 characters'
              : undefined,
        });
        return clusterArn === undefined
          ? undefined
          : { clusterArn, errorCode, errorMessage };
      });
      if (!fleet.cluster(input.clusterArn)) {
        throw new ControlError(
          404,
          'NotFound',
          `no cluster ${input.clusterArn} in the fleet`,
        );
      }
      updates.failNextUpdate(input.clusterArn, {
        errorCode: input.errorCode ?? 'Unknown',
        errorMessage:
          input.errorMessage ?? 'The simulator failed this update on request',
      });
      return { status: 201, body: view() };
    },
    'DELETE eks/update-failures': () => {
      updates.clearFailures();
      return { body: view() };
    },
  };
}
