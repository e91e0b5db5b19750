// Adding and changing staff members from the settings form: the core's staffErrors, plus the
// rule that a shop's first member is an admin (someone must be able to manage the rest).
import { hashPin, staffErrors, staffMember, type StaffError, type StaffMember, type StaffRole } from '$core/till/staff';
import { activeStaff } from './access';

export interface StaffForm {
	/** null for a new member. */
	id: string | null;
	name: string;
	role: StaffRole;
	/** 4 digits; '' keeps a member's PIN (required for a new one). */
	pin: string;
	active: boolean;
}

export type StaffFormError = StaffError | 'first_must_be_admin' | 'not_found';

export type StaffEdit = { ok: true; staff: StaffMember[]; member: StaffMember } | { ok: false; errors: StaffFormError[] };

/** The staff list with the form applied, or what is wrong with it. `newId` names a new member, `newSalt` salts a new PIN. */
export function applyStaffForm(staff: readonly StaffMember[], form: StaffForm, newId: () => string, newSalt: () => string): StaffEdit {
	const existing = form.id === null ? null : staff.find((m) => m.id === form.id);
	if (form.id !== null && !existing) return { ok: false, errors: ['not_found'] };
	const pin = existing && form.pin === '' ? null : form.pin;
	const id = existing?.id ?? newId();
	const active = existing ? form.active : true;
	const errors: StaffFormError[] = staffErrors(staff, { id, name: form.name, pin, role: form.role, active });
	if (!existing && activeStaff(staff).length === 0 && form.role !== 'admin') errors.push('first_must_be_admin');
	if (errors.length) return { ok: false, errors };
	let member: StaffMember;
	if (existing) {
		member = { ...existing, name: form.name.trim(), role: form.role, active };
		if (pin !== null) {
			const salt = newSalt();
			member = { ...member, pinSalt: salt, pinHash: hashPin(pin, salt) };
		}
	} else {
		member = staffMember(id, form.name, form.role, form.pin, newSalt());
	}
	const next = existing ? staff.map((m) => (m.id === id ? member : m)) : [...staff, member];
	return { ok: true, staff: next, member };
}
