// /api/v1/tickets and /api/v1/shifts: the tills' receipts (each tablet's gapless, hash-chained
// series, reaching the server by sync) and their cash shifts with the close report, read only.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DayNumber } from '../../core/brand';
import { problems } from '../../core/api/problem';
import { ShiftList, ShiftParams, shiftJson, TicketList, TicketOut, TicketParams, TicketQueryIn, ticketJson, ShiftOut } from '../../core/api/tickets';
import { startOfDay } from '../../core/time';
import { SHIFT_KEY_PREFIX, shiftKey, shiftReport, type Shift } from '../../core/till/shift';
import type { SqlRepository } from '../../sql/sql-repository';
import { notFound } from '../problem';
import { shopOf } from '../queries/scope';

/** The shift with its report from the tickets the server holds. */
async function shiftOut(repo: SqlRepository, shift: Shift) {
	return shiftJson(shift, shiftReport(shift, await repo.listTickets({ shiftId: shift.id })));
}

export default async function ticketsRoutes(scope: FastifyInstance) {
	const app = scope.withTypeProvider<ZodTypeProvider>();

	app.get('/tickets', {
		config: { access: 'staff' },
		schema: {
			tags: ['tickets'], summary: 'Till receipts, newest first',
			description: 'Filters combine; from and to are days, both inclusive. A till\'s tickets arrive when it syncs.',
			querystring: TicketQueryIn,
			response: { 200: TicketList, ...problems(400, 401, 403) }
		}
	}, async (request) => {
		const { repo } = shopOf(request);
		const q = request.query;
		const tickets = await repo.listTickets({
			series: q.series, shiftId: q.shift, returnOf: q.return_of, limit: q.limit,
			fromAt: q.from === undefined ? undefined : startOfDay(q.from),
			toAt: q.to === undefined ? undefined : startOfDay((q.to + 1) as DayNumber) - 1
		});
		return { items: tickets.map(ticketJson) };
	});

	app.get('/tickets/:invoice', {
		config: { access: 'staff' },
		schema: { tags: ['tickets'], summary: 'One receipt by its invoice (to reprint it)', params: TicketParams, response: { 200: TicketOut, ...problems(401, 403, 404) } }
	}, async (request) => {
		const ticket = await shopOf(request).repo.getTicket(request.params.invoice);
		if (!ticket) throw notFound('ticket', request.params.invoice);
		return ticketJson(ticket);
	});

	app.get('/shifts', {
		config: { access: 'admin' },
		schema: { tags: ['tickets'], summary: 'Cash shifts of every till, newest first, with their close reports', response: { 200: ShiftList, ...problems(401, 403) } }
	}, async (request) => {
		const { repo } = shopOf(request);
		const shifts = (await repo.listSettings()).filter(([key]) => key.startsWith(SHIFT_KEY_PREFIX)).map(([, value]) => value as Shift)
			.sort((a, b) => b.openedAt - a.openedAt);
		return { items: await Promise.all(shifts.map((s) => shiftOut(repo, s))) };
	});

	app.get('/shifts/:id', {
		config: { access: 'admin' },
		schema: { tags: ['tickets'], summary: 'One cash shift and its close report', params: ShiftParams, response: { 200: ShiftOut, ...problems(401, 403, 404) } }
	}, async (request) => {
		const { repo } = shopOf(request);
		const shift = await repo.getSetting<Shift>(shiftKey(request.params.id));
		if (!shift) throw notFound('shift', request.params.id);
		return shiftOut(repo, shift);
	});
}
