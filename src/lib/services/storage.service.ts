// What the browser lets this app keep: space used and available, and whether the data is
// protected from eviction when the device runs short of space.

export interface StorageInfo {
	/** False when the browser has no StorageManager (old WebViews, some private modes). */
	supported: boolean;
	usage: number | null;
	quota: number | null;
	persisted: boolean | null;
}

export async function storageInfo(): Promise<StorageInfo> {
	const storage = navigator.storage;
	if (!storage?.estimate) return { supported: false, usage: null, quota: null, persisted: null };
	const [estimate, persisted] = await Promise.all([
		storage.estimate().catch(() => ({}) as StorageEstimate),
		storage.persisted ? storage.persisted().catch(() => null) : Promise.resolve(null)
	]);
	return { supported: true, usage: estimate.usage ?? null, quota: estimate.quota ?? null, persisted };
}

/**
 * Asks the browser not to evict the shop's data under storage pressure. Resolves to whether the
 * data is now persistent; the browser may say no without asking the person (Chromium decides by
 * how the app is used, e.g. installed to the home screen).
 */
export async function requestPersistentStorage(): Promise<boolean> {
	const storage = navigator.storage;
	if (!storage?.persist) return false;
	try {
		if (await storage.persisted?.()) return true;
		return await storage.persist();
	} catch {
		return false;
	}
}
