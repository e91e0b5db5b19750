// The till's session on this device: the shop's staff and till settings (shared settings, synced),
// who is at this tablet's till, its ticket series and its open cash shift (device-local). One
// reactive `till` for every screen; the layout starts it in the browser (prerendering runs pages
// in Node) and it reads again when sync pulls new settings.
import { can as roleCan, memberByPin, STAFF_KEY, type StaffMember, type StaffRole, type TillAction } from '$core/till/staff';
import { TILL_CASHIER_KEY, TILL_SERIES_KEY, TILL_SETTINGS_KEY, TILL_SHIFT_KEY, ticketSeriesOf, tillSettingsOf, type TillSettings } from '$core/till/settings';
import { shiftKey, type Shift } from '$core/till/shift';
import { getDeviceId, getRepository } from '$lib/db';
import { onDataChange } from '$lib/sync/data-channel';
import { combineWithTill } from '$lib/sync/sync-status';
import { activeStaff, cashierOf, SESSION_UNLOCKS, tillAllows, tillRole } from './access';

/** What the admin PIN dialog is asked (the layout shows it while one is pending). */
export interface AdminRequest {
	action: TillAction;
	/** Why, in the shop's words (already translated): the dialog says it. */
	reason: string;
	resolve: (admin: StaffMember | null) => void;
}

/** What an action was allowed by: `approvedBy` names the admin when someone other than the cashier approved it. */
export interface Approval {
	approvedBy: string;
}

/**
 * Fields are replaced whole, never changed in place, and kept raw (not deeply reactive proxies):
 * what the screens read from them goes back to IndexedDB, which cannot store a proxy.
 */
class TillSession {
	/** Every member, active or not (settings lists them all; the till uses the active ones). */
	staff = $state.raw<StaffMember[]>([]);
	settings = $state.raw<TillSettings>(tillSettingsOf(null));
	/** This tablet's ticket series ('' until loaded). */
	series = $state('');
	deviceId = $state('');
	/** The open cash shift of this tablet, null when none is open. */
	shift = $state.raw<Shift | null>(null);
	/** The first load finished (the series and staff are known). */
	loaded = $state(false);
	/** Actions an admin's PIN opened for this session (cleared when the cashier changes). */
	unlocked = $state.raw<TillAction[]>([]);
	/** The admin PIN the till is waiting for, if any. */
	adminRequest = $state.raw<AdminRequest | null>(null);

	private cashierId = $state<string | null>(null);
	private loading: Promise<void> | null = null;
	private stopListening: (() => void) | null = null;

	/** Who is at the till; null on an anonymous till or when nobody has signed in. */
	readonly cashier: StaffMember | null = $derived(cashierOf(this.staff, this.cashierId));
	/** null when no staff is set up: nothing is locked. */
	readonly role: StaffRole | null = $derived(tillRole(this.staff, this.cashierId));
	/** Members who can sign in at the till. */
	readonly activeStaff: StaffMember[] = $derived(activeStaff(this.staff));
	/** The cashier's name as tickets and movements record it ('' on an anonymous till). */
	readonly cashierName: string = $derived(this.cashier?.name ?? '');

	/** Starts the session (browser only, once): loads, and reloads when sync pulls settings. */
	start(): Promise<void> {
		if (typeof window === 'undefined') return Promise.resolve();
		this.stopListening ??= onDataChange(['setting'], () => void this.reload());
		return this.ready();
	}

	/** Resolves once the session has loaded (loading it if nobody has). */
	ready(): Promise<void> {
		if (typeof window === 'undefined') return Promise.resolve();
		this.loading ??= this.reload();
		return this.loading;
	}

	/** Reads the staff, settings, cashier, series and shift again from storage. */
	async reload(): Promise<void> {
		const repo = getRepository();
		const [staff, settings, cashierId, series, shiftId, deviceId] = await Promise.all([
			repo.getSetting<StaffMember[]>(STAFF_KEY),
			repo.getSetting<Partial<TillSettings>>(TILL_SETTINGS_KEY),
			repo.getSetting<string>(TILL_CASHIER_KEY),
			repo.getSetting<string>(TILL_SERIES_KEY),
			repo.getSetting<string>(TILL_SHIFT_KEY),
			getDeviceId(repo)
		]);
		const shift = shiftId ? await repo.getSetting<Shift>(shiftKey(shiftId)) : undefined;
		this.staff = Array.isArray(staff) ? staff : [];
		this.settings = tillSettingsOf(settings);
		this.cashierId = cashierId ?? null;
		this.deviceId = deviceId;
		this.series = series || ticketSeriesOf(deviceId);
		this.shift = shift && shift.closedAt === null ? shift : null;
		this.loaded = true;
	}

	/** May the till do this now (by the cashier's role, or unlocked by an admin this session)? */
	can(action: TillAction): boolean {
		return tillAllows(this.role, this.unlocked, action);
	}

	/**
	 * Resolves the current cashier when the action is allowed (null on an anonymous till, where
	 * everything is); otherwise asks for an admin's PIN and resolves the approving admin, or null
	 * if cancelled. Use `authorize` when a cancel must be told apart from an anonymous till.
	 */
	requireAdmin(action: TillAction, reason: string): Promise<StaffMember | null> {
		if (this.can(action)) return Promise.resolve(this.cashier);
		this.adminRequest?.resolve(null);
		return new Promise((resolve) => {
			this.adminRequest = {
				action, reason,
				resolve: (admin) => {
					this.adminRequest = null;
					if (admin && SESSION_UNLOCKS.includes(action) && !this.unlocked.includes(action)) this.unlocked = [...this.unlocked, action];
					resolve(admin);
				}
			};
		});
	}

	/** Allowed (approvedBy '' when the cashier may do it, an admin's name when one approved), or null when cancelled. */
	async authorize(action: TillAction, reason: string): Promise<Approval | null> {
		if (this.can(action)) return { approvedBy: '' };
		const admin = await this.requireAdmin(action, reason);
		return admin ? { approvedBy: admin.name } : null;
	}

	/** The active admin with this PIN (the dialog's check), or null. */
	adminByPin(pin: string): StaffMember | null {
		const member = memberByPin(this.activeStaff, pin);
		return member && roleCan(member.role, this.adminRequest?.action ?? 'manageStaff') ? member : null;
	}

	/** Puts the member with this PIN at the till (a 4-digit PIN is the identity check); null when no one has it. */
	async switchTo(pin: string): Promise<StaffMember | null> {
		const member = memberByPin(this.activeStaff, pin);
		if (!member) return null;
		await this.setCashier(member);
		return member;
	}

	/** Records who is at the till (after a PIN, or the first admin just created); null signs out. */
	async setCashier(member: StaffMember | null): Promise<void> {
		await getRepository().putSetting(TILL_CASHIER_KEY, member?.id ?? '');
		this.cashierId = member?.id ?? null;
		this.unlocked = [];
	}

	/** Locks again what an admin's PIN opened (the admin hands the tablet back). */
	lock(): void {
		this.unlocked = [];
	}

	/** The shift opened or closed on this tablet (the shift page stores it, then says so here). */
	setShift(shift: Shift | null): void {
		this.shift = shift && shift.closedAt === null ? shift : null;
	}
}

export const till = new TillSession();

// Every screen that asks sync-status whether analytics or product edits are allowed hears the till too.
combineWithTill((action) => till.can(action));
