// The app's sync status: the retry schedule, how errors are sorted, and which words each state gets.
import { describe, expect, it } from 'vitest';
import { ApiProblem, SessionExpired, Unreachable } from '../../src/client/api-client';
import { SyncRefusedError } from '../../src/core/sync/device-sync';
import { classifyError } from '../../src/lib/sync/sync-errors';
import {
	BACKOFF_MAX_MS, backoffDelay, canSeeAnalytics, initialStatus, isAdminOnlyPath, needsPerson, statusView,
	SYNC_INTERVAL_MS, type PairingInfo, type SyncStatus
} from '../../src/lib/sync/sync-status';
import { dictionaries, loadLanguage } from '../../src/lib/i18n/i18n.svelte';

const pairing: PairingInfo = { server: 'http://shop', username: 'lola', shop: 'main', role: 'admin', pairedAt: 0 };
const paired = (change: Partial<SyncStatus> = {}): SyncStatus => ({ ...initialStatus(), pairing, lastSyncAt: 1, ...change });

describe('backoffDelay', () => {
	it('waits the normal interval with no failure, then doubles from 5 s up to 5 minutes', () => {
		const none = () => 0;
		expect(backoffDelay(0, none)).toBe(SYNC_INTERVAL_MS);
		expect([1, 2, 3, 4, 5, 6, 7].map((f) => backoffDelay(f, none))).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000]);
		expect(backoffDelay(50, none)).toBe(BACKOFF_MAX_MS);
		expect(backoffDelay(10_000, none)).toBe(BACKOFF_MAX_MS);
	});

	it('takes up to a fifth off at random, so tablets do not retry in step', () => {
		expect(backoffDelay(3, () => 0.999999)).toBeGreaterThanOrEqual(16_000);
		expect(backoffDelay(3, () => 0.5)).toBe(18_000);
		expect(backoffDelay(3, () => 7)).toBe(16_000);
	});
});

describe('classifyError', () => {
	it('sorts what a round may throw into codes the shop gets words for', () => {
		expect(classifyError(new Unreachable('http://shop'), 5)).toEqual({ code: 'unreachable', detail: 'cannot reach http://shop', at: 5 });
		expect(classifyError(new SessionExpired('http://shop'), 0).code).toBe('session-expired');
		expect(classifyError(new SyncRefusedError('app-outdated', 'update'), 0).code).toBe('app-outdated');
		expect(classifyError(new ApiProblem(503, { type: 'about:blank', title: 'Unavailable', status: 503 }), 0).code).toBe('server-error');
		expect(classifyError(new ApiProblem(426, { type: 'about:blank', title: 'Upgrade', status: 426 }), 0).code).toBe('app-outdated');
		expect(classifyError(Object.assign(new Error('full'), { name: 'QuotaExceededError' }), 0).code).toBe('storage-full');
		expect(classifyError(new TypeError('Failed to fetch'), 0).code).toBe('unreachable');
		expect(classifyError('boom', 0)).toEqual({ code: 'failed', detail: 'boom', at: 0 });
	});

	it('waits for a person only where retrying cannot help', () => {
		expect(needsPerson('app-outdated')).toBe(true);
		expect(needsPerson('session-expired')).toBe(true);
		expect(needsPerson('unreachable')).toBe(false);
		expect(needsPerson('server-error')).toBe(false);
		expect(needsPerson('sync-gap')).toBe(false);
	});
});

describe('statusView', () => {
	it('says synced, pending, offline since, error and update the app', () => {
		expect(statusView(paired())).toMatchObject({ tone: 'ok', key: 'sync.state.synced' });
		expect(statusView(paired({ pending: 1 })).key).toBe('sync.state.pendingOne');
		expect(statusView(paired({ pending: 4 }))).toMatchObject({ tone: 'pending', key: 'sync.state.pendingMany', params: { count: 4 } });
		expect(statusView(paired({ online: false, offlineSince: 1234, pending: 2 }))).toMatchObject({ tone: 'offline', key: 'sync.state.offlineSince', time: 1234 });
		expect(statusView(paired({ online: false })).key).toBe('sync.state.offline');
		expect(statusView(paired({ error: { code: 'server-error', detail: '500', at: 0 } }))).toMatchObject({ tone: 'error', key: 'sync.state.error', params: { code: 'server-error' } });
		expect(statusView(paired({ error: { code: 'app-outdated', detail: '426', at: 0 } })).key).toBe('sync.state.appOutdated');
		expect(statusView(paired({ running: true, pending: 3 })).key).toBe('sync.state.syncing');
		expect(statusView(paired({ lastSyncAt: null })).key).toBe('sync.state.firstSync');
	});

	it('puts a stale tab and an unpaired device first', () => {
		expect(statusView(paired({ stale: true, error: { code: 'app-outdated', detail: '', at: 0 } })).key).toBe('sync.state.reload');
		expect(statusView({ ...initialStatus(), pending: 9 }).key).toBe('sync.state.unpaired');
		// A server that cannot be reached is "offline since", not an error.
		expect(statusView(paired({ offlineSince: 99 })).key).toBe('sync.state.offlineSince');
	});

	it('has words in both languages for every state and error', async () => {
		await Promise.all([loadLanguage('es'), loadLanguage('en')]);
		const codes = ['sync-gap', 'app-outdated', 'server-outdated', 'forbidden', 'unauthorized', 'invalid', 'too-large', 'unreachable', 'session-expired', 'server-error', 'storage-full', 'failed'];
		for (const lang of ['es', 'en'] as const) {
			for (const code of codes) expect(dictionaries[lang][`sync.error.${code}`], `${lang} ${code}`).toBeTruthy();
			for (const key of ['synced', 'pendingOne', 'pendingMany', 'offline', 'offlineSince', 'error', 'appOutdated', 'unpaired', 'reload', 'syncing', 'firstSync']) {
				expect(dictionaries[lang][`sync.state.${key}`], `${lang} ${key}`).toBeTruthy();
			}
		}
	});
});

describe('roles', () => {
	it('keeps analytics for admins and for a tablet not paired', () => {
		expect(canSeeAnalytics(null)).toBe(true);
		expect(canSeeAnalytics(pairing)).toBe(true);
		expect(canSeeAnalytics({ ...pairing, role: 'staff' })).toBe(false);
		expect(['/trends', '/reorder', '/segments', '/models', '/models/x'].every(isAdminOnlyPath)).toBe(true);
		expect(['/', '/sell', '/sales', '/stock', '/trendsetter', '/products'].some(isAdminOnlyPath)).toBe(false);
	});
});
