// What each stock form holds before it is recorded. Kept here, outside the forms, so switching
// tabs (or going to sell something and back) never loses a delivery or a count half typed.
import type { Product } from '$core/types';
import type { TypedLine } from '$lib/services/stock.service';

export const receiveDraft = $state({ supplierId: '', reference: '', lines: [] as TypedLine[] });
export const adjustDraft = $state({ product: null as Product | null, quantity: '', reason: '' });
export const countDraft = $state({ category: '', reference: '', lines: [] as TypedLine[] });
