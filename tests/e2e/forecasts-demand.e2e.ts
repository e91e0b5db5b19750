// A shop owner trains the forecast on the sample shop in a worker, reads what it covers in words
// (the registry and training log behind "Detalles"), reads a product's forecast (next week in words
// and the weekly chart quoting the same figure; method and accuracy behind "Detalles"), picks
// another method for it, and can cancel a training without losing the forecast it had.
import { expect, test } from '@playwright/test';
import { open } from './support/shop';

test.setTimeout(300_000);

test('trains, keeps the model and its log, and shows a product\'s forecast with its accuracy', async ({ page }) => {
	await open(page, '/');
	await page.getByRole('button', { name: /Cargar datos de ejemplo/ }).first().click();
	await expect(page.getByText(/Datos de ejemplo cargados: 150 productos/)).toBeVisible({ timeout: 30_000 });

	await open(page, '/products/85123A');
	await expect(page.getByText(/Todavía no hay previsión/)).toBeVisible();

	await open(page, '/models');
	await expect(page.getByText('Todavía no hay previsión.')).toBeVisible();
	await page.getByRole('button', { name: 'Entrenar ahora' }).click();
	await expect(page.getByRole('button', { name: 'Cancelar' })).toBeVisible();
	await expect(page.getByText(/Listo: previsión de 150 productos/)).toBeVisible({ timeout: 240_000 });
	await expect(page.getByTestId('forecast-status')).toContainText(/Hay previsión para 150 productos, aprendida de las ventas del \d{2}\/\d{2}\/\d{4} al \d{2}\/\d{2}\/\d{4}/);
	// Method names, metrics and epochs only behind "Detalles".
	await expect(page.getByText(/RMSSE|épocas|global-nn/).first()).toBeHidden();
	await page.getByText('Detalles', { exact: true }).click();
	const registry = page.getByRole('region', { name: 'Modelos entrenados' });
	await expect(registry.getByRole('row')).toHaveCount(2);
	await expect(registry.getByText(/^global-nn@/)).toBeVisible();
	const log = page.getByRole('region', { name: 'Registro de entrenamientos' });
	await expect(log.getByRole('row').nth(1)).toContainText('Entrenado');
	await expect(page.getByRole('region', { name: /Precisión en la prueba/ }).getByRole('row', { name: /^TSB, para ventas esporádicas/ })).toBeVisible();
	// How the latest version was trained and tested, in words.
	await expect(registry.getByText(/^Última versión: [\d.]+ ejemplos; la red de la prueba aprendió \d+ épocas/)).toBeVisible();

	await open(page, '/products/85123A');
	const forecast = page.getByRole('region', { name: 'Previsión de demanda' });
	// The headline's week is the chart's first forecast point: the chart's text alternative quotes the same figures.
	const headline = forecast.getByTestId('forecast-headline');
	await expect(headline).toHaveText(/^La próxima semana venderá unas [\d.,]+ \(normalmente entre [\d.,]+ y [\d.,]+\)\.$/);
	const [, mean, p10, p90] = /unas ([\d.,]+) \(normalmente entre ([\d.,]+) y ([\d.,]+)\)/.exec((await headline.textContent())!)!;
	const chart = forecast.getByRole('img', { name: /^Unidades por semana: vendió [\d.]+ en las últimas 4 semanas/ });
	await expect(chart).toBeVisible();
	expect(await chart.getAttribute('aria-label')).toContain(`la próxima, unas ${mean} (entre ${p10} y ${p90})`);
	await expect(forecast.getByText(/En los próximos 30 días, unas [\d.]+ unidades/)).toBeVisible();
	const method = forecast.getByText(/^Método: /);
	await expect(method).toBeHidden();
	await forecast.getByText('Detalles', { exact: true }).click();
	await expect(method).toBeVisible();
	await expect(forecast.getByText(/En la prueba, el total de 4 semanas se desvió un/)).toBeVisible();
	await expect(forecast.getByText(/tras probar todos los métodos desde 4 fechas de las últimas 7 semanas/)).toBeVisible();
	await forecast.getByLabel('Método para este producto').selectOption('moving-average');
	await expect(forecast.getByText('Guardado: se usará en el próximo cálculo.')).toBeVisible();
	await page.reload();
	await page.getByRole('region', { name: 'Previsión de demanda' }).getByText('Detalles', { exact: true }).click();
	await expect(page.getByRole('region', { name: 'Previsión de demanda' }).getByLabel('Método para este producto')).toHaveValue('moving-average');

	// The saved model forecasts again without training (what happens when later days' sales arrive).
	await open(page, '/models');
	await page.getByRole('button', { name: 'Actualizar previsión sin reentrenar' }).click();
	await expect(page.getByText(/con el modelo guardado, sin reentrenar/)).toBeVisible({ timeout: 120_000 });
	await page.reload();
	await page.getByText('Detalles', { exact: true }).click();
	await expect(page.getByRole('region', { name: 'Registro de entrenamientos' }).getByRole('row').nth(1)).toContainText('Modelo reutilizado');
	await expect(page.getByRole('region', { name: 'Modelos entrenados' }).getByRole('row')).toHaveCount(2);

	// A cancelled training leaves the forecast and the registry as they were, and is logged.
	await open(page, '/models');
	await page.getByRole('button', { name: 'Entrenar ahora' }).click();
	await page.getByRole('button', { name: 'Cancelar' }).click();
	await expect(page.getByText('Entrenamiento cancelado. La previsión anterior sigue igual.')).toBeVisible({ timeout: 60_000 });
	await page.reload();
	await page.getByText('Detalles', { exact: true }).click();
	await expect(page.getByRole('region', { name: 'Modelos entrenados' }).getByRole('row')).toHaveCount(2);
	await expect(page.getByRole('region', { name: 'Registro de entrenamientos' }).getByRole('row').nth(1)).toContainText('Cancelado');
});
