"""OFAC's vocabulary, shared by every parser that reads OFAC data.

OFAC labels its details the same way wherever they appear: as ``idType`` in the sdnList
XML, as FeatureType and IDRegDocType names in the Advanced XML, as the words a clause of
a legacy CSV remark starts with (``Passport 563410081 (Korea, North)``), and as the type
of a US CSL ``ids`` entry (the CSL copies OFAC's rows). ``LABELS`` says once where the
value of each label goes in an ``Entity``; each parser decides what to do with a label
the table lacks and which kinds of target it reads at all (the CSL only identifiers).
``imo_number`` is the one way an OFAC value becomes FtM's ``IMO1234567``.
"""

from __future__ import annotations

import re
from enum import StrEnum

from rigour.ids import IMO

from tradescreen.model import DatePrecision, PartialDate
from tradescreen.sources._common import partial_date

__all__ = ["IMO_LABELS", "LABELS", "Target", "imo_number", "label_target", "parse_ofac_date"]


class Target(StrEnum):
    """Where a value of an OFAC detail type goes in an ``Entity``."""

    IDENTIFIER = "identifier"  # Identifier(kind=<arg>), note = the OFAC type
    PROPERTY = "property"  # properties[<arg>], verbatim
    DATE_PROPERTY = "date_property"  # properties[<arg>], an ISO date
    COUNTRY_PROPERTY = "country_property"  # properties[<arg>] (else countries), a country code
    NATIONALITY = "nationality"  # nationalities
    BIRTH_DATE = "birth_date"
    BIRTH_PLACE = "birth_place"
    GENDER = "gender"
    LINK = "link"  # a related party named in a detail (vessel owner, aircraft operator)
    REMARK = "remark"  # a statement, kept in remarks as "<type>: <value>"


#: OFAC labels to entity fields, matched without case and without a trailing "#" or ":"
#: (``NIT #``, see ``label_target``).
LABELS: dict[str, tuple[Target, str]] = {
    # identity documents
    "Passport": (Target.IDENTIFIER, "passportNumber"),
    "Diplomatic Passport": (Target.IDENTIFIER, "passportNumber"),
    "Passport Booklet": (Target.IDENTIFIER, "passportNumber"),
    "British National Overseas Passport": (Target.IDENTIFIER, "passportNumber"),
    "National ID No.": (Target.IDENTIFIER, "idNumber"),
    "Identification Number": (Target.IDENTIFIER, "idNumber"),
    "Cedula No.": (Target.IDENTIFIER, "idNumber"),
    "D.N.I.": (Target.IDENTIFIER, "idNumber"),
    "Personal ID Card": (Target.IDENTIFIER, "idNumber"),
    "National Foreign ID Number": (Target.IDENTIFIER, "idNumber"),
    "Citizen's Card Number": (Target.IDENTIFIER, "idNumber"),
    "Kenyan ID No.": (Target.IDENTIFIER, "idNumber"),
    "Moroccan Personal ID No.": (Target.IDENTIFIER, "idNumber"),
    "Bosnian Personal ID No.": (Target.IDENTIFIER, "idNumber"),
    "Turkish Identification Number": (Target.IDENTIFIER, "idNumber"),
    "Tazkira National ID Card": (Target.IDENTIFIER, "idNumber"),
    "Numero de Identidad": (Target.IDENTIFIER, "idNumber"),
    "C.U.R.P.": (Target.IDENTIFIER, "idNumber"),
    "C.U.I.": (Target.IDENTIFIER, "idNumber"),
    "Credencial electoral": (Target.IDENTIFIER, "idNumber"),
    "I.F.E.": (Target.IDENTIFIER, "idNumber"),
    "Electoral Registry No.": (Target.IDENTIFIER, "idNumber"),
    "Residency Number": (Target.IDENTIFIER, "idNumber"),
    "Travel Document Number": (Target.IDENTIFIER, "idNumber"),
    "Driver's License No.": (Target.IDENTIFIER, "idNumber"),
    "Birth Certificate Number": (Target.IDENTIFIER, "idNumber"),
    "Cartilla de Servicio Militar Nacional": (Target.IDENTIFIER, "idNumber"),
    "SSN": (Target.IDENTIFIER, "socialSecurityNumber"),
    # tax and registry numbers
    "Tax ID No.": (Target.IDENTIFIER, "taxNumber"),
    "NIT": (Target.IDENTIFIER, "taxNumber"),
    "RUC": (Target.IDENTIFIER, "taxNumber"),
    "RIF": (Target.IDENTIFIER, "taxNumber"),
    "R.F.C.": (Target.IDENTIFIER, "taxNumber"),
    "RFC": (Target.IDENTIFIER, "taxNumber"),
    "RTN": (Target.IDENTIFIER, "taxNumber"),
    "C.U.I.T.": (Target.IDENTIFIER, "taxNumber"),
    "C.I.F.": (Target.IDENTIFIER, "taxNumber"),
    "US FEIN": (Target.IDENTIFIER, "taxNumber"),
    "Italian Fiscal Code": (Target.IDENTIFIER, "taxNumber"),
    "Paraguayan tax identification number": (Target.IDENTIFIER, "taxNumber"),
    "Numero Unico de Identificacao Tributaria (NUIT)": (Target.IDENTIFIER, "taxNumber"),
    "V.A.T. Number": (Target.IDENTIFIER, "vatCode"),
    "Registration ID": (Target.IDENTIFIER, "registrationNumber"),
    "Registration Number": (Target.IDENTIFIER, "registrationNumber"),
    "Public Registration Number": (Target.IDENTIFIER, "registrationNumber"),
    "Business Registration Number": (Target.IDENTIFIER, "registrationNumber"),
    "Business Registration Document": (Target.IDENTIFIER, "registrationNumber"),
    "Business Number": (Target.IDENTIFIER, "registrationNumber"),
    "Commercial Registry Number": (Target.IDENTIFIER, "registrationNumber"),
    "Company Number": (Target.IDENTIFIER, "registrationNumber"),
    "UK Company Number": (Target.IDENTIFIER, "registrationNumber"),
    "C.R. No.": (Target.IDENTIFIER, "registrationNumber"),
    "Certificate of Incorporation Number": (Target.IDENTIFIER, "registrationNumber"),
    "Chamber of Commerce Number": (Target.IDENTIFIER, "registrationNumber"),
    "Enterprise Number": (Target.IDENTIFIER, "registrationNumber"),
    "Branch Unit Number": (Target.IDENTIFIER, "registrationNumber"),
    "Central Registration System Number": (Target.IDENTIFIER, "registrationNumber"),
    "Economic Register Number (CBLS)": (Target.IDENTIFIER, "registrationNumber"),
    "Trade License No.": (Target.IDENTIFIER, "registrationNumber"),
    "Folio Mercantil No.": (Target.IDENTIFIER, "registrationNumber"),
    "Matricula Mercantil No": (Target.IDENTIFIER, "registrationNumber"),
    "LE Number": (Target.IDENTIFIER, "registrationNumber"),
    "Registered Charity No.": (Target.IDENTIFIER, "registrationNumber"),
    "Unified Social Credit Code (USCC)": (Target.IDENTIFIER, "registrationNumber"),
    "United Social Credit Code Certificate (USCCC)": (Target.IDENTIFIER, "registrationNumber"),
    "Government Gazette Number": (Target.IDENTIFIER, "okpoCode"),  # the Russian OKPO
    "Legal Entity Number": (Target.IDENTIFIER, "leiCode"),
    "SWIFT/BIC": (Target.IDENTIFIER, "swiftBic"),
    "D-U-N-S Number": (Target.IDENTIFIER, "dunsCode"),
    # vessels and aircraft; an "IMO 1234567" under any label is an imoNumber
    "Vessel Registration Identification": (Target.IDENTIFIER, "registrationNumber"),
    "MMSI": (Target.IDENTIFIER, "mmsi"),
    "Vessel Call Sign": (Target.IDENTIFIER, "callSign"),
    "Other Vessel Call Sign": (Target.IDENTIFIER, "callSign"),
    "Vessel Type": (Target.PROPERTY, "type"),
    "Other Vessel Type": (Target.PROPERTY, "type"),
    "Vessel Flag": (Target.COUNTRY_PROPERTY, "flag"),
    "Other Vessel Flag": (Target.COUNTRY_PROPERTY, "flag"),
    "Former Vessel Flag": (Target.COUNTRY_PROPERTY, "pastFlags"),
    "Vessel Tonnage": (Target.PROPERTY, "tonnage"),
    "Vessel Gross Registered Tonnage": (Target.PROPERTY, "grossRegisteredTonnage"),
    "Vessel Year of Build": (Target.DATE_PROPERTY, "buildDate"),
    "Vessel Owner": (Target.LINK, ""),
    "Aircraft Manufacturer's Serial Number (MSN)": (Target.IDENTIFIER, "serialNumber"),
    "Aircraft Serial Identification": (Target.IDENTIFIER, "serialNumber"),
    "Aircraft Construction Number (also called L/N or S/N or F/N)": (
        Target.IDENTIFIER,
        "serialNumber",
    ),
    "Aircraft Tail Number": (Target.IDENTIFIER, "registrationNumber"),
    "Previous Aircraft Tail Number": (Target.IDENTIFIER, "registrationNumber"),
    "Aircraft Model": (Target.PROPERTY, "model"),
    "Aircraft Manufacture Date": (Target.DATE_PROPERTY, "buildDate"),
    "Aircraft Operator": (Target.LINK, ""),
    # contact details and other properties
    "Website": (Target.PROPERTY, "website"),
    "Email Address": (Target.PROPERTY, "email"),
    "Phone Number": (Target.PROPERTY, "phone"),
    "Phone No.": (Target.PROPERTY, "phone"),
    "PHONE": (Target.PROPERTY, "phone"),
    "Telephone": (Target.PROPERTY, "phone"),
    "Telephone No.": (Target.PROPERTY, "phone"),
    "Title": (Target.PROPERTY, "title"),
    "Position": (Target.PROPERTY, "position"),
    "Organization Type": (Target.PROPERTY, "sector"),
    "Organization Established Date": (Target.DATE_PROPERTY, "incorporationDate"),
    # the person and its countries
    "Birthdate": (Target.BIRTH_DATE, ""),
    "Place of Birth": (Target.BIRTH_PLACE, ""),
    "Gender": (Target.GENDER, ""),
    "Nationality Country": (Target.NATIONALITY, ""),
    "Citizenship Country": (Target.NATIONALITY, ""),
    "Nationality of Registration": (Target.COUNTRY_PROPERTY, "jurisdiction"),
    # the name written in Chinese telegraph codes, four digits a Han character ("1728 4320"),
    # kept as written: not an identity document, but the Han-script spelling of the name
    "Chinese Commercial Code": (Target.IDENTIFIER, "chineseCommercialCode"),
    # statements without a trailing ":" or "-"
    "Target Type": (Target.REMARK, ""),
    "Issuer Name": (Target.REMARK, ""),
    "Listing Date (CMIC)": (Target.REMARK, ""),
    "Effective Date (CMIC)": (Target.REMARK, ""),
    "Purchase/Sales For Divestment Date (CMIC)": (Target.REMARK, ""),
    "Executive Order 14024 Directive Information": (Target.REMARK, ""),
}

#: Labels under which seven bare digits with a valid check digit are an IMO number
#: (``Vessel Registration Identification 8606173``, written without ``IMO`` once).
IMO_LABELS = frozenset({"Vessel Registration Identification"})


def _label_key(label: str) -> str:
    return label.casefold().rstrip(" #:")


_LABELS_BY_KEY = {_label_key(label): target for label, target in LABELS.items()}
_IMO = re.compile(r"^IMO\s*(\d{5,7})$", re.IGNORECASE)
_BARE_IMO = re.compile(r"^\d{7}$")


def label_target(label: str) -> tuple[Target, str] | None:
    """Where a value under an OFAC label goes (``NIT #`` is ``NIT``), or None if unlisted."""
    return _LABELS_BY_KEY.get(_label_key(label))


def imo_number(value: str, label: str) -> str | None:
    """The ``IMO1234567`` an identifier value is, or None when it is no IMO number.

    A value is an IMO number when written ``IMO 1234567`` under any label, or as seven
    bare digits with a valid IMO check digit under a label of ``IMO_LABELS``.
    """
    match = _IMO.match(value)
    if match is not None:
        return f"IMO{match[1]}"
    if label in IMO_LABELS and _BARE_IMO.match(value) and IMO.is_valid(value):
        return f"IMO{value}"
    return None


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DATE_POINT = re.compile(r"^(?:(?:(\d{1,2})\s+)?([A-Za-z]{3})[A-Za-z]*\.?\s+)?(\d{4})$")
#: Range separators: "1960 to 1962" (XML and remarks) and "circa 1979-1982" (remarks).
_DATE_RANGE = re.compile(r"\s+to\s+|\s*-\s*", flags=re.IGNORECASE)


def _date_point(text: str) -> PartialDate | None:
    match = _DATE_POINT.match(text)
    if match is None:
        return None
    day, month, year = match.groups()
    month_number = None
    if month is not None:
        if month.lower() not in _MONTHS:
            return None
        month_number = _MONTHS.index(month.lower()) + 1
    return partial_date(year, month_number, day)


def parse_ofac_date(text: str) -> PartialDate | None:
    """An OFAC date as precise as written, in the XML formats and the CSV remarks alike.

    ``08 Jan 1984`` (a day), ``Jan 1984`` (a month), ``1984`` (a year), ``circa 1960``
    (approximate), ``1960 to 1962`` and ``circa 1979-1982`` (ranges); None for any other text.
    """
    body = text.strip()
    approximate = body.lower().startswith("circa")
    if approximate:
        body = body[len("circa") :].strip()
    bounds = [_date_point(part) for part in _DATE_RANGE.split(body)]
    if len(bounds) == 2 and bounds[0] is not None and bounds[1] is not None:
        return PartialDate(bounds[0].value, DatePrecision.RANGE, end=bounds[1].value)
    if len(bounds) != 1 or bounds[0] is None:
        return None
    if approximate:
        return PartialDate(bounds[0].value, DatePrecision.APPROXIMATE)
    return bounds[0]
