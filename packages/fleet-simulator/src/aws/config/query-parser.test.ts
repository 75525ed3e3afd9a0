import { parseQuery } from './query-parser';
import { SELECT_ALL } from './query-vocabulary';
import { QuerySyntaxError } from './query-tokens';

describe('parseQuery', () => {
  it('parses the ingestion query: fields in order, nested paths split', () => {
    expect(
      parseQuery(
        "SELECT resourceId, accountId, configuration.ResourcesVpcConfig.SubnetIds, tags WHERE resourceType = 'AWS::EKS::Cluster'",
      ),
    ).toEqual({
      fields: [
        ['resourceId'],
        ['accountId'],
        ['configuration', 'ResourcesVpcConfig', 'SubnetIds'],
        ['tags'],
      ],
      where: {
        kind: 'equals',
        property: ['resourceType'],
        value: 'AWS::EKS::Cluster',
      },
    });
  });

  it('accepts a query without WHERE and keywords in any case', () => {
    expect(parseQuery('select resourceId')).toEqual({
      fields: [['resourceId']],
    });
    expect(
      parseQuery("sElEcT resourceId wHeRe resourceType in ('a')").where,
    ).toEqual({
      kind: 'in',
      property: ['resourceType'],
      values: ['a'],
    });
  });

  it('expands SELECT * to the top-level scalar properties', () => {
    expect(parseQuery('SELECT *').fields).toEqual(
      SELECT_ALL.map(name => [name]),
    );
    expect(SELECT_ALL).not.toContain('configuration');
    expect(SELECT_ALL).not.toContain('tags');
  });

  it('gives AND precedence over OR, and parentheses over both', () => {
    expect(
      parseQuery(
        "SELECT resourceId WHERE configuration.a = 'x' OR configuration.b = 'y' AND configuration.c = 'z'",
      ).where,
    ).toEqual({
      kind: 'or',
      operands: [
        { kind: 'equals', property: ['configuration', 'a'], value: 'x' },
        {
          kind: 'and',
          operands: [
            { kind: 'equals', property: ['configuration', 'b'], value: 'y' },
            { kind: 'equals', property: ['configuration', 'c'], value: 'z' },
          ],
        },
      ],
    });
    expect(
      parseQuery(
        "SELECT resourceId WHERE (configuration.a = 'x' OR configuration.b = 'y') AND configuration.c = 'z'",
      ).where,
    ).toMatchObject({
      kind: 'and',
      operands: [{ kind: 'or' }, { kind: 'equals' }],
    });
  });

  it('parses NOT, NOT IN and NOT LIKE as negations', () => {
    expect(
      parseQuery("SELECT resourceId WHERE NOT resourceName = 'a'").where,
    ).toEqual({
      kind: 'not',
      operand: { kind: 'equals', property: ['resourceName'], value: 'a' },
    });
    expect(
      parseQuery("SELECT resourceId WHERE resourceName NOT IN ('a', 'b')")
        .where,
    ).toEqual({
      kind: 'not',
      operand: { kind: 'in', property: ['resourceName'], values: ['a', 'b'] },
    });
    expect(
      parseQuery("SELECT resourceId WHERE resourceName NOT LIKE 'abc%'").where,
    ).toMatchObject({
      kind: 'not',
      operand: { kind: 'like', prefix: 'abc' },
    });
  });

  it('reads string, number and boolean values', () => {
    expect(
      parseQuery(
        "SELECT resourceId WHERE configuration.a IN ('x', 3, -2.5, TRUE, false)",
      ).where,
    ).toEqual({
      kind: 'in',
      property: ['configuration', 'a'],
      values: ['x', 3, -2.5, true, false],
    });
  });

  it('takes the tag search keys tags.key, tags.value and tags.tag in conditions', () => {
    for (const key of ['key', 'value', 'tag']) {
      expect(
        parseQuery(`SELECT resourceId WHERE tags.${key} = 'x'`).where,
      ).toEqual({
        kind: 'equals',
        property: ['tags', key],
        value: 'x',
      });
    }
  });

  it('lets configuration paths use words that are keywords elsewhere', () => {
    expect(
      parseQuery(
        "SELECT configuration.order.select WHERE configuration.from = 'x'",
      ),
    ).toEqual({
      fields: [['configuration', 'order', 'select']],
      where: {
        kind: 'equals',
        property: ['configuration', 'from'],
        value: 'x',
      },
    });
  });

  describe('LIKE', () => {
    it('takes suffix wildcards: % for any rest, _ for one character each', () => {
      expect(
        parseQuery("SELECT resourceId WHERE resourceName LIKE 'pay%'").where,
      ).toEqual({
        kind: 'like',
        property: ['resourceName'],
        prefix: 'pay',
        singles: 0,
        open: true,
      });
      expect(
        parseQuery("SELECT resourceId WHERE resourceName LIKE 'pay__'").where,
      ).toMatchObject({
        prefix: 'pay',
        singles: 2,
        open: false,
      });
      expect(
        parseQuery("SELECT resourceId WHERE resourceName LIKE 'pay_%'").where,
      ).toMatchObject({
        singles: 1,
        open: true,
      });
    });

    it('treats a pattern without wildcards as equality', () => {
      expect(
        parseQuery("SELECT resourceId WHERE resourceName LIKE 'ab'").where,
      ).toEqual({
        kind: 'equals',
        property: ['resourceName'],
        value: 'ab',
      });
    });

    it('refuses prefix or infix wildcards, as Config does (_ is a wildcard too)', () => {
      for (const pattern of ['%prod', 'pay%ments', 'prod_cluster%', '_abc']) {
        expect(() =>
          parseQuery(`SELECT resourceId WHERE resourceName LIKE '${pattern}'`),
        ).toThrow(/only suffix wildcards/);
      }
    });

    it('refuses wildcards after fewer than three characters', () => {
      expect(() =>
        parseQuery("SELECT resourceId WHERE resourceName LIKE 'ab%'"),
      ).toThrow(/at least three characters/);
    });

    it('needs a quoted pattern', () => {
      expect(() =>
        parseQuery('SELECT resourceId WHERE resourceName LIKE 3'),
      ).toThrow(/quoted pattern after LIKE/);
    });
  });

  describe('refuses', () => {
    const refused: Array<[string, RegExp]> = [
      [
        "SELECT resourceId FROM resources WHERE resourceType = 'x'",
        /no FROM clause/,
      ],
      ['SELECT DISTINCT resourceType', /do not support DISTINCT/],
      ['SELECT resourceId AS id', /do not support AS/],
      ['SELECT ALL resourceId', /do not support ALL/],
      ['SELECT resourceId JOIN x', /do not support JOIN/],
      ['SELECT resourceId UNION SELECT arn', /do not support UNION/],
      ['SELECT resourceId WHERE resourceName IS NULL', /NULL value queries/],
      ['SELECT resourceId WHERE resourceName = NULL', /NULL value queries/],
      [
        "SELECT COUNT(*) WHERE resourceType = 'x'",
        /COUNT is valid in AWS Config but not supported by the fleet simulator/,
      ],
      [
        'SELECT resourceType GROUP BY resourceType',
        /GROUP is valid in AWS Config/,
      ],
      ['SELECT resourceId ORDER BY resourceId', /ORDER is valid in AWS Config/],
      [
        "SELECT resourceId WHERE configuration.a BETWEEN 'a' AND 'b'",
        /BETWEEN is valid/,
      ],
      [
        "SELECT resourceId WHERE configuration.a > 'a'",
        /comparison operator > is not supported/,
      ],
      [
        "SELECT resourceId WHERE configuration.a != 'a'",
        /comparison operator != is not supported/,
      ],
      ['SELECT resourceId WHERE', /Expected a property/],
      ['SELECT', /Expected a property/],
      ['SELECT resourceId,', /Expected a property/],
      ['resourceId', /Expected SELECT/],
      ['', /Expected SELECT but found the end of the query/],
      [
        "SELECT resourceId WHERE resourceType = 'a' resourceName = 'b'",
        /Expected ',', WHERE or the end/,
      ],
      [
        "SELECT resourceId WHERE resourceType 'a'",
        /Expected =, IN or LIKE after 'resourceType'/,
      ],
      [
        'SELECT resourceId WHERE resourceType = resourceName',
        /Expected a value/,
      ],
      ['SELECT resourceId WHERE resourceType IN ()', /Expected a value/],
      [
        "SELECT resourceId WHERE resourceType IN ('a'",
        /Expected ',' or '\)' in the IN list/,
      ],
      ["SELECT resourceId WHERE (resourceType = 'a'", /Expected '\)'/],
      [
        "SELECT resourceId WHERE resourceType NOT = 'a'",
        /IN or LIKE after NOT/,
      ],
      ['SELECT resourceid', /Unknown property 'resourceid'/],
      ['SELECT owner', /Unknown property 'owner'/],
      ['SELECT resourceId.x', /'resourceId' has no nested properties/],
      ['SELECT tags.name', /Unknown property 'tags.name'/],
      ['SELECT tags.key.x', /Unknown property 'tags.key.x'/],
      ['SELECT tags.tag', /can only be used in WHERE/],
      [
        'SELECT configuration.',
        /Expected a property name after 'configuration.'/,
      ],
      ['SELECT lower(resourceId)', /functions are not supported/],
    ];
    it.each(refused)('%s', (expression, message) => {
      expect(() => parseQuery(expression)).toThrow(QuerySyntaxError);
      expect(() => parseQuery(expression)).toThrow(message);
    });

    it('conditions nested deeper than any real query needs, without overflowing the stack', () => {
      const deep = `SELECT resourceId WHERE ${'('.repeat(
        2000,
      )}resourceName = 'a'${')'.repeat(2000)}`;
      expect(() => parseQuery(deep)).toThrow(/nested too deeply/);
      const negations = `SELECT resourceId WHERE ${'NOT '.repeat(
        1000,
      )}resourceName = 'a'`;
      expect(() => parseQuery(negations)).toThrow(/nested too deeply/);
    });
  });

  it('reports where the problem is', () => {
    expect(() => parseQuery('SELECT resourceId FROM x')).toThrow(
      /at character 19/,
    );
  });
});
