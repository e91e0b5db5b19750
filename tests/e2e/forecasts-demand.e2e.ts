// A shop owner trains the forecast on the sample shop in a worker, sees the model in the registry
// with its training log, reads a product's forecast (chart, next 30 days, method and its accuracy),
// picks another method for it, and can cancel a training without losing the forecast it had.
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
	await expect(page.getByText('Aún no se ha entrenado ningún modelo.')).toBeVisible();
	await page.getByRole('button', { name: 'Entrenar ahora' }).click();
	await expect(page.getByRole('button', { name: 'Cancelar' })).toBeVisible();
	await expect(page.getByText(/Listo: previsión de 150 productos/)).toBeVisible({ timeout: 240_000 });
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
	await expect(forecast.getByText(/Próximos 30 días: unas [\d.]+ unidades/)).toBeVisible();
	await expect(forecast.getByRole('img', { name: /previsión de los próximos 2 meses/ })).toBeVisible();
	await expect(forecast.getByText(/^Método: /)).toBeVisible();
	await expect(forecast.getByText(/En la prueba, el total de 4 semanas se desvió un/)).toBeVisible();
	await expect(forecast.getByText(/tras probar todos los métodos desde 4 fechas de las últimas 7 semanas/)).toBeVisible();
	await forecast.getByLabel('Método para este producto').selectOption('moving-average');
	await expect(forecast.getByText('Guardado: se usará en el próximo cálculo.')).toBeVisible();
	await page.reload();
	await expect(page.getByRole('region', { name: 'Previsión de demanda' }).getByLabel('Método para este producto')).toHaveValue('moving-average');

	// The saved model forecasts again without training (what happens when later days' sales arrive).
	await open(page, '/models');
	await page.getByRole('button', { name: 'Actualizar previsión sin reentrenar' }).click();
	await expect(page.getByText(/con el modelo guardado, sin reentrenar/)).toBeVisible({ timeout: 120_000 });
	await page.reload();
	await expect(page.getByRole('region', { name: 'Registro de entrenamientos' }).getByRole('row').nth(1)).toContainText('Modelo reutilizado');
	await expect(page.getByRole('region', { name: 'Modelos entrenados' }).getByRole('row')).toHaveCount(2);

	// A cancelled training leaves the forecast and the registry as they were, and is logged.
	await open(page, '/models');
	await page.getByRole('button', { name: 'Entrenar ahora' }).click();
	await page.getByRole('button', { name: 'Cancelar' }).click();
	await expect(page.getByText('Entrenamiento cancelado. La previsión anterior sigue igual.')).toBeVisible({ timeout: 60_000 });
	await page.reload();
	await expect(page.getByRole('region', { name: 'Modelos entrenados' }).getByRole('row')).toHaveCount(2);
	await expect(page.getByRole('region', { name: 'Registro de entrenamientos' }).getByRole('row').nth(1)).toContainText('Cancelado');
});
