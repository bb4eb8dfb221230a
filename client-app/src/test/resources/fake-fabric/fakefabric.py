#!/usr/bin/env python3
"""A stand-in for Fabric's command-line tools, for testing network-config/scripts without Fabric.

It is NOT Fabric: it models only what the scripts rely on -- the files cryptogen writes, the ports
the nodes listen on, the output lines the scripts parse (channel membership, installed packages,
approvals, the committed definition) and the lifecycle rules they must respect (install before
approve, sequence = committed + 1, a majority of approvals before commit). Every call is appended
to $FAKE_FABRIC_STATE/calls.log so a test can count what the scripts did.

Invoked as `fakefabric.py <tool> <args...>` by a one-line wrapper named after the tool.
"""
import hashlib
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tarfile
import threading

STATE = os.environ.get("FAKE_FABRIC_STATE") or sys.exit("FAKE_FABRIC_STATE is not set")
os.makedirs(STATE, exist_ok=True)
DB = os.path.join(STATE, "db.json")


def load():
    if os.path.exists(DB):
        with open(DB) as f:
            return json.load(f)
    return {"orderer_channels": {}, "peer_channels": {}, "installed": {}, "approvals": [], "committed": None}


def save(db):
    tmp = DB + ".tmp"
    with open(tmp, "w") as f:
        json.dump(db, f)
    os.replace(tmp, DB)


def fail(message, status=1):
    print("Error: " + message, file=sys.stderr)
    sys.exit(status)


def need_file(path, what):
    if not path or not os.path.isfile(path):
        fail("%s %s does not exist" % (what, path))


def opt(args, name, default=None):
    for i, a in enumerate(args):
        if a == name and i + 1 < len(args):
            return args[i + 1]
        if a.startswith(name + "="):
            return a.split("=", 1)[1]
    return default


def opts(args, name):
    return [args[i + 1] for i, a in enumerate(args) if a == name and i + 1 < len(args)]


# ---------------------------------------------------------------- cryptogen

def openssl(*args):
    subprocess.run(["openssl", *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def new_ca(directory, cert_name, cn):
    os.makedirs(directory, exist_ok=True)
    key, cert = os.path.join(directory, "priv_sk"), os.path.join(directory, cert_name)
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key,
            "-out", cert, "-subj", "/O=%s/CN=%s" % (cn, cn), "-days", "30", "-addext",
            "basicConstraints=critical,CA:TRUE")
    return cert, key


def new_leaf(directory, cert_file, key_file, ca_cert, ca_key, cn):
    os.makedirs(directory, exist_ok=True)
    key, cert, csr = (os.path.join(directory, key_file), os.path.join(directory, cert_file),
                      os.path.join(directory, "req.csr"))
    ext = os.path.join(directory, "ext.cnf")
    with open(ext, "w") as f:
        f.write("subjectAltName=DNS:%s,DNS:localhost,IP:127.0.0.1\n" % cn)
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key + ".sec1",
            "-out", csr, "-subj", "/CN=" + cn)
    openssl("pkcs8", "-topk8", "-nocrypt", "-in", key + ".sec1", "-out", key)
    openssl("x509", "-req", "-in", csr, "-CA", ca_cert, "-CAkey", ca_key, "-CAcreateserial", "-out", cert,
            "-days", "30", "-extfile", ext)
    for f in (key + ".sec1", csr, ext):
        os.remove(f)


def node(org_dir, kind, name, ca, tlsca):
    base = os.path.join(org_dir, kind, name)
    new_leaf(os.path.join(base, "msp", "signcerts"), "cert.pem", "key.pem", ca[0], ca[1], name)
    tls = os.path.join(base, "tls")
    leaf = "client" if kind == "users" else "server"
    new_leaf(tls, leaf + ".crt", leaf + ".key", tlsca[0], tlsca[1], name)
    with open(tlsca[0]) as src, open(os.path.join(tls, "ca.crt"), "w") as dst:
        dst.write(src.read())


def cryptogen(args):
    if not args or args[0] != "generate":
        fail("usage: cryptogen generate --config=<file> --output=<dir>")
    config, output = opt(args, "--config"), opt(args, "--output")
    need_file(config, "config")
    text = open(config).read()
    sections = {"ordererOrganizations": text.split("OrdererOrgs:", 1)[1].split("PeerOrgs:", 1)[0],
                "peerOrganizations": text.split("PeerOrgs:", 1)[1]}
    for kind, body in sections.items():
        for org in re.split(r"\n\s*- Name:", body)[1:]:
            domain = re.search(r"Domain:\s*(\S+)", org).group(1)
            org_dir = os.path.join(output, kind, domain)
            ca = new_ca(os.path.join(org_dir, "ca"), "ca.%s-cert.pem" % domain, "ca." + domain)
            tlsca = new_ca(os.path.join(org_dir, "tlsca"), "tlsca.%s-cert.pem" % domain, "tlsca." + domain)
            os.makedirs(os.path.join(org_dir, "msp", "cacerts"), exist_ok=True)
            for host in re.findall(r"Hostname:\s*(\S+)", org):
                node(org_dir, "orderers" if kind == "ordererOrganizations" else "peers", host + "." + domain, ca,
                     tlsca)
            node(org_dir, "users", "Admin@" + domain, ca, tlsca)


# ---------------------------------------------------------------- configtxgen

def configtxgen(args):
    path, profile, channel, block = (opt(args, "-configPath"), opt(args, "-profile"), opt(args, "-channelID"),
                                     opt(args, "-outputBlock"))
    config = os.path.join(path or "", "configtx.yaml")
    need_file(config, "configtx.yaml")
    text = open(config).read()
    if not re.search(r"^  %s:" % re.escape(profile or "?"), text, re.M):
        fail("profile %s not found" % profile)
    for kind, ref in re.findall(r"(MSPDir|ClientTLSCert|ServerTLSCert):\s*(\S+)", text):
        target = os.path.normpath(os.path.join(path, ref))
        if not os.path.exists(target):
            fail("%s %s (%s) does not exist" % (kind, ref, target))
    with open(block, "w") as f:
        f.write("genesis block of %s\n" % channel)


# ---------------------------------------------------------------- nodes

def listen(ports):
    socks = []
    for port in ports:
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))
        s.listen(16)
        socks.append(s)

    def accept(s):
        while True:
            conn, _ = s.accept()
            conn.close()

    for s in socks:
        threading.Thread(target=accept, args=(s,), daemon=True).start()
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    while not done.wait(0.1):  # a timed wait, so the signal handler gets to run promptly
        pass


def port_of(address):
    return int(address.rsplit(":", 1)[1])


def orderer(args):
    cfg = os.environ.get("FABRIC_CFG_PATH", "")
    need_file(os.path.join(cfg, "orderer.yaml"), "orderer.yaml")
    for v in ("ORDERER_GENERAL_TLS_CERTIFICATE", "ORDERER_GENERAL_TLS_PRIVATEKEY", "ORDERER_ADMIN_TLS_CERTIFICATE"):
        need_file(os.environ.get(v), v)
    if os.environ.get("ORDERER_GENERAL_BOOTSTRAPMETHOD") != "none":
        fail("a 2.5 orderer without system channel needs ORDERER_GENERAL_BOOTSTRAPMETHOD=none")
    listen([int(os.environ["ORDERER_GENERAL_LISTENPORT"]), port_of(os.environ["ORDERER_ADMIN_LISTENADDRESS"])])


def osnadmin(args):
    db = load()
    address = opt(args, "-o")
    for flag in ("--ca-file", "--client-cert", "--client-key"):
        need_file(opt(args, flag), flag)
    channel = opt(args, "--channelID")
    joined = db["orderer_channels"].setdefault(address, [])
    if args[:2] == ["channel", "list"]:
        print("Status: 200" if channel in joined else "Status: 404")
        return
    if args[:2] == ["channel", "join"]:
        need_file(opt(args, "--config-block"), "config block")
        if channel in joined:
            print("Status: 405")
            fail("channel already exists")
        joined.append(channel)
        save(db)
        print("Status: 201")
        return
    fail("unsupported osnadmin call")


def peer_env():
    cfg = os.environ.get("FABRIC_CFG_PATH", "")
    need_file(os.path.join(cfg, "core.yaml"), "core.yaml")
    need_file(os.environ.get("CORE_PEER_TLS_ROOTCERT_FILE"), "CORE_PEER_TLS_ROOTCERT_FILE")
    return os.environ["CORE_PEER_ADDRESS"], os.environ["CORE_PEER_LOCALMSPID"]


def package_id(pkg):
    with tarfile.open(pkg) as t:
        label = json.load(t.extractfile("metadata.json"))["label"]
    with open(pkg, "rb") as f:
        return "%s:%s" % (label, hashlib.sha256(f.read()).hexdigest())


def definition(args):
    return {"name": opt(args, "-n"), "version": opt(args, "-v"), "sequence": int(opt(args, "--sequence")),
            "policy": opt(args, "--signature-policy")}


def peer(args):
    if args[:2] == ["node", "start"]:
        peer_env()
        for v in ("CORE_PEER_TLS_CERT_FILE", "CORE_PEER_TLS_KEY_FILE"):
            need_file(os.environ.get(v), v)
        if "battery-ccaas" not in os.environ.get("CORE_CHAINCODE_EXTERNALBUILDERS", ""):
            fail("no ccaas external builder configured")
        listen([port_of(os.environ["CORE_PEER_LISTENADDRESS"]),
                port_of(os.environ["CORE_PEER_CHAINCODELISTENADDRESS"])])
        return
    address, msp = peer_env()
    db = load()
    if args[:2] == ["channel", "list"]:
        print("Channels peers has joined: ")
        for c in db["peer_channels"].get(address, []):
            print(c)
        return
    if args[:2] == ["channel", "join"]:
        need_file(opt(args, "-b"), "block")
        joined = db["peer_channels"].setdefault(address, [])
        channel = os.path.basename(opt(args, "-b")).rsplit(".", 1)[0]
        if channel in joined:
            fail("ledger [%s] already exists" % channel)
        joined.append(channel)
        save(db)
        return
    if args[:2] != ["lifecycle", "chaincode"]:
        fail("unsupported peer call %s" % args[:2])
    sub, rest = args[2], args[3:]
    installed = db["installed"].setdefault(address, [])
    committed = db["committed"]
    if sub == "install":
        pid = package_id(rest[0])
        if pid in installed:
            fail("chaincode already successfully installed (package ID '%s')" % pid)
        installed.append(pid)
        save(db)
        print("Chaincode code package identifier: " + pid)
    elif sub == "queryinstalled":
        print("Installed chaincodes on peer:")
        for pid in installed:
            print("Package ID: %s, Label: %s" % (pid, pid.split(":")[0]))
    elif sub == "approveformyorg":
        d = definition(rest)
        pid = opt(rest, "--package-id")
        if pid not in installed:
            fail("package %s is not installed on %s" % (pid, address))
        expected = (committed["sequence"] if committed else 0) + 1
        if d["sequence"] != expected:
            fail("requested sequence is %d, but new definition must be sequence %d" % (d["sequence"], expected))
        if any(a["msp"] == msp and a["def"]["sequence"] == d["sequence"] for a in db["approvals"]):
            fail("attempted to redefine uncommitted sequence (%d) for namespace %s with unchanged content"
                 % (d["sequence"], d["name"]))
        db["approvals"].append({"msp": msp, "def": d, "package": pid})
        save(db)
    elif sub == "checkcommitreadiness":
        d = definition(rest)
        print("Chaincode definition for chaincode '%s', version '%s', sequence '%d' on channel 'x' approval "
              "status by org:" % (d["name"], d["version"], d["sequence"]))
        for m in orgs():
            print("%s: %s" % (m, str(any(a["msp"] == m and a["def"] == d for a in db["approvals"])).lower()))
    elif sub == "commit":
        d = definition(rest)
        if len(opts(rest, "--peerAddresses")) < len(orgs()) // 2 + 1:
            fail("too few peers for the lifecycle endorsement policy")
        approved = [m for m in orgs() if any(a["msp"] == m and a["def"] == d for a in db["approvals"])]
        if len(approved) < len(orgs()) // 2 + 1:
            fail("chaincode definition not agreed to by this org (%s)" % approved)
        if committed and d["sequence"] != committed["sequence"] + 1:
            fail("requested sequence is %d, but new definition must be sequence %d"
                 % (d["sequence"], committed["sequence"] + 1))
        db["committed"] = d
        save(db)
    elif sub == "querycommitted":
        if not committed:
            fail("query failed with status: 404 - namespace %s is not defined" % opt(rest, "-n"))
        print("Committed chaincode definition for chaincode '%s' on channel 'x':" % committed["name"])
        print("Version: %s, Sequence: %d, Endorsement Plugin: escc, Validation Plugin: vscc, Approvals: []"
              % (committed["version"], committed["sequence"]))
    else:
        fail("unsupported lifecycle call " + sub)


def orgs():
    return os.environ["FAKE_FABRIC_ORGS"].split()


# ---------------------------------------------------------------- the chaincode server (java -jar)

def java(args):
    """Stands in for `java ... -jar chaincode.jar` in server mode: checks its settings, listens."""
    for v in ("CORE_CHAINCODE_ID_NAME", "CORE_PEER_LOCALMSPID"):
        if not os.environ.get(v):
            fail(v + " is not set")
    for v in ("CORE_TLS_CLIENT_CERT_FILE", "CORE_TLS_CLIENT_KEY_FILE", "CORE_TLS_CLIENT_CERT_PATH",
              "CORE_TLS_CLIENT_KEY_PATH", "CORE_PEER_TLS_ROOTCERT_FILE"):
        need_file(os.environ.get(v), v)
    need_file(args[args.index("-jar") + 1], "jar")
    listen([port_of(os.environ["CHAINCODE_SERVER_ADDRESS"])])


if __name__ == "__main__":
    tool, argv = sys.argv[1], sys.argv[2:]
    with open(os.path.join(STATE, "calls.log"), "a") as log:
        log.write(" ".join([tool] + argv[:3]) + "\n")
    {"cryptogen": cryptogen, "configtxgen": configtxgen, "orderer": orderer, "osnadmin": osnadmin, "peer": peer,
     "java": java}[tool](argv)
