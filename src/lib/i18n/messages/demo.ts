// Why the sample shop could not be loaded (the dashboard's words say how to load it).
export const es = {
	'demo.error.not_empty': 'Este dispositivo ya tiene datos: los datos de ejemplo solo se cargan en una tienda vacía.',
	'demo.error.download': 'No se pudieron descargar los datos de ejemplo. Comprueba la conexión y vuelve a intentarlo.',
	'demo.error.invalid': 'Los datos de ejemplo están dañados y no se han cargado. Actualiza la aplicación y vuelve a intentarlo.',
	'demo.error.storage': 'No se pudieron guardar los datos de ejemplo; no se ha cambiado nada. Comprueba que queda espacio en el dispositivo.'
};

export const en: Record<keyof typeof es, string> = {
	'demo.error.not_empty': 'This device already has data: sample data only loads into an empty shop.',
	'demo.error.download': 'The sample data could not be downloaded. Check the connection and try again.',
	'demo.error.invalid': 'The sample data is damaged and was not loaded. Update the app and try again.',
	'demo.error.storage': 'The sample data could not be saved; nothing was changed. Check that the device has free space.'
};
