#!/usr/bin/env python3
"""Times `copydesk serve` after an edit, as a browser showing one article sees it.

usage: benches/serve_edit.py COPYDESK SITE KIND EDITS
  KIND: template (edits SITE/themes/default/templates/article.html, which must exist)
        or config (edits the description in SITE/site.toml).

Starts `COPYDESK serve --port 0` in SITE, opens the first article linked from the front
page and long-polls the reload endpoint as the page's script does (naming its page). Per
edit it prints the time from the save to the reload signal, to the page served again (and
whether it holds the edit), to the end of the rebuild (serve's terminal line), and whether
the reloaded page is told to reload again once the build has ended. Medians at the end.
"""
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

binary, site, kind, edits = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
proc = subprocess.Popen([binary, "serve", "--port", "0"], cwd=site,
                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
address = None
for line in proc.stdout:
    found = re.search(r"http://[0-9.:]+/", line)
    if found:
        address = found.group(0).rstrip("/")
        break
lines = []


def read_terminal():
    for line in proc.stderr:
        lines.append((time.monotonic(), line.rstrip()))


threading.Thread(target=read_terminal, daemon=True).start()
while not any("Built" in text for _, text in lines):
    time.sleep(0.1)


def get(path):
    return urllib.request.urlopen(address + path, timeout=120).read().decode()


def poll(query):
    return json.loads(get("/__copydesk/events?" + query))


def stamped(html):
    return int(re.search(r'data-generation="(\d+)"', html).group(1))


page = re.search(r'href="(?:http://[0-9.:]+)?(/articles/[^"/]+/)"', get("/")).group(1)
page_query = "page=" + urllib.parse.quote(page, safe="")
served, ended = [], []
for edit in range(edits):
    state = poll(page_query + "&loaded=%d" % stamped(get(page)))
    since = state["generation"]
    mark = "serve-edit-%d-%d" % (os.getpid(), edit)
    if kind == "template":
        path = os.path.join(site, "themes/default/templates/article.html")
        text = re.sub(r"<!-- serve-edit [^>]* -->", "", open(path).read())
        text = text.replace("</article>", "<!-- serve-edit %s --></article>" % mark, 1)
    else:
        path = os.path.join(site, "site.toml")
        text = re.sub(r"^description = .*$", 'description = "Synthetic long reads %s"' % mark,
                      open(path).read(), flags=re.M)
    seen_lines = len(lines)
    saved = time.monotonic()
    with open(path, "w") as f:
        f.write(text)
    while poll(page_query + "&since=%d" % since)["generation"] == since:
        pass
    signalled = time.monotonic()
    html = get(page)
    reloaded = time.monotonic()
    while not any("Rebuilt" in text for _, text in lines[seen_lines:]):
        time.sleep(0.01)
    end, terminal = next((t, text) for t, text in lines[seen_lines:] if "Rebuilt" in text)
    after = poll(page_query + "&loaded=%d" % stamped(html))
    again = after["generation"] != stamped(html) and after.get("reload", True)
    print("%s edit %d: reload signal %.0f ms, page served %.0f ms (holds the edit: %s), "
          "rebuild ended %.0f ms, told to reload again: %s | %s"
          % (kind, edit + 1, (signalled - saved) * 1e3, (reloaded - saved) * 1e3,
             mark in html, (end - saved) * 1e3, again, terminal), flush=True)
    served.append((reloaded - saved) * 1e3)
    ended.append((end - saved) * 1e3)
    time.sleep(2)
proc.terminate()
proc.wait()
served.sort()
ended.sort()
print("medians of %d: page served %.0f ms, rebuild ended %.0f ms"
      % (edits, served[len(served) // 2], ended[len(ended) // 2]))
