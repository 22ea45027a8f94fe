/**
 * The login form (shown when the server answers 401) and the bar that says who is logged in, with
 * the logout button. No inline styles (the Content-Security-Policy allows only our style sheet):
 * everything is styled by class in styles.css.
 */
import './login.css';
import type { Lang } from '../map/urlState';
import type { Store } from '../state/store';
import { whenSignedOut } from '../api/http';
import { LoginError, logIn, logOut, type Me } from '../api/session';
import { el } from './dom';
import { t } from './i18n';

/**
 * Shows the login form over the page; resolves with the user once the server accepted the login.
 * `ended`: the page was in use and the session ended (expired, logged out elsewhere): the form says so.
 *
 * @example
 * const me = (await whoAmI()) ?? (await askLogin('vi'));
 */
export function askLogin(lang: Lang, options: { ended?: boolean } = {}): Promise<Me> {
  return new Promise((resolve) => {
    const name = el('input', { id: 'login-name', name: 'username', autocomplete: 'username', required: '' });
    const password = el('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: '' });
    const message = el('p', { id: 'login-message', class: 'login-message', role: 'alert' });
    const submit = el('button', { type: 'submit' }, t(lang, 'login.submit'));
    const form = el('form', { id: 'login', class: 'login', 'aria-labelledby': 'login-title' },
      el('h1', { id: 'login-title' }, t(lang, 'login.title')),
      options.ended ? el('p', { id: 'login-ended', class: 'login-ended', role: 'status' }, t(lang, 'login.ended')) : null,
      el('p', { class: 'login-hint' }, t(lang, 'login.hint')),
      el('label', { for: 'login-name' }, t(lang, 'login.name')), name,
      el('label', { for: 'login-password' }, t(lang, 'login.password')), password,
      submit, message);
    const overlay = el('div', { id: 'login-overlay', class: 'login-overlay' }, form);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submit.disabled = true;
      message.textContent = '';
      logIn(name.value, password.value).then(
        (me) => {
          overlay.remove();
          resolve(me);
        },
        (err: unknown) => {
          submit.disabled = false;
          password.value = '';
          password.focus();
          message.textContent = err instanceof LoginError && err.kind === 'wrong' ? t(lang, 'login.wrong') : err instanceof LoginError && err.kind === 'limit' ? t(lang, 'login.limit') : t(lang, 'login.failed', { error: (err as Error).message });
        },
      );
    });
    document.body.append(overlay);
    name.focus();
  });
}

/**
 * From now on, a 401 from the API (api/http.ts) brings back the login form, saying the session
 * ended, in the page's language at that moment; the requests waiting for it are sent again once
 * signed in, so the page stays as it was. Signed in as someone else than `me` (another user, role
 * or operator), the page is loaded again instead: what it offers depends on who it is, and its
 * URL keeps the view.
 *
 * @example
 * keepSignedIn(me, () => state.lang);
 */
export function keepSignedIn(me: Me | null, lang: () => Lang): void {
  let who = me;
  whenSignedOut(async () => {
    const again = await askLogin(lang(), { ended: true });
    if (who && (again.name !== who.name || again.role !== who.role || again.operator !== who.operator)) {
      location.reload();
      await new Promise(() => {}); // the page goes; nothing is sent again
    }
    who = again;
  });
}

/**
 * Who is logged in (the store's user), and a logout button (none for the local administrator: there
 * is nobody to log out); relabelled in place when the language changes.
 *
 * @example
 * mountUserBar(document.getElementById('sidebar')!, store);
 */
export function mountUserBar(container: HTMLElement, store: Store): void {
  const bar = el('div', { id: 'user-bar', class: 'user-bar' });
  const render = () => {
    const { user: me, lang: l } = store.get();
    if (!me) return bar.replaceChildren();
    const who = me.via === 'local' ? t(l, 'user.local') : t(l, 'user.who', { name: me.name, role: t(l, `role.${me.role}`) });
    const out = me.via === 'session' ? el('button', { type: 'button', id: 'logout' }, t(l, 'user.logout')) : null;
    out?.addEventListener('click', () => {
      out.disabled = true;
      void logOut().finally(() => location.reload());
    });
    bar.replaceChildren(el('span', { class: 'user-name' }, who, me.operator ? ` · ${me.operator}` : ''), ...(out ? [out] : []));
  };
  render();
  container.prepend(bar);
  store.subscribe((_, changed) => {
    if (changed.has('lang') || changed.has('user')) render();
  });
}
