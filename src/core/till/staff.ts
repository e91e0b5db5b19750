// Who is at the till. Staff members switch on a shared tablet with a 4-digit PIN; what they may do
// depends on their role, and an admin's PIN lets a staff member's ticket go past a limit once.
// A 4-digit PIN cannot resist someone who holds the tablet's data (10,000 tries); it stops a
// colleague at the counter, which is its job. Server users sign in with passwords (server auth).
import { sha256Hex } from './sha256';

export const STAFF_ROLES = ['admin', 'staff'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffMember {
	id: string;
	name: string;
	role: StaffRole;
	pinSalt: string;
	pinHash: string;
	active: boolean;
}

/** Shared with every tablet of the shop through sync (a "shop." setting). */
export const STAFF_KEY = 'shop.staff';

export const TILL_ACTIONS = ['refund', 'bigDiscount', 'changePrice', 'analytics', 'editCatalogue', 'manageStaff'] as const;
export type TillAction = (typeof TILL_ACTIONS)[number];

/** Staff sell, count and receive stock; refunds, large discounts, prices, analytics and the catalogue need an admin. No staff set up (null): a one-person shop, nothing is locked. */
export const can = (role: StaffRole | null, _action: TillAction): boolean => role === null || role === 'admin';

export const isPin = (pin: string) => /^\d{4}$/.test(pin);

const PIN_ROUNDS = 2_000;

export function hashPin(pin: string, salt: string): string {
	let h = `${salt}:${pin}`;
	for (let i = 0; i < PIN_ROUNDS; i++) h = sha256Hex(`${salt}:${h}`);
	return h;
}

export function staffMember(id: string, name: string, role: StaffRole, pin: string, salt: string): StaffMember {
	if (!isPin(pin)) throw new Error('A PIN is 4 digits');
	return { id, name: name.trim(), role, pinSalt: salt, pinHash: hashPin(pin, salt), active: true };
}

/** The active member with this PIN, or null. Two members with one PIN: the first (the screen refuses it). */
export function memberByPin(staff: readonly StaffMember[], pin: string): StaffMember | null {
	if (!isPin(pin)) return null;
	return staff.find((m) => m.active && hashPin(pin, m.pinSalt) === m.pinHash) ?? null;
}

export type StaffError = 'name_required' | 'pin_not_4_digits' | 'pin_taken' | 'name_taken' | 'last_admin';

export function staffErrors(staff: readonly StaffMember[], candidate: { id: string; name: string; pin: string | null; role: StaffRole; active: boolean }): StaffError[] {
	const errors: StaffError[] = [];
	const others = staff.filter((m) => m.id !== candidate.id && m.active);
	if (!candidate.name.trim()) errors.push('name_required');
	if (others.some((m) => m.name.trim().toLowerCase() === candidate.name.trim().toLowerCase())) errors.push('name_taken');
	if (candidate.pin !== null) {
		if (!isPin(candidate.pin)) errors.push('pin_not_4_digits');
		else if (memberByPin(others, candidate.pin)) errors.push('pin_taken');
	}
	const adminsLeft = others.filter((m) => m.role === 'admin').length + (candidate.active && candidate.role === 'admin' ? 1 : 0);
	if (staff.some((m) => m.role === 'admin' && m.active) && adminsLeft === 0) errors.push('last_admin');
	return errors;
}
