// Contacts as links a tablet can tap: a phone number to call (tel:) and an email to write to
// (mailto:), from what the shop typed ("+34 600 12 34 56", "(91) 555-0101 ext. 2", "ana@tienda.es").

/** A tel: link for a typed phone number (digits and a leading +; an extension as ;ext=); null when it holds no number. */
export function telHref(phone: string): string | null {
	const [main, extension] = phone.split(/\s*(?:ext\.?|extensión|extension|x)\s*(?=\d)/i, 2);
	const plus = main.trim().startsWith('+') || main.trim().startsWith('00') ? '+' : '';
	let digits = main.replace(/\D/g, '');
	if (plus && digits.startsWith('00')) digits = digits.slice(2);
	if (digits.length < 3) return null;
	const ext = extension?.replace(/\D/g, '') ?? '';
	return `tel:${plus}${digits}${ext ? `;ext=${ext}` : ''}`;
}

/** A mailto: link for a typed email address; null when it is not one. */
export function mailHref(email: string): string | null {
	const address = email.trim();
	return /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/.test(address) ? `mailto:${encodeURI(address)}` : null;
}
