// Language, money and date formatting for the UI. Each feature keeps its words in
// messages/<feature>.ts exporting `es` and `en`; they are collected here.
import type { Cents, DayNumber, LocalTimestamp } from '$core/brand';
import { MS_PER_DAY } from '$core/time';
import esStart from 'virtual:messages/es/start';

export type Language = 'es' | 'en';
type Dictionary = Record<string, string>;

// Spanish, the users' first language, comes with the app: the words of the frame and the dashboard
// in the first load, the other screens' words when one of them is first opened. English is loaded
// whole when chosen (scripts/vite-plugin-messages.ts).

export const dictionaries: Record<Language, Dictionary> = { es: { ...esStart }, en: {} };
const complete: Record<Language, boolean> = { es: false, en: false };
const loading: Partial<Record<Language, Promise<void>>> = {};

/** Loads all of a language's words; the screens show them when it resolves. */
export function loadLanguage(language: Language): Promise<void> {
	loading[language] ??= (language === 'es' ? import('virtual:messages/es/rest') : import('virtual:messages/en')).then((m) => {
		Object.assign(dictionaries[language], m.default);
		complete[language] = true;
		i18n.revision++;
	});
	return loading[language];
}

export const FORMAT_LOCALES = ['es-ES', 'es-MX', 'es-AR', 'en-GB', 'en-US'] as const;
export const CURRENCIES = ['EUR', 'USD', 'GBP', 'MXN', 'ARS'] as const;

const STORAGE_KEY = 'inventario.prefs';

interface Prefs { language: Language; formatLocale: string; currency: string }

class I18n {
	language = $state<Language>('es');
	/** Bumped when a language's words arrive, so text already on screen is redrawn in it. */
	revision = $state(0);
	/** All the chosen language's words are here (false only while they load, a few ms). */
	get ready(): boolean {
		void this.revision;
		return complete[this.language];
	}
	/** The words of the frame and the dashboard are here: at once in Spanish. */
	get startReady(): boolean {
		void this.revision;
		return this.language === 'es' || complete.en;
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
		// Spanish: the rest of the words wait for a screen that needs them (the layout asks).
		if (this.language === 'en') void loadLanguage('en');
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
