// How the sync worker sorts what a round may throw into the codes the shop gets words for
// (sync-status.ts). Kept apart from sync-status.ts: these classes bring the protocol's modules
// (and zod) with them, which belong in the worker's chunk, not in the page's first load.
import { ApiProblem, SessionExpired, Unreachable } from '../../client/api-client';
import { SyncRefusedError } from '../../core/sync/device-sync';
import type { SyncError, SyncErrorCode } from './sync-status';

/** Sorts anything a round or a sign-in may throw into a SyncErrorCode. */
export function classifyError(e: unknown, now: number): SyncError {
	const detail = e instanceof Error ? e.message : String(e);
	let code: SyncErrorCode = 'failed';
	if (e instanceof SyncRefusedError) code = e.code;
	else if (e instanceof Unreachable) code = 'unreachable';
	else if (e instanceof SessionExpired) code = 'session-expired';
	else if (e instanceof ApiProblem) code = e.status === 401 ? 'session-expired' : e.status === 403 ? 'forbidden' : e.status === 426 ? 'app-outdated' : e.status >= 500 ? 'server-error' : 'failed';
	else if (isQuotaError(e)) code = 'storage-full';
	else if (e instanceof TypeError && /fetch|network/i.test(detail)) code = 'unreachable';
	return { code, detail, at: now };
}

function isQuotaError(e: unknown): boolean {
	const err = e as { name?: string; inner?: { name?: string } } | null;
	return err?.name === 'QuotaExceededError' || err?.inner?.name === 'QuotaExceededError';
}
