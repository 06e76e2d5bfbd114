"""Romanised Korean and Chinese given names, read as syllables.

A Korean or Chinese given name is two (sometimes one or three) syllables,
written run together, hyphenated or spaced (Young-Bae, Young Bae, Youngbae).
Two such names one or two letters apart are often two names, not a typo:
Yongsik and Yongho differ in a whole syllable, Wonju and Wonjun too. Letter
distance cannot tell that from Yongsik / Youngsik, two spellings of one
syllable. So a name that splits wholly into known syllables is compared
syllable by syllable: the same name only where every syllable is the same or
a spelling of it (young / yeong, seok / suk, joo / ju).

The syllables are the Korean ones common in given names, with the spellings
of the Revised and McCune-Reischauer romanisations and of everyday use, and
the toneless pinyin syllables. Single vowels are left out, so that few
Western names split at all.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["EAST_ASIAN_SURNAMES", "same_syllables", "syllables"]

#: One Korean syllable per line: its spellings.
_KOREAN = """
ga ka
gang kang
geon gun kun keon
geun keun
gi ki
gil kil
gu ku koo goo
guk kuk gook kook
gwang kwang
gyeong kyung kyeong kyoung gyung
gyu kyu
na
nam
dae
deok duk
do
dong
du doo
ra
rae
ran
rim lim
ri
ryeong ryung
ryu ryoo
ma
man
mi
min
myeong myung
mo
mu moo
mun moon
bae
beom bum
bin
bo
bok
bong
byeong byung
sa
san
sang
se
seo suh
seok suk sok
seon sun soon
seong sung
seop sub seob
si shi
sik shik
sil
su soo
song
so
ae
ah
an ahn
eun un
ui eui
il
in
ja
jae jai
jang
jeong jung joung chung
je
jeon
ji chi
jin chin
jo cho
jong chong
ju joo chu
jun joon
cha
chae
chan
chang
cheol chul chol
cheon chun
choi
ha
hae
han
ho
hong
hun hoon
hwa
hwan
hwang
hye
hyeok hyuk
hyeon hyun hyon
hyo
hui hee heui
oh
ok
tae
taek
yeon
yeong young yong
yun yoon
yeol
yul
yu yoo
wan
won
woong
wook uk
woo wu
ye
"""

_PINYIN = """
ai an ang ao
ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu
pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu
ma mai man mang mao mei men meng mi mian miao mie min ming miu mo mou mu
fa fan fang fei fen feng fo fou fu
da dai dan dang dao de dei deng di dian diao die ding diu dong dou du duan dui dun duo
ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo
na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nuo
la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu long lou lu luan lun luo
ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo
ka kai kan kang kao ke ken keng kong kou ku kua kuai kuan kuang kui kun kuo
ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo
ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun
qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun
xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun
zha zhai zhan zhang zhao zhe zhen zheng zhi zhong zhou zhu zhua zhuan zhuang zhui zhun zhuo
cha chai chan chang chao che chen cheng chi chong chou chu chuan chuang chui chun chuo
sha shai shan shang shao she shen sheng shi shou shu shua shuai shuan shuang shui shun shuo
ran rang rao re ren reng ri rong rou ru ruan rui run ruo
za zai zan zang zao ze zei zen zeng zi zong zou zu zuan zui zun zuo
ca cai can cang cao ce cen ceng ci cong cou cu cuan cui cun cuo
sa sai san sang sao se sen seng si song sou su suan sui sun suo
ya yan yang yao ye yi yin ying yong you yu yuan yue yun
wa wai wan wang wei wen weng wo wu
en eng er
"""


#: Common Korean, Chinese (pinyin and Cantonese) surnames, as standardised.
_SURNAMES = """
    kim lee yi rhee park pak bak choi choe jung jeong chung kang gang cho jo yoon yun jang chang
    lim im han oh shin sin seo suh kwon gwon hwang ahn an song jeon jun hong yoo yu ko go moon mun
    yang son bae baek paek heo hur nam noh roh ha kwak gwak sung seong cha joo ju woo koo gu min
    ryu jin chun chae won pyo byun byeon
    wang li zhang liu chen huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie
    tang feng deng cao peng zeng xiao tian dong pan yuan cai jiang du ye cheng wei su lu ding ren
    shen yao cui zhong tan fan shi liao jia xia fu fang zou xiong bai meng qin qiu hou yin xue yan
    duan lei long shao qian hao kong mao wan lai kang yi qiao
    wong chan cheung leung lau ng tsang chow lam yip kwok tse fung chiu tsui mak siu
"""
EAST_ASIAN_SURNAMES: frozenset[str] = frozenset(_SURNAMES.split())


@lru_cache(maxsize=1)
def _spellings() -> dict[str, int]:
    """Each syllable spelling -> the id of its syllable (spellings of one sound share it)."""
    out: dict[str, int] = {}
    for line in _KOREAN.strip().splitlines():
        group = len(out)
        for spelling in line.split():
            out.setdefault(spelling, group)
    for spelling in _PINYIN.split():
        out.setdefault(spelling, len(out) + 1_000_000)
    return out


_LONGEST = 6


@lru_cache(maxsize=65_536)
def syllables(name: str) -> tuple[str, ...] | None:
    """The fewest known syllables that spell ``name`` (spaces ignored), or None.

    Examples
    --------
    >>> syllables("young bae"), syllables("wonjun"), syllables("robert")
    (('young', 'bae'), ('won', 'jun'), None)
    """
    word = name.replace(" ", "")
    known = _spellings()
    n = len(word)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for end in range(1, n + 1):
        for start in range(max(0, end - _LONGEST), end):
            head = best[start]
            piece = word[start:end]
            if head is not None and piece in known:
                cand = (*head, piece)
                if best[end] is None or len(cand) < len(best[end]):  # type: ignore[arg-type]
                    best[end] = cand
    return best[n] if n else None


def same_syllables(a: str, b: str) -> bool | None:
    """Whether two names are the same syllables, each perhaps spelt differently.

    None where either name does not split into known syllables, where both are
    a single syllable, or where one is the first syllables of the other (Hye /
    Hye Min: a given name cut short, as when a middle part is dropped); then
    letters decide, as for any name.

    Examples
    --------
    >>> same_syllables("yongsik", "youngsik"), same_syllables("yongsik", "yongho")
    (True, False)
    >>> same_syllables("wonju", "wonjun"), same_syllables("hye", "hyemin")
    (False, None)
    """
    sa, sb = syllables(a), syllables(b)
    if sa is None or sb is None or (len(sa) == 1 and len(sb) == 1):
        return None
    known = _spellings()
    agree = [known[x] == known[y] for x, y in zip(sa, sb)]
    if all(agree):
        return True if len(sa) == len(sb) else None
    return False
