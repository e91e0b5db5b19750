// The theme (light, dark or the device's), chosen in Settings.
export const es = {
	'theme.title': 'Tema',
	'theme.text': 'Claro, oscuro o el del dispositivo, que cambia solo si el dispositivo cambia (por ejemplo de noche).',
	'theme.choice': 'Apariencia',
	'theme.light': 'Claro',
	'theme.dark': 'Oscuro',
	'theme.system': 'Del dispositivo',
	'theme.systemNow': 'Ahora el dispositivo usa el tema {theme}.',
	'theme.now.light': 'claro',
	'theme.now.dark': 'oscuro'
};

export const en: Record<keyof typeof es, string> = {
	'theme.title': 'Theme',
	'theme.text': 'Light, dark or the device’s, which follows the device when it changes (at night, say).',
	'theme.choice': 'Appearance',
	'theme.light': 'Light',
	'theme.dark': 'Dark',
	'theme.system': 'Device’s',
	'theme.systemNow': 'The device is using the {theme} theme now.',
	'theme.now.light': 'light',
	'theme.now.dark': 'dark'
};
