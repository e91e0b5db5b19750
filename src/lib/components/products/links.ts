// Product pages are addressed by the shop's SKU (never the internal id); SKUs may hold "/" or spaces.
export const productHref = (sku: string): string => `/products/${encodeURIComponent(sku)}`;
