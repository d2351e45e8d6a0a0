"""Indonesian telephone numbers: checked and written with the phonenumbers library
(Google's libphonenumber metadata), kept as E.164 (``+62215551234``), shown in the
national form a reader dials (``(021) 5551234``, ``0812-3456-7890``)."""

from __future__ import annotations

import phonenumbers

REGION = "ID"


def parse(text: str) -> str | None:
    """The E.164 form of a written number, or None when it is not a valid number."""
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number) or number.extension:  # an extension would be lost from tel: links
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def local(e164: str) -> str:
    """How a reader in Indonesia writes the number; international form for other countries."""
    number = phonenumbers.parse(e164, REGION)
    if phonenumbers.region_code_for_number(number) == REGION:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def tel(e164: str) -> str:
    return "tel:" + e164


def whatsapp(e164: str) -> str:
    """A wa.me link (WhatsApp's documented click-to-chat address: digits only)."""
    return "https://wa.me/" + e164.lstrip("+")


def is_mobile(e164: str) -> bool:
    kind = phonenumbers.number_type(phonenumbers.parse(e164, REGION))
    return kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
