import { render, screen } from '@testing-library/react';
import { VerdictChip, verdictChipLabel } from './VerdictChip';

const zone = { name: 'us-east-1b', id: 'use1-az2' };

describe('verdictChipLabel', () => {
  it('speaks of any AZ without a zone, and of that AZ with one', () => {
    expect(verdictChipLabel('survives')).toBe('Survives losing an AZ');
    expect(verdictChipLabel('survives', { zone })).toBe(
      'Survives losing use1-az2',
    );
    expect(verdictChipLabel('at-risk', { zone })).toBe(
      'At risk without use1-az2',
    );
    expect(verdictChipLabel('unknown', { zone })).toBe(
      'Unknown without use1-az2',
    );
  });

  it('marks a verdict from stale data', () => {
    expect(verdictChipLabel('survives', { stale: true })).toBe(
      'Survives losing an AZ (stale data)',
    );
  });
});

describe('VerdictChip', () => {
  it('is green for a fresh survives and grey when the data is stale', () => {
    const { rerender } = render(<VerdictChip verdict="survives" />);
    const chip = () =>
      screen.getByText(/^Survives losing an AZ/).closest('.MuiChip-root');
    expect(chip()).toHaveStyle({ backgroundColor: '#1b7837' });
    rerender(<VerdictChip verdict="survives" stale />);
    expect(chip()).toHaveStyle({ backgroundColor: '#616161' });
    expect(chip()).toHaveTextContent('Survives losing an AZ (stale data)');
  });
});
