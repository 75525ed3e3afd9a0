import { contrastRatio, relativeLuminance } from './contrast';

describe('WCAG contrast', () => {
  it('matches the reference values', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#FFFFFF')).toBe(1);
    expect(contrastRatio('#000000', '#ffffff')).toBe(21);
    expect(contrastRatio('#ffffff', '#000000')).toBe(21);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
    // #767676 is the lightest grey with 4.5:1 on white; #777777 falls short.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
    // Linear part of the sRGB curve (channel 8/255 is under 0.03928).
    expect(relativeLuminance('#080808')).toBeCloseTo(8 / 255 / 12.92, 10);
  });

  it('refuses anything but #rrggbb', () => {
    expect(() => contrastRatio('red', '#ffffff')).toThrow(/#rrggbb/);
    expect(() => contrastRatio('#fff', '#ffffff')).toThrow(/#rrggbb/);
  });
});
