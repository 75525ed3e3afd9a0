// @ts-check

/**
 * The Kubernetes API server and CA that EKS DescribeCluster reports for each
 * cluster, called with the cluster's own account credentials. The backend
 * sends the cluster's EKS token only to this endpoint, never to the one an
 * AWS Config row names (kept in `endpoint` for comparison).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('clusters', table => {
    table
      .text('eks_endpoint')
      .nullable()
      .comment('API server URL from EKS DescribeCluster; null until described');
    table
      .text('eks_certificate_authority_data')
      .nullable()
      .comment('Base64 PEM CA from EKS DescribeCluster');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('clusters', table => {
    table.dropColumn('eks_endpoint');
    table.dropColumn('eks_certificate_authority_data');
  });
};
