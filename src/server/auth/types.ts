// Who is calling: what the access guard attaches to every authenticated request.
export type Role = 'admin' | 'staff';

/** public: no token; staff: any member of the shop; admin: the shop's admins only. */
export type Access = 'public' | 'staff' | 'admin';

export interface AuthContext {
	userId: string;
	username: string;
	shopId: string;
	shopCode: string;
	role: Role;
}
