// The shop's analytics through /api/v1, typed by src/core/api/analytics.ts: forecasts of the
// latest trained run, trends, reorder, recommendations, segments, health and alerts, and the
// training job that makes the forecast.
import type { z } from 'zod';
import type {
	AlertsOut, AlertsQuery, AllRecommendationsOut, CatalogForecastOut, ForecastQuery, HealthOut, HealthQuery, InsightsQuery, JobOut, ProductForecastOut,
	ProductRecommendationsOut, ReorderOut, ReorderQuery, SegmentsQuery, SegmentsReportOut, TotalForecastOut, TotalsQuery, TrainAccepted, TrendsOut, TrendsQuery
} from '../core/api/analytics';
import { ApiProblem, type HttpClient, type Query } from './api-client';

/** A query as sent: the schema's fields, as text or numbers (the server parses them). */
type Sent<T extends z.ZodType> = { [K in keyof z.input<T>]?: string | number | boolean };

const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');

/** GET `route` with a query: the answer typed by `Out`, the query by `In`. */
const report = <Out extends z.ZodType, In extends z.ZodType>(route: string) =>
	(client: HttpClient, query: Sent<In> = {}) => client.json<z.infer<Out>>('GET', route, { query: query as Query });

/** GET `route`/{key} with a query. */
const reportOf = <Out extends z.ZodType, In extends z.ZodType>(route: string) =>
	(client: HttpClient, key: string, query: Sent<In> = {}) => client.json<z.infer<Out>>('GET', `${route}/${path(key)}`, { query: query as Query });

export const productForecast = reportOf<typeof ProductForecastOut, typeof ForecastQuery>('/forecast');
export const catalogForecast = report<typeof CatalogForecastOut, typeof ForecastQuery>('/forecasts');
export const totalForecast = report<typeof TotalForecastOut, typeof TotalsQuery>('/forecast');
export const trends = report<typeof TrendsOut, typeof TrendsQuery>('/trends');
export const reorder = report<typeof ReorderOut, typeof ReorderQuery>('/reorder');
export const productRecommendations = reportOf<typeof ProductRecommendationsOut, typeof InsightsQuery>('/recommendations/products');
export const allRecommendations = report<typeof AllRecommendationsOut, typeof InsightsQuery>('/recommendations/products');
export const segmentsReport = report<typeof SegmentsReportOut, typeof SegmentsQuery>('/reports/segments');
export const health = report<typeof HealthOut, typeof HealthQuery>('/health');
export const alerts = report<typeof AlertsOut, typeof AlertsQuery>('/alerts');

export const startTraining = (client: HttpClient) => client.json<z.infer<typeof TrainAccepted>>('POST', '/forecast/train');
export const job = (client: HttpClient, id: string) => client.json<z.infer<typeof JobOut>>('GET', `/jobs/${path(id)}`);

export type Job = z.infer<typeof JobOut>;

/** Trains the forecast (or joins the training running) and waits for it; throws when it fails. */
export async function trainAndWait(client: HttpClient, onProgress: (job: Job) => void = () => {}, pollMs = 1000): Promise<Job> {
	const { job_id } = await startTraining(client);
	for (;;) {
		const current = await job(client, job_id);
		onProgress(current);
		if (current.status === 'succeeded') return current;
		if (current.status === 'failed' || current.status === 'cancelled') throw new Error(`the forecast's training ${current.status}${current.error ? `: ${current.error}` : ''}`);
		await new Promise((resolve) => setTimeout(resolve, pollMs));
	}
}

/** The server's answer that a report needs a trained forecast first. */
export const needsForecast = (e: unknown) => e instanceof ApiProblem && e.status === 409 && e.problem.type.endsWith('/no-forecast');
