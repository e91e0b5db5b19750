// Which customers are in a segment, for the customers list filtered by ?segment= (the segments
// page's "see its customers" and the dashboard's segment drill-down), from the app's one insights
// worker.
import type { CustomerId } from '$core/brand';
import type { Segment } from '$core/insights/segment-rules';
import { segmentedCustomers } from './insights.service';

/** The ids of the segment's customers; null when the shop has no segments (no sales, or too few customers). */
export async function segmentMembers(segment: Segment): Promise<Set<CustomerId> | null> {
	const customers = await segmentedCustomers();
	return customers ? new Set(customers.filter((c) => c.segment === segment).map((c) => c.customerId)) : null;
}
