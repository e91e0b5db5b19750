// AlertStore on IndexedDB: stored alerts (by their kind:product key) and daily health snapshots.
import type { LocalTimestamp } from '$core/brand';
import type { Alert } from '$core/health/alerts';
import { reconcileAlerts, SNAPSHOTS_KEPT, type AlertStore, type HealthSnapshot } from '$core/health/alert-store';
import type { InventoryDB } from './inventory-db';

export class DexieAlertStore implements AlertStore {
	constructor(readonly db: InventoryDB) {}

	listAlerts() { return this.db.alerts.toArray(); }

	/** One transaction: a dismissal made while a worker recomputes is either seen or made after, never lost. */
	reconcile(fresh: readonly Alert[], now: LocalTimestamp) {
		const alerts = this.db.alerts;
		return this.db.transaction('rw', alerts, async () => {
			const next = reconcileAlerts(await alerts.toArray(), fresh, now);
			const keep = new Set(next.map((a) => a.key));
			await alerts.bulkDelete((await alerts.toCollection().primaryKeys()).filter((k) => !keep.has(k)));
			await alerts.bulkPut(next);
			return next;
		});
	}

	dismiss(key: string, at: LocalTimestamp) {
		return this.db.transaction('rw', this.db.alerts, async () => {
			const alert = await this.db.alerts.get(key);
			if (!alert) return false;
			if (alert.dismissedAt === null) await this.db.alerts.update(key, { dismissedAt: at });
			return true;
		});
	}

	async putSnapshot(snapshot: HealthSnapshot) {
		const table = this.db.healthSnapshots;
		await this.db.transaction('rw', table, async () => {
			await table.put(snapshot);
			const days = await table.orderBy('day').primaryKeys();
			if (days.length > SNAPSHOTS_KEPT) await table.bulkDelete(days.slice(0, days.length - SNAPSHOTS_KEPT));
		});
	}

	listSnapshots() { return this.db.healthSnapshots.orderBy('day').toArray(); }
}
