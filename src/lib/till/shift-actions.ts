// Opening, paying out of and closing this tablet's cash shift. The shift is a shared setting
// (shifts.<id>, so the owner sees every tablet's); which one is open here is device-local.
import type { Cents } from '$core/brand';
import { newId } from '$core/ids';
import { TILL_SHIFT_KEY } from '$core/till/settings';
import { closeShift, openShift, shiftKey, shiftReport, SHIFT_KEY_PREFIX, type Payout, type Shift, type ShiftReport } from '$core/till/shift';
import type { Ticket } from '$core/till/ticket';
import { nowLocal } from '$core/time';
import { getRepository } from '$lib/db';
import { requestSync } from '$lib/services/sync.svelte';
import { till } from './session.svelte';

async function store(shift: Shift): Promise<void> {
	await getRepository().putSetting(shiftKey(shift.id), shift);
	requestSync('edit');
}

export async function startShift(openingFloat: Cents): Promise<Shift> {
	await till.ready();
	const shift = openShift(newId(), till.deviceId, till.series, nowLocal(), till.cashierName, openingFloat);
	await store(shift);
	await getRepository().putSetting(TILL_SHIFT_KEY, shift.id);
	till.setShift(shift);
	return shift;
}

export async function addPayout(shift: Shift, amount: Cents, reason: string): Promise<Shift> {
	const payout: Payout = { at: nowLocal(), amount, reason: reason.trim(), by: till.cashierName };
	const next = { ...shift, payouts: [...shift.payouts, payout] };
	await store(next);
	till.setShift(next);
	return next;
}

/** The tickets rung up in this shift (every store indexes tickets by shift). */
export const shiftTickets = (shift: Shift): Promise<Ticket[]> => getRepository().listTickets({ shiftId: shift.id });

export async function endShift(shift: Shift, countedCash: Cents, note: string): Promise<{ shift: Shift; report: ShiftReport }> {
	const tickets = await shiftTickets(shift);
	const closed = closeShift(shift, tickets, countedCash, nowLocal(), till.cashierName, note.trim());
	await store(closed);
	await getRepository().putSetting(TILL_SHIFT_KEY, '');
	till.setShift(null);
	return { shift: closed, report: shiftReport(closed, tickets) };
}

/** Closed shifts of this tablet, newest first (to print a report again). */
export async function closedShifts(limit = 10): Promise<Shift[]> {
	await till.ready();
	const settings = await getRepository().listSettings();
	return settings
		.filter(([key]) => key.startsWith(SHIFT_KEY_PREFIX))
		.map(([, value]) => value as Shift)
		.filter((s) => s.closedAt !== null && s.deviceId === till.deviceId)
		.sort((a, b) => (b.closedAt ?? 0) - (a.closedAt ?? 0))
		.slice(0, limit);
}

export async function reportOf(shift: Shift): Promise<ShiftReport> {
	return shiftReport(shift, await shiftTickets(shift));
}
