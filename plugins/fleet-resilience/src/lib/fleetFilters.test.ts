import { singleAzId } from './fleetFilters';

describe('singleAzId', () => {
  it('proposes the one AZ ID the console is filtered on', () => {
    expect(singleAzId('use1-az2')).toBe('use1-az2');
    expect(singleAzId('  use1-az2 , ')).toBe('use1-az2');
  });

  it('proposes nothing for no filter, several AZs or an AZ name', () => {
    expect(singleAzId('')).toBeUndefined();
    expect(singleAzId('use1-az2,use1-az3')).toBeUndefined();
    expect(singleAzId('us-east-1b')).toBeUndefined();
  });
});
