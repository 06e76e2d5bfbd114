"""Nickname groups of common English-language given names (pure data).

One group per line, ``canonical: diminutive variant ...`` (a long group
continues on a second line with the same canonical name). Members are
diminutives and spelling variants (katherine, catherine, kathryn) that
customers use interchangeably on different channels. Names are lower-case
ASCII, as produced by :func:`unifyid.standardise.person_name`.

Some names are given names in their own right as well as diminutives (lisa,
liam, jan, nancy, nora, sandra, stacy, megan, rose, ...). They have their own
line, so they key to themselves, and they also appear in the group they
derive from, so :func:`unifyid.standardise.nickname_keys` reports both.
Diminutives shared by several groups (alex, sam, chris, pat, terry, jo, ...)
get one deterministic key through ``PREFERRED``; otherwise the first group in
line order wins.
"""

from __future__ import annotations

__all__ = ["NICKNAME_GROUPS", "PREFERRED"]

NICKNAME_GROUPS = """
aaron: ron ronnie ronny
abigail: abby abbie abbey gail nabby
abraham: abe bram
adam: ade
adelaide: addie ada della
adrian: ade adrien
agatha: aggie
agnes: aggie nessa nessie
alan: al allan allen alun
albert: al bert bertie albie
alexander: alex alec alek al lex xander sandy sasha alexandre
alexandra: alex alexa lexi lexie sandra sandy sasha alexandria
alfred: alf alfie al fred freddie
alice: allie ally
alison: ali allie ally allison allyson alyson
amanda: mandy manda
ambrose: brose
amelia: millie mel
anastasia: stacy stacey tasia ana
andrea: andi andie
andrew: andy drew
angela: angie
anne: ann annie nan nanette nancy
anthony: tony ant antony
antonio: tony toni
archibald: archie
arnold: arnie
arthur: art artie
augustus: gus augie august
barbara: barb barbie babs bobbie
bartholomew: bart
beatrice: bea trixie bee beatrix
belinda: bel linda
benedict: ben benny
benjamin: ben benny benji benjy
bernard: bernie barney
bertha: bertie
bertram: bert bertie
beverly: bev beverley
bonita: bonnie
bradley: brad
brandon: brand
bridget: biddy bridie bridgette birdie
brittany: britt brittney
calvin: cal
cameron: cam
camille: cami millie
candace: candy candice
carl: karl
carla: carly
carol: carole caroll
caroline: carrie caro carolyn carolina
cassandra: cassie cass sandy
cecilia: cissy celia cece
charlene: charlie char
charles: charlie chuck chas chaz chip chick
charlotte: charlie lottie lotte char
cheryl: cher sheryl
chester: chet
christian: chris christy
christina: chris chrissy christy tina christine kristina kristine kristin kristen kris
christopher: chris kit topher kris christoph
claire: clare
clarence: clare
clement: clem
clifford: cliff
clinton: clint
constance: connie
cornelia: nell connie
cornelius: neil con
curtis: curt
cynthia: cindy cyndi
cyrus: cy
daniel: dan danny dannie
danielle: dani elle
darlene: darla
david: dave davy davie
deborah: debbie deb debby debra debora dee
delbert: del
delores: dee lola dolores
daisy:
dennis: denny den
derek: derrick
desmond: des
diana: di dee
dominic: dom dominick
donald: don donny donnie
dorothy: dot dottie dolly dora
douglas: doug dougie
edgar: ed eddie
edith: edie
edmund: ed eddie ned ted edmond
edward: ed eddie eddy ted teddy ned ward
edwin: ed eddie win
eleanor: ellie nell nellie nora elle elinor leonora lenora
elias: eli
elijah: eli
elizabeth: liz lizzie lizzy liza beth betty bette bess bessie betsy eliza libby elisabeth
elizabeth: elspeth lisbeth elsie lisa
ellen: ellie nell
elliott: eli elliot
emanuel: manny emmanuel manuel
emily: em emmy emmie millie emilie
emma: em emmy
eric: rick ricky erik
erica: rica erika
ernest: ernie
esther: essie hetty
eugene: gene
eugenia: gena genie
evangeline: eva vangie
evelyn: evie eve
ezekiel: zeke
felicity: fliss
ferdinand: ferdie ferdy
florence: flo flossie
frances: fran frannie fanny francie
francis: frank frankie fran
franklin: frank frankie
frederick: fred freddie freddy fritz frederic
frederica: freda freddie
gabriel: gabe
gabrielle: gabby gabi gaby brie gabriella
gary: garry
genevieve: gen genny
george: georgie
georgina: georgie gina
gerald: gerry jerry
gertrude: gertie trudy
gilbert: gil bert
giovanni: gianni
gloria: glory
gordon: gordy
grace: gracie
gregory: greg gregg
gwendolyn: gwen wendy
harold: harry hal
harriet: hattie hatty
harrison: harry
helen: nell nellie lena ellen helena
henry: harry hank hal hen
herbert: herb bert
hilary: hilly hillary
howard: howie
hubert: bert hub
hugh: hughie
ignatius: iggy
irene: rene reenie
isaac: ike
isabella: bella izzy isabel isabelle issy
isidore: izzy
jacob: jake
jacqueline: jackie jacqui jacky
james: jim jimmy jimmie jamie jem
jane: janie
jan:
janet: jan
janice: jan
jasmine: jaz jazz jas
jedidiah: jed
jeffrey: jeff jeffery geoffrey geoff
jemima: jem mima
jennifer: jen jenny jenn jennie jenni
jeremy: jerry jem
jerome: jerry
jessica: jess jessie jessi
joan: joanie jo
joanna: jo joanne joann
jocelyn: joss jocelin
john: jack johnny johnnie jackie jock jon
jonathan: jon jonny jonnie jonty
jordan: jordy
joseph: joe joey jo
josephine: jo josie jojo
joshua: josh
judith: judy jude
julia: julie jules
julian: jules
katherine: kate katie katy kathy cathy kat cat kit kitty kay catherine kathryn katharine kathleen
kathleen: kath kathy cathy
kenneth: ken kenny
kimberly: kim kimmy kimberley
laura: laurie lori
lawrence: larry laurie laurence lawrie
leonard: leo len lenny lennie
leonardo: leo
leopold: leo
leslie: les lesley
liam:
lillian: lily lil lilly lillie
lincoln: linc
linda: lindy
lisa:
lorraine: lori
louis: lou louie lewis lew
louise: lou lulu louisa
lucas: luke
lucille: lucy lu
lucinda: lucy cindy
lucy: lucie
lydia: liddy
mackenzie: kenzie mack
madeline: maddie maddy madeleine madelyn
madison: maddie maddy
malcolm: mal
margaret: maggie mags meg peggy peg marge margie madge greta gretchen margo margot maisie daisy
marjorie: marge margie marjory
mark: marc marcus
martha: marty mattie matty patsy
martin: marty
marvin: marv
mary: molly polly mae mamie mitzi minnie
matilda: tilly tillie mattie maud
matthew: matt matty mat
maureen: mo
maximilian: max
maxine: max
maxwell: max
megan: meg meggie meghan
melanie: mel
melissa: mel missy lissa
melvin: mel
mervyn: merv
michael: mike mikey mick mickey micky
michelle: shelly shelley chelle michele
mildred: millie milly
millicent: millie milly
miriam: mimi
mitchell: mitch
montgomery: monty
mortimer: mort morty
moses: mo moe
nancy: nan nance
natalie: nat natty nathalie
nathan: nate nat
nathaniel: nate nat nathan natty
nicholas: nick nicky nico nic nicolas nik
nicole: nicki nikki nic nicky nicola
nora:
norbert: norb bert
norman: norm
octavia: tavia
oliver: ollie noll
olivia: liv livvy livy ollie
oswald: ozzie oz
pamela: pam pammy
patience: patty
patricia: pat patty patti tricia trish trisha patsy
patrick: pat paddy
penelope: penny pen
percival: percy
peter: pete
philip: phil pip phillip
philippa: pippa pip
phoebe: phebe
priscilla: cilla prissy
prudence: pru prudy
quentin: quin
rachel: rach rae
randall: randy rand
randolph: randy rand
raphael: rafe raf
raymond: ray
rebecca: becky becca beck reba
reginald: reg reggie
regina: gina reggie
reuben: rube
ricardo: ricky rico
richard: rick ricky rich richie dick dickie
robert: bob bobby rob robbie robby bert bobbie
roberta: bobbie robbie berta
roderick: rod roddy rick
rodney: rod
roger: rog
roland: rollo roly
ronald: ron ronnie ronny
rosalind: ros roz
rose: rosie
rosemary: rose rosie romy
rudolph: rudy rudi dolph
rupert: rupe
russell: russ rusty
ruth: ruthie
sabrina: bree brina
salvatore: sal
samantha: sam sammy sammie
samuel: sam sammy sammie
sandra: sandy sandi
sarah: sally sadie sara sal
sebastian: seb bastian
seymour: sy
shirley: shirl
sidney: sid sydney
silas: si
simon: si sim
solomon: sol
sophia: sophie soph sofia
stacy: stacey
stanley: stan
stephanie: steph stephie stefanie
stephen: steve stevie steven stephan stefan
stuart: stu stewart
sullivan: sully
susan: sue susie suzy susanne suzanne susanna susannah
tabitha: tabby
tamara: tammy tam
tatiana: tanya tata
terence: terry terrance terrence
teresa: terri terry tess tessa tessie theresa
thaddeus: thad tad
theodore: ted teddy theo
thomas: tom tommy thom
tiffany: tiff
timothy: tim timmy
tobias: toby
valerie: val
vanessa: nessa ness
vernon: vern
veronica: ronnie roni
victor: vic
victoria: vicky vicki vickie tori torie
vincent: vince vinny vinnie
viola: vi
violet: vi
virginia: ginny ginger
vivian: viv
wallace: wally
walter: walt wally
wesley: wes
wilbur: wil
wilfred: wilf
wilhelmina: mina minnie willa billie
william: bill billy billie will willie willy wil liam
winifred: winnie freda
winston: win winnie
xavier: xavi
yolanda: yoli
yvonne: vonnie
zachary: zach zack zak zac
zebediah: zeb
"""

#: Deterministic key for diminutives shared by several groups, where the
#: first group in line order would be a poor choice.
PREFERRED: dict[str, str] = {
    "aggie": "agnes",
    "al": "albert",
    "alex": "alexander",
    "ben": "benjamin",
    "benny": "benjamin",
    "bert": "albert",
    "bertie": "albert",
    "billie": "william",
    "bobbie": "robert",
    "cathy": "katherine",
    "char": "charlotte",
    "charlie": "charles",
    "chris": "christopher",
    "christy": "christina",
    "dee": "deborah",
    "ed": "edward",
    "eddie": "edward",
    "eli": "elijah",
    "ellie": "eleanor",
    "em": "emma",
    "emmy": "emma",
    "fran": "frances",
    "frank": "francis",
    "frankie": "francis",
    "fred": "frederick",
    "freddie": "frederick",
    "gina": "georgina",
    "hal": "henry",
    "harry": "henry",
    "izzy": "isabella",
    "jackie": "john",
    "jan": "janet",
    "jem": "james",
    "jerry": "gerald",
    "jo": "joanna",
    "jon": "jonathan",
    "jules": "julia",
    "kathy": "katherine",
    "kris": "christopher",
    "laurie": "laura",
    "leo": "leonard",
    "lori": "laura",
    "lou": "louis",
    "maddie": "madeline",
    "maddy": "madeline",
    "marge": "margaret",
    "margie": "margaret",
    "marty": "martin",
    "mattie": "martha",
    "matty": "matthew",
    "max": "maximilian",
    "mel": "melissa",
    "millie": "mildred",
    "milly": "mildred",
    "minnie": "mary",
    "mo": "maureen",
    "nan": "anne",
    "nat": "nathaniel",
    "nate": "nathan",
    "ned": "edward",
    "nell": "eleanor",
    "nellie": "eleanor",
    "nessa": "vanessa",
    "nic": "nicholas",
    "nicky": "nicholas",
    "ollie": "oliver",
    "pat": "patricia",
    "patsy": "patricia",
    "patty": "patricia",
    "pip": "philip",
    "randy": "randall",
    "reggie": "reginald",
    "rick": "richard",
    "ricky": "richard",
    "robbie": "robert",
    "rod": "rodney",
    "ron": "ronald",
    "ronnie": "ronald",
    "ronny": "ronald",
    "rosie": "rose",
    "sal": "salvatore",
    "sam": "samuel",
    "sammie": "samuel",
    "sammy": "samuel",
    "sandy": "sandra",
    "sasha": "alexander",
    "stacey": "stacy",
    "si": "simon",
    "ted": "edward",
    "teddy": "edward",
    "terry": "terence",
    "tony": "anthony",
    "vi": "violet",
    "wally": "walter",
    "wil": "william",
    "win": "winston",
    "winnie": "winifred",
}
