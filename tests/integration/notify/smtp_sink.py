#!/usr/bin/python3
"""A real SMTP server for the notification tests (aiosmtpd, Debian's python3-aiosmtpd).

smtp_sink.py DIR PORT: listens on 127.0.0.1:PORT (0 = any free port, written to DIR/port) and
saves every message it accepts as DIR/NNNN.json, decoded by Python's own e-mail parser
(recipients, Message-ID, decoded subject and display names, plain and HTML bodies) beside the
raw bytes in DIR/NNNN.eml. If DIR/hang-once exists when a message arrives, the file is removed
and the reply to DATA never comes (the sender is killed meanwhile, in the restart test)."""

import asyncio
import email
import email.policy
import json
import os
import pathlib
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, folder):
        self.folder = pathlib.Path(folder)
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        raw = envelope.original_content or envelope.content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        text = msg.get_body(preferencelist=("plain",))
        html = msg.get_body(preferencelist=("html",))
        record = {
            "rcpt": list(envelope.rcpt_tos),
            "mail_from": envelope.mail_from,
            "message_id": str(msg["Message-ID"]),
            "subject": str(msg["Subject"]),
            "from_name": msg["From"].addresses[0].display_name,
            "to_name": msg["To"].addresses[0].display_name,
            "to_address": msg["To"].addresses[0].addr_spec,
            "content_type": msg.get_content_type(),
            "text": text.get_content() if text is not None else None,
            "html": html.get_content() if html is not None else None,
        }
        base = self.folder / f"{self.count:04d}"
        base.with_suffix(".eml").write_bytes(raw)
        tmp = base.with_suffix(".tmp")
        tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, base.with_suffix(".json"))
        hang = self.folder / "hang-once"
        if hang.exists():
            hang.unlink()
            await asyncio.sleep(3600)
        return "250 OK"


async def main(folder, port):
    loop = asyncio.get_running_loop()
    sink = Sink(folder)
    server = await loop.create_server(lambda: SMTP(sink, enable_SMTPUTF8=True), "127.0.0.1", port)
    bound = server.sockets[0].getsockname()[1]
    tmp = pathlib.Path(folder) / "port.tmp"
    tmp.write_text(str(bound))
    os.replace(tmp, pathlib.Path(folder) / "port")
    await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
