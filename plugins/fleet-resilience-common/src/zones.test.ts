import { findZone, Zone } from './zones';

describe('findZone', () => {
  const zones: Zone[] = [
    { name: 'us-east-1a', id: 'use1-az4' },
    { name: 'us-east-1b', id: 'use1-az6' },
  ];

  it('finds a zone by AZ ID', () => {
    expect(findZone(zones, 'use1-az6')).toBe(zones[1]);
  });

  it('finds a zone by AZ name', () => {
    expect(findZone(zones, 'us-east-1a')).toBe(zones[0]);
  });

  it('returns undefined for a zone the list does not hold', () => {
    expect(findZone(zones, 'use1-az1')).toBeUndefined();
    expect(findZone(zones, 'us-east-1c')).toBeUndefined();
  });

  it('matches exactly, without trimming or case folding', () => {
    expect(findZone(zones, 'US-EAST-1A')).toBeUndefined();
    expect(findZone(zones, ' use1-az4')).toBeUndefined();
  });
});
