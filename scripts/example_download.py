#!/usr/bin/env python3
"""Drive an FTP download through vmodem's pty, as firmware would, and break it on purpose through the control API.

Start the emulator with the control API, then run this script:

    scripts/vmodem --pty /tmp/ttyVMODEM0 --control 8700
    python3 scripts/example_download.py --port /tmp/ttyVMODEM0 --api http://127.0.0.1:8700

What it does:
  1. checks the modem answers (AT) and that the API is up (GET /health);
  2. opens bearer 1 (AT+SAPBR) and sets up the FTP session (AT+FTPSERV, ...; the embedded server by default);
  3. downloads a file block by block (AT+FTPGET=1, then AT+FTPGET=2,<n> until it reports 0 bytes) and checks it;
  4. starts the same download again and, after the first block, injects a fault (POST /faults, default
     "bearer-drop once"), then reports how the modem told the host about it (+FTPGET: 1,<err>, +SAPBR 1: DEACT);
  5. clears the faults and prints the part of the modem's transcript this run produced (GET /transcript).

It exits 0 when the clean download was complete and correct and the faulted one ended with an error report.

The serial port is opened with pyserial when it is installed (pip install pyserial), otherwise with os.open and
termios (Linux, macOS). Only the Python standard library is needed otherwise.
"""

import argparse
import json
import os
import re
import select
import sys
import time
import urllib.error
import urllib.request

try:
    import serial  # pyserial
except ImportError:  # pragma: no cover - depends on the machine
    serial = None

FINAL = re.compile(rb"^(OK|ERROR|\+CME ERROR: .*|NO CARRIER|BUSY|NO ANSWER|NO DIALTONE)$")
SAMPLE = (b"0123456789" * 103)[:1024]  # the embedded server's 1K.txt


class Port:
    """A serial port with a read buffer: lines, exact byte counts, deadlines."""

    def __init__(self, path, baud=115200):
        self.buf = b""
        if serial is not None:
            self.ser = serial.Serial(path, baud, timeout=0.05)
            self.fd = None
            self.how = "pyserial " + serial.__version__
        else:
            import termios
            import tty
            self.ser = None
            self.fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
            tty.setraw(self.fd)
            attrs = termios.tcgetattr(self.fd)
            attrs[4] = attrs[5] = termios.B115200  # ispeed, ospeed (a pty ignores them; a real port does not)
            termios.tcsetattr(self.fd, termios.TCSANOW, attrs)
            self.how = "os.open + termios (pyserial not installed)"

    def write(self, data):
        if self.ser is not None:
            self.ser.write(data)
            self.ser.flush()
        else:
            view = memoryview(data)
            while view:
                n = os.write(self.fd, view)
                view = view[n:]

    def _fill(self, deadline):
        """Reads what is there, waiting at most until deadline; False when nothing came in time."""
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        if self.ser is not None:
            self.ser.timeout = min(left, 0.2)
            chunk = self.ser.read(self.ser.in_waiting or 1)
        else:
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.2))
            chunk = os.read(self.fd, 4096) if ready else b""
        self.buf += chunk
        return True

    def drain(self):
        """Discards what has arrived so far (power-on codes, old URCs)."""
        deadline = time.monotonic() + 0.3
        while self._fill(deadline):
            pass
        self.buf = b""

    def line(self, timeout):
        """The next non-empty line (without CR/LF)."""
        deadline = time.monotonic() + timeout
        while True:
            while b"\n" in self.buf or b"\r" in self.buf:
                cut = min(i for i in (self.buf.find(b"\r"), self.buf.find(b"\n")) if i >= 0)
                line, self.buf = self.buf[:cut], self.buf[cut + 1:]
                if line:
                    return line
            if not self._fill(deadline):
                raise TimeoutError("no line within %.1f s; unread: %r" % (timeout, self.buf[:200]))

    def exactly(self, n, timeout):
        deadline = time.monotonic() + timeout
        while len(self.buf) < n:
            if not self._fill(deadline):
                raise TimeoutError("%d of %d bytes within %.1f s" % (len(self.buf), n, timeout))
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def close(self):
        if self.ser is not None:
            self.ser.close()
        else:
            os.close(self.fd)


class Modem:
    """AT commands over a Port. URCs that arrive while waiting for something else are kept in self.urcs."""

    def __init__(self, port):
        self.port = port
        self.urcs = []

    def command(self, cmd, timeout=10.0):
        """Sends cmd; returns (final result, information lines). The echo is skipped."""
        self.port.write(cmd.encode("latin-1") + b"\r")
        info = []
        while True:
            line = self.port.line(timeout)
            if line == cmd.encode("latin-1"):
                continue  # echo
            if FINAL.match(line):
                return line.decode("latin-1"), info
            info.append(line.decode("latin-1"))

    def ok(self, cmd, timeout=10.0):
        result, info = self.command(cmd, timeout)
        if result != "OK":
            raise RuntimeError("%s -> %s %s" % (cmd, result, info))
        return info

    def urc(self, pattern, timeout):
        """Waits for an unsolicited line matching pattern (also one that came earlier); returns the match."""
        rx = re.compile(pattern)
        for i, u in enumerate(self.urcs):
            m = rx.fullmatch(u)
            if m:
                del self.urcs[i]
                return m
        deadline = time.monotonic() + timeout
        while True:
            line = self.port.line(max(0.01, deadline - time.monotonic())).decode("latin-1")
            m = rx.fullmatch(line)
            if m:
                return m
            self.urcs.append(line)

    def read_block(self, size, timeout=10.0):
        """AT+FTPGET=2,<size>: returns the bytes (b"" at the end of the file)."""
        cmd = "AT+FTPGET=2,%d" % size
        self.port.write(cmd.encode("latin-1") + b"\r")
        deadline = time.monotonic() + timeout
        while True:
            line = self.port.line(max(0.01, deadline - time.monotonic())).decode("latin-1")
            if line == cmd:
                continue
            m = re.fullmatch(r"\+FTPGET: ?2,(\d+)", line)
            if m:
                n = int(m.group(1))
                # The header ends with CR LF and line() stopped at the CR: the LF comes next (maybe not read yet).
                lf = self.port.exactly(1, timeout)
                if lf != b"\n":
                    self.port.buf = lf + self.port.buf
                data = self.port.exactly(n, timeout)
                result = self.port.line(timeout).decode("latin-1")
                if result != "OK":
                    raise RuntimeError("%s: %d bytes then %s" % (cmd, n, result))
                return data
            if FINAL.match(line.encode("latin-1")):
                raise RuntimeError("%s -> %s" % (cmd, line))
            self.urcs.append(line)


class Api:
    """The control API (docs/control-api.md)."""

    def __init__(self, base, token=None):
        self.base = base.rstrip("/")
        self.token = token

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if self.token:
            req.add_header("Authorization", "Bearer " + self.token)
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                text = r.read().decode()
                return json.loads(text) if r.headers.get_content_type() == "application/json" else text
        except urllib.error.HTTPError as e:
            raise RuntimeError("%s %s -> %d %s" % (method, path, e.code, e.read().decode())) from None


def download(modem, name, block, fault=None, api=None):
    """One AT+FTPGET session. Returns (data, error code or None). Injects fault after the first block."""
    modem.ok("AT+FTPGETNAME=\"%s\"" % name)
    modem.ok("AT+FTPGET=1", timeout=30)
    m = modem.urc(r"\+FTPGET: ?1,(\d+)", timeout=60)
    code = int(m.group(1))
    if code != 1:
        return b"", code
    data = b""
    while True:
        try:
            chunk = modem.read_block(block)
        except RuntimeError as e:
            print("   ", e)
            break
        if fault and api and data == b"" and chunk:
            print("    after the first %d bytes: POST /faults %s" % (len(chunk), json.dumps({"fault": fault})))
            api.call("POST", "/faults", {"fault": fault})
            fault = None
        data += chunk
        if not chunk:
            # No data now: either the end (+FTPGET: 1,0), an error, or more later (+FTPGET: 1,1).
            m = modem.urc(r"\+FTPGET: ?1,(\d+)", timeout=60)
            code = int(m.group(1))
            if code == 1:
                continue
            return data, (None if code == 0 else code)
    m = modem.urc(r"\+FTPGET: ?1,(\d+)", timeout=60)
    code = int(m.group(1))
    return data, (None if code == 0 else code)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--port", default="/tmp/ttyVMODEM0", help="the emulator's pty (default %(default)s)")
    p.add_argument("--api", default="http://127.0.0.1:8700", help="control API URL (default %(default)s)")
    p.add_argument("--token", default=os.environ.get("VMODEM_TOKEN"), help="control API token ($VMODEM_TOKEN)")
    p.add_argument("--server", default="ftp.example.com",
                   help="FTP server the 'firmware' dials; unrouted names reach the embedded one (default %(default)s)")
    p.add_argument("--file", default="1K.txt", help="file to download (default %(default)s, a sample file)")
    p.add_argument("--block", type=int, default=256, help="bytes per AT+FTPGET=2 (default %(default)s)")
    p.add_argument("--fault", default="bearer-drop once",
                   help="fault injected after the first block of the second download (default %(default)s)")
    args = p.parse_args()

    api = Api(args.api, args.token)
    health = api.call("GET", "/health")
    print("control API: %s (profile %s)" % (args.api, health["profile"]))
    start = api.call("GET", "/state")["transcript"]["lastSeq"]
    api.call("POST", "/notes", {"text": "example_download.py: start"})

    port = Port(args.port)
    print("serial port: %s via %s" % (args.port, port.how))
    modem = Modem(port)
    ok = False
    try:
        port.drain()
        for _ in range(5):
            try:
                modem.ok("AT", timeout=2)
                break
            except (TimeoutError, RuntimeError):
                pass
        else:
            raise SystemExit("the modem does not answer AT on %s" % args.port)
        modem.ok("AT+CMEE=2")
        print("model:", modem.ok("AT+CGMM")[0])

        print("1. bearer")
        modem.ok("AT+SAPBR=3,1,\"CONTYPE\",\"GPRS\"")
        modem.ok("AT+SAPBR=3,1,\"APN\",\"CMNET\"")
        modem.command("AT+SAPBR=0,1", timeout=30)  # in case an earlier run left it open; the answer does not matter
        modem.ok("AT+SAPBR=1,1", timeout=85)
        print("   ", modem.ok("AT+SAPBR=2,1")[0])

        print("2. FTP session")
        for cmd in ("AT+FTPCID=1", "AT+FTPSERV=\"%s\"" % args.server, "AT+FTPPORT=21", "AT+FTPUN=\"anonymous\"",
                    "AT+FTPPW=\"example@vmodem\"", "AT+FTPGETPATH=\"/\""):
            modem.ok(cmd)

        print("3. clean download of", args.file)
        data, err = download(modem, args.file, args.block)
        clean_ok = err is None and (args.file != "1K.txt" or data == SAMPLE)
        print("    %d bytes, %s" % (len(data), "complete" if err is None else "error %d" % err))
        if args.file == "1K.txt":
            print("    content", "matches the sample" if data == SAMPLE else "DOES NOT match the sample")

        print("4. the same download with a fault:", args.fault)
        if not modem.ok("AT+SAPBR=2,1")[0].startswith("+SAPBR: 1,1"):
            modem.ok("AT+SAPBR=1,1", timeout=85)
        data2, err2 = download(modem, args.file, args.block, fault=args.fault, api=api)
        seen = [u for u in modem.urcs if "DEACT" in u or "FTPGET" in u]
        print("    %d bytes, %s; URCs: %s" % (len(data2), "complete" if err2 is None else "error %d" % err2,
                                             ", ".join(seen) or "none"))
        ok = clean_ok and err2 is not None
    finally:
        api.call("DELETE", "/faults")
        api.call("POST", "/notes", {"text": "example_download.py: end"})
        port.close()

    print("5. transcript of this run (GET /transcript?after=%d):" % start)
    sys.stdout.write(api.call("GET", "/transcript?after=%d" % start))
    print("result:", "OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
