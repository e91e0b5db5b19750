// /api/v1/settings: the shop's name, currency, locale and language. Admin only.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problems } from '../../core/api/problem';
import { DEFAULT_SHOP_SETTINGS, SHOP_SETTINGS_KEY, ShopSettings, ShopSettingsPatch, type ShopSettingsBody } from '../../core/api/settings';
import type { SqlRepository } from '../../sql/sql-repository';
import { shopRepository } from '../context';

type Stored = Omit<ShopSettingsBody, 'shop_code' | 'name'>;

async function read(repo: SqlRepository): Promise<ShopSettingsBody> {
	const shop = await repo.sql.db.selectFrom('shops').select(['code', 'name']).where('id', '=', repo.shopId).executeTakeFirstOrThrow();
	const stored = await repo.getSetting<Partial<Stored>>(SHOP_SETTINGS_KEY);
	return { shop_code: shop.code, name: shop.name, ...DEFAULT_SHOP_SETTINGS, ...stored };
}

export default async function settingsRoutes(scope: FastifyInstance) {
	const app = scope.withTypeProvider<ZodTypeProvider>();
	const tags = ['settings'];

	app.get('/settings', {
		config: { access: 'admin' },
		schema: { tags, summary: "The shop's name, currency, locale and language", response: { 200: ShopSettings, ...problems(401, 403) } }
	}, async (request) => read(shopRepository(request)));

	app.patch('/settings', {
		config: { access: 'admin' },
		schema: { tags, summary: "Change the shop's name, currency, locale or language", body: ShopSettingsPatch, response: { 200: ShopSettings, ...problems(400, 401, 403) } }
	}, async (request) => {
		const repo = shopRepository(request);
		const { name, ...changes } = request.body;
		const { shop_code: _code, name: _name, ...stored } = await read(repo);
		if (name !== undefined) await repo.sql.db.updateTable('shops').set({ name }).where('id', '=', repo.shopId).execute();
		await repo.putSetting<Stored>(SHOP_SETTINGS_KEY, { ...stored, ...changes });
		return read(repo);
	});
}
