/**
 * Where a person sees a shift the portal does not act on (autoshifts,
 * practice runs, FIS experiments): ARC's page in the AWS console of the
 * cluster's region. China and GovCloud regions have consoles of their own.
 */
export function arcConsoleUrl(region: string): string {
  const host = region.startsWith('cn-')
    ? 'console.amazonaws.cn'
    : region.startsWith('us-gov-')
    ? 'console.amazonaws-us-gov.com'
    : 'console.aws.amazon.com';
  return `https://${host}/route53recovery/home?region=${encodeURIComponent(
    region,
  )}`;
}
