"""A real SMTP server for the integration tests (aiosmtpd).

Usage: smtp_sink.py --port PORT --dir DIR [--refuse ADDRESS ...]

Every message it accepts is written to DIR as one JSON file (recipients, subject, the decoded
plain-text body). RCPT TO for a refused address is answered with 550, as a mail server does for
an unknown mailbox. Prints READY once it listens, and stops when its standard input closes.
"""

import argparse
import email
import email.policy
import json
import os
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory, refused):
        self.directory = directory
        self.refused = {address.lower() for address in refused}
        self.count = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused:
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        record = {
            "from": envelope.mail_from,
            "to": envelope.rcpt_tos,
            "subject": str(message["subject"]),
            "body": body.get_content() if body is not None else "",
        }
        with self.lock:
            self.count += 1
            name = "%06d.json" % self.count
        path = os.path.join(self.directory, name)
        with open(path + ".tmp", "w", encoding="utf-8") as out:
            json.dump(record, out)
        # Complete files only: the tests read the directory while the server runs.
        os.replace(path + ".tmp", path)
        return "250 Message accepted"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--refuse", action="append", default=[])
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    controller = Controller(Sink(args.dir, args.refuse), hostname="127.0.0.1", port=args.port)
    controller.start()
    print("READY", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
