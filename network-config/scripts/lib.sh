# shellcheck shell=bash
# Sourced by the network scripts: settings, where Fabric's binaries are, and the bookkeeping of
# the processes the scripts start. Nothing here starts or stops anything by itself.
# shellcheck disable=SC2034 # the directories are used by the scripts that source this file

NC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_ROOT=$(cd "$NC_ROOT/.." && pwd)
NETWORK_ENV=${NETWORK_ENV:-$NC_ROOT/network.env}
# shellcheck source=../network.env
source "$NETWORK_ENV"

# Everything generated lives under one directory, so `clean` is one rm and a backup is one copy.
STATE_DIR=${BATTERY_NETWORK_STATE:-$NC_ROOT/state}
ORGS_DIR=$STATE_DIR/organizations
ARTIFACTS_DIR=$STATE_DIR/channel-artifacts
DATA_DIR=$STATE_DIR/data
RUN_DIR=$STATE_DIR/run
LOG_DIR=$STATE_DIR/logs
CC_DIR=$STATE_DIR/chaincode
IDENTITIES_DIR=$STATE_DIR/identities

# Exit status when a Fabric binary or its sample config is missing (the shell's "not found").
EXIT_MISSING_BINARY=127

die() {
  echo "error: $*" >&2
  exit 1
}

info() {
  echo "==> $*"
}

# --- settings per node -------------------------------------------------------------------------

# The value of network.env variable <ORG>_<KEY>, e.g. setting maker PEER_PORT.
setting() {
  local name
  name="$(tr '[:lower:]' '[:upper:]' <<<"$1")_$2"
  [[ -n ${!name:-} ]] || die "network.env has no $name"
  echo "${!name}"
}

org_domain() { echo "$1.$DOMAIN"; }
peer_host() { echo "peer0.$1.$DOMAIN"; }
orderer_domain() { echo "orderer.$DOMAIN"; }
orderer_host() { echo "$1.orderer.$DOMAIN"; }
peer_dir() { echo "$ORGS_DIR/peerOrganizations/$(org_domain "$1")/peers/$(peer_host "$1")"; }
ccaas_tls_dir() { echo "$ORGS_DIR/peerOrganizations/$(org_domain "$1")/peers/ccaas.$(org_domain "$1")/tls"; }
org_admin_msp() { echo "$ORGS_DIR/peerOrganizations/$(org_domain "$1")/users/Admin@$(org_domain "$1")/msp"; }
orderer_dir() { echo "$ORGS_DIR/ordererOrganizations/$(orderer_domain)/orderers/$(orderer_host "$1")"; }
orderer_tls_ca() { echo "$(orderer_dir orderer1)/tls/ca.crt"; }

require_org() {
  local o
  for o in $PEER_ORGS; do
    [[ $o == "$1" ]] && return 0
  done
  die "unknown organisation '$1': network.env PEER_ORGS has $PEER_ORGS"
}

# --- Fabric's binaries -------------------------------------------------------------------------

# The path of a Fabric binary: $FABRIC_BIN/<name> when FABRIC_BIN is set, else <name> on PATH.
fabric_bin() {
  if [[ -n ${FABRIC_BIN:-} ]]; then
    [[ -x $FABRIC_BIN/$1 ]] && echo "$FABRIC_BIN/$1"
  else
    type -P "$1" # files on PATH only, never a shell function of the same name
  fi
}

# Fails (exit 127) naming every missing binary, before anything is changed.
require_bins() {
  local missing=() name
  for name in "$@"; do
    fabric_bin "$name" >/dev/null || missing+=("$name")
  done
  if ((${#missing[@]} > 0)); then
    {
      echo "error: Fabric binary not found: ${missing[*]}"
      if [[ -n ${FABRIC_BIN:-} ]]; then
        echo "  looked in FABRIC_BIN=$FABRIC_BIN"
      else
        echo "  looked on PATH (FABRIC_BIN is not set)"
      fi
      echo "  set FABRIC_BIN to the bin/ directory of a Fabric 2.5 release (peer, orderer, configtxgen,"
      echo "  osnadmin, cryptogen), or put that directory on PATH"
    } >&2
    exit "$EXIT_MISSING_BINARY"
  fi
}

# FABRIC_CFG_PATH for the peer and orderer: the release's config/ (core.yaml, orderer.yaml),
# which the scripts override through environment variables only. Arguments: the files needed.
fabric_cfg_path() {
  local dir=${FABRIC_CFG_PATH:-} f
  (($# > 0)) || set -- core.yaml orderer.yaml
  if [[ -z $dir ]]; then
    local bin
    bin=$(fabric_bin peer || fabric_bin orderer || true)
    [[ -n $bin ]] && dir=$(cd "$(dirname "$bin")/.." && pwd)/config
  fi
  for f in "$@"; do
    if [[ -z $dir || ! -f $dir/$f ]]; then
      echo "error: Fabric's config file $f not found${dir:+ in $dir}" >&2
      echo "  set FABRIC_CFG_PATH to the config/ directory of the Fabric 2.5 release" >&2
      exit "$EXIT_MISSING_BINARY"
    fi
  done
  echo "$dir"
}

# Who runs the nodes: "native" (these scripts, as processes) or "compose" (compose/compose.yaml;
# the scripts then only generate, join, package and deploy, and never start or stop a node).
BATTERY_PROCESSES=${BATTERY_PROCESSES:-native}
[[ $BATTERY_PROCESSES == native || $BATTERY_PROCESSES == compose ]] \
  || { echo "error: BATTERY_PROCESSES must be native or compose, not '$BATTERY_PROCESSES'" >&2; exit 2; }

# --- processes the scripts start ---------------------------------------------------------------
#
# Each process has a pid file <run>/<name>.pid holding "<pid> <start time>" (the start time from
# /proc/<pid>/stat, in clock ticks since boot). A pid counts as ours only while a process with that
# pid and that start time exists, so a recycled pid is never signalled.

pid_file() { echo "$RUN_DIR/$1.pid"; }

# The start time of a live process; fails for no process, or one that has exited and awaits
# reaping (a zombie keeps its /proc entry until its parent, often init, collects it).
proc_start_time() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  # Field 22; the command name (field 2) may hold spaces, so cut after its closing parenthesis.
  stat=${stat##*) }
  case ${stat%% *} in Z | X) return 1 ;; esac
  awk '{ print $20 }' <<<"$stat"
}

# Prints the pid of the named process if the one we recorded still runs.
running_pid() {
  local file pid started now
  file=$(pid_file "$1")
  [[ -f $file ]] || return 1
  read -r pid started <"$file" || return 1
  [[ $pid =~ ^[0-9]+$ && -n $started ]] || return 1
  now=$(proc_start_time "$pid") || return 1
  [[ $now == "$started" ]] || return 1
  echo "$pid"
}

# start_proc <name> <command...>: starts the command in the background with the current
# environment, output to <logs>/<name>.log, unless the recorded one still runs.
start_proc() {
  local name=$1 pid
  shift
  if pid=$(running_pid "$name"); then
    info "$name already running (pid $pid)"
    return 0
  fi
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  nohup "$@" >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid $(proc_start_time "$pid")" >"$(pid_file "$name")"
  info "$name started (pid $pid, log $LOG_DIR/$name.log)"
}

# stop_proc <name>: SIGTERM to the recorded process, SIGKILL after 20 s; forgets a stale pid file.
stop_proc() {
  local name=$1 pid i
  if ! pid=$(running_pid "$name"); then
    rm -f "$(pid_file "$name")"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    running_pid "$name" >/dev/null || break
    sleep 0.2
  done
  if running_pid "$name" >/dev/null; then
    echo "warning: $name (pid $pid) ignored SIGTERM for 20 s; sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$(pid_file "$name")"
  info "$name stopped (pid $pid)"
}

# wait_port <port> <seconds> <name>: until 127.0.0.1:<port> accepts connections.
wait_port() {
  local port=$1 seconds=$2 name=$3 i
  for ((i = 0; i < seconds * 5; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    if [[ $BATTERY_PROCESSES == native ]] && ! running_pid "$name" >/dev/null; then
      die "$name exited during start-up; see $LOG_DIR/$name.log"
    fi
    sleep 0.2
  done
  die "$name does not listen on 127.0.0.1:$port after ${seconds}s; see $LOG_DIR/$name.log"
}

# require_free <name> <KEY...>: before starting <name>, each of its network.env ports (given as
# "<org> <KEY>" pairs, e.g. maker PEER_PORT) must be free on 127.0.0.1; a port something else
# already holds fails now, naming the setting, rather than later in a node's log.
require_free() {
  local name=$1 owner key port
  shift
  running_pid "$name" >/dev/null && return 0
  while (($# >= 2)); do
    owner=$1 key=$2
    shift 2
    port=$(setting "$owner" "$key")
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      die "127.0.0.1:$port ($(tr '[:lower:]' '[:upper:]' <<<"$owner")_$key in network.env, for $name) is in use by another process; free it or change the setting"
    fi
  done
}

# Every process name the scripts may start, in start order.
all_process_names() {
  local o
  for o in $ORDERERS; do echo "$o"; done
  for o in $PEER_ORGS; do echo "peer0.$o"; done
  for o in $PEER_ORGS; do echo "ccaas.$o"; done
}
