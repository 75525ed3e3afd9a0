/**
 * What Resilience Hub's reads store: the one writer of `resilience_apps` and
 * `resilience_app_clusters` (which clusters each application holds), replaced
 * per account and region.
 */
import type { Knex } from 'knex';
import type { ResilienceAppRecord } from '../domain/records';
import { storableText, TEXT_LIMITS } from '../domain/storableText';
import { chunks, dedupe, resilienceAppsOf } from './clusterReads';
import { rebuildDocuments } from './rebuildDocuments';
import { toJson } from './rows';

export class ResilienceHubStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /** Replaces the Resilience Hub applications of one account and region. */
  async applyResilienceApps(
    accountId: string,
    region: string,
    apps: readonly ResilienceAppRecord[],
    seenAt: string,
  ): Promise<void> {
    await this.#db.transaction(async tx => {
      const previous: Array<{ app_arn: string }> = await tx('resilience_apps')
        .where({ account_id: accountId, region })
        .select('app_arn');
      const unique = dedupe(apps, app => app.appArn);
      const appArns = [
        ...previous.map(row => row.app_arn),
        ...unique.map(app => app.appArn),
      ];
      const affected: string[] = [];
      for (const chunk of chunks(appArns)) {
        const links: Array<{ cluster_arn: string }> = await tx(
          'resilience_app_clusters',
        )
          .whereIn('app_arn', chunk)
          .select('cluster_arn');
        affected.push(...links.map(link => link.cluster_arn));
        await tx('resilience_app_clusters').whereIn('app_arn', chunk).delete();
        await tx('resilience_apps').whereIn('app_arn', chunk).delete();
      }
      for (const chunk of chunks(unique, 50)) {
        await tx('resilience_apps').insert(
          chunk.map(app => ({
            app_arn: app.appArn,
            account_id: accountId,
            region,
            name: storableText(app.name, TEXT_LIMITS.resilienceAppName),
            resiliency_score: app.resiliencyScore ?? null,
            compliance_status:
              app.complianceStatus === undefined
                ? null
                : storableText(app.complianceStatus, TEXT_LIMITS.status),
            az_compliance: app.azCompliance ? toJson(app.azCompliance) : null,
            assessed_at: app.assessedAt ?? null,
            updated_at: seenAt,
          })),
        );
      }
      const links = dedupe(
        unique.flatMap(app =>
          app.clusterArns.map(clusterArn => ({
            app_arn: app.appArn,
            cluster_arn: clusterArn,
          })),
        ),
        link => `${link.app_arn} ${link.cluster_arn}`,
      );
      for (const chunk of chunks(links, 100)) {
        await tx('resilience_app_clusters').insert(chunk);
      }
      await rebuildDocuments(tx, [
        ...affected,
        ...links.map(link => link.cluster_arn),
      ]);
    });
  }

  async listResilienceAppsOfCluster(
    clusterArn: string,
  ): Promise<ResilienceAppRecord[]> {
    return (
      (await resilienceAppsOf(this.#db, [clusterArn])).get(clusterArn) ?? []
    );
  }
}
