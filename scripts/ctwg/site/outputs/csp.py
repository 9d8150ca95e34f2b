"""Content-Security-Policy: built pages -> the same pages with a CSP <meta> tag.

In: a page's final HTML. Out: the HTML with a policy that allows only the site's own
origin, plus the sha256 hash of each inline script on that very page (computed at build
time, so the policy follows any theme change). Inline event-handler attributes are not
allowed by the policy; none of our pages use them.
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)


def policy(html: str) -> str:
    hashes = sorted({
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for body in _SCRIPT.findall(html)
    })
    return "; ".join([
        "default-src 'self'",
        # 'wasm-unsafe-eval': the search (Pagefind) runs WebAssembly; it allows compiling
        # WebAssembly only, not eval() of JavaScript.
        "script-src 'self' 'wasm-unsafe-eval'" + "".join(" " + h for h in hashes),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def add_csp(html: str) -> str:
    if 'http-equiv="Content-Security-Policy"' in html:
        return html
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    # The policy must come before any script: put it right after <head>.
    return re.sub(r"<head([^>]*)>", lambda m: f"<head{m.group(1)}>\n    {tag}", html, count=1)
