// The shop's holidays and closures, in Settings: the dates the owner lists and those learned from the sales.
export const es = {
	'holidays.title': 'Festivos y cierres',
	'holidays.text': 'Los días que la tienda cierra se prevén sin ventas. Añade los festivos y cierres que vienen; los que se repiten cada año se aprenden de tus ventas.',
	'holidays.learnedTitle': 'Cerrado cada año (aprendido de tus ventas)',
	'holidays.learnedItem': 'Cerrado cada {date} (aprendido de tus ventas)',
	'holidays.learnedRun': 'Cerrado cada año del {from} al {to} (aprendido de tus ventas)',
	'holidays.learnedNone': 'Tus ventas aún no muestran ningún día del año en que la tienda cierre siempre.',
	'holidays.listTitle': 'Tus días de cierre',
	'holidays.listNone': 'Aún no has añadido ningún día.',
	'holidays.day': 'Día de cierre',
	'holidays.add': 'Añadir',
	'holidays.remove': 'Quitar {date}',
	'holidays.pickDay': 'Escribe o elige un día.',
	'holidays.already': 'Ese día ya está en la lista.',
	'holidays.saved': 'Guardado: la próxima previsión lo tendrá en cuenta.'
};

export const en: Record<keyof typeof es, string> = {
	'holidays.title': 'Holidays and closures',
	'holidays.text': 'Days the shop is closed are forecast with no sales. Add the holidays and closures coming up; those that recur every year are learned from your sales.',
	'holidays.learnedTitle': 'Closed every year (learned from your sales)',
	'holidays.learnedItem': 'Closed every {date} (learned from your sales)',
	'holidays.learnedRun': 'Closed every year from {from} to {to} (learned from your sales)',
	'holidays.learnedNone': 'Your sales do not show yet any day of the year on which the shop always closes.',
	'holidays.listTitle': 'Your closed days',
	'holidays.listNone': 'You have not added any day yet.',
	'holidays.day': 'Closed day',
	'holidays.add': 'Add',
	'holidays.remove': 'Remove {date}',
	'holidays.pickDay': 'Type or pick a day.',
	'holidays.already': 'That day is already on the list.',
	'holidays.saved': 'Saved: the next forecast will take it into account.'
};
