// The jobs table: every analytics job's state, so any instance answers GET /jobs/{id}. The
// instance running a job updates its row as it goes; an update that finds the row no longer
// running (cancelled through another instance) tells it to stop.
import { sql as rawSql } from 'kysely';
import type { LocalTimestamp } from '../../core/brand';
import { newId } from '../../core/ids';
import { nowLocal } from '../../core/time';
import type { Db, JobsTable, SqlDatabase } from '../../sql/database';

export type JobStatus = JobsTable['status'];
export const ACTIVE: JobStatus[] = ['queued', 'running'];

export interface Job {
	id: string;
	shopId: string;
	kind: string;
	status: JobStatus;
	progress: number;
	log: string[];
	result: Record<string, unknown> | null;
	error: string | null;
	createdAt: LocalTimestamp;
	startedAt: LocalTimestamp | null;
	endedAt: LocalTimestamp | null;
	createdBy: string | null;
	/** When its instance last said it is alive. */
	heartbeatAt: LocalTimestamp | null;
}

const jobOf = (r: JobsTable): Job => ({
	id: r.id, shopId: r.shop_id, kind: r.kind, status: r.status, progress: Number(r.progress), log: JSON.parse(r.log) as string[],
	result: r.result === null ? null : (JSON.parse(r.result) as Record<string, unknown>), error: r.error,
	createdAt: Number(r.created_at) as LocalTimestamp, startedAt: r.started_at === null ? null : (Number(r.started_at) as LocalTimestamp),
	endedAt: r.ended_at === null ? null : (Number(r.ended_at) as LocalTimestamp), createdBy: r.created_by,
	heartbeatAt: r.heartbeat_at === null ? null : (Number(r.heartbeat_at) as LocalTimestamp)
});

/** Log lines kept per job (the newest). */
export const LOG_LINES_KEPT = 200;

export class JobStore {
	constructor(readonly sql: SqlDatabase) {}

	private get db(): Db { return this.sql.db; }

	async get(shopId: string, id: string): Promise<Job | undefined> {
		const r = await this.db.selectFrom('jobs').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
		return r && jobOf(r);
	}

	async list(shopId: string, limit: number, kind?: string): Promise<Job[]> {
		let q = this.db.selectFrom('jobs').selectAll().where('shop_id', '=', shopId);
		if (kind !== undefined) q = q.where('kind', '=', kind);
		return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()).map(jobOf);
	}

	/**
	 * The shop's job of this kind that is queued or running, or a new queued one: one at a time per
	 * shop and kind. An active job whose instance has not touched it for `staleAfterMs` was left by
	 * an instance that stopped without finishing it: it is marked failed and a new one is made. On PostgreSQL the shop's row is
	 * locked meanwhile, so two instances asked at once agree on one job.
	 */
	async claim(shopId: string, kind: string, createdBy: string | null, staleAfterMs: number): Promise<{ job: Job; created: boolean }> {
		return this.db.transaction().execute(async (trx) => {
			if (this.sql.dialect === 'postgres') await rawSql`select id from shops where id = ${shopId} for update`.execute(trx);
			const now = nowLocal();
			const active = await trx.selectFrom('jobs').selectAll().where('shop_id', '=', shopId).where('kind', '=', kind)
				.where('status', 'in', ACTIVE).orderBy('created_at', 'desc').execute();
			for (const r of active.map(jobOf)) {
				if (!isStale(r, now, staleAfterMs)) return { job: r, created: false };
				await trx.updateTable('jobs').set({ status: 'failed', error: staleError(staleAfterMs), ended_at: now })
					.where('id', '=', r.id).where('status', 'in', ACTIVE).execute();
			}
			const row: JobsTable = {
				id: newId(), shop_id: shopId, kind, status: 'queued', progress: 0, log: '[]', result: null, error: null,
				created_at: now, started_at: null, ended_at: null, created_by: createdBy, heartbeat_at: now
			};
			await trx.insertInto('jobs').values(row).execute();
			return { job: jobOf(row), created: true };
		});
	}

	/** queued → running; false when the job is no longer queued (cancelled meanwhile). */
	async start(id: string, log: string[]): Promise<boolean> {
		const now = nowLocal();
		const r = await this.db.updateTable('jobs').set({ status: 'running', started_at: now, heartbeat_at: now, log: JSON.stringify(log) })
			.where('id', '=', id).where('status', '=', 'queued').executeTakeFirst();
		return Number(r.numUpdatedRows) > 0;
	}

	/** Progress and log of a running job; false when it is no longer running (cancelled or expired elsewhere). */
	async progress(id: string, progress: number, log: string[]): Promise<boolean> {
		const r = await this.db.updateTable('jobs').set({ progress, log: JSON.stringify(log.slice(-LOG_LINES_KEPT)), heartbeat_at: nowLocal() })
			.where('id', '=', id).where('status', '=', 'running').executeTakeFirst();
		return Number(r.numUpdatedRows) > 0;
	}

	/** Says the instance running (or queueing) these jobs is alive. */
	async touch(ids: readonly string[]) {
		if (!ids.length) return;
		await this.db.updateTable('jobs').set({ heartbeat_at: nowLocal() }).where('id', 'in', [...ids]).where('status', 'in', ACTIVE).execute();
	}

	/** Ends an active job (running or queued); false when it had already ended. */
	async finish(id: string, status: 'succeeded' | 'failed' | 'cancelled', fields: { log?: string[]; result?: unknown; error?: string | null; progress?: number }): Promise<boolean> {
		const r = await this.db.updateTable('jobs').set({
			status, ended_at: nowLocal(), error: fields.error ?? null,
			...(fields.result !== undefined ? { result: JSON.stringify(fields.result) } : {}),
			...(fields.log !== undefined ? { log: JSON.stringify(fields.log.slice(-LOG_LINES_KEPT)) } : {}),
			...(fields.progress !== undefined ? { progress: fields.progress } : {})
		}).where('id', '=', id).where('status', 'in', ACTIVE).executeTakeFirst();
		return Number(r.numUpdatedRows) > 0;
	}

	/** Marks a job of the shop cancelled when it is still active; the job as it now stands. */
	async cancel(shopId: string, id: string): Promise<Job | undefined> {
		await this.db.updateTable('jobs').set({ status: 'cancelled', ended_at: nowLocal(), error: null })
			.where('shop_id', '=', shopId).where('id', '=', id).where('status', 'in', ACTIVE).execute();
		return this.get(shopId, id);
	}

	/** A job as it stands, an abandoned one (see claim) marked failed first. */
	async current(shopId: string, id: string, staleAfterMs: number): Promise<Job | undefined> {
		const job = await this.get(shopId, id);
		if (!job || !isStale(job, nowLocal(), staleAfterMs)) return job;
		await this.db.updateTable('jobs').set({ status: 'failed', error: staleError(staleAfterMs), ended_at: nowLocal() })
			.where('id', '=', id).where('status', 'in', ACTIVE).execute();
		return this.get(shopId, id);
	}
}

/** Active, and not touched by its instance for longer than it touches its jobs: the instance is gone. */
export function isStale(job: Job, now: number, staleAfterMs: number): boolean {
	if (!ACTIVE.includes(job.status)) return false;
	return now - (job.heartbeatAt ?? job.startedAt ?? job.createdAt) > staleAfterMs;
}

const staleError = (ms: number) => `abandoned: the instance running it has not been heard from for ${Math.round(ms / 60_000)} minutes (it stopped?)`;
