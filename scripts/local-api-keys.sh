#!/usr/bin/env bash
# The local API keys of `make run`: an editor key (may write) and an auditor key (may read /api/audit), made on first use.
# Usage: scripts/local-api-keys.sh
# Prints the path of an environment file that gives the service the keys' names, SHA-256 hashes and roles (never the
# keys). The run that makes the keys prints them on stderr, once; afterwards only their hashes exist. The file lives
# under /tmp, keyed by the clone's path as the private PostgreSQL cluster is, so no key or hash lands in the repository.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
key=$(printf '%s' "$here" | sha1sum | cut -c1-10)
dir="${TIMELINE_KEYS_DIR:-/tmp/sinorussiatimeline-keys-$key}"
file="$dir/api-keys.env"

if [ -s "$file" ]; then
  echo "API keys: local-editor (editor) and local-auditor (auditor), printed when they were made; hashes in $file." >&2
  echo "  Lost a key? Delete that file and start again to make new ones." >&2
  echo "$file"
  exit 0
fi

# The service's own verb makes the keys, so the script and the service cannot disagree on how a key is hashed.
new_key() { dotnet run --project "$here/src/SinoRussiaTimeline" --no-build --no-launch-profile -- new-key "$@"; }
field() { awk -v name="$1:" '$1 == name { print $2 }'; }
editor=$(new_key local-editor editor)
auditor=$(new_key local-auditor auditor)
editor_key=$(field key <<<"$editor"); editor_hash=$(field sha256 <<<"$editor")
auditor_key=$(field key <<<"$auditor"); auditor_hash=$(field sha256 <<<"$auditor")
if [ -z "$editor_key" ] || [ -z "$editor_hash" ] || [ -z "$auditor_key" ] || [ -z "$auditor_hash" ]; then
  echo "Could not make the local API keys (is the solution built? run make build)." >&2
  exit 1
fi

mkdir -p "$dir"
chmod 700 "$dir"
tmp=$(mktemp "$dir/api-keys.XXXXXX")
cat >"$tmp" <<ENV
# The local API keys of make run: names, SHA-256 hashes and roles only. The keys were printed once, when made.
Timeline__ApiKeys__0__Name=local-editor
Timeline__ApiKeys__0__Sha256=$editor_hash
Timeline__ApiKeys__0__Roles__0=editor
Timeline__ApiKeys__1__Name=local-auditor
Timeline__ApiKeys__1__Sha256=$auditor_hash
Timeline__ApiKeys__1__Roles__0=auditor
ENV
chmod 600 "$tmp"
mv "$tmp" "$file"

cat >&2 <<MSG

Made the local API keys. They are shown only now: only their SHA-256 is kept, in $file.
  editor key  (local-editor, may write):             $editor_key
  auditor key (local-auditor, may read /api/audit):  $auditor_key
Send a key as 'X-Api-Key: <key>' or 'Authorization: Bearer <key>', or enter it in Swagger UI under "Authorize". E.g.:
  export TIMELINE_KEY=$editor_key
  curl -X POST .../api/visits -H "X-Api-Key: \$TIMELINE_KEY" -H 'Content-Type: application/json' -d '{...}'
Lost a key? Delete $file and start again. Another key: dotnet run --project src/SinoRussiaTimeline -- new-key NAME ROLE

MSG
echo "$file"
