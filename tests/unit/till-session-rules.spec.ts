// The till's device-side rules: who is at the till and what they may do, staff edits from the
// settings form, the till settings' checks, payouts, counting the drawer, which screens lock,
// and how the server's role and the till's PIN members combine.
import { describe, expect, it } from 'vitest';
import type { Cents } from '$core/brand';
import { memberByPin, staffMember, type StaffMember } from '$core/till/staff';
import { activeStaff, cashierOf, tillAllows, tillRole } from '$lib/till/access';
import { countedTotal, countError, denominationsOf } from '$lib/till/cash-count';
import { lockedPathAction } from '$lib/till/locked-paths';
import { readPayout } from '$lib/till/payout-form';
import { applyStaffForm, type StaffForm } from '$lib/till/staff-edit';
import { readDiscountLimit, readPaymentMethod, readRate, removeRateError, withRate } from '$lib/till/till-settings-form';
import { canEditCatalogue, canSeeAnalytics, combineWithTill, serverAllows, type PairingInfo } from '$lib/sync/sync-status';

const ana = staffMember('a', 'Ana', 'admin', '1234', 's1');
const luis = staffMember('l', 'Luis', 'staff', '5678', 's2');
const gone: StaffMember = { ...staffMember('g', 'Gema', 'admin', '4321', 's3'), active: false };

let ids = 0;
const newId = () => `id-${++ids}`;
const newSalt = () => `salt-${ids}`;
const form = (f: Partial<StaffForm>): StaffForm => ({ id: null, name: '', role: 'staff', pin: '', active: true, ...f });

describe('who is at the till', () => {
	it('is anonymous with no active staff: nothing is locked', () => {
		expect(tillRole([], null)).toBeNull();
		expect(tillRole([gone], 'g')).toBeNull();
		expect(tillAllows(null, [], 'analytics')).toBe(true);
	});

	it('takes the cashier’s role, and the limited role when nobody signed in', () => {
		expect(tillRole([ana, luis], 'a')).toBe('admin');
		expect(tillRole([ana, luis], 'l')).toBe('staff');
		expect(tillRole([ana, luis], null)).toBe('staff');
		expect(tillRole([ana, luis, gone], 'g')).toBe('staff');
		expect(cashierOf([ana, luis, gone], 'g')).toBeNull();
		expect(activeStaff([ana, gone]).map((m) => m.name)).toEqual(['Ana']);
	});

	it('lets staff do what an admin unlocked for the session, and only that', () => {
		expect(tillAllows('staff', [], 'analytics')).toBe(false);
		expect(tillAllows('staff', ['analytics'], 'analytics')).toBe(true);
		expect(tillAllows('staff', ['analytics'], 'refund')).toBe(false);
		expect(tillAllows('admin', [], 'refund')).toBe(true);
	});
});

describe('staff from the settings form', () => {
	it('makes the first member an admin, refusing a first staff member', () => {
		const refused = applyStaffForm([], form({ name: 'Luis', pin: '5678' }), newId, newSalt);
		expect(refused).toEqual({ ok: false, errors: ['first_must_be_admin'] });
		const made = applyStaffForm([], form({ name: ' Ana ', role: 'admin', pin: '1234' }), newId, newSalt);
		if (!made.ok) throw new Error(made.errors.join());
		expect(made.member).toMatchObject({ name: 'Ana', role: 'admin', active: true });
		expect(memberByPin(made.staff, '1234')?.name).toBe('Ana');
	});

	it('names each problem: blank name, a name or PIN taken, a PIN not of 4 digits', () => {
		expect(applyStaffForm([ana], form({ name: '', pin: '12' }), newId, newSalt)).toEqual({ ok: false, errors: ['name_required', 'pin_not_4_digits'] });
		expect(applyStaffForm([ana], form({ name: 'ana', pin: '1234' }), newId, newSalt)).toEqual({ ok: false, errors: ['name_taken', 'pin_taken'] });
		// A new member needs a PIN; blank is not "keep".
		expect(applyStaffForm([ana], form({ name: 'Luis', pin: '' }), newId, newSalt)).toEqual({ ok: false, errors: ['pin_not_4_digits'] });
	});

	it('keeps a member’s PIN when left blank and changes it when typed', () => {
		const kept = applyStaffForm([ana, luis], form({ id: 'l', name: 'Luis G.', pin: '' }), newId, newSalt);
		if (!kept.ok) throw new Error(kept.errors.join());
		expect(kept.member).toMatchObject({ id: 'l', name: 'Luis G.', pinHash: luis.pinHash });
		const changed = applyStaffForm([ana, luis], form({ id: 'l', name: 'Luis', pin: '9999' }), newId, newSalt);
		if (!changed.ok) throw new Error(changed.errors.join());
		expect(memberByPin(changed.staff, '9999')?.id).toBe('l');
		expect(memberByPin(changed.staff, '5678')).toBeNull();
		expect(changed.staff).toHaveLength(2);
	});

	it('never leaves the shop without an active admin, and refuses a member that is gone', () => {
		expect(applyStaffForm([ana, luis], form({ id: 'a', name: 'Ana', role: 'staff' }), newId, newSalt)).toEqual({ ok: false, errors: ['last_admin'] });
		expect(applyStaffForm([ana, luis], form({ id: 'a', name: 'Ana', role: 'admin', active: false }), newId, newSalt)).toEqual({ ok: false, errors: ['last_admin'] });
		expect(applyStaffForm([ana], form({ id: 'zz', name: 'X' }), newId, newSalt)).toEqual({ ok: false, errors: ['not_found'] });
	});
});

describe('till settings as typed', () => {
	it('reads tax rates with either decimal mark and refuses the rest', () => {
		expect(readRate('5,5', [21])).toEqual({ ok: true, rate: 5.5 });
		expect(readRate(' 7 % ', [21])).toEqual({ ok: true, rate: 7 });
		expect(readRate('abc', [21])).toEqual({ ok: false, error: 'rate_invalid' });
		expect(readRate('-3', [21])).toEqual({ ok: false, error: 'rate_invalid' });
		expect(readRate('150', [21])).toEqual({ ok: false, error: 'rate_out_of_range' });
		expect(readRate('21', [21, 10])).toEqual({ ok: false, error: 'rate_taken' });
		expect(withRate([21, 4, 0], 10)).toEqual([21, 10, 4, 0]);
	});

	it('keeps the default rate and at least one rate', () => {
		expect(removeRateError([21, 10], 21, 21)).toBe('rate_is_default');
		expect(removeRateError([10], 10, 21)).toBe('last_rate');
		expect(removeRateError([21, 10], 10, 21)).toBeNull();
	});

	it('takes a new payment method once, never a second cash or card', () => {
		expect(readPaymentMethod('  Bizum ', [])).toEqual({ ok: true, method: 'Bizum' });
		expect(readPaymentMethod('bizum', ['Bizum'])).toEqual({ ok: false, error: 'method_taken' });
		expect(readPaymentMethod('CASH', [])).toEqual({ ok: false, error: 'method_builtin' });
		expect(readPaymentMethod('Efectivo', [], ['Efectivo', 'Tarjeta'])).toEqual({ ok: false, error: 'method_builtin' });
		expect(readPaymentMethod(' ', [])).toEqual({ ok: false, error: 'method_required' });
		expect(readPaymentMethod('x'.repeat(31), [])).toEqual({ ok: false, error: 'method_too_long' });
	});

	it('reads the discount limit as a percentage', () => {
		expect(readDiscountLimit('12,5')).toEqual({ ok: true, percent: 12.5 });
		expect(readDiscountLimit('101')).toEqual({ ok: false, error: 'limit_invalid' });
		expect(readDiscountLimit('')).toEqual({ ok: false, error: 'limit_invalid' });
	});
});

describe('the cash drawer', () => {
	it('reads a payout with its amount and reason', () => {
		expect(readPayout('12,50', ' Limpieza ')).toEqual({ ok: true, amount: 1250, reason: 'Limpieza' });
		expect(readPayout('', '')).toEqual({ ok: false, errors: { amount: 'amount_required', reason: 'reason_required' } });
		expect(readPayout('doce', 'x')).toEqual({ ok: false, errors: { amount: 'amount_invalid' } });
		expect(readPayout('0', 'x')).toEqual({ ok: false, errors: { amount: 'amount_positive' } });
		expect(readPayout('-5', 'x')).toEqual({ ok: false, errors: { amount: 'amount_positive' } });
	});

	it('adds up a count by notes and coins', () => {
		expect(denominationsOf('EUR')[0]).toBe(50_000);
		expect(denominationsOf('XYZ')).toEqual([]);
		expect(countedTotal({ 5_000: 2, 1_000: 3, 200: 4, 5: 1, 1: 0 })).toBe(13_805 as Cents);
		expect(countError('3')).toBeNull();
		expect(countError('')).toBeNull();
		expect(countError('2,5')).toBe('not_a_count');
	});
});

describe('which screens lock, and the server’s role with the till’s', () => {
	it('locks the analytics screens and making products, nothing else', () => {
		expect(['/', '/trends', '/reorder/x', '/segments', '/models', '/alerts'].map(lockedPathAction)).toEqual(Array(6).fill('analytics'));
		expect(lockedPathAction('/products/new')).toBe('editCatalogue');
		expect(['/sell', '/shift', '/products', '/products/ABC', '/settings', '/sales', '/trendsetter'].map(lockedPathAction)).toEqual(Array(7).fill(null));
	});

	it('lets a staff account of the server do neither analytics, catalogue nor staff, whatever the till says', () => {
		const pairing = (role: 'admin' | 'staff'): PairingInfo => ({ server: 'http://s', username: 'u', shop: 'x', role, pairedAt: 0 });
		expect(serverAllows(null, 'analytics')).toBe(true);
		expect(serverAllows(pairing('admin'), 'manageStaff')).toBe(true);
		expect(['analytics', 'editCatalogue', 'manageStaff'].map((a) => serverAllows(pairing('staff'), a as never))).toEqual([false, false, false]);
		expect(serverAllows(pairing('staff'), 'refund')).toBe(true);
	});

	it('asks the till too once a till is running: the stricter of the two wins', () => {
		const pairing: PairingInfo = { server: 'http://s', username: 'u', shop: 'x', role: 'admin', pairedAt: 0 };
		try {
			let unlocked: string[] = [];
			combineWithTill((action) => tillAllows('staff', unlocked as never[], action));
			expect([canSeeAnalytics(null), canSeeAnalytics(pairing), canEditCatalogue(pairing)]).toEqual([false, false, false]);
			unlocked = ['analytics'];
			expect([canSeeAnalytics(pairing), canEditCatalogue(pairing)]).toEqual([true, false]);
			// An admin's PIN never opens what the server keeps from a staff account.
			expect(canSeeAnalytics({ ...pairing, role: 'staff' })).toBe(false);
		} finally {
			combineWithTill(() => true);
		}
		expect(canSeeAnalytics(null)).toBe(true);
	});
});
