/** Who is calling, the login and the users: GET /api/me, POST /api/login, GET/POST /api/users. */
import { array, bool, dateTime, int, nullable, object, str, type Wire } from './schema';

const role = { type: 'string', enum: ['viewer', 'partner', 'planner', 'admin'] } as const;
const operator = nullable({ ...str, description: 'The operator a partner is limited to; null: every operator' });

const meProperties = {
  name: { ...str, description: 'The user; `token ID` for an API token; `local` for the local administrator' },
  role,
  operator,
  via: { type: 'string', enum: ['token', 'session', 'local'] },
  may: object({ plan: bool, download: bool, administer: bool, imports: bool }, [], 'What the web client offers the caller (from the roles): plan mode, downloads, user administration, imports'),
} as const;

/** GET /api/me: the caller. */
export const Me = object(meProperties);
export type Me = Wire<typeof Me>;

/** POST /api/login: the caller, and when the session ends. */
export const LoggedIn = object({ ...meProperties, expiresAt: dateTime });
export type LoggedIn = Wire<typeof LoggedIn>;

/** A user (never the password hash). */
export const User = object({ name: str, role, operator, createdAt: dateTime });
export type User = Wire<typeof User>;

/** GET /api/users. */
export const UserList = object({ users: array(User), numberReturned: int });
export type UserList = Wire<typeof UserList>;
