import { arcConsoleUrl } from './arcConsole';

describe('arcConsoleUrl', () => {
  it("opens ARC in the region's console, per partition", () => {
    expect(arcConsoleUrl('us-east-1')).toBe(
      'https://console.aws.amazon.com/route53recovery/home?region=us-east-1',
    );
    expect(arcConsoleUrl('cn-north-1')).toBe(
      'https://console.amazonaws.cn/route53recovery/home?region=cn-north-1',
    );
    expect(arcConsoleUrl('us-gov-west-1')).toBe(
      'https://console.amazonaws-us-gov.com/route53recovery/home?region=us-gov-west-1',
    );
  });
});
