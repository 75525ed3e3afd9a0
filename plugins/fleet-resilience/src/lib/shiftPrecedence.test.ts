import { detailFixture } from '../__testUtils__/fixtures';
import { precedenceNote } from './shiftPrecedence';

const AZ1 = { name: 'us-east-1a', id: 'use1-az1' };
const AZ2 = { name: 'us-east-1b', id: 'use1-az2' };

describe('precedenceNote', () => {
  it('warns that a manual shift of another AZ ends the autoshift’s effect', () => {
    const detail = detailFixture(
      {},
      {
        shiftState: 'autoshift',
        shiftAwayFrom: AZ1,
        autoshiftStatus: 'ENABLED',
      },
    );
    expect(precedenceNote(detail, 'use1-az2')).toEqual({
      severity: 'warning',
      text: 'ARC is applying a zonal autoshift away from us-east-1a (use1-az1). A zonal shift you start takes precedence: ARC then shifts traffic away from us-east-1b (use1-az2) instead, and traffic returns to us-east-1a (use1-az1) while your shift lasts.',
    });
  });

  it('tells that a shift of the same AZ outlasts the autoshift', () => {
    const detail = detailFixture(
      {},
      { shiftState: 'autoshift', shiftAwayFrom: AZ2 },
    );
    const note = precedenceNote(detail, 'use1-az2');
    expect(note?.severity).toBe('info');
    expect(note?.text).toMatch(/already keeps traffic away from us-east-1b/);
  });

  it('covers practice runs too', () => {
    const detail = detailFixture(
      {},
      { shiftState: 'practice-run', shiftAwayFrom: AZ1 },
    );
    expect(precedenceNote(detail, 'use1-az2')?.text).toMatch(
      /^ARC is applying a practice run away from us-east-1a/,
    );
  });

  it('uses an active autoshift ARC lists before the summary shows it', () => {
    const detail = detailFixture(
      {
        autoshifts: [
          {
            awayFrom: 'use1-az1',
            startTime: '2026-12-01T09:00:00Z',
            status: 'ACTIVE',
          },
        ],
      },
      { shiftState: 'none', autoshiftStatus: 'ENABLED' },
    );
    expect(precedenceNote(detail, 'use1-az2')?.severity).toBe('warning');
  });

  it('says nothing without an autoshift or practice run', () => {
    expect(
      precedenceNote(detailFixture({}, { shiftState: 'none' }), 'use1-az2'),
    ).toBeUndefined();
    expect(
      precedenceNote(
        detailFixture(
          {
            autoshifts: [
              {
                awayFrom: 'use1-az1',
                startTime: '2026-12-01T09:00:00Z',
                status: 'COMPLETED',
              },
            ],
          },
          { shiftState: 'none', autoshiftStatus: 'ENABLED' },
        ),
        'use1-az2',
      ),
    ).toBeUndefined();
  });
});
