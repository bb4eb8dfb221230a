// Shared by the pages' scripts: words in the page's language, CSRF header, UUIDs.
'use strict';
window.Ledger = (() => {
  const wordsNode = document.getElementById('i18n');
  const words = wordsNode ? JSON.parse(wordsNode.textContent) : {};
  const meta = name => { const m = document.querySelector('meta[name="' + name + '"]'); return m ? m.content : null; };

  /** The message under key, with {0}, {1}… replaced; the key itself when there is none. */
  function t(key, ...args) {
    const w = words[key] !== undefined ? words[key] : key;
    return w.replace(/\{(\d+)\}/g, (_, i) => (args[i] !== undefined ? args[i] : ''));
  }

  /** Headers that make a same-origin write acceptable to the server's CSRF check. */
  function csrfHeaders() {
    const name = meta('_csrf_header');
    const token = meta('_csrf');
    return name && token ? { [name]: token } : {};
  }

  /** A random UUID v4. crypto.randomUUID exists only on HTTPS; getRandomValues everywhere. */
  function uuid() {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  /** An element with text content (never HTML) and attributes. */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === undefined || v === null || v === false) return;
      if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    });
    children.flat().forEach(c => { if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c)); });
    return e;
  }

  return { t, csrfHeaders, uuid, el };
})();
