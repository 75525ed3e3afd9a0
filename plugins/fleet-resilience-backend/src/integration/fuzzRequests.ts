/**
 * The fuzz suite's generators, one per route (see fuzzCases.ts for what the
 * cases are and what they promise). `FUZZED_ROUTES` names the routes they
 * cover; the suite fails when the plugin serves a route not in it.
 */
import {
  FLEET_CHANNEL_HEADER,
  READINESS_FIXES,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  ABSURD_JSON,
  CONTROL,
  clusterPath,
  deeplyNested,
  encodePart,
  INJECTION,
  Picker,
  type FuzzCase,
  type FuzzCaller,
  type FuzzFleet,
  type Method,
} from './fuzzCases';

const JSON_TYPE = 'application/json';

/** What a case may carry that is refused before the action is authorized and checked. */
type RouteLevel =
  | 'query'
  | 'idempotencyKey'
  | 'shiftId'
  | 'arn'
  | 'malformed'
  | 'tooLarge'
  | 'charset'
  | 'service';

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** A query string no mutating route takes, or a bad one for a GET route. */
function badQuery(p: Picker, names: readonly string[]): string {
  const name = names.length > 0 ? p.pick(names) : 'limit';
  const value = encodePart(p.pick([...INJECTION, ...CONTROL, 'x']));
  return p.pick([
    `${name}=${value}`,
    `${name}=1&${name}=2`,
    `${name}=${'9'.repeat(9000)}`,
    `${name}[a]=1`,
    `${name}[]=1&${name}[]=2`,
    `${name}[a][b][c][d][e][f]=1`,
    `${encodePart(p.pick(INJECTION))}=1`,
    `${name}=${Array(60).fill('a').join(',')}`,
    `${name}=%E0%A4%A`,
    `${name}=${encodePart(p.pick(ABSURD_JSON))}`,
    // The query parser drops these: for reads only (a mutating case needs a query it keeps).
    ...(names.length > 0 ? ['__proto__[x]=1', 'constructor=1'] : []),
  ]);
}

function badIdempotencyKey(p: Picker): string {
  // Headers cannot carry control characters: Node refuses to send them.
  return p.pick([
    "' OR 1=1 --",
    '../../key',
    'k'.repeat(129),
    'key with spaces',
    'kéy',
    '%00',
    '',
  ]);
}

/** JSON values of no free-text field: not strings. */
const NOT_TEXT = ABSURD_JSON.filter(v => !v.startsWith('"') && v !== 'null');

/**
 * A JSON value `field` must refuse. Free text (a comment) takes any plain
 * string, so it gets control characters, too much text or no text; `dryRun`
 * takes true.
 */
function badValue(p: Picker, field: string, zoneIds: string[]): string {
  const kind = p.int(6);
  if (kind === 0) return JSON.stringify(p.controlled(`${field} text`));
  if (kind === 1) {
    const free = field === 'comment' || field === 'dryRun';
    return p.pick(free ? NOT_TEXT.filter(v => v !== 'true') : ABSURD_JSON);
  }
  if (kind === 2) return JSON.stringify('x'.repeat(129 + p.int(5000)));
  if (kind === 3) return `{"${field}":${JSON.stringify(p.pick(INJECTION))}}`;
  if (kind === 4) return `[${JSON.stringify(p.pick(INJECTION))},1e308]`;
  if (field === 'awayFrom') return JSON.stringify(p.badZone(zoneIds));
  if (field === 'comment')
    return JSON.stringify(p.controlled(p.pick(INJECTION)));
  return JSON.stringify(`${p.pick(INJECTION)}${p.pick(['1h', '30m'])}`);
}

/** The JSON text of `fields`, values given as JSON texts. */
function objectText(fields: Record<string, string>): string {
  return `{${Object.entries(fields)
    .map(([key, value]) => `${JSON.stringify(key)}:${value}`)
    .join(',')}}`;
}

/** A body: a valid one with one field spoiled, or a spoiled body. */
function spoiledBody(
  p: Picker,
  valid: Record<string, string>,
  fields: readonly string[],
  zoneIds: string[],
): {
  text: string;
  contentType: string;
  routeLevel?: RouteLevel;
  what: string;
} {
  const kind = p.int(12);
  const field = p.pick(fields);
  if (kind <= 4) {
    return {
      text: objectText({ ...valid, [field]: badValue(p, field, zoneIds) }),
      contentType: JSON_TYPE,
      what: `bad ${field}`,
    };
  }
  if (kind === 5) {
    const depth = p.pick([1000, 5000, 10000]);
    return {
      text: deeplyNested(field, depth, p.chance(0.5)),
      contentType: JSON_TYPE,
      what: `${field} nested ${depth} deep`,
    };
  }
  if (kind === 6) {
    const unknown = p.pick([...INJECTION, ...CONTROL, 'force', '__proto__']);
    return {
      text: objectText({ ...valid, [unknown]: '1' }),
      contentType: JSON_TYPE,
      what: 'an unknown field',
    };
  }
  if (kind === 7) {
    return {
      text: p.pick([
        '{"awayFrom":',
        '{bad}',
        '{"a":1,}',
        "{'a':1}",
        '"text"',
        '42',
        'null',
        '\u0000{}',
        '{"a":"\\ud800"',
      ]),
      contentType: JSON_TYPE,
      routeLevel: 'malformed',
      what: 'malformed JSON',
    };
  }
  if (kind === 8) {
    return {
      text: JSON.stringify({ comment: 'c'.repeat(70_000 + p.int(200_000)) }),
      contentType: JSON_TYPE,
      routeLevel: 'tooLarge',
      what: 'a huge body',
    };
  }
  if (kind === 9) {
    return {
      text: objectText(valid),
      // Any utf-* the parser decodes; anything else is a 415.
      contentType: `${JSON_TYPE}; charset=${p.pick([
        'latin1',
        'ascii',
        'koi8-r',
      ])}`,
      routeLevel: 'charset',
      what: 'an unsupported charset',
    };
  }
  if (kind === 10) {
    // Not JSON to the parser: the body is empty, the required fields missing.
    return {
      text: objectText(valid),
      contentType: 'text/plain',
      what: 'a text body',
    };
  }
  return {
    text: p.pick(['[]', '[1,2]', '[{"awayFrom":"use1-az1"}]']),
    contentType: JSON_TYPE,
    what: 'an array body',
  };
}

interface SingleCluster {
  route: string;
  method: Method;
  fields: readonly string[];
  valid: (zone: string) => Record<string, string>;
  /** Whether the path names a shift (PATCH, DELETE): none exists, so the action refuses it. */
  shift: boolean;
}

const SINGLE: SingleCluster[] = [
  {
    route: 'post /clusters/:clusterArn/shifts',
    method: 'post',
    fields: ['awayFrom', 'expiresIn', 'comment'],
    valid: zone => ({
      awayFrom: JSON.stringify(zone),
      expiresIn: '"1h"',
      comment: '"fuzz"',
    }),
    shift: false,
  },
  {
    route: 'patch /clusters/:clusterArn/shifts/:zonalShiftId',
    method: 'patch',
    fields: ['expiresIn', 'extendBy', 'comment'],
    valid: () => ({
      expiresIn: '"2h"',
      comment: JSON.stringify("' OR 1=1 --"),
    }),
    shift: true,
  },
  {
    route: 'delete /clusters/:clusterArn/shifts/:zonalShiftId',
    method: 'delete',
    fields: ['comment'],
    valid: () => ({}),
    shift: true,
  },
];

/** One request to a single-cluster action. */
export function singleClusterCase(
  p: Picker,
  fleet: FuzzFleet,
  spec: SingleCluster,
): FuzzCase {
  const cluster = p.pick(fleet.clusters);
  const caller: FuzzCaller = p.pick(fleet.callers);
  const headers = { ...caller.headers };
  const levels: RouteLevel[] = [];
  const what: string[] = [caller.name];
  if (caller.refusedService) levels.push('service');

  let arn = cluster.arn;
  if (p.chance(0.15)) {
    arn = p.badArn(cluster.arn).arn;
    levels.push('arn');
    what.push(`ARN ${JSON.stringify(arn.slice(0, 80))}`);
  }
  let path = `${clusterPath(arn)}/shifts`;
  if (spec.shift) {
    if (p.chance(0.2)) {
      const segment = encodePart(
        p.pick([...INJECTION, ...CONTROL, 'a'.repeat(37), 'abc']),
      );
      path += `/${segment}`;
      levels.push('shiftId');
      what.push('a bad shift ID');
      // A path that does not decode (a lone surrogate) never reaches the
      // route: the router refuses it, and no action is attempted.
      if (!decodes(segment)) levels.push('arn');
    } else {
      path += `/fuzz-${Math.floor(p.random() * 1e9).toString(16)}`;
      what.push('an unknown shift');
    }
  }
  if (p.chance(0.1)) {
    path += `?${badQuery(p, [])}`;
    levels.push('query');
    what.push('a query');
  }
  if (p.chance(0.1)) {
    headers['Idempotency-Key'] = badIdempotencyKey(p);
    levels.push('idempotencyKey');
    what.push('a bad Idempotency-Key');
  } else if (p.chance(0.2)) {
    headers['Idempotency-Key'] = `fuzz-${p.int(1e9)}`;
  }
  if (p.chance(0.3)) {
    // What the client claims: any value is recorded (as api), never refused.
    headers[FLEET_CHANNEL_HEADER] = p.pick([
      'portal',
      'mcp',
      'PORTAL',
      "' OR 1=1 --",
      'x'.repeat(300),
    ]);
  }
  const body = spoiledBody(
    p,
    spec.valid(p.pick(cluster.zoneIds)),
    spec.fields,
    cluster.zoneIds,
  );
  if (body.routeLevel) levels.push(body.routeLevel);
  what.push(body.what);
  // An ARN outside the fleet, or a path the router cannot decode.
  const known = !levels.includes('arn');
  return {
    route: spec.route,
    what: what.join(', '),
    method: spec.method,
    path,
    headers,
    body,
    expect: 'reject',
    // Every attempt on a known cluster is audited, a malformed one (query,
    // Idempotency-Key, shift ID, body) or one by a service the config does
    // not name included: only an ARN outside the fleet leaves no row.
    audited: known,
  };
}

/** One request to `POST /fleet-shifts`: refused, or a dry run. */
export function fleetShiftCase(p: Picker, fleet: FuzzFleet): FuzzCase {
  const route = 'post /fleet-shifts';
  const caller = p.pick(fleet.callers);
  const zoneIds = fleet.clusters[0].zoneIds;
  const valid = {
    awayFrom: JSON.stringify(p.pick(zoneIds)),
    expiresIn: '"1h"',
    comment: JSON.stringify(p.pick(INJECTION)),
  };
  const fields = ['awayFrom', 'expiresIn', 'comment', 'dryRun', 'clusters'];
  if (p.chance(0.1)) {
    // A dry run with free text in the comment: answered, changes nothing.
    return {
      route,
      what: `${caller.name}, a dry run`,
      method: 'post',
      path: '/fleet-shifts',
      headers: caller.headers,
      body: {
        text: objectText({ ...valid, dryRun: 'true' }),
        contentType: JSON_TYPE,
      },
      expect: 'any',
      audited: false,
    };
  }
  let body = spoiledBody(p, valid, fields, zoneIds);
  if (body.what === 'bad clusters' || p.chance(0.2)) {
    const arns = p.pick([
      `[${JSON.stringify(p.badArn(fleet.clusters[0].arn).arn)}]`,
      `[${Array(501).fill(JSON.stringify(fleet.clusters[0].arn)).join(',')}]`,
      '[]',
      `[${JSON.stringify(fleet.clusters[0].arn)},42]`,
      JSON.stringify(fleet.clusters[0].arn),
    ]);
    body = {
      text: objectText({ ...valid, clusters: arns }),
      contentType: JSON_TYPE,
      what: 'bad clusters',
    };
  }
  return {
    route,
    what: `${caller.name}, ${body.what}`,
    method: 'post',
    path: p.chance(0.1) ? `/fleet-shifts?${badQuery(p, [])}` : '/fleet-shifts',
    headers: caller.headers,
    body,
    expect: 'reject',
    audited: false,
  };
}

/**
 * A readiness fix body that can never apply: its comment is always one ARC
 * and the portal refuse (control characters), whatever else is spoiled, so
 * a caller who may configure the cluster still changes nothing.
 */
function readinessFixBody(p: Picker, zoneIds: string[]) {
  const valid = {
    fix: JSON.stringify(p.pick(READINESS_FIXES)),
    comment: JSON.stringify(p.controlled('ready')),
    practiceRuns: JSON.stringify({
      outcomeAlarms: ['arn:aws:cloudwatch:us-east-1:111122223333:alarm:a'],
    }),
  };
  return spoiledBody(p, valid, ['fix', 'comment', 'practiceRuns'], zoneIds);
}

/**
 * Whether the route reads the fix from this body: a JSON object whose `fix`
 * is one it knows. Only then is the attempt the action's, and audited.
 */
function namesAFix(body: { what: string; routeLevel?: RouteLevel }): boolean {
  return (
    !body.routeLevel &&
    ['bad comment', 'bad practiceRuns', 'an unknown field'].includes(body.what)
  );
}

/** One request to `POST /clusters/:clusterArn/readiness-fixes`: always refused. */
export function readinessFixCase(p: Picker, fleet: FuzzFleet): FuzzCase {
  const cluster = p.pick(fleet.clusters);
  const caller = p.pick(fleet.callers);
  const headers = { ...caller.headers };
  const what = [caller.name];
  let arn = cluster.arn;
  const badArn = p.chance(0.15);
  if (badArn) {
    arn = p.badArn(cluster.arn).arn;
    what.push(`ARN ${JSON.stringify(arn.slice(0, 80))}`);
  }
  let path = `${clusterPath(arn)}/readiness-fixes`;
  if (p.chance(0.1)) {
    path += `?${badQuery(p, [])}`;
    what.push('a query');
  }
  if (p.chance(0.1)) {
    headers['Idempotency-Key'] = badIdempotencyKey(p);
    what.push('a bad Idempotency-Key');
  }
  const body = readinessFixBody(p, cluster.zoneIds);
  what.push(body.what);
  return {
    route: 'post /clusters/:clusterArn/readiness-fixes',
    what: what.join(', '),
    method: 'post',
    path,
    headers,
    body,
    expect: 'reject',
    // The fix is read before anything else of the body: an attempt that
    // names one on a cluster of the fleet is audited (denied or refused).
    audited: !badArn && namesAFix(body),
  };
}

/** One request to `POST /fleet-readiness-fixes` (a real run asked): always refused, never audited. */
export function fleetReadinessFixCase(p: Picker, fleet: FuzzFleet): FuzzCase {
  const caller = p.pick(fleet.callers);
  const cluster = p.pick(fleet.clusters);
  const spoiled = readinessFixBody(p, cluster.zoneIds);
  const body =
    spoiled.contentType === JSON_TYPE && spoiled.text.startsWith('{"fix"')
      ? {
          ...spoiled,
          // A real run on a cluster the caller may read: still refused by its comment.
          text: `${spoiled.text.slice(
            0,
            -1,
          )},"dryRun":false,"clusters":[${JSON.stringify(cluster.arn)}]}`,
        }
      : spoiled;
  return {
    route: 'post /fleet-readiness-fixes',
    what: `${caller.name}, ${body.what}`,
    method: 'post',
    path: '/fleet-readiness-fixes',
    headers: caller.headers,
    body,
    expect: 'reject',
    audited: false,
  };
}

/**
 * One request to a POST that takes no input (`/refresh`, `/preflight`),
 * with a stray query or body now and then. `/refresh` is refused (within
 * the cooldown, or before it); `/preflight` starts or joins a run for an
 * admin and is refused to others. Neither changes the store or ARC.
 */
function inputlessPostCase(
  p: Picker,
  fleet: FuzzFleet,
  route: 'post /refresh' | 'post /preflight',
  expect: FuzzCase['expect'],
): FuzzCase {
  const caller = p.pick(fleet.callers);
  const query = p.chance(0.3) ? `?${badQuery(p, [])}` : '';
  const body = p.chance(0.3)
    ? spoiledBody(p, { all: 'true' }, ['all'], ['use1-az1'])
    : undefined;
  return {
    route,
    what: `${caller.name}${query ? ', a query' : ''}${
      body ? `, ${body.what}` : ''
    }`,
    method: 'post',
    path: `${route.slice('post '.length)}${query}`,
    headers: caller.headers,
    ...(body ? { body } : {}),
    expect,
    audited: false,
  };
}

export const refreshCase = (p: Picker, fleet: FuzzFleet) =>
  inputlessPostCase(p, fleet, 'post /refresh', 'reject');

export const preflightRunCase = (p: Picker, fleet: FuzzFleet) =>
  inputlessPostCase(p, fleet, 'post /preflight', 'any');

/** A read route: its query parameters and whether its path names a cluster. */
interface ReadRoute {
  route: string;
  path: (arn: string) => string;
  params: Record<string, () => string>;
}

export function readRoutes(p: Picker, fleet: FuzzFleet): ReadRoute[] {
  const arn = () => p.pick(fleet.clusters).arn;
  const paging = {
    limit: () => p.pick(['1', '500', '50']),
    offset: () => p.pick(['0', '10']),
  };
  return [
    {
      route: 'get /clusters',
      path: () => '/clusters',
      params: {
        account: () => '111122223333',
        region: () => 'us-east-1',
        version: () => '1.33',
        zone: () => p.pick(fleet.clusters[0].zoneIds),
        shiftState: () => 'none',
        verdict: () => 'survives',
        freshness: () => 'fresh',
        readiness: () => p.pick(['ready', 'not-ready']),
        check: () => p.pick(['zonal-shift', 'cluster-dns']),
        q: () => p.pick(INJECTION),
        sort: () => p.pick(['name', 'readiness']),
        order: () => 'desc',
        ...paging,
      },
    },
    {
      route: 'get /readiness-summary',
      path: () => '/readiness-summary',
      params: {
        account: () => '111122223333',
        owner: () => p.pick(INJECTION),
        readiness: () => 'at-risk',
        check: () => p.pick(['zonal-shift', 'workload-spread']),
        q: () => p.pick(INJECTION),
      },
    },
    {
      route: 'get /clusters/:clusterArn',
      path: a => clusterPath(a),
      params: {},
    },
    {
      route: 'get /clusters/:clusterArn/shift-impact',
      path: a => `${clusterPath(a)}/shift-impact`,
      params: { awayFrom: () => p.pick(fleet.clusters[0].zoneIds) },
    },
    {
      route: 'get /shifts',
      path: () => '/shifts',
      params: {
        cluster: arn,
        status: () => 'ACTIVE',
        type: () => 'ZONAL_SHIFT',
        since: () => '2026-01-01T00:00:00Z',
        ...paging,
      },
    },
    {
      route: 'get /active-shifts',
      path: () => '/active-shifts',
      params: paging,
    },
    { route: 'get /refresh-status', path: () => '/refresh-status', params: {} },
    { route: 'get /preflight', path: () => '/preflight', params: {} },
    { route: 'get /inventory', path: () => '/inventory', params: paging },
    {
      route: 'get /audit',
      path: () => '/audit',
      params: {
        cluster: arn,
        action: () => 'shift.start',
        outcome: () => 'denied',
        channel: () => p.pick(['portal', 'api', 'mcp']),
        ...paging,
      },
    },
    {
      route: 'get /reconcile',
      path: () => '/reconcile',
      params: { state: () => 'pending' },
    },
    {
      route: 'get /clusters/:clusterArn/reconcile',
      path: a => `${clusterPath(a)}/reconcile`,
      params: {},
    },
  ];
}

/** One read: valid parameters with some spoiled, or a spoiled cluster path. */
export function readCase(
  p: Picker,
  fleet: FuzzFleet,
  read: ReadRoute,
): FuzzCase {
  const caller = p.pick(fleet.callers);
  const what: string[] = [caller.name];
  let arn = p.pick(fleet.clusters).arn;
  if (p.chance(0.3)) {
    arn = p.badArn(arn).arn;
    what.push(`ARN ${JSON.stringify(arn.slice(0, 80))}`);
  }
  const names = Object.keys(read.params);
  const query = names
    .filter(() => p.chance(0.4))
    .map(name => `${name}=${encodePart(read.params[name]())}`);
  if (p.chance(0.7)) {
    query.push(badQuery(p, names));
    what.push('a bad query');
  }
  if (p.chance(0.2) && names.includes('limit')) {
    query.push(`limit=${encodePart(p.pick(ABSURD_JSON).replace(/"/g, ''))}`);
    what.push('an absurd limit');
  }
  return {
    route: read.route,
    what: what.join(', '),
    method: 'get',
    path: `${read.path(arn)}${query.length ? `?${query.join('&')}` : ''}`,
    headers: caller.headers,
    expect: 'any',
    audited: false,
  };
}

/** Every route the generators cover, as the router declares it. */
export const FUZZED_ROUTES = [
  ...SINGLE.map(s => s.route),
  'post /fleet-shifts',
  'post /clusters/:clusterArn/readiness-fixes',
  'post /fleet-readiness-fixes',
  'post /refresh',
  'post /preflight',
  'get /preflight',
  'get /clusters',
  'get /clusters/:clusterArn',
  'get /clusters/:clusterArn/shift-impact',
  'get /readiness-summary',
  'get /shifts',
  'get /active-shifts',
  'get /refresh-status',
  'get /inventory',
  'get /audit',
  'get /reconcile',
  'get /clusters/:clusterArn/reconcile',
];

/** The cases, in a fixed order for a given seed: `perRoute` for each route. */
export function generateCases(
  p: Picker,
  fleet: FuzzFleet,
  perRoute: { mutating: number; read: number },
): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (const spec of SINGLE) {
    for (let i = 0; i < perRoute.mutating; i += 1)
      cases.push(singleClusterCase(p, fleet, spec));
  }
  for (let i = 0; i < perRoute.mutating; i += 1)
    cases.push(fleetShiftCase(p, fleet));
  for (let i = 0; i < perRoute.mutating; i += 1)
    cases.push(readinessFixCase(p, fleet));
  for (let i = 0; i < perRoute.mutating; i += 1)
    cases.push(fleetReadinessFixCase(p, fleet));
  for (let i = 0; i < perRoute.mutating / 4; i += 1)
    cases.push(refreshCase(p, fleet));
  for (let i = 0; i < perRoute.mutating / 4; i += 1)
    cases.push(preflightRunCase(p, fleet));
  for (const read of readRoutes(p, fleet)) {
    for (let i = 0; i < perRoute.read; i += 1)
      cases.push(readCase(p, fleet, read));
  }
  return cases;
}
