"""Place, contact and junk-value tables for the synthetic customer generator.

Cities carry a population weight, their real telephone area codes (every
area code listed here, with any exchange 200-999, is a valid US number for
libphonenumber) and the first three digits of their ZIP codes. Boston,
Providence, Hartford and the New Jersey cities have ZIP codes with a leading
zero, which spreadsheet-edited store exports lose.
"""

from __future__ import annotations

__all__ = [
    "CITIES",
    "CITY_ALIASES",
    "DIRECTIONS",
    "EMAIL_DOMAINS",
    "FAMILY_EMAIL_PATTERNS",
    "JUNK_EMAILS",
    "JUNK_PHONES",
    "STREET_NAMES",
    "STREET_TYPES",
]

#: (city, state, population weight, area codes, ZIP3 prefixes)
CITIES: tuple[tuple[str, str, float, tuple[int, ...], tuple[str, ...]], ...] = (
    ("New York", "NY", 8.3, (212, 646, 917), ("100", "101", "102")),
    ("Brooklyn", "NY", 2.6, (718, 347, 929), ("112",)),
    ("Los Angeles", "CA", 3.9, (213, 310, 323, 818), ("900",)),
    ("Chicago", "IL", 2.7, (312, 773, 872), ("606",)),
    ("Houston", "TX", 2.3, (713, 832, 281), ("770",)),
    ("Phoenix", "AZ", 1.6, (602, 480, 623), ("850",)),
    ("Philadelphia", "PA", 1.6, (215, 267), ("191",)),
    ("San Antonio", "TX", 1.5, (210,), ("782",)),
    ("San Diego", "CA", 1.4, (619, 858), ("921",)),
    ("Dallas", "TX", 1.3, (214, 469, 972), ("752",)),
    ("San Jose", "CA", 1.0, (408, 669), ("951",)),
    ("Austin", "TX", 1.0, (512, 737), ("787",)),
    ("Jacksonville", "FL", 0.95, (904,), ("322",)),
    ("Fort Worth", "TX", 0.9, (817, 682), ("761",)),
    ("Columbus", "OH", 0.9, (614, 380), ("432",)),
    ("Charlotte", "NC", 0.87, (704, 980), ("282",)),
    ("San Francisco", "CA", 0.87, (415, 628), ("941",)),
    ("Indianapolis", "IN", 0.88, (317,), ("462",)),
    ("Seattle", "WA", 0.74, (206,), ("981",)),
    ("Denver", "CO", 0.72, (303, 720), ("802",)),
    ("Washington", "DC", 0.69, (202,), ("200",)),
    ("Boston", "MA", 0.69, (617, 857), ("021",)),
    ("Nashville", "TN", 0.69, (615, 629), ("372",)),
    ("Detroit", "MI", 0.67, (313,), ("482",)),
    ("Portland", "OR", 0.65, (503, 971), ("972",)),
    ("Las Vegas", "NV", 0.64, (702, 725), ("891",)),
    ("Memphis", "TN", 0.65, (901,), ("381",)),
    ("Louisville", "KY", 0.62, (502,), ("402",)),
    ("Baltimore", "MD", 0.59, (410, 443), ("212",)),
    ("Milwaukee", "WI", 0.59, (414,), ("532",)),
    ("Albuquerque", "NM", 0.56, (505,), ("871",)),
    ("Tucson", "AZ", 0.54, (520,), ("857",)),
    ("Fresno", "CA", 0.53, (559,), ("937",)),
    ("Sacramento", "CA", 0.51, (916,), ("958",)),
    ("Atlanta", "GA", 0.5, (404, 678, 470), ("303",)),
    ("Kansas City", "MO", 0.5, (816,), ("641",)),
    ("Miami", "FL", 0.47, (305, 786), ("331",)),
    ("Raleigh", "NC", 0.47, (919, 984), ("276",)),
    ("Omaha", "NE", 0.47, (402, 531), ("681",)),
    ("Minneapolis", "MN", 0.43, (612,), ("554",)),
    ("Tulsa", "OK", 0.41, (918,), ("741",)),
    ("Cleveland", "OH", 0.37, (216,), ("441",)),
    ("New Orleans", "LA", 0.38, (504,), ("701",)),
    ("Tampa", "FL", 0.39, (813,), ("336",)),
    ("Pittsburgh", "PA", 0.3, (412,), ("152",)),
    ("Cincinnati", "OH", 0.31, (513,), ("452",)),
    ("St. Louis", "MO", 0.3, (314,), ("631",)),
    ("Orlando", "FL", 0.31, (407, 321), ("328",)),
    ("Salt Lake City", "UT", 0.2, (801, 385), ("841",)),
    ("Providence", "RI", 0.19, (401,), ("029",)),
    ("Hartford", "CT", 0.12, (860, 959), ("061",)),
    ("Newark", "NJ", 0.31, (973, 862), ("071",)),
    ("Jersey City", "NJ", 0.29, (201, 551), ("073",)),
    ("Cambridge", "MA", 0.12, (617, 857), ("021",)),
    ("Springfield", "IL", 0.11, (217,), ("627",)),
    ("Springfield", "MA", 0.15, (413,), ("011",)),
    ("Portland", "ME", 0.07, (207,), ("041",)),
    ("Burlington", "VT", 0.04, (802,), ("054",)),
    ("Anchorage", "AK", 0.29, (907,), ("995",)),
    ("Honolulu", "HI", 0.35, (808,), ("968",)),
)

#: Informal spellings typed into free-text city fields.
CITY_ALIASES: dict[str, tuple[str, ...]] = {
    "New York": ("NYC", "New York City", "Manhattan", "new york ny"),
    "San Francisco": ("SF", "San Fran"),
    "Los Angeles": ("LA", "L.A."),
    "St. Louis": ("Saint Louis", "St Louis"),
    "Washington": ("Washington DC", "DC", "Washington, D.C."),
    "Philadelphia": ("Philly",),
    "Las Vegas": ("Vegas",),
    "Salt Lake City": ("SLC", "Salt Lake"),
    "Fort Worth": ("Ft Worth", "Ft. Worth"),
}


def _items(text: str) -> tuple[str, ...]:
    """The comma-separated items of a block of text, stripped, in order."""
    return tuple(item.strip() for item in text.split(","))


STREET_NAMES: tuple[str, ...] = _items(
    """
    Main, Oak, Pine, Maple, Cedar, Elm, Washington, Lake, Hill, Park, Walnut, Sunset,
    Lincoln, Jackson, Church, River, Willow, Highland, Franklin, Jefferson, Madison,
    Spring, Chestnut, Meadow, Ridge, Forest, Center, Union, Mill, Adams, Cherry, Spruce,
    Birch, Dogwood, Magnolia, Hickory, Sycamore, Poplar, Laurel, Aspen, Valley, Prospect,
    Pleasant, Summit, Broad, Market, Water, Front, 2nd, 3rd, 4th, 5th, 6th, 7th, 8th,
    1st, 10th, 12th, Martin Luther King Jr, Kennedy, Roosevelt, Grant, Wilson, Monroe,
    Hamilton, Cleveland, Harrison, Taylor, Green, Orchard, Bay, Beach, Sunrise, Rosewood,
    Heather, Woodland, Fairview, Lakeview, Riverside, Greenwood, Brookside, Mountain View,
    Cherry Hill, King, Queen, Academy, College, School, Railroad, Canal, Bridge, Liberty,
    Independence, Country Club, Peachtree, Mulberry, Juniper, Cypress, Palm, Olive,
    Redwood, Sequoia, Vine, Ivy, Holly, Hawthorne, Colonial, Hillcrest, Glenwood, Oakwood,
    Elmwood, Maplewood, Wood, Cottage, Garden, Mission, Santa Fe, El Camino, Alameda,
    Mesa, Vista, Del Mar, Bristol, Cambridge, Oxford, Windsor, Sheridan, Belmont, Clinton,
    Warren, Lafayette, Columbia, Delaware, Hudson, Ohio, Virginia, Georgia, Carolina,
    Dakota, Evergreen, Pinecrest, Shady Grove, Stonebridge, Foxhall, Bluebird, Cardinal
    """
)

#: (full suffix, USPS abbreviation, weight)
STREET_TYPES: tuple[tuple[str, str, float], ...] = (
    ("Street", "St", 0.34),
    ("Avenue", "Ave", 0.2),
    ("Road", "Rd", 0.1),
    ("Drive", "Dr", 0.1),
    ("Lane", "Ln", 0.06),
    ("Boulevard", "Blvd", 0.04),
    ("Court", "Ct", 0.05),
    ("Place", "Pl", 0.03),
    ("Way", "Way", 0.03),
    ("Terrace", "Ter", 0.02),
    ("Circle", "Cir", 0.02),
    ("Parkway", "Pkwy", 0.01),
)

#: (full, abbreviation) street direction prefixes.
DIRECTIONS: tuple[tuple[str, str], ...] = (
    ("North", "N"),
    ("South", "S"),
    ("East", "E"),
    ("West", "W"),
)

#: (domain, weight); gmail ignores dots and "+tags" in the local part.
EMAIL_DOMAINS: tuple[tuple[str, float], ...] = (
    ("gmail.com", 0.42),
    ("yahoo.com", 0.14),
    ("hotmail.com", 0.09),
    ("outlook.com", 0.07),
    ("aol.com", 0.04),
    ("icloud.com", 0.08),
    ("comcast.net", 0.03),
    ("att.net", 0.02),
    ("verizon.net", 0.02),
    ("protonmail.com", 0.02),
    ("live.com", 0.02),
    ("msn.com", 0.02),
    ("me.com", 0.02),
)

#: Local-part patterns of shared family mailboxes ("{last}" is the family name).
FAMILY_EMAIL_PATTERNS: tuple[str, ...] = (
    "the{last}family",
    "{last}family",
    "{last}household",
    "{last}.home",
    "team{last}",
)

#: Placeholder emails typed to get past a mandatory field; (value, weight).
JUNK_EMAILS: tuple[tuple[str, float], ...] = (
    ("test@test.com", 0.3),
    ("noemail@none.com", 0.2),
    ("na@na.com", 0.15),
    ("none@none.com", 0.1),
    ("no@email.com", 0.1),
    ("x@x.com", 0.08),
    ("asdf@asdf.com", 0.07),
)

#: Placeholder phone numbers (none of them a valid US number); (value, weight).
JUNK_PHONES: tuple[tuple[str, float], ...] = (
    ("0000000000", 0.35),
    ("1234567890", 0.25),
    ("555-555-5555", 0.25),
    ("9999999999", 0.15),
)
