// TicketQuery's meaning, for stores that filter in memory.
import type { TicketQuery } from '../repository';
import type { Ticket } from './ticket';

export const matchesTicketQuery = (t: Ticket, q: TicketQuery): boolean =>
	(q.series === undefined || t.series === q.series) &&
	(q.shiftId === undefined || t.shiftId === q.shiftId) &&
	(q.returnOf === undefined || t.returnOf === q.returnOf) &&
	(q.fromAt === undefined || t.at >= q.fromAt) &&
	(q.toAt === undefined || t.at <= q.toAt);
