"""A socket guard for the offline tests: anything that would leave this machine fails loudly.

`install(log)` patches the socket module of the running process:
- `connect`, `connect_ex`, `sendto` and `sendmsg` to an internet address that is not
  loopback raise `NetworkBlocked` (an OSError, ENETUNREACH: what a machine with no
  network says, so callers take their ordinary "offline" path);
- `getaddrinfo`, `gethostbyname(_ex)` and `gethostbyaddr` of a name that is not local
  raise `BlockedLookup` (a socket.gaierror, as a failed DNS lookup does). An address
  literal needs no lookup and passes: its connect is what gets refused.
Unix sockets, socket pairs and pipes (multiprocessing's) are not internet addresses and pass.

Every refusal is appended to the `log` file as one JSON line ({"pid", "what", "target"}),
so a test counts the attempts of its child processes too; every process the guard arms
adds {"armed": pid, "argv": [...]}, so a test can see that its children were guarded.

Child processes: `child_env(log)` is the environment that arms every Python process
started with it, through guard_site/sitecustomize.py on PYTHONPATH. multiprocessing's
"spawn" children (the engine worker, the document extraction child) take os.environ,
so a test sets these variables with monkeypatch.setenv before they start.

Limit: the guard sees Python's socket module only; native code that opens its own
sockets (hf_xet's Rust client) is not seen. `isolation()` adds `unshare -rn` (a network
namespace with no interfaces) where the kernel allows it, which stops those as well.
"""

from __future__ import annotations

import errno
import ipaddress
import json
import os
import socket
import subprocess
import sys
import traceback
from pathlib import Path

LOG_VAR = "MARU_NET_GUARD_LOG"
SITE_DIR = Path(__file__).resolve().parent / "guard_site"
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
_INET = (socket.AF_INET, socket.AF_INET6)
_saved: dict[str, object] = {}


class NetworkBlocked(OSError):
    """A connection to a non-loopback address, refused by the guard."""


class BlockedLookup(socket.gaierror):
    """A DNS lookup of a non-local name, refused by the guard."""


def is_local_host(host: object) -> bool:
    """Loopback addresses and the names that mean this machine (None: the passive address)."""
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    name = str(host).strip("[]").split("%", 1)[0].lower().rstrip(".")
    if name in _LOCAL_NAMES or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or bool(mapped and mapped.is_loopback)


def _is_literal(host: object) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    try:
        ipaddress.ip_address(str(host).strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    return True


def _note(log: str, record: dict) -> None:
    # O_APPEND: lines from several processes never interleave (each is one short write).
    line = (json.dumps(record) + "\n").encode()
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)


def install(log: str | os.PathLike) -> None:
    """Arm the guard in this process (idempotent); refusals are appended to `log`."""
    if _saved:
        return
    log = os.fspath(log)
    cls = socket.socket

    def refuse(what: str, target: object) -> None:
        _note(log, {"pid": os.getpid(), "what": what, "target": repr(target)})
        print(f"net_guard: blocked {what} to {target!r} (pid {os.getpid()}), from:\n"
              + "".join(traceback.format_stack(limit=16)[:-2]), file=sys.stderr)

    def checked(name: str, position: int) -> object:
        original = getattr(cls, name)

        def guarded(self: socket.socket, *args: object) -> object:
            address = args[position] if len(args) > position else None
            if (self.family in _INET and isinstance(address, tuple) and address
                    and not is_local_host(address[0])):
                refuse(name, address)
                raise NetworkBlocked(errno.ENETUNREACH,
                                     f"net_guard: no network in this test ({address[0]})")
            return original(self, *args)

        _saved[f"socket.{name}"] = original
        return guarded

    def lookup(name: str) -> object:
        original = getattr(socket, name)

        def guarded(host: object, *args: object, **kwargs: object) -> object:
            if not is_local_host(host) and (name == "gethostbyaddr" or not _is_literal(host)):
                refuse(name, host)
                raise BlockedLookup(socket.EAI_NONAME, f"net_guard: no DNS in this test ({host})")
            return original(host, *args, **kwargs)

        _saved[name] = original
        return guarded

    patched = {"connect": checked("connect", 0), "connect_ex": checked("connect_ex", 0),
               "sendto": checked("sendto", 1), "sendmsg": checked("sendmsg", 2)}
    for name, function in patched.items():
        setattr(cls, name, function)
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        setattr(socket, name, lookup(name))
    _note(log, {"armed": os.getpid(), "argv": list(getattr(sys, "orig_argv", sys.argv))})


def uninstall() -> None:
    """Disarm the guard in this process (the test process, after an in-process test)."""
    for key, original in _saved.items():
        owner, _, name = key.rpartition(".")
        setattr(socket.socket if owner == "socket" else socket, name, original)
    _saved.clear()


def child_env(log: str | os.PathLike, base: dict[str, str] | None = None) -> dict[str, str]:
    """`base` (default os.environ) plus what arms the guard in every Python child."""
    env = dict(os.environ if base is None else base)
    path = env.get("PYTHONPATH")
    env["PYTHONPATH"] = f"{SITE_DIR}{os.pathsep}{path}" if path else str(SITE_DIR)
    env[LOG_VAR] = os.fspath(log)
    return env


def records(log: str | os.PathLike) -> tuple[list[dict], list[dict]]:
    """(refusals, armed processes) written to `log` so far."""
    path = Path(log)
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    rows = [json.loads(line) for line in lines if line.strip()]
    return [r for r in rows if "armed" not in r], [r for r in rows if "armed" in r]


def isolation() -> list[str]:
    """["unshare", "-rn"] where a process may get a network namespace of its own, else []."""
    try:
        ok = subprocess.run(["unshare", "-rn", "true"], capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return []
    return ["unshare", "-rn"] if ok.returncode == 0 else []
