#!/usr/bin/env python3
"""A minimal SMTP server that keeps every message it receives, for tests.

    python3 scripts/smtp-sink.py --port 2525 --dir /tmp/mail

Listens on 127.0.0.1 (see --host) and prints "ready PORT" on stdout once it
accepts connections; with --port 0 the system picks the port. It speaks just
enough SMTP for a mail client: EHLO/HELO, MAIL FROM, RCPT TO, DATA (with
dot-unstuffing), RSET, NOOP, QUIT. No TLS, no authentication.

Each message is written, before the server acknowledges it, as
  DIR/N.eml   the message exactly as received (RFC 5322, CRLF line ends), and
  DIR/N.json  the envelope (helo, mail_from, rcpt_to) and, decoded by Python's
              email package, the From, To and Subject headers and the text body
              (with LF line ends),
numbered from 1 in the order received. Python 3 standard library only.
"""

import argparse
import asyncio
import email
import email.policy
import itertools
import json
import os
import sys

MAX_LINE = 64 * 1024


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.numbers = itertools.count(1)

    def store(self, envelope, data):
        number = next(self.numbers)
        base = os.path.join(self.folder, str(number))
        summary = dict(envelope)
        summary.update(decode(data))
        # Each file appears whole: written aside, then renamed.
        for path, content in ((base + ".eml", data), (base + ".json", json.dumps(summary, ensure_ascii=False, indent=2).encode())):
            with open(path + ".part", "wb") as out:
                out.write(content)
            os.replace(path + ".part", path)
        return number

    async def session(self, reader, writer):
        envelope = None
        helo = None

        async def reply(line):
            writer.write(line.encode() + b"\r\n")
            await writer.drain()

        try:
            await reply("220 smtp-sink ready")
            while True:
                line = await reader.readline()
                if not line:
                    return
                command = line.decode("utf-8", "replace").rstrip("\r\n")
                verb, _, argument = command.partition(" ")
                verb = verb.upper()
                if verb == "EHLO":
                    helo = argument.strip()
                    envelope = None
                    await reply("250-smtp-sink")
                    await reply("250-8BITMIME")
                    await reply("250 SMTPUTF8")
                elif verb == "HELO":
                    helo = argument.strip()
                    envelope = None
                    await reply("250 smtp-sink")
                elif verb == "MAIL":
                    if helo is None:
                        await reply("503 5.5.1 EHLO or HELO first")
                        continue
                    address = path_of(argument, "FROM:")
                    if address is None:
                        await reply("501 5.5.4 syntax: MAIL FROM:<address>")
                        continue
                    envelope = {"helo": helo, "mail_from": address, "rcpt_to": []}
                    await reply("250 2.1.0 ok")
                elif verb == "RCPT":
                    if envelope is None:
                        await reply("503 5.5.1 MAIL first")
                        continue
                    address = path_of(argument, "TO:")
                    if not address:
                        await reply("501 5.5.4 syntax: RCPT TO:<address>")
                        continue
                    envelope["rcpt_to"].append(address)
                    await reply("250 2.1.5 ok")
                elif verb == "DATA":
                    if envelope is None or not envelope["rcpt_to"]:
                        await reply("503 5.5.1 RCPT first")
                        continue
                    await reply("354 end data with <CR><LF>.<CR><LF>")
                    data = await read_data(reader)
                    if data is None:
                        return
                    number = self.store(envelope, data)
                    envelope = None
                    await reply(f"250 2.0.0 ok: queued as {number}")
                elif verb == "RSET":
                    envelope = None
                    await reply("250 2.0.0 ok")
                elif verb == "NOOP":
                    await reply("250 2.0.0 ok")
                elif verb == "QUIT":
                    await reply("221 2.0.0 bye")
                    return
                else:
                    await reply("502 5.5.2 command not implemented")
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            return
        finally:
            writer.close()


def path_of(argument, keyword):
    """The address in `FROM:<a@b> PARAMS` or `TO:<a@b>`; None if malformed."""
    argument = argument.strip()
    if argument[: len(keyword)].upper() != keyword:
        return None
    rest = argument[len(keyword):].strip()
    if not rest.startswith("<") or ">" not in rest:
        return None
    return rest[1 : rest.index(">")]


async def read_data(reader):
    """The message after DATA up to the lone dot, dot-unstuffed; None on EOF."""
    lines = []
    while True:
        line = await reader.readline()
        if not line:
            return None
        if line in (b".\r\n", b".\n"):
            return b"".join(lines)
        if line.startswith(b"."):
            line = line[1:]
        lines.append(line)


def decode(data):
    """What a mail reader shows of a message: decoded headers and text."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        part = message.get_body(preferencelist=("plain", "html")) or message
        return {
            "from": str(message.get("From", "")),
            "to": str(message.get("To", "")),
            "subject": str(message.get("Subject", "")),
            "content_transfer_encoding": str(part.get("Content-Transfer-Encoding", "")),
            "body": part.get_content().replace("\r\n", "\n"),
        }
    except Exception as error:  # a test should see the raw message, not a crash
        return {"decode_error": repr(error)}


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=2525, help="0: any free port")
    parser.add_argument("--dir", required=True, help="where messages are written")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    sink = Sink(args.dir)
    server = await asyncio.start_server(sink.session, args.host, args.port, limit=MAX_LINE)
    port = server.sockets[0].getsockname()[1]
    print(f"ready {port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
