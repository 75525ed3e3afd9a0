import {
  matches,
  projectRow,
  QueryDocument,
  resourceTypesMatchedBy,
} from './query-evaluator';
import { parseQuery } from './query-parser';

const cluster: QueryDocument = {
  resourceId: 'payments-prod',
  resourceName: 'payments-prod',
  resourceType: 'AWS::EKS::Cluster',
  accountId: '111111111111',
  tags: [
    { key: 'team', value: 'payments' },
    { key: 'env', value: 'prod' },
  ],
  configuration: {
    Name: 'payments-prod',
    ResourcesVpcConfig: {
      SubnetIds: ['subnet-a', 'subnet-b'],
      EndpointPublicAccess: true,
    },
    Logging: {
      ClusterLogging: { EnabledTypes: [{ Type: 'api' }, { Type: 'audit' }] },
    },
    Replicas: 3,
  },
};

function where(condition: string, document = cluster): boolean {
  const { where: parsed } = parseQuery(`SELECT resourceId WHERE ${condition}`);
  if (!parsed) throw new Error('no condition');
  return matches(parsed, document);
}

function select(fields: string, document = cluster): Record<string, unknown> {
  return projectRow(document, parseQuery(`SELECT ${fields}`).fields);
}

describe('matches', () => {
  it('compares scalars exactly and case-sensitively', () => {
    expect(where("resourceType = 'AWS::EKS::Cluster'")).toBe(true);
    expect(where("resourceType = 'aws::eks::cluster'")).toBe(false);
    expect(where("resourceType = 'AWS::EKS::Cluste'")).toBe(false);
  });

  it('compares by type: numbers and booleans are not strings', () => {
    expect(where('configuration.Replicas = 3')).toBe(true);
    expect(where("configuration.Replicas = '3'")).toBe(false);
    expect(
      where('configuration.ResourcesVpcConfig.EndpointPublicAccess = TRUE'),
    ).toBe(true);
    expect(
      where("configuration.ResourcesVpcConfig.EndpointPublicAccess = 'true'"),
    ).toBe(false);
  });

  it('matches IN against any listed value', () => {
    expect(
      where("resourceType IN ('AWS::EC2::Subnet', 'AWS::EKS::Cluster')"),
    ).toBe(true);
    expect(where("resourceType IN ('AWS::EC2::Subnet')")).toBe(false);
  });

  it('walks into lists: a condition holds when any element matches', () => {
    expect(
      where("configuration.ResourcesVpcConfig.SubnetIds = 'subnet-b'"),
    ).toBe(true);
    expect(
      where("configuration.ResourcesVpcConfig.SubnetIds = 'subnet-c'"),
    ).toBe(false);
    expect(
      where("configuration.Logging.ClusterLogging.EnabledTypes.Type = 'audit'"),
    ).toBe(true);
  });

  it('evaluates each tag condition over all tags, and tags.tag over key=value pairs', () => {
    expect(where("tags.key = 'team'")).toBe(true);
    expect(where("tags.value = 'payments'")).toBe(true);
    // Config semantics: separate conditions may match different tags.
    expect(where("tags.key = 'team' AND tags.value = 'prod'")).toBe(true);
    expect(where("tags.tag = 'team=prod'")).toBe(false);
    expect(where("tags.tag = 'team=payments'")).toBe(true);
    expect(where("tags.tag = 'team'")).toBe(false);
  });

  it('matches LIKE by prefix, with _ standing for exactly one character', () => {
    expect(where("resourceName LIKE 'payments%'")).toBe(true);
    expect(where("resourceName LIKE 'payments-prod%'")).toBe(true);
    expect(where("resourceName LIKE 'search%'")).toBe(false);
    expect(where("resourceName LIKE 'payments-pro_'")).toBe(true);
    expect(where("resourceName LIKE 'payments-pr_'")).toBe(false);
    expect(where("resourceName LIKE 'payments-pr__%'")).toBe(true);
    expect(where("resourceName LIKE 'payments-prod_%'")).toBe(false);
    expect(where("configuration.Replicas LIKE '333%'")).toBe(false);
  });

  it('combines with AND, OR and NOT', () => {
    expect(where("resourceName = 'x' OR tags.tag = 'env=prod'")).toBe(true);
    expect(where("resourceName = 'x' AND tags.tag = 'env=prod'")).toBe(false);
    expect(where("NOT resourceName = 'x'")).toBe(true);
    expect(where("resourceName NOT IN ('payments-prod')")).toBe(false);
    expect(where("resourceName NOT LIKE 'search%'")).toBe(true);
  });

  it('finds nothing under properties a resource does not have', () => {
    expect(where("configuration.Missing.Path = 'x'")).toBe(false);
    expect(where("configuration.Name.Deeper = 'payments-prod'")).toBe(false);
    expect(
      where("resourceName = 'x'", { resourceType: 'AWS::EC2::Subnet' }),
    ).toBe(false);
  });

  it('never lets an escaped quote in a value widen the match', () => {
    expect(
      where("resourceName = 'x'' OR resourceType = ''AWS::EKS::Cluster'"),
    ).toBe(false);
    expect(where("tags.tag = 'team=payments'' OR ''1''=''1'")).toBe(false);
    const quoted = { ...cluster, tags: [{ key: 'owner', value: "o'reilly" }] };
    expect(where("tags.tag = 'owner=o''reilly'", quoted)).toBe(true);
    expect(where("tags.tag = 'owner=o'", quoted)).toBe(false);
  });
});

describe('projectRow', () => {
  it('returns only the selected properties, in selection order', () => {
    const row = select('resourceName, accountId');
    expect(row).toEqual({
      resourceName: 'payments-prod',
      accountId: '111111111111',
    });
    expect(Object.keys(row)).toEqual(['resourceName', 'accountId']);
  });

  it('nests a selected nested path and merges siblings', () => {
    expect(
      select('configuration.Name, configuration.ResourcesVpcConfig.SubnetIds'),
    ).toEqual({
      configuration: {
        Name: 'payments-prod',
        ResourcesVpcConfig: { SubnetIds: ['subnet-a', 'subnet-b'] },
      },
    });
  });

  it('maps a path through lists and merges list extracts element by element', () => {
    expect(select('tags.key')).toEqual({
      tags: [{ key: 'team' }, { key: 'env' }],
    });
    expect(select('tags.key, tags.value')).toEqual({ tags: cluster.tags });
    expect(
      select('configuration.Logging.ClusterLogging.EnabledTypes.Type'),
    ).toEqual({
      configuration: {
        Logging: {
          ClusterLogging: {
            EnabledTypes: [{ Type: 'api' }, { Type: 'audit' }],
          },
        },
      },
    });
  });

  it('returns whole structures when they are selected', () => {
    expect(select('tags, configuration')).toEqual({
      tags: cluster.tags,
      configuration: cluster.configuration,
    });
  });

  it('leaves out properties the resource does not have', () => {
    expect(
      select('resourceId, resourceName, configuration.Missing', {
        resourceId: 'subnet-1',
      }),
    ).toEqual({
      resourceId: 'subnet-1',
    });
  });
});

describe('resourceTypesMatchedBy', () => {
  function typesOf(condition?: string): string[] | undefined {
    const { where: parsed } = parseQuery(
      condition ? `SELECT resourceId WHERE ${condition}` : 'SELECT resourceId',
    );
    const types = resourceTypesMatchedBy(parsed);
    return types && [...types].sort();
  }

  it('names the types a condition restricts to', () => {
    expect(typesOf("resourceType = 'AWS::EKS::Cluster'")).toEqual([
      'AWS::EKS::Cluster',
    ]);
    expect(
      typesOf("resourceType IN ('AWS::EKS::Cluster', 'AWS::EC2::Subnet')"),
    ).toEqual(['AWS::EC2::Subnet', 'AWS::EKS::Cluster']);
    expect(
      typesOf(
        "tags.key = 'team' AND resourceType IN ('AWS::EKS::Cluster', 'AWS::EC2::Subnet') AND resourceType = 'AWS::EC2::Subnet'",
      ),
    ).toEqual(['AWS::EC2::Subnet']);
    expect(
      typesOf(
        "resourceType = 'AWS::EKS::Cluster' AND resourceType = 'AWS::EC2::Subnet'",
      ),
    ).toEqual([]);
    expect(
      typesOf(
        "resourceType = 'AWS::EKS::Cluster' OR (resourceType = 'AWS::EC2::Subnet' AND tags.key = 'x')",
      ),
    ).toEqual(['AWS::EC2::Subnet', 'AWS::EKS::Cluster']);
  });

  it('restricts nothing when any type could match', () => {
    expect(typesOf()).toBeUndefined();
    expect(typesOf("tags.key = 'team'")).toBeUndefined();
    expect(
      typesOf("resourceType = 'AWS::EKS::Cluster' OR tags.key = 'team'"),
    ).toBeUndefined();
    expect(typesOf("NOT resourceType = 'AWS::EKS::Cluster'")).toBeUndefined();
    expect(typesOf("resourceType LIKE 'AWS::EKS::%'")).toBeUndefined();
    expect(
      typesOf("configuration.resourceType = 'AWS::EKS::Cluster'"),
    ).toBeUndefined();
  });

  it('agrees with matches: a document of another type never matches', () => {
    const conditions = [
      "resourceType = 'AWS::EKS::Cluster' AND tags.key = 'team'",
      "resourceType IN ('AWS::EC2::Subnet') OR resourceType = 'AWS::EKS::Cluster'",
      "(resourceType = 'AWS::EC2::Subnet' AND resourceName = 'x') OR resourceType = 'AWS::EC2::Subnet'",
    ];
    for (const condition of conditions) {
      const types = typesOf(condition)!;
      expect(where(condition)).toBe(
        types.includes(String(cluster.resourceType)),
      );
    }
  });
});
