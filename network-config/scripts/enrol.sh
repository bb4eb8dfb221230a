#!/usr/bin/env bash
# Issues a user of one organisation with the attributes the chaincode reads (participant, role),
# signed by that organisation's CA from `network.sh generate` (cryptogen), and writes its MSP
# folder (signcerts/cert.pem, keystore/key.pem, cacerts/ca.pem). For networks with a Fabric CA,
# register the user there with those attributes instead (docs/operations.md).
#
# Usage:
#   enrol.sh <org> --user <name> --participant <USCC> --role <ROLE> [--force] [--out <msp dir>]
#   enrol.sh <org> --demo [--force]   the organisation's app user (network.env <ORG>_APP_USER)
#                                     acting for its demo company
#   enrol.sh demo                     the same for every organisation
#
# The MSP folder defaults to <state>/identities/<MSP>/<user>/msp, where connection/<org>.properties
# expects the app user. Runs the tool in the app jar (client-app/target/battery-ledger.jar, or
# APP_JAR); Java 17+ on PATH.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  sed -n '7,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

run_tool() {
  local jar=${APP_JAR:-$REPO_ROOT/client-app/target/battery-ledger.jar}
  [[ -f $jar ]] || die "no app jar at $jar: build it with ./mvnw -B -pl client-app -am package -DskipTests (or set APP_JAR)"
  command -v java >/dev/null || die "java not found on PATH (Java 17 or later)"
  java -cp "$jar" -Dloader.main=org.batteryledger.app.identity.enrol.EnrolTool \
    org.springframework.boot.loader.launch.PropertiesLauncher "$@"
}

enrol_org() { # <org> <tool args...>
  local org=$1 msp ca user="" out="" args=() a
  shift
  require_org "$org"
  msp=$(setting "$org" MSP)
  ca=$ORGS_DIR/peerOrganizations/$(org_domain "$org")/ca
  [[ -d $ca ]] || die "no CA of $org in $ca: run network.sh generate first"
  while (($# > 0)); do
    a=$1
    case $a in
      --user) user=${2:-}; args+=("$a" "$user"); shift 2 || usage ;;
      --out) out=${2:-}; shift 2 || usage ;;
      --demo) args+=("$a"); shift ;;
      *) args+=("$a"); shift ;;
    esac
  done
  if [[ " ${args[*]} " == *" --demo "* && -z $user ]]; then
    user=$(setting "$org" APP_USER)
    args+=(--user "$user")
  fi
  [[ -n $user ]] || die "give --user <name> (or --demo)"
  out=${out:-$IDENTITIES_DIR/$msp/$user/msp}
  run_tool --ca-dir "$ca" --msp-id "$msp" --out "$out" "${args[@]}"
}

case ${1:-} in
  "" | -h | --help) usage ;;
  demo)
    shift
    for org in $PEER_ORGS; do
      enrol_org "$org" --demo "$@"
    done
    ;;
  *) enrol_org "$@" ;;
esac
