// What a chosen file really is, from its first and last bytes, before anything tries to read it
// as sales: text (CSV, TSV, TXT), an Excel workbook (.xlsx), or something else that is refused at
// once and named ("a PNG image", "an old Excel .xls"), whatever its name says. Pure byte sniffing:
// magic numbers, the ZIP directory's entry names, and the share of control bytes in the text.

/** Bytes of the file's head the checks read (the import's detection sample). */
export const KIND_HEAD_BYTES = 65_536;
/** Bytes of the file's tail read for a ZIP's central directory (it lists every entry name). */
export const KIND_TAIL_BYTES = 65_536;

export type RefusedKind =
	| 'png' | 'jpeg' | 'gif' | 'webp' | 'heic' | 'bmp' | 'tiff' | 'pdf' | 'video' | 'audio'
	| 'xls' | 'xlsb' | 'ods' | 'numbers' | 'docx' | 'pptx' | 'zip' | 'gzip' | 'rar' | '7z'
	| 'utf16' | 'binary' | 'empty';

export type FileKind = { kind: 'text' } | { kind: 'workbook' } | { kind: 'refused'; what: RefusedKind };

/** The refusal in English (CLI, server); the app words `import.refuse.<what>` itself. */
export const REFUSAL_TEXT: Record<RefusedKind, string> = {
	png: 'This is a PNG image, not a sales file',
	jpeg: 'This is a JPEG photo, not a sales file',
	gif: 'This is a GIF image, not a sales file',
	webp: 'This is a WebP image, not a sales file',
	heic: 'This is a HEIC photo, not a sales file',
	bmp: 'This is a BMP image, not a sales file',
	tiff: 'This is a TIFF image, not a sales file',
	pdf: 'This is a PDF document, not a sales file: export the sales from your POS as CSV or Excel (.xlsx)',
	video: 'This is a video, not a sales file',
	audio: 'This is an audio file, not a sales file',
	xls: 'This is an old Excel workbook (.xls): save it as .xlsx or CSV',
	xlsb: 'This is an Excel binary workbook (.xlsb): save it as .xlsx or CSV',
	ods: 'This is an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV',
	numbers: 'This is an Apple Numbers file: export it as Excel (.xlsx) or CSV',
	docx: 'This is a Word document, not a sales file',
	pptx: 'This is a PowerPoint presentation, not a sales file',
	zip: 'This is a ZIP archive that holds no Excel workbook: unzip it and choose the CSV or .xlsx inside',
	gzip: 'This is a compressed (gzip) file: decompress it and choose the CSV inside',
	rar: 'This is a RAR archive: extract it and choose the CSV inside',
	'7z': 'This is a 7-Zip archive: extract it and choose the CSV inside',
	utf16: 'This text is saved as UTF-16 ("Unicode text"): save it as CSV UTF-8',
	binary: 'This file is not text (it holds binary data): export the sales as CSV or Excel (.xlsx)',
	empty: 'The file is empty'
};

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const ZIP_SPANNED = [0x50, 0x4b, 0x07, 0x08];
const GZIP = [0x1f, 0x8b];
const RAR = [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07];
const SEVEN_ZIP = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Image, document, media and archive signatures at the start of a file. */
function magic(b: Uint8Array): RefusedKind | 'zip-container' | null {
	if (startsWith(b, PNG)) return 'png';
	if (startsWith(b, JPEG)) return 'jpeg';
	const head6 = ascii(b, 0, 6);
	if (head6 === 'GIF87a' || head6 === 'GIF89a') return 'gif';
	if (ascii(b, 0, 4) === 'RIFF') {
		const form = ascii(b, 8, 12);
		if (form === 'WEBP') return 'webp';
		if (form === 'AVI ') return 'video';
		if (form === 'WAVE') return 'audio';
	}
	if (ascii(b, 4, 8) === 'ftyp') {
		const brand = ascii(b, 8, 12);
		if (['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1', 'avif'].includes(brand)) return 'heic';
		if (brand.startsWith('M4A')) return 'audio';
		return 'video';
	}
	if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return 'video'; // Matroska / WebM
	// An MP3 frame (FF Ex/Fx), but not a UTF-16 byte order mark (FF FE).
	if (ascii(b, 0, 3) === 'ID3' || (b.length > 1 && b[0] === 0xff && b[1] >= 0xe0 && b[1] !== 0xfe && b[1] !== 0xff)) return 'audio';
	if (ascii(b, 0, 4) === 'OggS' || ascii(b, 0, 4) === 'fLaC') return 'audio';
	if (ascii(b, 0, 2) === 'BM' && b.length >= 26 && b[14] >= 12 && b[15] === 0 && b[6] === 0 && b[7] === 0) return 'bmp';
	if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
	if (startsWith(b, PDF)) return 'pdf';
	if (startsWith(b, OLE)) return 'xls';
	if (startsWith(b, GZIP)) return 'gzip';
	if (startsWith(b, RAR)) return 'rar';
	if (startsWith(b, SEVEN_ZIP)) return '7z';
	if (startsWith(b, ZIP_LOCAL) || startsWith(b, ZIP_EMPTY) || startsWith(b, ZIP_SPANNED)) return 'zip-container';
	return null;
}

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
const latin = (b: Uint8Array, from: number, length: number) => ascii(b, from, from + length);

/**
 * Entry names of a ZIP: from the central directory when the tail holds it (every entry, whatever
 * order the writer used), else from the local headers the head holds (a writer that streams puts
 * sizes after the data, so the walk stops at the first such entry).
 */
export function zipEntryNames(head: Uint8Array, tail: Uint8Array, fileSize: number): string[] {
	const names: string[] = [];
	// End of central directory: 22 bytes plus a comment of up to 64 KB, searched from the end.
	for (let i = tail.length - 22; i >= 0; i--) {
		if (!startsWith(tail, ZIP_EMPTY, i)) continue;
		const entries = u16(tail, i + 10);
		const size = u32(tail, i + 12);
		const offset = u32(tail, i + 16);
		const tailStart = fileSize - tail.length;
		let at = offset - tailStart;
		if (at < 0 || offset + size > fileSize) break;
		for (let n = 0; n < entries && startsWith(tail, [0x50, 0x4b, 0x01, 0x02], at); n++) {
			const nameLength = u16(tail, at + 28);
			names.push(latin(tail, at + 46, nameLength));
			at += 46 + nameLength + u16(tail, at + 30) + u16(tail, at + 32);
		}
		if (names.length > 0) return names;
		break;
	}
	let at = 0;
	while (startsWith(head, ZIP_LOCAL, at) && at + 30 <= head.length) {
		const nameLength = u16(head, at + 26);
		names.push(latin(head, at + 30, nameLength));
		const flags = u16(head, at + 6);
		if (flags & 0x08) break; // sizes follow the data: the next header cannot be found from here
		at += 30 + nameLength + u16(head, at + 28) + u32(head, at + 18);
	}
	return names;
}

/** What a ZIP holds: an Office Open XML workbook is the only one imported. */
function zipKind(head: Uint8Array, tail: Uint8Array, fileSize: number): FileKind {
	const names = zipEntryNames(head, tail, fileSize);
	const has = (name: string) => names.includes(name);
	if (has('xl/workbook.xml')) return { kind: 'workbook' };
	if (has('xl/workbook.bin')) return { kind: 'refused', what: 'xlsb' };
	// OpenDocument puts an uncompressed "mimetype" entry first: its content follows the header.
	if (names[0] === 'mimetype' && ascii(head, 38, 38 + 64).includes('opendocument.spreadsheet')) return { kind: 'refused', what: 'ods' };
	if (names.some((n) => n.startsWith('Index/Document.iwa') || n.endsWith('/Index/Document.iwa'))) return { kind: 'refused', what: 'numbers' };
	if (has('word/document.xml')) return { kind: 'refused', what: 'docx' };
	if (has('ppt/presentation.xml')) return { kind: 'refused', what: 'pptx' };
	return { kind: 'refused', what: 'zip' };
}

/**
 * UTF-16 text (Excel's "Unicode text" export): a BOM, or a NUL beside every other ASCII byte.
 * Checked before the control-byte count, which would call it binary.
 */
function isUtf16(b: Uint8Array): boolean {
	if (startsWith(b, [0xff, 0xfe]) || startsWith(b, [0xfe, 0xff])) return true;
	const n = Math.min(b.length, 512) & ~1;
	if (n < 8) return false;
	let evenNul = 0, oddNul = 0;
	for (let i = 0; i < n; i += 2) {
		if (b[i] === 0) evenNul++;
		if (b[i + 1] === 0) oddNul++;
	}
	const pairs = n / 2;
	return (oddNul > pairs * 0.6 && evenNul < pairs * 0.05) || (evenNul > pairs * 0.6 && oddNul < pairs * 0.05);
}

/**
 * Text has no NUL bytes and almost no other control bytes (tab, CR, LF and form feed are text).
 * Bytes 0x80-0xFF are letters in UTF-8 and Windows-1252, so they never make a file binary.
 */
function looksLikeText(b: Uint8Array): boolean {
	const start = startsWith(b, UTF8_BOM) ? 3 : 0;
	let control = 0;
	for (let i = start; i < b.length; i++) {
		const c = b[i];
		if (c === 0) return false;
		if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1a) control++;
	}
	return control <= Math.max(2, (b.length - start) * 0.001);
}

/**
 * What the file is. `head`: its first bytes (up to KIND_HEAD_BYTES); `tail`: its last bytes (up
 * to KIND_TAIL_BYTES, only read for ZIP files; may be the head itself when the file is small).
 */
export function identifyFile(head: Uint8Array, tail: Uint8Array = head, fileSize: number = head.length): FileKind {
	if (fileSize === 0 || head.length === 0) return { kind: 'refused', what: 'empty' };
	const found = magic(head);
	if (found === 'zip-container') return zipKind(head, tail, fileSize);
	if (found) return { kind: 'refused', what: found };
	if (isUtf16(head)) return { kind: 'refused', what: 'utf16' };
	return looksLikeText(head) ? { kind: 'text' } : { kind: 'refused', what: 'binary' };
}

/** True when the head alone cannot tell (a ZIP): the caller reads the tail too. */
export const needsTail = (head: Uint8Array): boolean => magic(head) === 'zip-container';

/**
 * What a file of `size` bytes is, reading only what the checks need: its head, and for a ZIP its
 * tail. `read(from, to)` gives the bytes in [from, to) (a Blob slice in the app, a file in Node).
 */
export async function identifyBytes(size: number, read: (from: number, to: number) => Promise<Uint8Array>): Promise<FileKind> {
	if (size === 0) return { kind: 'refused', what: 'empty' };
	const head = await read(0, Math.min(size, KIND_HEAD_BYTES));
	const tail = needsTail(head) && size > head.length ? await read(Math.max(0, size - KIND_TAIL_BYTES), size) : head;
	return identifyFile(head, tail, size);
}
