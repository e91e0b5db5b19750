// The theme choice as stored on this device, shared by the app and the inline script in app.html
// (which repeats these few lines: it runs before any module, so it cannot import them).
export type ThemeChoice = 'light' | 'dark' | 'system';
export type ResolvedTheme = 'light' | 'dark';

export const THEME_CHOICES: readonly ThemeChoice[] = ['light', 'dark', 'system'];
export const THEME_STORAGE_KEY = 'inventario.theme';
export const DARK_QUERY = '(prefers-color-scheme: dark)';
/** The browser's toolbar and the installed app's title bar, per theme (the rail's colour). */
export const THEME_COLOURS: Record<ResolvedTheme, string> = { light: '#1f5f5b', dark: '#173735' };

/** A stored value back to a choice: anything unknown (or nothing) follows the system. */
export function parseThemeChoice(stored: string | null | undefined): ThemeChoice {
	return stored === 'light' || stored === 'dark' ? stored : 'system';
}

export function resolveTheme(choice: ThemeChoice, systemDark: boolean): ResolvedTheme {
	if (choice === 'system') return systemDark ? 'dark' : 'light';
	return choice;
}
