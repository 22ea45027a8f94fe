/**
 * OpenAPI 3.0 additions of users and roles (issue 12): the two ways to authenticate (a Bearer API
 * token, the browser's session cookie), the least role of every operation (`x-required-role`,
 * from server/auth/policy.ts, the one place) with its 401 and 403 answers, and the paths of login,
 * logout, /api/me and /api/users.
 */
import { DOWNLOAD_FORMATS, requiredRole } from '../auth/policy';
import { SESSION_COOKIE } from '../http/auth';
import { Me } from '../../core/wire/auth';

const problem = { $ref: '#/components/responses/Problem' };
const jsonBody = (schema: object, description: string) => ({ required: true, description, content: { 'application/json': { schema } } });
const ok = (description: string, schema: object) => ({ description, content: { 'application/json': { schema } } });
/** The caller's role, as the contract spells it. */
const role = Me.properties.role;

/** Path template → method → operation, as in the document. */
type Paths = Record<string, Record<string, { security?: object[]; responses: Record<string, object>; description?: string; 'x-required-role'?: string; [k: string]: unknown }>>;

/**
 * The extension for openApiDocument; `login`: the server has users and tokens (else the login
 * paths are not served and every caller is the local administrator).
 *
 * @example
 * openApiDocument(collections, base, name, [addGapOpenApi, authOpenApi(true)]);
 */
export function authOpenApi(login: boolean): (doc: object) => void {
  return (doc) => {
    const d = doc as { security: object[]; paths: Paths; components: { securitySchemes?: object; schemas: Record<string, object> }; info: { description: string } };
    d.components.securitySchemes = {
      bearerToken: { type: 'http', scheme: 'bearer', description: 'An API token from `covgap token create --role ROLE [--operator NAME]` (for scripts)' },
      sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The session of a browser login (POST /api/login); writes with it must come from the server\'s own pages (Sec-Fetch-Site: same-origin or a matching Origin)' },
    };
    d.security = [{ bearerToken: [] }, { sessionCookie: [] }];
    d.info.description += ' Who may do what: the least role of each operation is its x-required-role (viewer < partner < planner < admin); without credentials 401, with too low a role 403. A server with no user or token, bound to loopback, treats every caller as the local administrator.';
    // Me, LoggedIn, User, UserList: the wire contract's (core/wire/auth.ts)
    d.paths['/api/me'] = {
      get: { operationId: 'getMe', summary: 'Who the caller is: name, role, the operator a partner is limited to', tags: ['Users'], responses: { '200': ok('The caller', { $ref: '#/components/schemas/Me' }), '400': problem, '401': problem } },
    };
    if (login) {
      d.paths['/api/login'] = {
        post: {
          operationId: 'login',
          summary: 'Log in: sets the session cookie (HttpOnly, SameSite=Strict, Path=/, Secure behind https); at most LOGIN_RATE_LIMIT a minute per address',
          tags: ['Users'],
          requestBody: jsonBody({ type: 'object', required: ['name', 'password'], properties: { name: { type: 'string' }, password: { type: 'string', format: 'password' } } }, 'The user name and password'),
          responses: { '200': { ...ok('Logged in: the caller and when the session ends', { $ref: '#/components/schemas/LoggedIn' }), headers: { 'Set-Cookie': { description: `${SESSION_COOKIE}=…; HttpOnly; SameSite=Strict; Path=/`, schema: { type: 'string' } } } }, '400': problem, '401': problem, '403': problem, '415': problem, '422': problem, '429': problem },
        },
      };
      d.paths['/api/logout'] = {
        post: { operationId: 'logout', summary: 'Log out: ends the session and clears its cookie', tags: ['Users'], responses: { '204': { description: 'Logged out' }, '400': problem, '403': problem } },
      };
      d.paths['/api/users'] = {
        get: { operationId: 'listUsers', summary: 'The users (never their password hashes)', tags: ['Users'], responses: { '200': ok('The users', { $ref: '#/components/schemas/UserList' }), '400': problem } },
        post: {
          operationId: 'createUser',
          summary: 'A new user; the password is hashed with scrypt and never shown again',
          tags: ['Users'],
          requestBody: jsonBody({ type: 'object', required: ['name', 'role', 'password'], properties: { name: { type: 'string', maxLength: 64, description: 'Letters, digits, ".", "_", "@", "-"; stored NFKC-normalised; no control, format or invisible character (422); one that reads as an existing user\'s name is 409' }, role, operator: { type: 'string', maxLength: 100, description: "Partners only: the operator it is limited to, spelled exactly (case included) as the sites' `operator`; a name no site of the data in use has is 422, and the problem's `errors` name `operator` and list the data's operators" }, password: { type: 'string', format: 'password', minLength: 10 } } }, 'The user'),
          responses: { '201': ok('Created', { $ref: '#/components/schemas/User' }), '400': problem, '409': { description: 'The name is taken: the same name, or one that reads the same (user names are compared NFKC-normalised, without case, and by their look-alike skeleton, UTS #39); the detail names the user who has it', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }, '415': problem, '422': problem },
        },
      };
      d.paths['/api/users/{name}'] = {
        delete: { operationId: 'deleteUser', summary: 'Deletes a user and ends its sessions', tags: ['Users'], parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }], responses: { '204': { description: 'Deleted' }, '400': problem, '404': problem } },
      };
    }
    for (const [template, ops] of Object.entries(d.paths)) {
      const path = template.replace(/\{[^}]+\}/g, 'x');
      for (const [method, op] of Object.entries(ops)) {
        const role = requiredRole(method.toUpperCase(), path);
        op['x-required-role'] = role;
        if (role === 'public') {
          op.security = [{}, { bearerToken: [] }, { sessionCookie: [] }];
          continue;
        }
        op.responses['401'] ??= problem;
        op.responses['403'] ??= problem;
        const download = requiredRole(method.toUpperCase(), path, { f: DOWNLOAD_FORMATS[0] });
        if (download !== role) op.description = `${op.description ? `${op.description} ` : ''}Downloads (f=${DOWNLOAD_FORMATS.join(', ')}) need the ${download} role.`;
      }
    }
  };
}
