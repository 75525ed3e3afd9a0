import { ArcZonalShiftClient } from './ArcZonalShiftClient';

const CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

/** Where the client sends a ListZonalShifts call, and how it signs it. */
async function firstRequest(
  options: Partial<ConstructorParameters<typeof ArcZonalShiftClient>[0]> & {
    region: string;
  },
) {
  const requests: { url: URL; authorization: string }[] = [];
  const client = new ArcZonalShiftClient({
    credentials: CREDENTIALS,
    maxAttempts: 1,
    ...options,
    fetch: async (input, init) => {
      requests.push({
        url: new URL(String(input)),
        authorization: new Headers(init?.headers).get('authorization') ?? '',
      });
      return new Response('{"items":[]}', {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    },
  });
  await client.listZonalShifts();
  expect(requests).toHaveLength(1);
  return requests[0];
}

describe("ArcZonalShiftClient's endpoint", () => {
  it.each([
    ['us-east-1', 'arc-zonal-shift.us-east-1.amazonaws.com'],
    ['cn-north-1', 'arc-zonal-shift.cn-north-1.amazonaws.com.cn'],
    ['cn-northwest-1', 'arc-zonal-shift.cn-northwest-1.amazonaws.com.cn'],
    ['us-gov-west-1', 'arc-zonal-shift.us-gov-west-1.amazonaws.com'],
    ['xx-unknown-9', 'arc-zonal-shift.xx-unknown-9.amazonaws.com'],
  ])('in %s is %s, signed for the region', async (region, host) => {
    const request = await firstRequest({ region });
    expect(request.url.origin).toBe(`https://${host}`);
    expect(request.url.pathname).toBe('/zonalshifts');
    expect(request.authorization).toContain(
      `/${region}/arc-zonal-shift/aws4_request`,
    );
  });

  it.each([
    ['us-east-1', 'arc-zonal-shift-fips.us-east-1.api.aws'],
    ['ca-west-1', 'arc-zonal-shift-fips.ca-west-1.api.aws'],
    ['us-gov-east-1', 'arc-zonal-shift-fips.us-gov-east-1.api.aws'],
  ])('in %s with FIPS is %s', async (region, host) => {
    const request = await firstRequest({ region, useFipsEndpoint: true });
    expect(request.url.origin).toBe(`https://${host}`);
    expect(request.authorization).toContain(
      `/${region}/arc-zonal-shift/aws4_request`,
    );
  });

  it('without FIPS asked for is the standard one', async () => {
    const request = await firstRequest({
      region: 'us-east-1',
      useFipsEndpoint: false,
    });
    expect(request.url.host).toBe('arc-zonal-shift.us-east-1.amazonaws.com');
  });

  it.each(['cn-north-1', 'eu-west-1', 'xx-unknown-9'])(
    'refuses to be built with FIPS in %s, where AWS offers none',
    region => {
      expect(
        () =>
          new ArcZonalShiftClient({
            region,
            credentials: CREDENTIALS,
            useFipsEndpoint: true,
          }),
      ).toThrow(
        new RegExp(
          `AWS offers no FIPS endpoint of arc-zonal-shift in ${region}`,
        ),
      );
    },
  );

  it('is the one configured, FIPS or not, in any partition', async () => {
    for (const region of ['us-east-1', 'cn-north-1', 'us-gov-west-1']) {
      for (const useFipsEndpoint of [false, true]) {
        const request = await firstRequest({
          region,
          useFipsEndpoint,
          endpoint: 'https://vpce-0abc.arc-zonal-shift.example.internal',
        });
        expect(request.url.origin).toBe(
          'https://vpce-0abc.arc-zonal-shift.example.internal',
        );
        expect(request.authorization).toContain(
          `/${region}/arc-zonal-shift/aws4_request`,
        );
      }
    }
  });
});
