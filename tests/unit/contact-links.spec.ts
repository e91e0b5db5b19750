// Suppliers' phones and emails become links a tablet can tap: what the shop typed, made dialable.
import { describe, expect, it } from 'vitest';
import { mailHref, telHref } from '$core/contact-links';

describe('tel: links', () => {
	it('keep the digits and the international prefix of what was typed', () => {
		expect(telHref('+34 600 12 34 56')).toBe('tel:+34600123456');
		expect(telHref('0034 91-555-0101')).toBe('tel:+34915550101');
		expect(telHref('(91) 555 01 01')).toBe('tel:915550101');
	});

	it('write an extension the way phones dial it', () => {
		expect(telHref('91 555 01 01 ext. 24')).toBe('tel:915550101;ext=24');
		expect(telHref('+1 212 555 0100 x7')).toBe('tel:+12125550100;ext=7');
	});

	it('give no link for text without a number', () => {
		expect(telHref('pedir por la web')).toBeNull();
		expect(telHref('12')).toBeNull();
	});
});

describe('mailto: links', () => {
	it('for an address, trimmed', () => {
		expect(mailHref(' pedidos@textilessur.es ')).toBe('mailto:pedidos@textilessur.es');
		expect(mailHref('ana.lópez@tienda.es')).toBe('mailto:ana.l%C3%B3pez@tienda.es');
	});

	it('none for text that is not an address', () => {
		expect(mailHref('Ana (tienda)')).toBeNull();
		expect(mailHref('ana@tienda')).toBeNull();
		expect(mailHref('a@b.es, c@d.es')).toBeNull();
	});
});
