// Stored alerts and the shop's daily health snapshots. Recomputing replaces the list but keeps
// what the owner did: an alert whose condition still holds keeps its dismissal; one whose
// condition cleared is dropped, so when the condition comes back it is a new, open alert.
import type { DayNumber, LocalTimestamp } from '../brand';
import type { Alert } from './alerts';
import type { HealthPart } from './score';

export interface StoredAlert extends Alert {
	/** When this condition was first seen (since it last cleared). */
	firstSeenAt: LocalTimestamp;
	/** The last recomputation that found it. */
	updatedAt: LocalTimestamp;
	/** When the owner dismissed it; null while open. */
	dismissedAt: LocalTimestamp | null;
}

/** The shop's score on one day (the last recomputation of that day). */
export interface HealthSnapshot {
	day: DayNumber;
	at: LocalTimestamp;
	score: number;
	parts: Record<HealthPart, number>;
}

/** Snapshots kept: about three months of days the app was used. */
export const SNAPSHOTS_KEPT = 90;

export interface AlertStore {
	/** Every stored alert, open and dismissed. */
	listAlerts(): Promise<StoredAlert[]>;
	/** Replaces the stored alerts with a recomputation's, atomically, keeping dismissals (reconcileAlerts). */
	reconcile(fresh: readonly Alert[], now: LocalTimestamp): Promise<StoredAlert[]>;
	/** Marks an alert dismissed; false when there is no such alert (its condition cleared meanwhile). */
	dismiss(key: string, at: LocalTimestamp): Promise<boolean>;
	/** Stores the day's snapshot (replacing that day's) and drops the oldest beyond SNAPSHOTS_KEPT. */
	putSnapshot(snapshot: HealthSnapshot): Promise<void>;
	/** Oldest first. */
	listSnapshots(): Promise<HealthSnapshot[]>;
}

/** The stored list after a recomputation: fresh figures, earlier first-seen times and dismissals kept. */
export function reconcileAlerts(stored: readonly StoredAlert[], fresh: readonly Alert[], now: LocalTimestamp): StoredAlert[] {
	const before = new Map(stored.map((a) => [a.key, a]));
	return fresh.map((a) => {
		const prior = before.get(a.key);
		return { ...a, firstSeenAt: prior?.firstSeenAt ?? now, updatedAt: now, dismissedAt: prior?.dismissedAt ?? null };
	});
}

export const openAlerts = (alerts: readonly StoredAlert[]) => alerts.filter((a) => a.dismissedAt === null);

/** The newest SNAPSHOTS_KEPT snapshots, one per day, oldest first. */
export function keepSnapshots(snapshots: readonly HealthSnapshot[], added: HealthSnapshot): HealthSnapshot[] {
	return [...snapshots.filter((s) => s.day !== added.day), added].sort((a, b) => a.day - b.day).slice(-SNAPSHOTS_KEPT);
}

/** Memory store (tests, the CLI; the reference the IndexedDB one follows). */
export class MemoryAlertStore implements AlertStore {
	private alerts: StoredAlert[] = [];
	private snapshots: HealthSnapshot[] = [];
	async listAlerts() { return structuredClone(this.alerts); }
	async reconcile(fresh: readonly Alert[], now: LocalTimestamp) {
		this.alerts = reconcileAlerts(this.alerts, fresh, now);
		return structuredClone(this.alerts);
	}
	async dismiss(key: string, at: LocalTimestamp) {
		const alert = this.alerts.find((a) => a.key === key);
		if (!alert) return false;
		alert.dismissedAt ??= at;
		return true;
	}
	async putSnapshot(snapshot: HealthSnapshot) { this.snapshots = keepSnapshots(this.snapshots, structuredClone(snapshot)); }
	async listSnapshots() { return structuredClone(this.snapshots); }
}
