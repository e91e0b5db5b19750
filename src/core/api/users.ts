// The shop's accounts (admin only): /api/v1/users, always scoped to the caller's shop.
import { z } from 'zod';
import { Role } from './auth';

export const Username = z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, '1 to 64 characters: letters, digits and . _ @ -')
	.describe('1 to 64 characters: letters, digits and . _ @ -');

export const Password = z.string().min(8, 'at least 8 characters').max(1024).describe('At least 8 characters');

export const User = z.object({
	username: z.string(),
	role: Role,
	disabled: z.boolean().describe('A disabled account cannot sign in, and its tokens stop working at once'),
	created_at: z.string().describe('ISO 8601')
}).meta({ id: 'User' });

export const UserList = z.object({
	users: z.array(User)
}).meta({ id: 'UserList' });

export const CreateUserRequest = z.object({
	username: Username,
	password: Password,
	role: Role
}).meta({ id: 'NewUser' });

export const UpdateUserRequest = z.object({
	role: Role.optional(),
	disabled: z.boolean().optional(),
	password: Password.optional().describe('A new password: every session of the account is signed out')
}).refine((b) => b.role !== undefined || b.disabled !== undefined || b.password !== undefined, { message: 'name at least one of role, disabled, password' })
	.meta({ id: 'UserChanges' });

export const UserParams = z.object({
	username: z.string().min(1).max(64)
});

export type UserBody = z.infer<typeof User>;
export type CreateUserBody = z.infer<typeof CreateUserRequest>;
export type UpdateUserBody = z.infer<typeof UpdateUserRequest>;
