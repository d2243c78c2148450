"""E-mails (.eml) by the standard library: the subject is the title, the sender the author,
the Date header the date, and the plain-text part (else the HTML part) the body."""

from __future__ import annotations

import email.policy
from email import message_from_string
from email.utils import parseaddr

from generator.ingest.markup import written_date
from generator.ingest.text_body import body_blocks
from generator.model import Record


def read_mail(text: str, boilerplate: dict) -> tuple[list[Record], list[str]]:
    message = message_from_string(text, policy=email.policy.default)
    if not message.keys():
        raise ValueError("no e-mail headers")
    part = message.get_body(preferencelist=("plain", "html"))
    body = part.get_content() if part is not None else ""
    if not body.strip():
        raise ValueError("the e-mail has no text")
    name, address = parseaddr(str(message.get("from", "")))
    subject = " ".join(str(message.get("subject", "")).split()) or None
    return [
        Record(
            body_blocks(body),
            title=subject,
            date=written_date(str(message.get("date", ""))),
            author=name or address or None,
        )
    ], []
