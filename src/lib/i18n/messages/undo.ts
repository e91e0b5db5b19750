// Undo at the till (the last line taken off the ticket) and on the stock screen (the last receipt,
// adjustment or count, cancelled by compensating movements).
export const es = {
	'undo.action': 'Deshacer',
	'undo.line.removed': 'Línea quitada',
	'undo.line.removedNamed': 'Línea quitada: {name}',
	'undo.line.back': 'Línea recuperada: {name}',
	'undo.line.gone': 'No se puede recuperar: {name} ya vuelve a estar en el ticket.',
	'undo.stock.hint': '¿Te has equivocado? Deshacer deja el stock como estaba (queda anotado en el historial).',
	'undo.stock.done': 'Deshecho: el stock vuelve a estar como antes.',
	'undo.stock.sale': 'Una venta no se deshace aquí: haz una devolución en Vender.',
	'undo.stock.import': 'Lo importado no se deshace aquí.',
	'undo.stock.undo': 'Esto ya era deshacer otro cambio.',
	'undo.stock.nothing': 'No hay nada que deshacer.',
	'undo.stock.already_undone': 'Ya estaba deshecho.',
	'undo.note': 'Deshace un movimiento anterior'
};

export const en: Record<keyof typeof es, string> = {
	'undo.action': 'Undo',
	'undo.line.removed': 'Line removed',
	'undo.line.removedNamed': 'Line removed: {name}',
	'undo.line.back': 'Line restored: {name}',
	'undo.line.gone': 'Cannot restore it: {name} is on the ticket again.',
	'undo.stock.hint': 'A mistake? Undo puts the stock back as it was (the history keeps a note of it).',
	'undo.stock.done': 'Undone: the stock is back as it was.',
	'undo.stock.sale': 'A sale is not undone here: make a return at Sell.',
	'undo.stock.import': 'Imported stock is not undone here.',
	'undo.stock.undo': 'This already undid another change.',
	'undo.stock.nothing': 'There is nothing to undo.',
	'undo.stock.already_undone': 'It was already undone.',
	'undo.note': 'Undoes an earlier movement'
};
