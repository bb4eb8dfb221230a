#!/usr/bin/env bash
# The battery-ledger Fabric network as plain processes on 127.0.0.1, no containers: three Raft
# orderers, one peer per organisation, one chaincode server (CCaaS) per organisation, all with
# TLS. Fabric's binaries come from FABRIC_BIN or PATH; settings from network.env; everything
# generated goes under the state directory (network-config/state, or BATTERY_NETWORK_STATE).
#
# Every command can be repeated: what is done already is left alone. Processes are stopped only
# through the pid files the scripts wrote (pid + start time), never by name.
#
# Usage: network.sh <command> [args]
#   generate           crypto material (cryptogen) and the channel's genesis block (configtxgen)
#   start              generate if needed, start orderers and peers, join the channel, start the
#                      chaincode servers if a chaincode was deployed
#   deploy             package, install, run, approve and commit the chaincode (CHAINCODE_VERSION)
#   upgrade <version>  the same for a new version, at the committed sequence + 1
#   status             each process: running or not, and the health of orderers and peers
#   stop               stop every process the scripts started
#   clean              stop, then delete the state directory (crypto, ledgers, logs)
#   package [version]  only build the install packages and their ids (no Fabric binary needed)
#   env <org>          print the environment for running the peer CLI as that organisation's admin
#
# BATTERY_PROCESSES=compose: the nodes run under compose/compose.yaml; start then only joins the
# channel, deploy does not run chaincode servers, and stop leaves the nodes to compose.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# --- environments ------------------------------------------------------------------------------

orderer_env() { # <orderer name>
  local o=$1 dir port admin ops ca
  dir=$(orderer_dir "$o")
  port=$(setting "$o" PORT)
  admin=$(setting "$o" ADMIN_PORT)
  ops=$(setting "$o" OPERATIONS_PORT)
  ca="$dir/tls/ca.crt"
  export FABRIC_CFG_PATH
  FABRIC_CFG_PATH=$(fabric_cfg_path orderer.yaml)
  export ORDERER_GENERAL_LISTENADDRESS=127.0.0.1
  export ORDERER_GENERAL_LISTENPORT=$port
  export ORDERER_GENERAL_LOCALMSPID=$ORDERER_MSP
  export ORDERER_GENERAL_LOCALMSPDIR=$dir/msp
  export ORDERER_GENERAL_TLS_ENABLED=true
  export ORDERER_GENERAL_TLS_CERTIFICATE=$dir/tls/server.crt
  export ORDERER_GENERAL_TLS_PRIVATEKEY=$dir/tls/server.key
  export ORDERER_GENERAL_TLS_ROOTCAS="[$ca]"
  export ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE=$dir/tls/server.crt
  export ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY=$dir/tls/server.key
  export ORDERER_GENERAL_CLUSTER_ROOTCAS="[$ca]"
  export ORDERER_GENERAL_BOOTSTRAPMETHOD=none
  export ORDERER_CHANNELPARTICIPATION_ENABLED=true
  export ORDERER_FILELEDGER_LOCATION=$DATA_DIR/$o/ledger
  export ORDERER_CONSENSUS_WALDIR=$DATA_DIR/$o/etcdraft/wal
  export ORDERER_CONSENSUS_SNAPDIR=$DATA_DIR/$o/etcdraft/snapshot
  export ORDERER_ADMIN_LISTENADDRESS=127.0.0.1:$admin
  export ORDERER_ADMIN_TLS_ENABLED=true
  export ORDERER_ADMIN_TLS_CERTIFICATE=$dir/tls/server.crt
  export ORDERER_ADMIN_TLS_PRIVATEKEY=$dir/tls/server.key
  export ORDERER_ADMIN_TLS_ROOTCAS="[$ca]"
  export ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true
  export ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$ca]"
  export ORDERER_OPERATIONS_LISTENADDRESS=127.0.0.1:$ops
  export ORDERER_METRICS_PROVIDER=prometheus
}

peer_env() { # <org>: the peer node's own settings
  local org=$1 dir port
  dir=$(peer_dir "$org")
  port=$(setting "$org" PEER_PORT)
  export FABRIC_CFG_PATH
  FABRIC_CFG_PATH=$(fabric_cfg_path core.yaml)
  export CORE_PEER_ID
  CORE_PEER_ID=$(peer_host "$org")
  export CORE_PEER_ADDRESS=127.0.0.1:$port
  export CORE_PEER_LISTENADDRESS=127.0.0.1:$port
  export CORE_PEER_CHAINCODEADDRESS
  CORE_PEER_CHAINCODEADDRESS=127.0.0.1:$(setting "$org" CHAINCODE_LISTEN_PORT)
  export CORE_PEER_CHAINCODELISTENADDRESS=$CORE_PEER_CHAINCODEADDRESS
  # One peer per organisation: it bootstraps gossip from itself; other organisations find it
  # through the anchor peer in the channel configuration.
  export CORE_PEER_GOSSIP_BOOTSTRAP=127.0.0.1:$port
  export CORE_PEER_GOSSIP_EXTERNALENDPOINT=127.0.0.1:$port
  export CORE_PEER_LOCALMSPID
  CORE_PEER_LOCALMSPID=$(setting "$org" MSP)
  export CORE_PEER_MSPCONFIGPATH=$dir/msp
  export CORE_PEER_TLS_ENABLED=true
  export CORE_PEER_TLS_CERT_FILE=$dir/tls/server.crt
  export CORE_PEER_TLS_KEY_FILE=$dir/tls/server.key
  export CORE_PEER_TLS_ROOTCERT_FILE=$dir/tls/ca.crt
  export CORE_PEER_FILESYSTEMPATH=$DATA_DIR/$CORE_PEER_ID
  export CORE_LEDGER_SNAPSHOTS_ROOTDIR=$DATA_DIR/$CORE_PEER_ID/snapshots
  export CORE_OPERATIONS_LISTENADDRESS
  CORE_OPERATIONS_LISTENADDRESS=127.0.0.1:$(setting "$org" OPERATIONS_PORT)
  export CORE_METRICS_PROVIDER=prometheus
  # Our chaincode-as-a-service builder (builders/ccaas), so no Docker is needed.
  export CORE_CHAINCODE_EXTERNALBUILDERS="[{name: battery-ccaas, path: $NC_ROOT/builders/ccaas, propagateEnvironment: [CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG]}]"
  if [[ ${STATE_DATABASE:-LevelDB} == CouchDB ]]; then
    export CORE_LEDGER_STATE_STATEDATABASE=CouchDB
    export CORE_LEDGER_STATE_COUCHDBCONFIG_COUCHDBADDRESS
    CORE_LEDGER_STATE_COUCHDBCONFIG_COUCHDBADDRESS=$(setting "$org" COUCHDB_ADDRESS)
    export CORE_LEDGER_STATE_COUCHDBCONFIG_USERNAME=${COUCHDB_USER:?set COUCHDB_USER for CouchDB}
    export CORE_LEDGER_STATE_COUCHDBCONFIG_PASSWORD=${COUCHDB_PASSWORD:?set COUCHDB_PASSWORD for CouchDB}
  fi
}

admin_env() { # <org>: the peer CLI acting as the organisation's admin against its peer
  local org=$1
  export FABRIC_CFG_PATH
  FABRIC_CFG_PATH=$(fabric_cfg_path core.yaml)
  export CORE_PEER_LOCALMSPID
  CORE_PEER_LOCALMSPID=$(setting "$org" MSP)
  export CORE_PEER_MSPCONFIGPATH
  CORE_PEER_MSPCONFIGPATH=$(org_admin_msp "$org")
  export CORE_PEER_ADDRESS
  CORE_PEER_ADDRESS=127.0.0.1:$(setting "$org" PEER_PORT)
  export CORE_PEER_TLS_ENABLED=true
  export CORE_PEER_TLS_ROOTCERT_FILE
  CORE_PEER_TLS_ROOTCERT_FILE=$(peer_dir "$org")/tls/ca.crt
}

# The peer CLI's options for reaching the ordering service (orderer1; Raft forwards to the leader).
orderer_args() {
  echo "-o 127.0.0.1:$(setting orderer1 PORT) --ordererTLSHostnameOverride $(orderer_host orderer1) --tls --cafile $(orderer_tls_ca)"
}

peer() { "$(fabric_bin peer)" "$@"; }

# --- generate ----------------------------------------------------------------------------------

cmd_generate() {
  require_bins cryptogen configtxgen
  if [[ -d $ORGS_DIR ]]; then
    info "crypto material exists in $ORGS_DIR (clean to regenerate)"
  else
    info "cryptogen: certificates for $ORDERERS and $PEER_ORGS"
    rm -rf "$ORGS_DIR.tmp" # left by an interrupted run
    "$(fabric_bin cryptogen)" generate --config="$NC_ROOT/config/crypto-config.yaml" --output="$ORGS_DIR.tmp"
    mv "$ORGS_DIR.tmp" "$ORGS_DIR"
    # Base64 copies of each chaincode server's TLS pair: the Java shim insists on them
    # (CORE_TLS_CLIENT_*_PATH) even in server mode, where it reads the PEM files.
    local org tls
    for org in $PEER_ORGS; do
      tls=$(ccaas_tls_dir "$org")
      base64 <"$tls/server.crt" | tr -d '\n' >"$tls/server.crt.b64"
      base64 <"$tls/server.key" | tr -d '\n' >"$tls/server.key.b64"
    done
  fi
  local block=$ARTIFACTS_DIR/$CHANNEL.block
  if [[ -f $block ]]; then
    info "genesis block of $CHANNEL exists"
  else
    mkdir -p "$STATE_DIR/config" "$ARTIFACTS_DIR"
    cp "$NC_ROOT/config/configtx.yaml" "$STATE_DIR/config/configtx.yaml"
    info "configtxgen: genesis block of $CHANNEL"
    "$(fabric_bin configtxgen)" -configPath "$STATE_DIR/config" -profile BatteryChannel \
      -channelID "$CHANNEL" -outputBlock "$block.tmp"
    mv "$block.tmp" "$block"
  fi
}

# --- start / stop / status ---------------------------------------------------------------------

start_orderer() {
  local o=$1
  require_free "$o" "$o" PORT "$o" ADMIN_PORT "$o" OPERATIONS_PORT
  (
    orderer_env "$o"
    mkdir -p "$DATA_DIR/$o"
    start_proc "$o" "$(fabric_bin orderer)"
  )
  wait_port "$(setting "$o" ADMIN_PORT)" 60 "$o"
}

join_orderer() {
  local o=$1 admin user out
  admin=$(setting "$o" ADMIN_PORT)
  user=$ORGS_DIR/ordererOrganizations/$(orderer_domain)/users/Admin@$(orderer_domain)/tls
  local tls=(-o "127.0.0.1:$admin" --ca-file "$(orderer_tls_ca)" --client-cert "$user/client.crt" --client-key "$user/client.key")
  out=$("$(fabric_bin osnadmin)" channel list --channelID "$CHANNEL" "${tls[@]}" 2>&1 || true)
  if grep -q "Status: 200" <<<"$out"; then
    info "$o is a member of $CHANNEL"
    return 0
  fi
  info "$o joins $CHANNEL"
  "$(fabric_bin osnadmin)" channel join --channelID "$CHANNEL" --config-block "$ARTIFACTS_DIR/$CHANNEL.block" "${tls[@]}"
}

start_peer() {
  local org=$1
  require_free "peer0.$org" "$org" PEER_PORT "$org" CHAINCODE_LISTEN_PORT "$org" OPERATIONS_PORT
  (
    peer_env "$org"
    mkdir -p "$CORE_PEER_FILESYSTEMPATH"
    start_proc "peer0.$org" "$(fabric_bin peer)" node start
  )
  wait_port "$(setting "$org" PEER_PORT)" 60 "peer0.$org"
}

join_peer() {
  local org=$1
  (
    admin_env "$org"
    local joined
    # Captured first: grep -q may exit before the CLI has written, and pipefail would count the
    # writer's SIGPIPE as a failure.
    joined=$(peer channel list 2>/dev/null || true)
    if grep -qx "$CHANNEL" <<<"$joined"; then
      info "peer0.$org is a member of $CHANNEL"
    else
      info "peer0.$org joins $CHANNEL"
      peer channel join -b "$ARTIFACTS_DIR/$CHANNEL.block"
    fi
  )
}

cmd_start() {
  local bins=() o
  [[ -d $ORGS_DIR && -f $ARTIFACTS_DIR/$CHANNEL.block ]] || bins+=(cryptogen configtxgen)
  [[ $BATTERY_PROCESSES == native ]] && bins+=(orderer)
  bins+=(peer osnadmin)
  require_bins "${bins[@]}"
  if [[ $BATTERY_PROCESSES == native ]]; then
    fabric_cfg_path >/dev/null
  else
    fabric_cfg_path core.yaml >/dev/null
  fi
  [[ -d $ORGS_DIR && -f $ARTIFACTS_DIR/$CHANNEL.block ]] || cmd_generate
  if [[ $BATTERY_PROCESSES == native ]]; then
    for o in $ORDERERS; do start_orderer "$o"; done
  else
    for o in $ORDERERS; do wait_port "$(setting "$o" ADMIN_PORT)" 120 "$o"; done
  fi
  for o in $ORDERERS; do join_orderer "$o"; done
  if [[ $BATTERY_PROCESSES == native ]]; then
    for o in $PEER_ORGS; do start_peer "$o"; done
  else
    for o in $PEER_ORGS; do wait_port "$(setting "$o" PEER_PORT)" 120 "peer0.$o"; done
  fi
  for o in $PEER_ORGS; do join_peer "$o"; done
  # Chaincode servers of a deployed chaincode: the package id of each organisation is on file.
  if [[ $BATTERY_PROCESSES == native ]]; then
    for o in $PEER_ORGS; do
      if [[ -f $CC_DIR/$o.package-id ]]; then
        start_ccaas "$o" "$(cat "$CC_DIR/$o.package-id")"
      fi
    done
  fi
  info "network up; $0 status shows each node"
}

cmd_stop() {
  local names=() i
  if [[ $BATTERY_PROCESSES == compose ]]; then
    info "compose runs the nodes: docker compose -f $NC_ROOT/compose/compose.yaml stop"
    return 0
  fi
  mapfile -t names < <(all_process_names)
  # Reverse start order: chaincode servers, peers, then orderers.
  for ((i = ${#names[@]} - 1; i >= 0; i--)); do
    stop_proc "${names[i]}"
  done
}

health() { # <operations port>: the HTTP status of /healthz, "-" when nothing answers
  local code
  if ! command -v curl >/dev/null; then
    echo "n/a (no curl)"
    return 0
  fi
  code=$(curl -s -m 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/healthz" 2>/dev/null || true)
  [[ -z $code || $code == 000 ]] && code=-
  echo "$code"
}

cmd_status() {
  local name pid all=0 ops
  printf '%-18s %-10s %-8s %s\n' PROCESS STATE PID HEALTHZ
  while read -r name; do
    ops=""
    case $name in
      orderer*) ops=$(setting "$name" OPERATIONS_PORT) ;;
      peer0.*) ops=$(setting "${name#peer0.}" OPERATIONS_PORT) ;;
    esac
    if [[ $BATTERY_PROCESSES == compose ]]; then
      local port
      case $name in
        orderer*) port=$(setting "$name" PORT) ;;
        peer0.*) port=$(setting "${name#peer0.}" PEER_PORT) ;;
        ccaas.*) port=$(setting "${name#ccaas.}" CCAAS_PORT) ;;
      esac
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        printf '%-18s %-10s %-8s %s\n' "$name" listening "(compose)" "${ops:+$(health "$ops")}"
      else
        printf '%-18s %-10s %-8s %s\n' "$name" down "(compose)" -
        all=3
      fi
    elif pid=$(running_pid "$name"); then
      printf '%-18s %-10s %-8s %s\n' "$name" running "$pid" "${ops:+$(health "$ops")}"
    else
      [[ $name == ccaas.* && ! -f $CC_DIR/${name#ccaas.}.package-id ]] && continue # not deployed
      printf '%-18s %-10s %-8s %s\n' "$name" stopped - -
      all=3
    fi
  done < <(all_process_names)
  if [[ -f $CC_DIR/deployed ]]; then
    echo "chaincode: $(cat "$CC_DIR/deployed")"
  else
    echo "chaincode: not deployed"
  fi
  return $all
}

cmd_clean() {
  cmd_stop
  local name
  while read -r name; do
    if running_pid "$name" >/dev/null; then
      die "$name is still running; not deleting $STATE_DIR"
    fi
  done < <(all_process_names)
  if [[ -d $STATE_DIR ]]; then
    rm -rf "$STATE_DIR"
    info "deleted $STATE_DIR"
  fi
}

cmd_env() {
  local org=${1:-}
  [[ -n $org ]] || die "usage: $0 env <org>"
  require_org "$org"
  (
    admin_env "$org"
    local v
    for v in FABRIC_CFG_PATH CORE_PEER_LOCALMSPID CORE_PEER_MSPCONFIGPATH CORE_PEER_ADDRESS \
      CORE_PEER_TLS_ENABLED CORE_PEER_TLS_ROOTCERT_FILE; do
      printf 'export %s=%q\n' "$v" "${!v}"
    done
    # shellcheck disable=SC2016 # $PATH is for the shell that evaluates this output
    printf 'export PATH=%q:"$PATH"\n' "$(dirname "$(fabric_bin peer)")"
    printf '# orderer options for the peer CLI: %s\n' "$(orderer_args)"
  )
}

# --- chaincode ---------------------------------------------------------------------------------

# The chaincode server of an organisation: the shaded jar, listening on its CCAAS_PORT with the
# organisation's ccaas TLS certificate, announcing the package id the peer installed.
start_ccaas() {
  local org=$1 package_id=$2 tls jar label
  label=${package_id%%:*}
  jar=$CC_DIR/$label/chaincode.jar
  [[ -f $jar ]] || die "no $jar; deploy or upgrade copies the built jar there"
  tls=$(ccaas_tls_dir "$org")
  require_free "ccaas.$org" "$org" CCAAS_PORT
  (
    export CHAINCODE_SERVER_ADDRESS
    CHAINCODE_SERVER_ADDRESS=127.0.0.1:$(setting "$org" CCAAS_PORT)
    export CORE_CHAINCODE_ID_NAME=$package_id
    export CORE_PEER_LOCALMSPID
    CORE_PEER_LOCALMSPID=$(setting "$org" MSP)
    export CORE_PEER_TLS_ENABLED=true
    export CORE_TLS_CLIENT_CERT_FILE=$tls/server.crt
    export CORE_TLS_CLIENT_KEY_FILE=$tls/server.key
    export CORE_TLS_CLIENT_CERT_PATH=$tls/server.crt.b64
    export CORE_TLS_CLIENT_KEY_PATH=$tls/server.key.b64
    export CORE_PEER_TLS_ROOTCERT_FILE=$tls/ca.crt
    export CORE_CHAINCODE_LOGGING_LEVEL=${CHAINCODE_LOGGING_LEVEL:-INFO}
    # shellcheck disable=SC2086 # CHAINCODE_JAVA_OPTS is a list of options
    start_proc "ccaas.$org" java $CHAINCODE_JAVA_OPTS -Dbattery.ccaas.org="$org" -jar "$jar"
  )
  wait_port "$(setting "$org" CCAAS_PORT)" 120 "ccaas.$org"
}

# The committed sequence and version of the chaincode, "<sequence> <version>", or "0 -".
committed() {
  local out parsed
  if ! out=$(admin_env regulator && peer lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CHAINCODE_NAME" 2>&1); then
    # Not committed yet is a 404 ("namespace battery is not defined"); anything else is a real failure.
    if grep -q "404\|not defined" <<<"$out"; then
      echo "0 -"
      return 0
    fi
    die "cannot read the committed definition of $CHAINCODE_NAME: $out"
  fi
  parsed=$(sed -n 's/.*Version: \([^,]*\), Sequence: \([0-9]*\).*/\2 \1/p' <<<"$out" | head -n 1)
  [[ -n $parsed ]] || die "cannot read the committed definition of $CHAINCODE_NAME from: $out"
  echo "$parsed"
}

# package_all <version>: one package per organisation (its own chaincode server address and TLS
# root), reproducible, so packaging again gives the same ids. Writes <org>.package-id files and
# compose.env (the ids as <ORG>_PACKAGE_ID, for the compose file's chaincode servers). Needs no
# Fabric binary.
package_all() {
  local version=$1 label org pkg id jar upper
  label=${CHAINCODE_NAME}_$version
  mkdir -p "$CC_DIR/$label"
  if [[ $BATTERY_PROCESSES == native ]]; then
    jar=${CHAINCODE_JAR:-$REPO_ROOT/chaincode/target/chaincode.jar}
    [[ -f $jar ]] || die "no chaincode jar at $jar: build it with ./mvnw -B -pl chaincode -am package -DskipTests (or set CHAINCODE_JAR)"
    # The servers run a copy, so rebuilding the jar never changes a running version underneath.
    [[ -f $CC_DIR/$label/chaincode.jar ]] || cp "$jar" "$CC_DIR/$label/chaincode.jar"
  fi
  : >"$CC_DIR/compose.env.tmp"
  for org in $PEER_ORGS; do
    pkg=$CC_DIR/$label/$org.tar.gz
    if [[ -f $pkg ]]; then
      id=$label:$(sha256sum "$pkg" | cut -d' ' -f1)
    else
      [[ -d $ORGS_DIR ]] || die "no crypto material in $ORGS_DIR: $0 generate first"
      id=$("$NC_ROOT/scripts/package-cc.sh" --label "$label" --address "127.0.0.1:$(setting "$org" CCAAS_PORT)" \
        --tls-root-cert "$(ccaas_tls_dir "$org")/ca.crt" --out "$pkg")
    fi
    echo "$id" >"$CC_DIR/$label/$org.package-id"
    upper=$(tr '[:lower:]' '[:upper:]' <<<"$org")
    echo "${upper}_PACKAGE_ID=$id" >>"$CC_DIR/compose.env.tmp"
  done
  mv "$CC_DIR/compose.env.tmp" "$CC_DIR/compose.env"
  info "packages of $label in $CC_DIR/$label; ids in $CC_DIR/compose.env"
}

# install_and_run <version>: packages, installs on every peer, and (native) restarts each
# organisation's chaincode server on its new package. Leaves <org>.package-id files.
install_and_run() {
  local version=$1 label org pkg id
  label=${CHAINCODE_NAME}_$version
  package_all "$version"
  for org in $PEER_ORGS; do
    pkg=$CC_DIR/$label/$org.tar.gz
    id=$(cat "$CC_DIR/$label/$org.package-id")
    (
      admin_env "$org"
      local installed
      installed=$(peer lifecycle chaincode queryinstalled 2>/dev/null || true)
      if grep -qF "Package ID: $id," <<<"$installed"; then
        info "$org has $id installed"
      else
        info "$org installs $id"
        peer lifecycle chaincode install "$pkg"
      fi
    )
    if [[ $BATTERY_PROCESSES == native && -f $CC_DIR/$org.package-id && $(cat "$CC_DIR/$org.package-id") != "$id" ]]; then
      stop_proc "ccaas.$org" # the previous version's server holds the port
    fi
    echo "$id" >"$CC_DIR/$org.package-id"
    if [[ $BATTERY_PROCESSES == native ]]; then
      start_ccaas "$org" "$id"
    fi
  done
  if [[ $BATTERY_PROCESSES == compose ]]; then
    info "(re)start the chaincode servers on these ids:"
    info "  docker compose -f $NC_ROOT/compose/compose.yaml --env-file $CC_DIR/compose.env up -d"
  fi
}

# approve_and_commit <version> <sequence>
approve_and_commit() {
  local version=$1 sequence=$2 org
  local definition=(-C "$CHANNEL" -n "$CHAINCODE_NAME" -v "$version" --sequence "$sequence" --signature-policy "$ENDORSEMENT_POLICY")
  # shellcheck disable=SC2046 # orderer_args is a list of options
  for org in $PEER_ORGS; do
    (
      admin_env "$org"
      local msp readiness
      msp=$(setting "$org" MSP)
      readiness=$(peer lifecycle chaincode checkcommitreadiness "${definition[@]}" 2>/dev/null || true)
      if grep -qx "$msp: true" <<<"$readiness"; then
        info "$org approved $CHAINCODE_NAME $version (sequence $sequence)"
      else
        info "$org approves $CHAINCODE_NAME $version (sequence $sequence)"
        peer lifecycle chaincode approveformyorg "${definition[@]}" --package-id "$(cat "$CC_DIR/$org.package-id")" \
          $(orderer_args) --waitForEvent
      fi
    )
  done
  # Committing needs the lifecycle policy (a majority of organisations): ask every peer.
  local peers=() o
  for o in $PEER_ORGS; do
    peers+=(--peerAddresses "127.0.0.1:$(setting "$o" PEER_PORT)" --tlsRootCertFiles "$(peer_dir "$o")/tls/ca.crt")
  done
  (
    admin_env regulator
    info "committing $CHAINCODE_NAME $version (sequence $sequence)"
    # shellcheck disable=SC2046
    peer lifecycle chaincode commit "${definition[@]}" "${peers[@]}" $(orderer_args) --waitForEvent
  )
  echo "$CHAINCODE_NAME $version sequence $sequence" >"$CC_DIR/deployed"
}

network_must_run() {
  local o
  if [[ $BATTERY_PROCESSES == compose ]]; then
    for o in $PEER_ORGS; do
      (exec 3<>"/dev/tcp/127.0.0.1/$(setting "$o" PEER_PORT)") 2>/dev/null \
        || die "peer0.$o does not answer on 127.0.0.1:$(setting "$o" PEER_PORT): docker compose up first"
    done
    return 0
  fi
  for o in $ORDERERS; do
    running_pid "$o" >/dev/null || die "$o is not running: $0 start first"
  done
  for o in $PEER_ORGS; do
    running_pid "peer0.$o" >/dev/null || die "peer0.$o is not running: $0 start first"
  done
}

cmd_deploy() {
  require_bins peer
  network_must_run
  local current sequence version
  current=$(committed)
  sequence=${current%% *}
  version=${current#* }
  if ((sequence > 0)); then
    if [[ $version != "$CHAINCODE_VERSION" ]]; then
      die "$CHAINCODE_NAME $version is committed (sequence $sequence); use: $0 upgrade <version>"
    fi
    info "$CHAINCODE_NAME $version is committed (sequence $sequence); making sure its servers run"
    install_and_run "$version"
    echo "$CHAINCODE_NAME $version sequence $sequence" >"$CC_DIR/deployed"
    return 0
  fi
  install_and_run "$CHAINCODE_VERSION"
  approve_and_commit "$CHAINCODE_VERSION" 1
}

cmd_upgrade() {
  local version=${1:-}
  [[ -n $version ]] || die "usage: $0 upgrade <new version>"
  [[ $version =~ ^[A-Za-z0-9][A-Za-z0-9_.+-]*$ ]] || die "version '$version' may hold only letters, digits and _.+-"
  require_bins peer
  network_must_run
  local current sequence committed_version
  current=$(committed)
  sequence=${current%% *}
  committed_version=${current#* }
  ((sequence > 0)) || die "$CHAINCODE_NAME is not committed yet: $0 deploy first"
  if [[ $committed_version == "$version" ]]; then
    info "$CHAINCODE_NAME $version is committed already (sequence $sequence)"
    install_and_run "$version"
    return 0
  fi
  info "upgrading $CHAINCODE_NAME $committed_version -> $version (sequence $sequence -> $((sequence + 1)))"
  # Each organisation's server restarts on the new package; until the commit the peers still
  # expect the old package id, so writes fail briefly and the app's outbox retries them.
  install_and_run "$version"
  approve_and_commit "$version" $((sequence + 1))
}

main() {
  local command=${1:-}
  [[ $# -gt 0 ]] && shift
  case $command in
    generate) cmd_generate ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    clean) cmd_clean ;;
    deploy) cmd_deploy ;;
    upgrade) cmd_upgrade "$@" ;;
    env) cmd_env "$@" ;;
    package) package_all "${1:-$CHAINCODE_VERSION}" ;;
    *)
      sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
      exit 2
      ;;
  esac
}

main "$@"
