// Draws the app icons (PNG, no dependencies) into static/icons, and the SVG favicon.
// Run: node scripts/make-icons.mjs. The design: three stacked boxes on the brand teal.
import fs from 'node:fs';
import zlib from 'node:zlib';

const BRAND = [0x1f, 0x5f, 0x5b];
const PAPER = [0xf6, 0xf4, 0xef];
const ACCENT = [0xc9, 0x77, 0x2b];

// Boxes in a 0..1 square: [x, y, w, h, colour]
const boxes = [
	[0.22, 0.52, 0.26, 0.24, PAPER],
	[0.52, 0.52, 0.26, 0.24, PAPER],
	[0.37, 0.24, 0.26, 0.24, ACCENT]
];

function draw(size, safeZone) {
	// safeZone shrinks the art for maskable icons (content within the central 80%).
	const px = Buffer.alloc(size * size * 4);
	const r = safeZone ? 0 : size * 0.18;
	for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
		const i = (y * size + x) * 4;
		const inCorner = (cx, cy) => (x - cx) ** 2 + (y - cy) ** 2 > r * r;
		const outside = r > 0 && ((x < r && y < r && inCorner(r, r)) || (x > size - r && y < r && inCorner(size - r, r)) ||
			(x < r && y > size - r && inCorner(r, size - r)) || (x > size - r && y > size - r && inCorner(size - r, size - r)));
		let c = BRAND, a = outside ? 0 : 255;
		const s = safeZone ? 0.7 : 1, off = (1 - s) / 2;
		const u = (x / size - off) / s, v = (y / size - off) / s;
		for (const [bx, by, bw, bh, col] of boxes) {
			if (u >= bx && u <= bx + bw && v >= by && v <= by + bh) {
				const edge = Math.min(u - bx, bx + bw - u, v - by, by + bh - v);
				c = edge < 0.012 ? BRAND : col;
				if (Math.abs(u - (bx + bw / 2)) < 0.02 && v < by + bh * 0.45) c = BRAND; // tape
			}
		}
		px[i] = c[0]; px[i + 1] = c[1]; px[i + 2] = c[2]; px[i + 3] = a;
	}
	return png(size, px);
}

function png(size, rgba) {
	const raw = Buffer.alloc((size * 4 + 1) * size);
	for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
	const chunk = (type, data) => {
		const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
		const td = Buffer.concat([Buffer.from(type), data]);
		const crc = Buffer.alloc(4); crc.writeUInt32BE(zlib.crc32 ? zlib.crc32(td) : crc32(td));
		return Buffer.concat([len, td, crc]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6;
	return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(buf) {
	let c, crc = 0xffffffff;
	for (const b of buf) { c = (crc ^ b) & 0xff; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; crc = (crc >>> 8) ^ c; }
	return (crc ^ 0xffffffff) >>> 0;
}

fs.mkdirSync('static/icons', { recursive: true });
fs.writeFileSync('static/icons/icon-192.png', draw(192, false));
fs.writeFileSync('static/icons/icon-512.png', draw(512, false));
fs.writeFileSync('static/icons/icon-maskable-512.png', draw(512, true));
const hex = (c) => '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');
const rects = boxes.map(([x, y, w, h, c]) => `<rect x="${x * 64}" y="${y * 64}" width="${w * 64}" height="${h * 64}" rx="1.5" fill="${hex(c)}" stroke="${hex(BRAND)}" stroke-width="1"/>`).join('');
fs.writeFileSync('static/favicon.svg', `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="${hex(BRAND)}"/>${rects}</svg>\n`);
console.log('icons written');
