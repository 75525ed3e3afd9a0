/**
 * Control routes that start and end what AWS starts on its own: autoshifts,
 * practice runs and FIS experiments.
 */
import { ArcControlError } from '../arc';
import type { SimResponse } from '../http';
import { parseDuration } from '../model/duration';
import { ZONE_ID } from '../model/parseChecks';
import type { Reader } from '../model/validate';
import type { ControlApiOptions } from './api';
import { accessKeyIdFor } from './credentials';
import { ControlError, readBody, type Route } from './requests';

function arcControl<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof ArcControlError) {
      const status = { NotFound: 404, Conflict: 409, Invalid: 400 }[error.code];
      throw new ControlError(
        status,
        error.code === 'Invalid' ? 'BadRequest' : error.code,
        error.message,
      );
    }
    throw error;
  }
}

/** An ARC API answer relayed to the control caller: errors keep ARC's type and status. */
function relayArc(response: SimResponse): { status: number; body: unknown } {
  const body = response.body ? JSON.parse(response.body) : {};
  if (response.status < 400) return { status: response.status, body };
  const type = response.headers?.['x-amzn-errortype'] ?? 'ArcError';
  throw new ControlError(
    response.status,
    type,
    (body as { message?: string }).message ?? type,
  );
}

export function arcRoutes(options: ControlApiOptions): Record<string, Route> {
  const { fleet, arc } = options;

  const zoneIdField = (r: Reader, fields: Record<string, unknown>) =>
    r.string(fields, 'awayFrom', '', {
      required: true,
      pattern: ZONE_ID,
      hint: 'an AZ ID such as use1-az1',
    });

  function clusterForArn(arn: string) {
    const cluster = fleet.cluster(arn);
    if (!cluster)
      throw new ControlError(404, 'NotFound', `no cluster ${arn} in the fleet`);
    return cluster;
  }

  async function startPracticeRun(body: Buffer) {
    const input = readBody(body, (r, value) => {
      const fields = r.object(value, '', [
        'resourceArn',
        'awayFrom',
        'comment',
      ]);
      if (!fields) return undefined;
      const resourceArn = r.string(fields, 'resourceArn', '', {
        required: true,
      });
      const awayFrom = zoneIdField(r, fields);
      const comment =
        r.string(fields, 'comment', '') ??
        'Practice run started by the fleet simulator';
      return resourceArn && awayFrom
        ? { resourceArn, awayFrom, comment }
        : undefined;
    });
    const cluster = clusterForArn(input.resourceArn);
    // A practice run on demand is StartPracticeRun in the resource's account and region.
    const started = relayArc(
      await callArc(
        cluster.accountId,
        cluster.region,
        'POST',
        '/practiceruns',
        {
          resourceIdentifier: input.resourceArn,
          awayFrom: input.awayFrom,
          comment: input.comment,
        },
      ),
    );
    // Every control route that starts something answers 201.
    return { status: 201, body: started.body };
  }

  async function endPracticeRun(body: Buffer) {
    const { zonalShiftId } = readBody(body, (r, value) => {
      const fields = r.object(value, '', ['zonalShiftId']);
      const id =
        fields &&
        r.string(fields, 'zonalShiftId', '', {
          required: true,
          pattern: /^[A-Za-z0-9-]{6,36}$/,
          hint: 'a zonal shift ID',
        });
      return id ? { zonalShiftId: id } : undefined;
    });
    // ARC is regional: the shift is found in the region it was started in.
    let last: SimResponse | undefined;
    for (const cluster of uniqueAccountRegions()) {
      last = await callArc(
        cluster.accountId,
        cluster.region,
        'DELETE',
        `/practiceruns/${encodeURIComponent(zonalShiftId)}`,
      );
      if (last.status !== 404) break;
    }
    return relayArc(last!);
  }

  function uniqueAccountRegions() {
    const seen = new Map<string, { accountId: string; region: string }>();
    for (const cluster of fleet.clusters()) {
      seen.set(`${cluster.accountId}/${cluster.region}`, {
        accountId: cluster.accountId,
        region: cluster.region,
      });
    }
    return [...seen.values()];
  }

  function callArc(
    accountId: string,
    region: string,
    method: string,
    path: string,
    payload?: unknown,
  ) {
    return arc.handle(
      {
        method,
        url: new URL(`https://arc-zonal-shift.${region}.amazonaws.com${path}`),
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(payload === undefined ? '' : JSON.stringify(payload)),
      },
      {
        accessKeyId: accessKeyIdFor(accountId),
        region,
        service: 'arc-zonal-shift',
      },
    );
  }

  return {
    'POST autoshifts/start': body => {
      const input = readBody(body, (r, value) => {
        const fields = r.object(value, '', ['awayFrom', 'resourceArns']);
        if (!fields) return undefined;
        const awayFrom = zoneIdField(r, fields);
        const resourceArns = r.strings(fields, 'resourceArns', '');
        return awayFrom
          ? { awayFrom, ...(resourceArns ? { resourceArns } : {}) }
          : undefined;
      });
      return { status: 201, body: arcControl(() => arc.startAutoshift(input)) };
    },
    'POST autoshifts/end': body => {
      const { awayFrom } = readBody(body, (r, value) => {
        const fields = r.object(value, '', ['awayFrom']);
        const zone = fields && zoneIdField(r, fields);
        return zone ? { awayFrom: zone } : undefined;
      });
      return { body: arcControl(() => arc.endAutoshift(awayFrom)) };
    },
    'POST practice-runs/start': startPracticeRun,
    'POST practice-runs/end': endPracticeRun,
    'POST fis-experiments/start': body => {
      const input = readBody(body, (r, value) => {
        const fields = r.object(value, '', [
          'resourceArn',
          'awayFrom',
          'duration',
        ]);
        if (!fields) return undefined;
        const resourceArn = r.string(fields, 'resourceArn', '', {
          required: true,
        });
        const awayFrom = zoneIdField(r, fields);
        const duration = r.string(fields, 'duration', '', {
          required: true,
          check: text =>
            parseDuration(text)
              ? undefined
              : `"${text}" is not a duration such as 30m or 1h`,
        });
        return resourceArn && awayFrom && duration
          ? { resourceArn, awayFrom, durationMs: parseDuration(duration)! }
          : undefined;
      });
      return {
        status: 201,
        body: arcControl(() => arc.startFisExperiment(input)),
      };
    },
    'POST fis-experiments/end': body => {
      const { zonalShiftId } = readBody(body, (r, value) => {
        const fields = r.object(value, '', ['zonalShiftId']);
        const id =
          fields && r.string(fields, 'zonalShiftId', '', { required: true });
        return id ? { zonalShiftId: id } : undefined;
      });
      return { body: arcControl(() => arc.endFisExperiment(zonalShiftId)) };
    },
  };
}
