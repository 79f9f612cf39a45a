/*
 * The sign-in page before the app has arrived (tools/build/sign-in-shell.ts inlines this file into index.html,
 * after the form; the api allows it by its hash in the Content-Security-Policy). Only on /sign-in: shows the form
 * in the language the app will choose (I18nService: the stored choice, else the browser's), lets the visitor type,
 * and on submit only marks the form as sent: the app takes the form over (pages/sign-in/sign-in-shell.ts), the
 * typed values, the focus and a pending submit with it, and signs in itself. Nothing is ever posted by the browser.
 */
(function (texts) {
  const shell = document.getElementById('mz-sign-in-shell');
  if (!shell) return;
  if (location.pathname.replace(/\/+$/, '') !== '/sign-in') {
    shell.remove();
    return;
  }
  let lang = null;
  try {
    lang = localStorage.getItem('mizan.lang');
  } catch {
    lang = null;
  }
  if (!texts[lang]) lang = (navigator.language || '').slice(0, 2);
  if (!texts[lang]) lang = 'en';
  const t = texts[lang];
  const html = document.documentElement;
  html.lang = lang;
  html.dir = t.$dir;
  document.title = t['signIn.title'] + ' · ' + t['app.name'];
  shell.querySelectorAll('[data-t]').forEach(function (el) {
    el.textContent = t[el.getAttribute('data-t')];
  });
  const language = shell.querySelector('.mzs-lang');
  language.setAttribute('aria-label', t['lang.menu'] + ': ' + t.$name);
  const name = language.querySelector('.mzs-lang-name');
  name.textContent = t.$name;
  name.lang = lang;
  const form = shell.querySelector('form');
  const submit = form.querySelector('button[type="submit"]');
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (shell.getAttribute('data-submitted') === '1') return;
    shell.setAttribute('data-submitted', '1');
    submit.textContent = t['signIn.submitting'];
    submit.setAttribute('aria-disabled', 'true');
  });
  submit.disabled = false;
  shell.hidden = false;
})(MZS_TEXTS);
