#!/usr/bin/env bash
# Builds a chaincode-as-a-service install package, with no Fabric binary:
#
#   <out>.tar.gz
#   ├── metadata.json   {"type":"ccaas","label":"<label>"}
#   └── code.tar.gz
#       ├── connection.json   where the peer reaches the chaincode server (+ its TLS root)
#       └── META-INF/statedb/couchdb/indexes/*.json   (peers on CouchDB create these indexes)
#
# The archives are reproducible (sorted, owner 0, mtime 0, gzip without name or time), so the
# same inputs give the same package id, which is what makes a repeated install a no-op.
# Prints the package id: <label>:<sha256 of the package>.
#
# Usage: package-cc.sh --label battery_1.0 --address 127.0.0.1:8060 --out pkg.tar.gz
#                      [--tls-root-cert ca.pem] [--indexes dir]
set -euo pipefail

usage() {
  echo "usage: $0 --label <name_version> --address <host:port> --out <file.tar.gz> [--tls-root-cert <pem>] [--indexes <dir>]" >&2
  exit 2
}

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
label="" address="" out="" root_cert=""
indexes="$script_dir/../../chaincode/src/main/resources/META-INF/statedb/couchdb/indexes"
while (($# > 0)); do
  case $1 in
    --label) label=${2:-}; shift 2 || usage ;;
    --address) address=${2:-}; shift 2 || usage ;;
    --out) out=${2:-}; shift 2 || usage ;;
    --tls-root-cert) root_cert=${2:-}; shift 2 || usage ;;
    --indexes) indexes=${2:-}; shift 2 || usage ;;
    *) echo "error: unknown argument '$1'" >&2; usage ;;
  esac
done
[[ -n $label && -n $address && -n $out ]] || usage
# The peer's rule for a label: letters, digits and _ . + -, starting with a letter or digit.
[[ $label =~ ^[A-Za-z0-9][A-Za-z0-9_.+-]*$ ]] || { echo "error: label '$label' may hold only letters, digits and _.+- (not starting with a symbol)" >&2; exit 2; }
[[ $address =~ ^[^:[:space:]\"]+:[0-9]{1,5}$ ]] || { echo "error: address '$address' is not host:port" >&2; exit 2; }
[[ -z $root_cert || -f $root_cert ]] || { echo "error: TLS root certificate '$root_cert' does not exist" >&2; exit 2; }
[[ -z $root_cert ]] || grep -q -- '-----BEGIN CERTIFICATE-----' "$root_cert" || { echo "error: '$root_cert' is not a PEM certificate" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src" "$work/pkg"

if [[ -n $root_cert ]]; then
  # PEM has no quotes or backslashes; only its line breaks need escaping for JSON.
  pem=$(awk '{ printf "%s\\n", $0 }' "$root_cert")
  printf '{"address":"%s","dial_timeout":"10s","tls_required":true,"client_auth_required":false,"root_cert":"%s"}\n' \
    "$address" "$pem" >"$work/src/connection.json"
else
  printf '{"address":"%s","dial_timeout":"10s","tls_required":false}\n' "$address" >"$work/src/connection.json"
fi

if [[ -d $indexes ]] && compgen -G "$indexes/*.json" >/dev/null; then
  mkdir -p "$work/src/META-INF/statedb/couchdb/indexes"
  cp "$indexes"/*.json "$work/src/META-INF/statedb/couchdb/indexes/"
fi

printf '{"type":"ccaas","label":"%s"}\n' "$label" >"$work/pkg/metadata.json"

reproducible_tgz() { # <dir> <out> <entries...>
  local dir=$1 target=$2
  shift 2
  tar -C "$dir" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - "$@" | gzip -n -9 >"$target"
}
(cd "$work/src" && find . -mindepth 1 -exec touch -d @0 {} +)
reproducible_tgz "$work/src" "$work/pkg/code.tar.gz" .
reproducible_tgz "$work/pkg" "$work/package.tar.gz" metadata.json code.tar.gz

mkdir -p "$(dirname "$out")"
mv "$work/package.tar.gz" "$out"
echo "$label:$(sha256sum "$out" | cut -d' ' -f1)"
