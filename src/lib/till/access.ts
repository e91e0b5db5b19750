// Who is at the till and what they may do, as plain functions of the stored staff list (the
// session and the unit tests share them). The core's `can` holds the rule; this adds the
// device's view of it: who is the cashier, and what an admin unlocked for this session.
import { can as roleCan, type StaffMember, type StaffRole, type TillAction } from '$core/till/staff';

/** Members who can be at the till (a deactivated member keeps their name on old tickets only). */
export const activeStaff = (staff: readonly StaffMember[]): StaffMember[] => staff.filter((m) => m.active);

/** The member this device names as its cashier, if still active. */
export function cashierOf(staff: readonly StaffMember[], cashierId: string | null): StaffMember | null {
	if (!cashierId) return null;
	return staff.find((m) => m.id === cashierId && m.active) ?? null;
}

/**
 * The till's role: null when no staff is set up (a one-person shop, nothing locked); with staff
 * set up and nobody at the till, the most limited role (nobody has shown an admin's PIN).
 */
export function tillRole(staff: readonly StaffMember[], cashierId: string | null): StaffRole | null {
	if (activeStaff(staff).length === 0) return null;
	return cashierOf(staff, cashierId)?.role ?? 'staff';
}

/**
 * Actions an admin's PIN opens for the rest of the session (until the cashier changes): looking at
 * the analytics is a place to be, not a one-off act like a refund, which is approved each time.
 */
export const SESSION_UNLOCKS: readonly TillAction[] = ['analytics', 'editCatalogue'];

export function tillAllows(role: StaffRole | null, unlocked: readonly TillAction[], action: TillAction): boolean {
	return roleCan(role, action) || unlocked.includes(action);
}
