// Which customers are in a segment, for the customers list filtered by ?segment= (the segments
// page's "see its customers" and the dashboard's segment drill-down). The insights worker knows;
// this asks an instance of it of its own because insights.service.ts keeps its instance private —
// see the V2 report of issue 14 for the one function there that would let both share one.
import { wrap, type Remote } from 'comlink';
import type { CustomerId } from '$core/brand';
import type { Segment } from '$core/insights/segment-rules';
import type { InsightsApi } from '$workers/insights.worker';

let remote: { api: Remote<InsightsApi>; failed: Promise<never> } | null = null;

function insightsWorker() {
	if (!remote) {
		const worker = new Worker(new URL('../../../workers/insights.worker.ts', import.meta.url), { type: 'module' });
		// A worker that cannot load never answers: fail instead of waiting forever.
		const failed = new Promise<never>((_, reject) =>
			worker.addEventListener('error', (e) => reject(new Error(e.message || 'the insights worker could not start')), { once: true }));
		failed.catch(() => (remote = null));
		remote = { api: wrap<InsightsApi>(worker), failed };
	}
	return remote;
}

/** The ids of the segment's customers; null when the shop has no segments (no sales, or too few customers). */
export async function segmentMembers(segment: Segment): Promise<Set<CustomerId> | null> {
	const { api, failed } = insightsWorker();
	const members = async () => {
		const summary = await api.ensure();
		if (!summary.segmentation) return null;
		const customers = await api.customers();
		return new Set(customers.filter((c) => c.segment === segment).map((c) => c.customerId));
	};
	return Promise.race([members(), failed]);
}
