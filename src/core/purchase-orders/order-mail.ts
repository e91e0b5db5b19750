// The e-mail that sends an order from a device that cannot share files: a mailto: link with the
// subject and the order in the body, for the person's own mail program. A mailto: link cannot carry
// an attachment, so the order's file is downloaded beside it and the person attaches it.
// Mail programs and browsers cut long mailto: links (about 2,000 characters is what they all
// take), so a long order lists the lines that fit and says how many more are in the file.

export interface OrderMail {
	to: string;
	subject: string;
	/** Paragraph lines before the order lines (greeting, what is being ordered). */
	opening: readonly string[];
	/** One text per order line, in order. */
	lines: readonly string[];
	/** After the lines: total, the attachment, the signature. */
	closing: readonly string[];
	/** The line that stands for the lines left out, e.g. "… and 12 more lines in the attached file". */
	more: (left: number) => string;
}

export const MAILTO_MAX_LENGTH = 1900;

/** Mail bodies take CRLF line ends (RFC 6068); everything else percent-encoded. */
const encode = (text: string) => encodeURIComponent(text.replace(/\r?\n/g, '\r\n'));

const hrefOf = (mail: OrderMail, body: readonly string[]) =>
	`mailto:${mail.to}?subject=${encode(mail.subject)}&body=${encode(body.join('\n'))}`;

/**
 * The mailto: link with as many order lines as keep it within `maxLength` characters (all of them
 * when they fit). The opening and closing are always kept whole, even past the limit.
 */
export function orderMailto(mail: OrderMail, maxLength = MAILTO_MAX_LENGTH): { href: string; linesShown: number } {
	const whole = hrefOf(mail, [...mail.opening, ...mail.lines, ...mail.closing]);
	if (whole.length <= maxLength) return { href: whole, linesShown: mail.lines.length };
	// Lines are short, an order has at most a few thousand: adding one at a time is plenty fast.
	let shown = 0;
	let href = hrefOf(mail, [...mail.opening, mail.more(mail.lines.length), ...mail.closing]);
	for (let n = 1; n < mail.lines.length; n++) {
		const next = hrefOf(mail, [...mail.opening, ...mail.lines.slice(0, n), mail.more(mail.lines.length - n), ...mail.closing]);
		if (next.length > maxLength) break;
		href = next;
		shown = n;
	}
	return { href, linesShown: shown };
}
