// Every route file of /api/v1, one per resource. Each exports a Fastify plugin registered under
// the /api/v1 prefix; its routes say who may call them (config.access) and their zod schemas,
// which validate the request, type the handler and make the OpenAPI document.
import type { FastifyPluginAsync } from 'fastify';
import authRoutes from './auth';
import usersRoutes from './users';
import importRoutes from './import';
import exportRoutes from './export';
import productsRoutes from './products';
import suppliersRoutes from './suppliers';
import customersRoutes from './customers';
import salesRoutes from './sales';
import movementsRoutes from './movements';
import stockRoutes from './stock';
import purchaseOrdersRoutes from './purchase-orders';
import forecastRoutes from './forecast';
import insightsRoutes from './insights';
import healthRoutes from './health';
import dashboardRoutes from './dashboard';
import settingsRoutes from './settings';
import syncRoutes from './sync';
import ticketsRoutes from './tickets';

export const API_ROUTES: FastifyPluginAsync[] = [authRoutes, usersRoutes, importRoutes, exportRoutes,
	productsRoutes, suppliersRoutes, customersRoutes, salesRoutes, movementsRoutes, stockRoutes, purchaseOrdersRoutes,
	forecastRoutes, insightsRoutes, healthRoutes, dashboardRoutes, settingsRoutes, syncRoutes, ticketsRoutes];
