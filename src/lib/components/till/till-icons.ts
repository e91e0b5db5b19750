// 24x24 stroke icons of the till's entries in the navigation rail (same style as nav-icons.ts).
export const tillIcons: Record<string, string> = {
	/** A cash drawer. */
	shift: 'M3 10h18v9H3zM5 10V6h14v4M9 14.5h6',
	/** An open padlock: unlock for the session. */
	unlock: 'M6 11h12v9H6zM9 11V8a3 3 0 0 1 5.8-1M12 15v2',
	/** A closed padlock: lock again. */
	lock: 'M6 11h12v9H6zM9 11V8a3 3 0 0 1 6 0v3M12 15v2'
};
