// Light, dark or the system's: the choice kept on this device, the theme it comes to (following the
// system's changes live), and <html data-theme> plus the theme-color meta kept in step with it.
// app.html sets the same attribute before first paint, so the page never shows the wrong theme.
import { DARK_QUERY, THEME_COLOURS, THEME_STORAGE_KEY, parseThemeChoice, resolveTheme, type ResolvedTheme, type ThemeChoice } from './theme-choice';

export type { ResolvedTheme, ThemeChoice } from './theme-choice';
export { THEME_CHOICES } from './theme-choice';

const inBrowser = typeof window !== 'undefined' && typeof matchMedia === 'function';

function storedChoice(): ThemeChoice {
	try {
		return parseThemeChoice(localStorage.getItem(THEME_STORAGE_KEY));
	} catch {
		return 'system';
	}
}

class Theme {
	choice = $state<ThemeChoice>(inBrowser ? storedChoice() : 'system');
	#systemDark = $state(inBrowser && matchMedia(DARK_QUERY).matches);
	resolved: ResolvedTheme = $derived(resolveTheme(this.choice, this.#systemDark));

	constructor() {
		if (!inBrowser) return;
		// Module state for the app's whole life: the listener is never removed.
		matchMedia(DARK_QUERY).addEventListener('change', (e) => {
			this.#systemDark = e.matches;
			this.#apply();
		});
		this.#apply();
	}

	/** Saves the choice on this device and applies it at once (charts redraw from `resolved`). */
	set(choice: ThemeChoice) {
		this.choice = choice;
		try {
			localStorage.setItem(THEME_STORAGE_KEY, choice);
		} catch {
			// Storage refused (private mode, full): the choice holds until the page closes.
		}
		this.#apply();
	}

	// Synchronous, so whatever reacts to `resolved` (a chart reading CSS variables) sees the new values.
	#apply() {
		const resolved = this.resolved;
		document.documentElement.dataset.theme = resolved;
		document.querySelector('meta[name="theme-color"]')?.setAttribute('content', THEME_COLOURS[resolved]);
	}
}

export const theme = new Theme();
