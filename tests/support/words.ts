// Unit tests of screen wording in both languages: all the words loaded (as the app loads them),
// a switch of language and number format, Spanish again after each test, and text compared as typed.
import { afterEach, beforeAll } from 'vitest';
import { i18n, loadLanguage } from '$lib/i18n/i18n.svelte';

export function speak(language: 'es' | 'en') {
	i18n.language = language;
	i18n.formatLocale = language === 'es' ? 'es-ES' : 'en-GB';
}

/** Call at the top of a spec file. */
export function withBothLanguages() {
	beforeAll(() => Promise.all([loadLanguage('es'), loadLanguage('en')]));
	afterEach(() => speak('es'));
}

/** Intl spaces numbers and signs with no-break spaces and a true minus: compare as typed. */
export const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/\u2212/g, '-');
