// What the analytics routes share: a job as the API shows it, the latest forecast run (trained
// first when the shop has none yet), and the problems analytics answer with.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { dateTimeText, maybeDateTimeText } from '../../core/api/common';
import { caller } from '../context';
import { HttpProblem } from '../problem';
import { latestRunHeader, lastSaleDay, type RunHeader } from './forecast-data';
import { WorkerStopped } from './pool';
import { analyticsOf } from './runner';
import type { Job } from './store';

export function jobOut(job: Job) {
	return {
		id: job.id, kind: job.kind, status: job.status, progress: job.progress, log: job.log, result: job.result, error: job.error,
		created_at: dateTimeText(job.createdAt), started_at: maybeDateTimeText(job.startedAt), ended_at: maybeDateTimeText(job.endedAt), created_by: job.createdBy
	};
}

export const nothingToAnalyse = (detail: string) => new HttpProblem(409, 'no-data', 'Nothing to analyse yet', detail);
export const noSales = () => nothingToAnalyse('the shop has no sales to learn from: record or import some first');
export const noForecast = () => new HttpProblem(409, 'no-forecast', 'No forecast yet', 'this needs a demand forecast: POST /api/v1/forecast/train, then ask again');

/** Errors of the core's report builders (thrown in a worker: known by name) as problems. */
export function analyticsProblem(e: unknown): unknown {
	if (!(e instanceof Error)) return e;
	switch (e.name) {
		case 'NoSalesError':
		case 'NothingToLearnError':
		case 'TooFewCustomersError':
			return nothingToAnalyse(e.message);
		case 'RangeError':
			return new HttpProblem(400, 'invalid-request', 'The request is not valid', e.message);
		case 'WorkerStopped':
			return new HttpProblem(503, 'unavailable', 'Service unavailable', (e as WorkerStopped).reason);
		default:
			return e;
	}
}

/** Runs a report, its known failures turned into problems. */
export async function answer<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (e) {
		throw analyticsProblem(e);
	}
}

/**
 * The shop's latest forecast run; when it has none yet, a training (the one running, or a new one)
 * is waited for first. 409 when there are no sales to learn from.
 */
export async function latestRunOrTrain(app: FastifyInstance, request: FastifyRequest): Promise<RunHeader> {
	const { sql } = app.ctx;
	const { shopId, username } = caller(request);
	const run = await latestRunHeader(sql, shopId);
	if (run) return run;
	if ((await lastSaleDay(sql, shopId)) === null) throw noSales();
	const analytics = analyticsOf(app);
	const { job } = await answer(() => analytics.train(shopId, username));
	const done = await analytics.waitFor(shopId, job.id);
	const trained = done.status === 'succeeded' ? await latestRunHeader(sql, shopId) : undefined;
	if (trained) return trained;
	if (done.status === 'queued' || done.status === 'running') {
		throw new HttpProblem(503, 'still-training', 'Still training', `the shop's first forecast is still being trained (job ${done.id}): ask again later`, undefined, { 'retry-after': '60' });
	}
	if (done.error?.includes('no sales')) throw noSales();
	throw new HttpProblem(503, 'training-failed', 'The forecast could not be trained', `training job ${done.id} ended ${done.status}${done.error ? `: ${done.error}` : ''}`);
}
