// Language, money and date formatting for the UI. Each feature keeps its words in
// messages/<feature>.ts exporting `es` and `en`; they are collected here.
import type { Cents, DayNumber, LocalTimestamp } from '$core/brand';
import { MS_PER_DAY } from '$core/time';
import es from 'virtual:messages/es';

export type Language = 'es' | 'en';
type Dictionary = Record<string, string>;

// Spanish, the users' first language, comes with the app; English is loaded when chosen (only one
// language's words in the first load: scripts/vite-plugin-messages.ts).

export const dictionaries: Record<Language, Dictionary> = { es, en: {} };
let englishLoading: Promise<void> | null = null;

/** Loads a language's words (at once for Spanish); the screens show them when it resolves. */
export function loadLanguage(language: Language): Promise<void> {
	if (language === 'es' || Object.keys(dictionaries.en).length) return Promise.resolve();
	englishLoading ??= import('virtual:messages/en').then((m) => {
		Object.assign(dictionaries.en, m.default);
		i18n.revision++;
	});
	return englishLoading;
}

export const FORMAT_LOCALES = ['es-ES', 'es-MX', 'es-AR', 'en-GB', 'en-US'] as const;
export const CURRENCIES = ['EUR', 'USD', 'GBP', 'MXN', 'ARS'] as const;

const STORAGE_KEY = 'inventario.prefs';

interface Prefs { language: Language; formatLocale: string; currency: string }

class I18n {
	language = $state<Language>('es');
	/** Bumped when a language's words arrive, so text already on screen is redrawn in it. */
	revision = $state(0);
	/** The chosen language's words are here (false only while English loads, a few ms). */
	get ready(): boolean {
		void this.revision;
		return this.language === 'es' || Object.keys(dictionaries.en).length > 0;
	}
	formatLocale = $state('es-ES');
	currency = $state('EUR');

	private moneyFormat = $derived(new Intl.NumberFormat(this.formatLocale, { style: 'currency', currency: this.currency }));
	private numberFormat = $derived(new Intl.NumberFormat(this.formatLocale, { maximumFractionDigits: 2 }));
	private dayFormat = $derived(new Intl.DateTimeFormat(this.formatLocale, { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }));
	private dateTimeFormat = $derived(new Intl.DateTimeFormat(this.formatLocale, { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }));

	/** Loads saved preferences (browser only). */
	load() {
		try {
			const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Prefs> | null;
			if (saved?.language === 'es' || saved?.language === 'en') this.language = saved.language;
			if (saved?.formatLocale) this.formatLocale = saved.formatLocale;
			if (saved?.currency) this.currency = saved.currency;
		} catch {
			// Unreadable preferences: keep the defaults.
		}
		document.documentElement.lang = this.language;
		void loadLanguage(this.language);
	}

	set(prefs: Partial<Prefs>) {
		if (prefs.language) {
			this.language = prefs.language;
			// Switching language moves the number style with it unless the owner picked one.
			if (!prefs.formatLocale && !this.formatLocale.startsWith(prefs.language)) this.formatLocale = prefs.language === 'es' ? 'es-ES' : 'en-GB';
		}
		if (prefs.formatLocale) this.formatLocale = prefs.formatLocale;
		if (prefs.currency) this.currency = prefs.currency;
		localStorage.setItem(STORAGE_KEY, JSON.stringify({ language: this.language, formatLocale: this.formatLocale, currency: this.currency }));
		document.documentElement.lang = this.language;
		void loadLanguage(this.language);
	}

	/** The text for key in the current language, with {name} placeholders filled. */
	t = (key: string, params?: Record<string, string | number>): string => {
		void this.revision;
		let text = dictionaries[this.language][key] ?? dictionaries.es[key] ?? key;
		if (params) for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
		return text;
	};

	money = (c: Cents | number): string => this.moneyFormat.format(c / 100);
	number = (n: number): string => this.numberFormat.format(n);
	day = (d: DayNumber | number): string => this.dayFormat.format(new Date(d * MS_PER_DAY));
	dateTime = (t: LocalTimestamp | number): string => this.dateTimeFormat.format(new Date(t));
	/** Short month-day label for chart axes. */
	shortDay = (d: DayNumber | number): string =>
		new Intl.DateTimeFormat(this.formatLocale, { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(new Date(d * MS_PER_DAY));
}

export const i18n = new I18n();
export const t = i18n.t;
