"""Places of the independent generator: cities, their ZIP codes, area codes and streets.

City sizes are heavy-tailed (a few big cities hold most people), several small
town names exist in more than one state, and each city has a few ways people
write it in free text ("St. Louis", "Saint Louis", "STL").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

__all__ = ["STREETS", "STREET_TYPES", "Cities", "cities", "origin_city_weights"]

# name variants | state | weight (relative population) | first ZIP | area codes
_CITIES = """
New York|New York City|NYC|new york, ny;NY;84;10001;212 718 917 646 347
Los Angeles|LA|L.A.|los angeles ca;CA;39;90001;213 310 323 818 626
Chicago|Chicago IL|chi;IL;27;60601;312 773 872
Houston|Houston TX;TX;23;77001;713 281 832
Phoenix;AZ;16;85001;602 480 623
Philadelphia|Philly|Phila;PA;16;19101;215 267
San Antonio|San Antonio TX;TX;15;78201;210 726
San Diego;CA;14;92101;619 858
Dallas;TX;13;75201;214 972 469
San Jose;CA;10;95101;408 669
Austin;TX;9;78701;512 737
Jacksonville;FL;9;32201;904
Fort Worth|Ft Worth|Ft. Worth;TX;9;76101;817 682
Columbus;OH;9;43201;614 380
Charlotte;NC;8;28201;704 980
San Francisco|SF|San Fran;CA;8;94102;415 628
Indianapolis|Indy;IN;8;46201;317 463
Seattle;WA;7;98101;206 253
Denver;CO;7;80201;303 720
Washington|Washington DC|DC;DC;7;20001;202
Boston;MA;7;02108;617 857
Nashville;TN;7;37201;615 629
Detroit;MI;6;48201;313
Portland;OR;6;97201;503 971
Las Vegas|Vegas;NV;6;89101;702 725
Memphis;TN;6;38101;901
Baltimore;MD;6;21201;410 443
Milwaukee;WI;5;53201;414
Albuquerque|ABQ;NM;5;87101;505
Tucson;AZ;5;85701;520
Fresno;CA;5;93701;559
Sacramento;CA;5;95814;916
Atlanta|ATL;GA;5;30301;404 678 470
Miami;FL;4;33101;305 786
Minneapolis;MN;4;55401;612
Saint Louis|St. Louis|St Louis|STL;MO;3;63101;314
Pittsburgh;PA;3;15201;412
Cincinnati;OH;3;45201;513
Orlando;FL;3;32801;407 321
Tampa;FL;4;33601;813
Cleveland;OH;4;44101;216
New Orleans|NOLA;LA;4;70112;504
Salt Lake City|SLC;UT;2;84101;801 385
Honolulu;HI;3;96801;808
Saint Paul|St. Paul|St Paul;MN;3;55101;651
Fort Lauderdale|Ft Lauderdale;FL;2;33301;954
Springfield;IL;1.2;62701;217
Springfield;MA;1.5;01101;413
Springfield;MO;1.6;65801;417
Portland;ME;0.7;04101;207
Columbia;SC;1.4;29201;803
Columbia;MO;1.2;65201;573
Franklin;TN;0.8;37064;615
Greenville;SC;0.7;29601;864
Madison;WI;2.5;53701;608
Salem;OR;1.7;97301;503
Bristol;CT;0.6;06010;860
Riverside;CA;3.2;92501;951
Clinton;IA;0.3;52732;563
Fairview;NJ;0.2;07022;201
Georgetown;TX;0.8;78626;512
"""

STREETS: tuple[str, ...] = tuple(
    """Main,Oak,Maple,Cedar,Elm,Pine,Washington,Lake,Hill,Park,First,Second,Third,Fourth,Fifth,
    Sixth,Seventh,Eighth,Ninth,Tenth,Sunset,Lincoln,Jefferson,Madison,Franklin,Church,Spring,
    Ridge,Highland,Jackson,River,Walnut,Chestnut,Center,Mill,Forest,Meadow,Lakeview,Willow,
    Birch,Dogwood,Magnolia,Sycamore,Hickory,Adams,Monroe,Grant,Kennedy,King,Union,Market,
    Broad,Water,Bridge,Front,High,Prospect,Pleasant,Valley,Cherry,Poplar,Locust,Ash,Spruce,
    Laurel,Hillcrest,Fairway,Orchard,Cypress,Juniper,Aspen,Sierra,Mesa,Canyon,Vista,Harbor,
    Bay,Ocean,Beach,Shore,Lakeshore,Woodland,Greenwood,Kingston,Windsor,Victoria,Wilson,
    Roosevelt,Pershing,Euclid,Summit,College,University,School,Academy,Mission,Alameda,
    El Camino,Santa Rosa,San Pablo,Del Mar,Colonial,Heritage,Liberty,Independence,Patriot,
    Commerce,Industrial,Railroad,Depot,Station,Airport,Cardinal,Robin,Bluebird,Meadowlark""".replace(
        "\n", " "
    ).split(",")
)
STREETS = tuple(s.strip() for s in STREETS)

#: Street types: written form, then the spellings people also use.
STREET_TYPES: tuple[tuple[str, ...], ...] = (
    ("St", "Street", "St.", "Str"),
    ("Ave", "Avenue", "Av", "Ave."),
    ("Rd", "Road", "Rd."),
    ("Blvd", "Boulevard", "Blvd."),
    ("Dr", "Drive", "Dr."),
    ("Ln", "Lane"),
    ("Ct", "Court"),
    ("Way",),
    ("Pl", "Place"),
    ("Cir", "Circle"),
)


@dataclass(frozen=True)
class Cities:
    """City table: canonical name, written variants, state, weight, ZIPs and area codes."""

    name: np.ndarray  # object (n,)
    variants: list[tuple[str, ...]]
    state: np.ndarray  # object (n,)
    weight: np.ndarray  # float (n,), sum 1
    zip_start: np.ndarray  # int (n,)
    n_zips: np.ndarray  # int (n,)
    area_codes: list[tuple[int, ...]]


@lru_cache(maxsize=1)
def cities() -> Cities:
    """The city table (built once)."""
    rows = [ln.split(";") for ln in _CITIES.strip().splitlines()]
    variants = [tuple(r[0].split("|")) for r in rows]
    weight = np.array([float(r[2]) for r in rows])
    # ZIP codes per city grow with its size (the biggest have ~120), so people
    # of one big city spread over many postcodes, and a small town has a few.
    n_zips = np.maximum(2, np.round(12 * np.sqrt(weight))).astype(np.int64)
    return Cities(
        name=np.array([v[0] for v in variants], dtype=object),
        variants=variants,
        state=np.array([r[1] for r in rows], dtype=object),
        weight=weight / weight.sum(),
        zip_start=np.array([int(r[3]) for r in rows], dtype=np.int64),
        n_zips=n_zips,
        area_codes=[tuple(int(a) for a in r[4].split()) for r in rows],
    )


#: Cities where an origin lives more often than the population as a whole.
_ORIGIN_CITY_BOOST = {
    "korean": {"Los Angeles": 6, "New York": 3, "Seattle": 3, "Atlanta": 3, "Honolulu": 4},
    "chinese": {"New York": 3, "San Francisco": 6, "San Jose": 5, "Los Angeles": 2, "Boston": 2},
    "vietnamese": {"Houston": 5, "San Jose": 6, "Los Angeles": 2, "New Orleans": 3},
    "hispanic": {"Los Angeles": 3, "Houston": 3, "San Antonio": 4, "Miami": 5, "Phoenix": 2},
    "indian": {"New York": 2, "San Jose": 5, "Chicago": 2, "Dallas": 2},
    "arabic": {"Detroit": 6, "Chicago": 2, "Houston": 2, "New York": 2},
    "east_european": {"Chicago": 4, "New York": 2, "Pittsburgh": 2, "Cleveland": 3},
    "italian": {"New York": 3, "Boston": 3, "Philadelphia": 3, "Pittsburgh": 2},
}


@cache
def origin_city_weights(origin: str) -> np.ndarray:
    """Probability of each city for a person of ``origin``."""
    c = cities()
    w = c.weight.copy()
    for city, boost in _ORIGIN_CITY_BOOST.get(origin, {}).items():
        w[c.name == city] *= boost
    return w / w.sum()
