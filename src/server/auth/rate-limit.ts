// Login rate limiting with its state in the database (login_attempts), so it holds across every
// instance on the same database. One row per key, `user:NAME` and `ip:ADDRESS`, counting attempts
// in a fixed window that starts with the first one. An attempt is counted BEFORE the password is
// checked (one atomic upsert per key, so concurrent attempts on two instances all count); past the
// limit it is refused with 429 and Retry-After without looking at the password. A success clears
// the account's counter and gives back the address's count for that attempt.
import { sql as rawSql } from 'kysely';
import type { SqlDatabase } from '../../sql/database';
import { tooManyRequests } from '../problem';

export interface LoginLimits {
	loginFailuresPerAccount: number;
	loginFailuresPerAddress: number;
	loginWindowSeconds: number;
}

/** The keys an attempt counted against: what `succeeded` undoes. */
export interface LoginReservation {
	accountKey: string;
	addressKey: string;
}

export const accountKey = (username: string) => `user:${username.toLowerCase()}`;
export const addressKey = (address: string) => `ip:${address}`;

export class LoginLimiter {
	constructor(private readonly sql: SqlDatabase, private readonly limits: LoginLimits) {}

	private get windowMs() {
		return this.limits.loginWindowSeconds * 1000;
	}

	/** Counts one attempt on the key; returns the attempts in its window and when the window ends. */
	private async count(key: string, limit: number, now: number): Promise<{ attempts: number; windowEnd: number }> {
		const windowMs = this.windowMs;
		const stale = now - windowMs;
		const ref = (column: string) => rawSql.ref(`login_attempts.${column}`);
		// Inside the window: one more, blocked until the window ends once the limit is reached.
		// A window that has ended starts again at this attempt.
		const row = await this.sql.db.insertInto('login_attempts')
			.values({ key, window_start: now, failures: 1, blocked_until: limit <= 1 ? now + windowMs : null })
			.onConflict((oc) => oc.column('key').doUpdateSet({
				window_start: rawSql<number>`case when ${ref('window_start')} <= ${stale} then ${now} else ${ref('window_start')} end`,
				failures: rawSql<number>`case when ${ref('window_start')} <= ${stale} then 1 else ${ref('failures')} + 1 end`,
				blocked_until: rawSql<number | null>`case
					when ${ref('window_start')} <= ${stale} then ${limit <= 1 ? now + windowMs : null}
					when ${ref('failures')} + 1 >= ${limit} then ${ref('window_start')} + ${windowMs}
					else ${ref('blocked_until')} end`
			}))
			.returning(['failures', 'window_start'])
			.executeTakeFirstOrThrow();
		return { attempts: Number(row.failures), windowEnd: Number(row.window_start) + windowMs };
	}

	/** Counts the attempt against the account and the address; 429 when either is past its limit. */
	async reserve(username: string, address: string, now = Date.now()): Promise<LoginReservation> {
		const reservation = { accountKey: accountKey(username), addressKey: addressKey(address) };
		const account = await this.count(reservation.accountKey, this.limits.loginFailuresPerAccount, now);
		const byAddress = await this.count(reservation.addressKey, this.limits.loginFailuresPerAddress, now);
		const waits: number[] = [];
		if (account.attempts > this.limits.loginFailuresPerAccount) waits.push(account.windowEnd - now);
		if (byAddress.attempts > this.limits.loginFailuresPerAddress) waits.push(byAddress.windowEnd - now);
		if (waits.length > 0) {
			const seconds = Math.max(1, Math.ceil(Math.max(...waits) / 1000));
			const which = account.attempts > this.limits.loginFailuresPerAccount ? 'this account' : 'this address';
			throw tooManyRequests(seconds, `too many failed sign-ins for ${which}: try again in ${seconds} s`);
		}
		if (Math.random() < 0.02) await this.forgetStale(now);
		return reservation;
	}

	/** The attempt signed in: the account starts afresh and the address gets its attempt back. */
	async succeeded(reservation: LoginReservation): Promise<void> {
		await this.sql.db.deleteFrom('login_attempts').where('key', '=', reservation.accountKey).execute();
		const limit = this.limits.loginFailuresPerAddress;
		await this.sql.db.updateTable('login_attempts')
			.set({
				failures: rawSql<number>`failures - 1`,
				blocked_until: rawSql<number | null>`case when failures - 1 >= ${limit} then blocked_until else null end`
			})
			.where('key', '=', reservation.addressKey)
			.where('failures', '>', 0)
			.execute();
	}

	/** Rows whose window ended long ago say nothing any more. */
	async forgetStale(now = Date.now()): Promise<void> {
		await this.sql.db.deleteFrom('login_attempts').where('window_start', '<', now - 2 * this.windowMs).execute();
	}
}
