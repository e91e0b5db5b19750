// The training job's mechanics on SQLite and PostgreSQL: one at a time per shop even when two
// instances are asked at once; a cancel through another instance stops the owner's worker thread;
// a server stopping marks its trainings failed ("server stopped"); a job whose instance stopped
// touching it (jobs.heartbeat_at) expires instead of wedging the shop; the trained networks stored in
// model_artifacts load back into tfjs, older ones pruned; reports computed in worker threads equal
// those computed in the event loop's thread, also on a SQLite file, where the threads read and
// write through connections of their own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayNumber, LocalTimestamp } from '../../src/core/brand';
import { tf } from '../../src/core/forecast/tf';
import type { ModelRecord } from '../../src/core/forecast-runs';
import { newId } from '../../src/core/ids';
import { nowLocal } from '../../src/core/time';
import { buildServer } from '../../src/server/app';
import type { Api } from '../../src/server/context';
import { networkOf } from '../../src/server/jobs/networks';
import { createUser } from '../../src/server/auth/accounts';
import { analyticsOf, NETWORK_ADDRESS_PREFIX, STALE_AFTER_MS, TRAIN_JOB, workerTarget } from '../../src/server/jobs/runner';
import { sqliteFile } from '../../src/sql/sqlite-file';
import { DEFAULT_SHOP_CODE, ensureShop, openDatabase } from '../../src/sql/open';
import { SqlForecastStore } from '../../src/sql/sql-forecast-store';
import { SqlRepository } from '../../src/sql/sql-repository';
import { startNodeBackend } from '../../src/cli/commands/forecast-run';
import { describeEachSql } from '../support/sql-databases';
import { TEST_OPTIONS, TEST_PASSWORD, testServer, type TestServer } from '../support/server';
import { buildInsightsShop } from './insights-fixture';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachSql('analytics jobs', (dialect) => {
	let s: TestServer;
	let other: Api;
	let admin: string;

	beforeAll(async () => {
		s = await testServer(dialect);
		await buildInsightsShop(new SqlRepository(s.sql, s.shopId));
		admin = await s.tokenFor('admin');
		other = await s.another();
	}, 60_000);
	afterAll(async () => s?.close());

	const call = (app: Api, method: 'GET' | 'POST', url: string) => app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${admin}` } });
	const jobOf = async (app: Api, id: string) => (await call(app, 'GET', `/jobs/${id}`)).json();
	const train = async (app: Api) => {
		const r = await call(app, 'POST', '/forecast/train');
		expect(r.statusCode, r.body).toBe(202);
		return r.json() as { job_id: string; status: string; created: boolean };
	};
	/** Polls until the job's row says `until` (or it ended), through any instance. */
	async function waitForJob(app: Api, id: string, until: (job: { status: string; progress: number }) => boolean, ms = 60_000) {
		const end = Date.now() + ms;
		for (;;) {
			const job = await jobOf(app, id);
			if (until(job) || !['queued', 'running'].includes(job.status) || Date.now() > end) return job;
			await sleep(25);
		}
	}
	const logs = async () => (await call(s.app, 'GET', '/training-logs')).json() as { outcome: string; error: string | null }[];

	it('lets the worker threads connect to the database themselves, except to SQLite in memory (not shareable)', async () => {
		expect(await workerTarget(s.sql)).toEqual(dialect === 'postgres' ? { url: expect.stringMatching(/^postgres(ql)?:\/\//) } : null);
	});

	it('makes one training per shop when two instances are asked at once', async () => {
		const [a, b] = await Promise.all([train(s.app), train(other)]);
		expect(a.job_id).toBe(b.job_id);
		expect([a.created, b.created].sort()).toEqual([false, true]);
		const cancelled = await call(other, 'POST', `/jobs/${a.job_id}/cancel`);
		expect(cancelled.statusCode).toBe(200);
		expect(cancelled.json().status).toBe('cancelled');
		// Cancelling again answers the job as it stands.
		expect((await call(s.app, 'POST', `/jobs/${a.job_id}/cancel`)).json().status).toBe('cancelled');
		expect((await call(s.app, 'POST', '/jobs/nope/cancel')).statusCode).toBe(404);
	}, 60_000);

	it('stops the owner\'s worker thread when the job is cancelled through another instance', async () => {
		const { job_id: id } = await train(s.app);
		const running = await waitForJob(other, id, (j) => j.status === 'running' && j.progress > 0);
		expect(running.status).toBe('running');
		const cancelled = await call(other, 'POST', `/jobs/${id}/cancel`);
		expect(cancelled.json().status).toBe('cancelled');
		// The owner finds out at its next progress update, stops the thread and logs the training as cancelled.
		const end = Date.now() + 30_000;
		while (analyticsOf(s.app).trainingsRunning > 0 && Date.now() < end) await sleep(25);
		expect(analyticsOf(s.app).trainingsRunning).toBe(0);
		expect((await logs())[0]).toMatchObject({ outcome: 'cancelled', error: null });
		expect((await jobOf(s.app, id)).status).toBe('cancelled');
		expect((await call(s.app, 'GET', '/models')).json()).toEqual([]);
	}, 60_000);

	it('marks the trainings of a server that stops failed ("server stopped"), and the shop can train again', async () => {
		const leaving = await buildServer(s.sql, TEST_OPTIONS);
		const { job_id: id } = await train(leaving);
		expect((await waitForJob(s.app, id, (j) => j.status === 'running')).status).toBe('running');
		await leaving.close();
		const job = await jobOf(s.app, id);
		expect(job).toMatchObject({ status: 'failed', error: 'server stopped' });
		expect(job.log.at(-1)).toMatch(/failed: server stopped/);
		const next = await train(s.app);
		expect(next.created).toBe(true);
		await call(s.app, 'POST', `/jobs/${next.job_id}/cancel`);
	}, 60_000);

	it('expires a job whose instance stopped touching it (heartbeat) instead of wedging the shop', async () => {
		const id = newId();
		const long = nowLocal() - STALE_AFTER_MS - 60_000;
		await s.sql.db.insertInto('jobs').values({
			id, shop_id: s.shopId, kind: TRAIN_JOB, status: 'running', progress: 0.4, log: '[]', result: null, error: null,
			created_at: long, started_at: long, ended_at: null, created_by: 'gone', heartbeat_at: long
		}).execute();
		expect(await jobOf(other, id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^abandoned/) });
		// A long training whose instance still touches it is not abandoned.
		const alive = newId();
		await s.sql.db.insertInto('jobs').values({
			id: alive, shop_id: s.shopId, kind: TRAIN_JOB, status: 'running', progress: 0.4, log: '[]', result: null, error: null,
			created_at: long, started_at: long, ended_at: null, created_by: 'elsewhere', heartbeat_at: nowLocal()
		}).execute();
		expect(await jobOf(other, alive)).toMatchObject({ status: 'running' });
		expect(await train(s.app)).toMatchObject({ job_id: alive, created: false });
		await s.sql.db.updateTable('jobs').set({ heartbeat_at: long }).where('id', '=', alive).execute();
		const queued = newId();
		await s.sql.db.insertInto('jobs').values({
			id: queued, shop_id: s.shopId, kind: TRAIN_JOB, status: 'queued', progress: 0, log: '[]', result: null, error: null,
			created_at: long, started_at: null, ended_at: null, created_by: 'gone', heartbeat_at: null
		}).execute();
		const fresh = await train(s.app);
		expect(fresh).toMatchObject({ created: true });
		expect(fresh.job_id).not.toBe(queued);
		expect(await jobOf(s.app, queued)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^abandoned/) });
		expect(await jobOf(s.app, alive)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^abandoned/) });
		await call(s.app, 'POST', `/jobs/${fresh.job_id}/cancel`);
	}, 60_000);

	it('stores the trained networks in model_artifacts, loadable into tfjs, and keeps those of the newest two models', async () => {
		const store = new SqlForecastStore(s.sql, s.shopId);
		// Two older models whose networks are stored.
		const old = (n: number): ModelRecord => ({
			id: `global-nn@old-${n}`, name: 'global-nn', trainedAt: (nowLocal() - (10 - n) * 86_400_000) as LocalTimestamp, dataFrom: 0 as DayNumber, dataTo: 1 as DayNumber,
			saleLines: 1, products: 1, backend: 'cpu', parameters: {}, metrics: {}, chosen: {}, savedAt: `${NETWORK_ADDRESS_PREFIX}old-${n}`
		});
		for (const n of [1, 2]) {
			await store.putModel(old(n));
			await store.saveArtifacts(old(n).savedAt!, '{}', new Uint8Array([n]));
			await store.saveArtifacts(`${old(n).savedAt!}-backtest`, '{}', new Uint8Array([n]));
		}
		const { job_id: id } = await train(s.app);
		const job = await waitForJob(other, id, () => false, 90_000);
		expect(job.status, job.error).toBe('succeeded');
		const models = await store.listModels();
		const trained = models.find((m) => m.id === job.result.model_id)!;
		expect(trained.savedAt).toBe(NETWORK_ADDRESS_PREFIX + trained.id);
		expect(models.find((m) => m.id === 'global-nn@old-2')!.savedAt).toBe(old(2).savedAt);
		expect(models.find((m) => m.id === 'global-nn@old-1')!.savedAt).toBeNull();
		expect(await store.loadArtifacts(old(1).savedAt!)).toBeUndefined();
		expect(await store.loadArtifacts(old(2).savedAt!)).toBeDefined();
		// The network loads back and forecasts from its stored topology and weights.
		await startNodeBackend();
		for (const address of [trained.savedAt!, `${trained.savedAt!}-backtest`]) {
			const artifacts = (await store.loadArtifacts(address))!;
			expect(artifacts.weights.byteLength).toBeGreaterThan(0);
			const network = await networkOf(artifacts.modelJson, artifacts.weights);
			const shape = (network.inputs[0].shape as (number | null)[]).map((d) => d ?? 1);
			const out = tf.tidy(() => (network.predict(tf.zeros(shape)) as tf.Tensor).dataSync());
			expect(out.length).toBeGreaterThan(0);
			expect([...out].every(Number.isFinite)).toBe(true);
			network.dispose();
		}
		expect((await logs())[0]).toMatchObject({ outcome: 'trained' });
	}, 120_000);

	it('computes reports in worker threads, the same as in the event loop\'s thread', async () => {
		const inline = await buildServer(s.sql, { ...TEST_OPTIONS, analyticsThreads: 0 });
		try {
			for (const url of ['/trends?top=4', '/segments', '/recommendations/products/TEA?top=3', '/health', '/reorder?all=true', '/forecast?scope=category&category=Bebidas&horizon=7']) {
				const [threaded, here] = await Promise.all([call(s.app, 'GET', url), call(inline, 'GET', url)]);
				expect(threaded.statusCode, `${url}: ${threaded.body}`).toBe(200);
				expect(here.statusCode).toBe(200);
				expect(threaded.json()).toEqual(here.json());
			}
			expect(analyticsOf(s.app).reportThreads).toBe(1);
			expect(analyticsOf(inline).reportThreads).toBe(0);
		} finally {
			await inline.close();
		}
	}, 60_000);
});

describe('on a SQLite file', () => {
	it('trains and reports in worker threads that read and write the file through their own connections', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'inventario-jobs-'));
		const sql = await openDatabase({ file: join(dir, 'shop.db') });
		const shop = await ensureShop(sql, DEFAULT_SHOP_CODE);
		await buildInsightsShop(new SqlRepository(sql, shop.id));
		await createUser(sql, { username: 'boss', password: TEST_PASSWORD, role: 'admin', shopCode: DEFAULT_SHOP_CODE, ifExists: 'join' }, { passwordLogN: 10 });
		const [app, inline] = await Promise.all([buildServer(sql, TEST_OPTIONS), buildServer(sql, { ...TEST_OPTIONS, analyticsThreads: 0 })]);
		try {
			expect(await sqliteFile(sql)).toBe(join(dir, 'shop.db'));
			expect(await workerTarget(sql)).toEqual({ file: join(dir, 'shop.db') });
			const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'boss', password: TEST_PASSWORD } });
			const headers = { authorization: `Bearer ${login.json().access_token}` };
			const started = await app.inject({ method: 'POST', url: '/api/v1/forecast/train', headers });
			expect(started.statusCode, started.body).toBe(202);
			let job;
			for (;;) {
				job = (await app.inject({ method: 'GET', url: `/api/v1/jobs/${started.json().job_id}`, headers })).json();
				if (!['queued', 'running'].includes(job.status)) break;
				await sleep(50);
			}
			expect(job.status, job.error).toBe('succeeded');
			expect(job.log.some((l: string) => /read \d+ sale lines/.test(l))).toBe(true);
			// What the thread stored through its connection, read through the server's.
			const store = new SqlForecastStore(sql, shop.id);
			expect((await store.latestRun())?.id).toBe(job.result.run_id);
			expect((await store.listModels())[0]).toMatchObject({ id: job.result.model_id, savedAt: NETWORK_ADDRESS_PREFIX + job.result.model_id });
			expect((await store.listTrainingLogs())[0]).toMatchObject({ outcome: 'trained' });
			for (const url of ['/forecast/TEA?horizon=7', '/forecasts?horizon=2', '/trends', '/reorder', '/health', '/segments', '/forecast?scope=category&category=Bebidas']) {
				const [threaded, here] = await Promise.all([app.inject({ method: 'GET', url: `/api/v1${url}`, headers }), inline.inject({ method: 'GET', url: `/api/v1${url}`, headers })]);
				expect(threaded.statusCode, `${url}: ${threaded.body}`).toBe(200);
				expect(threaded.json()).toEqual(here.json());
			}
			expect(analyticsOf(app).reportThreads).toBe(1);
		} finally {
			await app.close();
			await inline.close();
			await sql.close();
			rmSync(dir, { recursive: true, force: true });
		}
	}, 120_000);
});

describe('the jobs of a shop', () => {
	it('are not another shop\'s', async () => {
		const s = await testServer('sqlite');
		try {
			await buildInsightsShop(new SqlRepository(s.sql, s.shopId));
			const [admin, elsewhere] = await Promise.all([s.tokenFor('admin'), s.tokenFor('admin', 'branch')]);
			const started = await s.inject({ method: 'POST', url: '/api/v1/forecast/train', headers: { authorization: `Bearer ${admin}` } });
			const id = started.json().job_id;
			for (const [method, url] of [['GET', `/jobs/${id}`], ['POST', `/jobs/${id}/cancel`]] as const) {
				expect((await s.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${elsewhere}` } })).statusCode).toBe(404);
			}
			expect((await s.inject({ method: 'GET', url: '/api/v1/jobs', headers: { authorization: `Bearer ${elsewhere}` } })).json()).toEqual([]);
			await s.inject({ method: 'POST', url: `/api/v1/jobs/${id}/cancel`, headers: { authorization: `Bearer ${admin}` } });
		} finally {
			await s.close();
		}
	}, 60_000);
});
