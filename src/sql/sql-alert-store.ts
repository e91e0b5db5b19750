// AlertStore on the SQL schema: one alerts row per stored alert, one health_snapshots row per day,
// for one shop. A recomputation replaces the list in one transaction that also holds dismissals
// off (on PostgreSQL a lock on the shop's row), so a dismissal is either seen or made after.
import { sql as raw } from 'kysely';
import type { DayNumber, LocalTimestamp, ProductId } from '../core/brand';
import { reconcileAlerts, SNAPSHOTS_KEPT, type AlertStore, type HealthSnapshot, type StoredAlert } from '../core/health/alert-store';
import type { Alert, AlertKind, AlertSeverity } from '../core/health/alerts';
import { fromJson, insertRows, replaceFromExcluded, toJson } from './batch';
import type { AlertsTable, Db, SqlDatabase } from './database';

export class SqlAlertStore implements AlertStore {
	constructor(readonly sql: SqlDatabase, readonly shopId: string) {}

	async listAlerts() {
		return this.readAlerts(this.sql.db);
	}

	async reconcile(fresh: readonly Alert[], now: LocalTimestamp) {
		return this.locked(async (trx) => {
			const next = reconcileAlerts(await this.readAlerts(trx), fresh, now);
			await trx.deleteFrom('alerts').where('shop_id', '=', this.shopId).execute();
			await insertRows(trx, this.sql.dialect, 'alerts', next.map((a) => this.alertRow(a)));
			return next;
		});
	}

	async dismiss(key: string, at: LocalTimestamp) {
		return this.locked(async (trx) => {
			const r = await trx.updateTable('alerts').set({ dismissed_at: raw<number>`coalesce(dismissed_at, ${at})` })
				.where('shop_id', '=', this.shopId).where('key', '=', key).executeTakeFirst();
			return Number(r.numUpdatedRows) > 0;
		});
	}

	async putSnapshot(snapshot: HealthSnapshot) {
		await this.sql.db.transaction().execute(async (trx) => {
			await trx.insertInto('health_snapshots')
				.values({ shop_id: this.shopId, day: snapshot.day, at: snapshot.at, score: snapshot.score, parts: toJson(snapshot.parts) })
				.onConflict((oc) => oc.columns(['shop_id', 'day']).doUpdateSet(replaceFromExcluded(['at', 'score', 'parts']))).execute();
			const oldestKept = await trx.selectFrom('health_snapshots').select('day').where('shop_id', '=', this.shopId)
				.orderBy('day', 'desc').limit(1).offset(SNAPSHOTS_KEPT - 1).executeTakeFirst();
			if (oldestKept) await trx.deleteFrom('health_snapshots').where('shop_id', '=', this.shopId).where('day', '<', oldestKept.day).execute();
		});
	}

	async listSnapshots(): Promise<HealthSnapshot[]> {
		const rows = await this.sql.db.selectFrom('health_snapshots').selectAll().where('shop_id', '=', this.shopId).orderBy('day').execute();
		return rows.map((r) => ({ day: r.day as DayNumber, at: r.at as LocalTimestamp, score: r.score, parts: fromJson(r.parts) }));
	}

	/** A transaction that alone changes this shop's alerts (SQLite: every write transaction is alone). */
	private locked<T>(work: (trx: Db) => Promise<T>): Promise<T> {
		return this.sql.db.transaction().execute(async (trx) => {
			// "no key update" does not conflict with the key-share locks that inserts referencing the shop take.
			if (this.sql.dialect === 'postgres') await trx.selectFrom('shops').select('id').where('id', '=', this.shopId).forNoKeyUpdate().execute();
			return work(trx);
		});
	}

	private async readAlerts(db: Db): Promise<StoredAlert[]> {
		const rows = await db.selectFrom('alerts').selectAll().where('shop_id', '=', this.shopId).orderBy('key').execute();
		return rows.map((r) => ({
			key: r.key, kind: r.kind as AlertKind, productId: r.product_id as ProductId, sku: r.sku, name: r.name,
			severity: r.severity as AlertSeverity, impact: r.impact, values: fromJson(r.alert_values), firstSeenAt: r.first_seen_at as LocalTimestamp,
			updatedAt: r.updated_at as LocalTimestamp, dismissedAt: r.dismissed_at as LocalTimestamp | null
		}));
	}

	private alertRow(a: StoredAlert): AlertsTable {
		return {
			shop_id: this.shopId, key: a.key, kind: a.kind, product_id: a.productId, sku: a.sku, name: a.name, severity: a.severity,
			impact: a.impact, alert_values: toJson(a.values), first_seen_at: a.firstSeenAt, updated_at: a.updatedAt, dismissed_at: a.dismissedAt
		};
	}
}
