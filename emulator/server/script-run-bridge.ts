// google.script.run for pages the runtime serves (sidebars and dialogs on /admin, HtmlService pages of the
// web app): each call becomes POST /_dev/rpc/NAME, run by the bundle as the user the page belongs to, and
// the success or failure handler gets the answer, as on Google. Served as /_dev/bridge.js?as=EMAIL
// (no `as`: the owner; `as=` empty: an anonymous web-app visitor).
export function scriptRunBridge(as: string | undefined): string {
  return `(function () {
  var AS = ${as === undefined ? 'undefined' : JSON.stringify(as)};
  function runner(ok, fail, user) {
    return new Proxy({}, { get: function (_, name) {
      if (name === 'withSuccessHandler') return function (f) { return runner(f, fail, user); };
      if (name === 'withFailureHandler') return function (f) { return runner(ok, f, user); };
      if (name === 'withUserObject') return function (o) { return runner(ok, fail, o); };
      return function () {
        var args = Array.prototype.slice.call(arguments);
        fetch('/_dev/rpc/' + String(name), { method: 'POST', body: JSON.stringify(AS === undefined ? { args: args } : { args: args, as: AS }) })
          .then(function (r) { return r.json(); })
          .then(function (r) {
            // A call may have opened a dialog or changed the tabs: the admin page looks again.
            if (parent !== window) parent.postMessage({ wtt: 'ran' }, '*');
            if (r.ok) { if (ok) ok(r.value, user); }
            else if (fail) fail(new Error(r.error || r.message), user);
          }, function (e) { if (fail) fail(e, user); });
      };
    } });
  }
  window.google = { script: { run: runner(), host: {
    close: function () { parent.postMessage({ wtt: 'close' }, '*'); },
    setHeight: function () {}, setWidth: function () {}, editor: { focus: function () {} }
  } } };
})();`;
}

/** The tag that loads the bridge into a page, placed first in its head. */
export function bridgeTag(as: string | undefined): string {
  return `<script src="/_dev/bridge.js${as === undefined ? '' : `?as=${encodeURIComponent(as)}`}"></script>`;
}

export function withBridge(html: string, as: string | undefined): string {
  const tag = bridgeTag(as);
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (h) => h + tag) : tag + html;
}
