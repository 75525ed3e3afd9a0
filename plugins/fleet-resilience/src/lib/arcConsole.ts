/**
 * Where a person sees a shift the portal does not act on (autoshifts,
 * practice runs, FIS experiments): ARC's page in the AWS console of the
 * cluster's region. China and GovCloud regions have consoles of their own.
 */
export function arcConsoleUrl(region: string): string {
  let host = 'console.aws.amazon.com';
  if (region.startsWith('cn-')) host = 'console.amazonaws.cn';
  else if (region.startsWith('us-gov-')) host = 'console.amazonaws-us-gov.com';
  return `https://${host}/route53recovery/home?region=${encodeURIComponent(
    region,
  )}`;
}
