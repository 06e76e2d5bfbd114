"""Country names and codes mapped to ISO 3166-1 alpha-2 (pure data).

One country per line, ``CODE: alias, alias, ...`` (a code may take a second
line). Aliases are written as
:func:`~unifyid.standardise.fold_text` leaves them, with dots and hyphens
already removed (``"u s a"`` is matched both spaced and as ``"usa"``). The
alpha-2 code itself and the alpha-3 code are listed explicitly for the
countries below; any other alpha-2 code known to libphonenumber is accepted
by :func:`~unifyid.standardise.country` too.
"""

from __future__ import annotations

__all__ = ["COUNTRY_ALIASES"]

COUNTRY_ALIASES = """
US: us, usa, united states, united states of america, america, u s, u s a, the united states
GB: gb, gbr, uk, u k, united kingdom, great britain, britain, england, scotland, wales
GB: northern ireland, united kingdom of great britain and northern ireland
CA: ca, can, canada
AU: au, aus, australia
NZ: nz, nzl, new zealand, aotearoa
IE: ie, irl, ireland, republic of ireland, eire
FR: fr, fra, france
DE: de, deu, ger, germany, deutschland, federal republic of germany
ES: es, esp, spain, espana
PT: pt, prt, portugal
IT: it, ita, italy, italia
NL: nl, nld, netherlands, the netherlands, holland, nederland
BE: be, bel, belgium, belgique, belgie
LU: lu, lux, luxembourg
CH: ch, che, switzerland, schweiz, suisse, svizzera
AT: at, aut, austria, osterreich
DK: dk, dnk, denmark, danmark
SE: se, swe, sweden, sverige
NO: no, nor, norway, norge
FI: fi, fin, finland, suomi
IS: is, isl, iceland
PL: pl, pol, poland, polska
CZ: cz, cze, czechia, czech republic
SK: sk, svk, slovakia
HU: hu, hun, hungary
RO: ro, rou, romania
BG: bg, bgr, bulgaria
GR: gr, grc, greece
HR: hr, hrv, croatia
SI: si, svn, slovenia
RS: rs, srb, serbia
UA: ua, ukr, ukraine
RU: ru, rus, russia, russian federation
TR: tr, tur, turkey, turkiye
IL: il, isr, israel
AE: ae, are, uae, united arab emirates, emirates
SA: sa, sau, saudi arabia
QA: qa, qat, qatar
EG: eg, egy, egypt
MA: ma, mar, morocco
NG: ng, nga, nigeria
KE: ke, ken, kenya
ZA: za, zaf, south africa, rsa
IN: in, ind, india
PK: pk, pak, pakistan
BD: bd, bgd, bangladesh
LK: lk, lka, sri lanka
CN: cn, chn, china, peoples republic of china, prc
HK: hk, hkg, hong kong
TW: tw, twn, taiwan
JP: jp, jpn, japan
KR: kr, kor, south korea, korea, republic of korea
SG: sg, sgp, singapore
MY: my, mys, malaysia
TH: th, tha, thailand
VN: vn, vnm, vietnam, viet nam
PH: ph, phl, philippines
ID: id, idn, indonesia
MX: mx, mex, mexico
BR: br, bra, brazil, brasil
AR: ar, arg, argentina
CL: cl, chl, chile
CO: co, col, colombia
PE: pe, per, peru
VE: ve, ven, venezuela
PR: pr, pri, puerto rico
JM: jm, jam, jamaica
"""
