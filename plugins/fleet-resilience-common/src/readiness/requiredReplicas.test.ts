import { requiredReadyReplicas } from './requiredReplicas';

describe('requiredReadyReplicas', () => {
  it.each`
    desired | pdb                                       | required | from
    ${4}    | ${undefined}                              | ${2}     | ${'half-of-desired'}
    ${3}    | ${undefined}                              | ${2}     | ${'half-of-desired'}
    ${0}    | ${undefined}                              | ${0}     | ${'half-of-desired'}
    ${5}    | ${{ minAvailable: 3 }}                    | ${3}     | ${'pdb-min-available'}
    ${5}    | ${{ minAvailable: 7 }}                    | ${7}     | ${'pdb-min-available'}
    ${3}    | ${{ minAvailable: '50%' }}                | ${2}     | ${'pdb-min-available'}
    ${4}    | ${{ minAvailable: '75%' }}                | ${3}     | ${'pdb-min-available'}
    ${10}   | ${{ minAvailable: '100%' }}               | ${10}    | ${'pdb-min-available'}
    ${10}   | ${{ minAvailable: '0%' }}                 | ${0}     | ${'pdb-min-available'}
    ${5}    | ${{ maxUnavailable: 1 }}                  | ${4}     | ${'pdb-max-unavailable'}
    ${2}    | ${{ maxUnavailable: 5 }}                  | ${0}     | ${'pdb-max-unavailable'}
    ${3}    | ${{ maxUnavailable: '50%' }}              | ${1}     | ${'pdb-max-unavailable'}
    ${10}   | ${{ maxUnavailable: '25%' }}              | ${7}     | ${'pdb-max-unavailable'}
    ${6}    | ${{ minAvailable: 2, maxUnavailable: 1 }} | ${2}     | ${'pdb-min-available'}
  `(
    '$desired desired with $pdb needs $required ($from)',
    ({ desired, pdb, required, from }) => {
      const result = requiredReadyReplicas(
        desired,
        pdb ? { name: 'budget', ...pdb } : undefined,
      );
      expect(result).toEqual({ required, from });
    },
  );

  it.each`
    pdb                           | problem
    ${{ minAvailable: -1 }}       | ${'minAvailable -1 is not a non-negative integer'}
    ${{ minAvailable: 1.5 }}      | ${'minAvailable 1.5 is not a non-negative integer'}
    ${{ minAvailable: 'abc%' }}   | ${'minAvailable "abc%" is not an integer or a percentage'}
    ${{ minAvailable: '2' }}      | ${'minAvailable "2" is not an integer or a percentage'}
    ${{ maxUnavailable: '150%' }} | ${'maxUnavailable "150%" is not an integer or a percentage'}
    ${{ maxUnavailable: '-5%' }}  | ${'maxUnavailable "-5%" is not an integer or a percentage'}
    ${{}}                         | ${'sets neither minAvailable nor maxUnavailable'}
  `('a PDB with $pdb counts as none and says why', ({ pdb, problem }) => {
    const result = requiredReadyReplicas(5, { name: 'budget', ...pdb });
    expect(result.required).toBe(3);
    expect(result.from).toBe('half-of-desired');
    expect(result.problem).toContain('PDB budget');
    expect(result.problem).toContain(problem);
  });
});
