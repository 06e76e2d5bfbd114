"""Name tables for the synthetic customer generator.

How often two strangers share a name decides how hard names-only evidence is,
so people draw their names from the population shares of the 1990 US Census
name files (``_data/*.tsv``: 10,000 surnames, 1,219 male and 2,000 female
first names): a few very common names ("James", "Mary", "Smith") shared by
many strangers and a long tail of rare ones. Two random people share a surname
with probability about 7e-4, as in the census; a list of a thousand
rank-weighted surnames would make it 3e-3 and every names-only match four times
more ambiguous than real customer data.

The curated lists below add what the census files lack: non-ASCII and
punctuated spellings (José, Zoë, Müller, O'Brien, Smith-Jones) that vary
between channels, and names from outside the census lists (Wei, Okafor).
"""

from __future__ import annotations

import unicodedata
from importlib import resources

import numpy as np

__all__ = [
    "COMMON_FULL_NAMES",
    "FEMALE_FIRST_NAMES",
    "LAST_NAMES",
    "MALE_FIRST_NAMES",
    "NICKNAMES",
    "TWIN_NAME_PAIRS",
    "census_table",
]


def _words(text: str) -> tuple[str, ...]:
    """The whitespace-separated names of a block of text, in order."""
    return tuple(text.split())


MALE_FIRST_NAMES: tuple[str, ...] = _words(
    """
    James Robert John Michael David William Richard Joseph Thomas Christopher Charles
    Daniel Matthew Anthony Mark Donald Steven Andrew Paul Joshua Kenneth Kevin Brian
    Timothy Ronald George Jason Edward Jeffrey Ryan Jacob Nicholas Gary Eric Jonathan
    Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander Patrick Frank
    Raymond Jack Dennis Jerry Tyler Aaron José Adam Nathan Henry Zachary Douglas Peter
    Kyle Noah Ethan Jeremy Christian Walter Keith Austin Roger Terry Sean Gerald Carl
    Dylan Harold Jordan Jesse Bryan Lawrence Arthur Gabriel Bruce Logan Billy Joe Alan
    Juan Elijah Willie Albert Wayne Randy Mason Vincent Liam Roy Bobby Caleb Bradley
    Russell Lucas Eugene Ralph Louis Philip Johnny Luis Carlos Isaac Howard Stanley
    Jimmy Shawn Travis Victor Martin Craig Jesús Antonio Luke Curtis Alex Miguel Oscar
    Jorge Frederick Theodore Derek Evan Owen Julian Adrian Manuel Marcus Ricardo
    Francisco Omar Hector André Leo Wei Hiroshi Raj Mohammed Ahmed Dmitri Björn François
    Mateo Diego Javier Sebastian Xavier Tobias Felix Hugo Rafael Emilio Cedric Darnell
    Jamal Malik Tyrone DeShawn Trevor Grant Spencer Colin Declan Ian Seamus Lars Sven
    Nikolai Pedro Ramón Joaquín Tomás Ángel Cheng Hao Arjun Vikram Kwame Jürgen Søren
    """
)

FEMALE_FIRST_NAMES: tuple[str, ...] = _words(
    """
    Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy
    Betty Sandra Margaret Ashley Kimberly Emily Donna Michelle Carol Amanda Melissa
    Deborah Stephanie Dorothy Rebecca Sharon Laura Cynthia Amy Kathleen Angela Shirley
    Brenda Emma Anna Pamela Nicole Samantha Katherine Christine Helen Debra Rachel
    Carolyn Janet Maria Catherine Heather Diane Olivia Julie Joyce Victoria Ruth
    Virginia Lauren Kelly Christina Joan Evelyn Judith Andrea Hannah Megan Cheryl
    Jacqueline Martha Madison Theresa Gloria Sara Janice Ann Kathryn Abigail Sophia
    Frances Jean Alice Judy Isabella Julia Grace Amber Denise Danielle Marilyn Beverly
    Charlotte Natalie Diana Brittany Doris Kayla Alexis Lori Marie Josephine Chloé Zoë
    Renée Sofía Lucía Inés Mónica Noémie Ava Mia Harper Ella Aria Scarlett Layla Nora
    Lily Eleanor Hazel Aurora Penelope Riley Zoey Stella Naomi Leah Audrey Claire Lucy
    Paisley Everly Savannah Camila Valentina Gabriela Ximena Guadalupe Rosa Carmen
    Yolanda Priya Aisha Fatima Mei Yuki Ingrid Astrid Siobhan Aoife Margarita Beatriz
    Alejandra Daniela Paula Tiffany Crystal Erin Tina Wendy Rose Veronica Vanessa
    Monique Keisha Latoya Ebony Tamika Jasmine Destiny Elif Ngozi
    """
)

LAST_NAMES: tuple[str, ...] = _words(
    """
    Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez
    Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson
    White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright
    Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell
    Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins
    Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper
    Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez
    Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel
    Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman
    Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson
    Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant
    Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens
    Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman
    Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva
    Shaw Snyder Mason Dixon Muñoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd
    Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson
    Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins
    Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley Knight Elliott Cunningham
    Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado Berry Perkins
    Hoffman Johnston Matthews Peña Richards Contreras Willis Carpenter Lawrence Sandoval
    Guerrero George Chapman Rios Estrada Ortega Watkins Greene Núñez Wheeler Valdez
    Harper Burke Larson Santiago Maldonado Morrison Franklin Carlson Austin Dominguez
    Carr Lawson Jacobs O'Brien Lynch Singh Vega Bishop Montgomery Oliver Jensen Harvey
    Williamson Gilbert Dean Sims Espinoza Howell Li Wong Reid Hanson Le McCoy Garrett
    Burton Fuller Wang Weber Welch Rojas Lucas Marquez Fields Park Yang Little Banks
    Padilla Day Walsh Bowman Schultz Luna Fowler Mejia Davidson Acosta Brewer May
    Holland Juarez Newman Pearson Curtis Cortez Douglas Schneider Joseph Barrett Navarro
    Figueroa Keller Avila Wade Molina Stanley Hopkins Campos Barnett Bates Chambers
    Caldwell Beck Lambert Miranda Byrd Craig Ayala Lowe Frazier Powers Neal Leonard
    Gregory Carrillo Sutton Fleming Rhodes Shelton Schwartz Norris Jennings Watts Duran
    Walters Cohen McDaniel Moran Parks Steele Vaughn Becker Holt Deleon Barker Terry
    Hale Leon Benson Haynes Horton Miles Lyons Pham Graves Bush Thornton Wolfe Warner
    Cabrera McKinney Mann Zimmerman Dawson Lara Fletcher Page McCarthy Love Robles
    Cervantes Solis Erickson Reeves Chang Klein Salinas Fuentes Baldwin Daniel Simon
    Velasquez Hardy Higgins Aguirre Lin Cummings Chandler Sharp Barber Bowen Ochoa Dennis
    Robbins Liu Ramsey Francis Griffith Paul Blair O'Connor Cardenas Pacheco Cross
    Calderon Quinn Moss Swanson Chan Rivas Khan Rodgers Serrano Fitzgerald Rosales
    Stevenson Christensen Manning Gill Curry McLaughlin Harmon McGee Gross Doyle Garner
    Newton Burgess Reese Walton Blake Trujillo Adkins Brady Goodman Roman Webster
    Goodwin Fischer Huang Potter Delacruz Montoya Todd Wu Hines Mullins Castaneda Malone
    Cannon Tate Mack Sherman Hubbard Hodges Zhang Guerra Wolf Valencia Saunders Franco
    Rowe Gallagher Farmer Hammond Hampton Townsend Ingram Wise Gallegos Clarke Barton
    Schröder Maxwell Waters Logan Camacho Strickland Norman Colon Parsons Frank
    Harrington Glover Osborne Buchanan Casey Floyd Patton Ibarra Ball Tyler Suarez Bowers
    Orozco Salas Cobb Gibbs Andrade Bauer Conner Moody Escobar McGuire Lloyd Müller
    Hartman French Kramer McBride Pope Lindsey Velazquez Norton McCormick Sparks Flynn
    Yates Hogan Marsh Macias Villanueva Zamora Pratt Stokes Owen Ballard Lang Brock
    Villarreal Charles Drake Barrera Cain Patrick Pineda Burnett Mercado Santana
    Shepherd Bautista Ali Shaffer Lamb Trevino McKenzie Hess Olsen Cochran Morton Nash
    Wilkins Petersen Briggs Shah Roth Nicholson Holloway Lozano Rangel Flowers Hoover
    Short Arias Mora Valenzuela Bryan Meyers Weiss Underwood Bass Greer Summers Houston
    Carson Morrow Clayton Whitaker Decker Yoder Collier Zuniga Carey Wilcox Melendez
    Poole Roberson Larsen Conley Davenport Copeland Massey Lam Huff Rocha Cameron
    Jefferson Hood Monroe Anthony Pittman Huynh Randall Singleton Kirk Combs Mathis
    Christian Skinner Bradford Richard Galvan Wall Boone Kirby Wilkinson Bridges Bruce
    Atkinson Velez Meza Roy Vincent York Hodge Villa Abbott Allison Tapia Gates Chase
    Sosa Sweeney Farrell Wyatt Dalton Horn Barron Phelps Yu Dickerson Heath Foley Atkins
    Mathews Bonilla Acevedo Benitez Zavala Hensley Glenn Cisneros Harrell Shields Rubio
    Huffman Choi Boyer Garrison Arroyo Bond Kane Hancock Callahan Dillon Cline Wiggins
    Grimes Arellano Melton O'Neill Savage Ho Beltran Pitts Parrish Ponce Rich Booth Koch
    Golden Ware Brennan McDowell Marks Cantu Humphrey Baxter Sawyer Clay Tanner
    Hutchinson Kaur Berg Wiley Gilmore Russo Villegas Hobbs Keith Wilkerson Ahmed Beard
    McClain Montes Mata Rosario Vang Walter Henson O'Neal Mosley McClure Beasley
    Stephenson Snow Huerta Preston Vance Barry Johns Eaton Blackwell Dyer Prince
    MacDonald Solomon Guevara Stafford English Hurst Woodard Cortes Shannon Kemp Nolan
    McCullough Merritt Murillo Moon Salgado Strong Kline Cordova Barajas Roach Rosas
    Winters Jacobson Lester Knox Bullock Kerr Leach Meadows Davila Orr Whitehead Pruitt
    Kent Conway McKee Barr David Dejesus Marin Berger McIntyre Blankenship Gaines
    Palacios Cuevas Bartlett Durham Dorsey McCall O'Donnell Stein Browning Stout Lowery
    Sloan McLean Hendricks Calhoun Sexton Chung Gentry Hull Duarte Ellison Nielsen
    Gillespie Buck Middleton Sellers Leblanc Esparza Hardin Bradshaw McIntosh Howe
    Livingston Frost Glass Morse Knapp Herman Stark Bravo Noble Spears Weeks Corona
    Frederick Buckley McFarland Hebert Enriquez Hickman Quintero Randolph Schaefer Walls
    Trejo House Reilly Pennington Conrad Giles Crosby Fitzpatrick Donovan Mays Mahoney
    Valentine Raymond Medrano Hahn McMillan Small Bentley Felix Peck Lucero Boyle Hanna
    Pace Rush Hurley Harding McConnell Bernal Nava Ayers Everett Ventura Avery Pugh
    Mayer Bender Shepard McMahon Landry Case Sampson Moses Magana Blackburn Dunlap Gould
    Duffy Vaughan Herring McKay Espinosa Rivers Farley Bernard Ashley Friedman Potts
    Truong Costa Correa Blevins Nixon Clements Fry Delarosa Best Benton Lugo Portillo
    Dougherty Crane Haley Phan Villalobos Blanchard Horne Finley Quintana Lynn Esquivel
    Bean Dodson Mullen Xiong Hayden Cano Levy Huber Richmond Moyer Lim Frye Sheppard
    McCarty Avalos Booker Waller Parra Woodward Jaramillo Krueger Rasmussen Brandt
    Peralta Donaldson Stuart Faulkner Maynard Galindo Coffey Estes Sanford Burch Maddox
    Vo O'Connell Vu Andersen Spence McPherson Church Schmitt Stanton Leal Cherry Compton
    Dudley Sierra Pollard Alfaro Hester Proctor Lu Hinton Novak Good Madden McCann
    Terrell Jarvis Dickson Reyna Cantrell Mayo Branch Hendrix Rollins Rowland Whitney
    Duke Odom Daugherty Travis Tang Archer Smith-Jones Ibáñez Kowalczyk García-López
    Öztürk Nakamura Takahashi Okafor Adeyemi Haddad Rossi Bianchi Dubois Lefèvre
    Jankowski Novotný Åberg Sørensen
    """
)

#: Super-common full names injected at a controlled rate so that many unrelated
#: people share exactly the same first and last name.
COMMON_FULL_NAMES: tuple[tuple[str, str], ...] = (
    ("John", "Smith"),
    ("Maria", "Garcia"),
    ("Michael", "Johnson"),
    ("James", "Williams"),
    ("Robert", "Brown"),
    ("Mary", "Jones"),
    ("David", "Miller"),
    ("José", "Rodriguez"),
    ("Jennifer", "Davis"),
    ("Maria", "Hernandez"),
    ("William", "Johnson"),
    ("Linda", "Martinez"),
)

#: Canonical given name -> informal variants people use in some channels.
NICKNAMES: dict[str, tuple[str, ...]] = {
    "Robert": ("Bob", "Rob", "Bobby", "Robbie"),
    "William": ("Bill", "Will", "Billy", "Liam"),
    "James": ("Jim", "Jimmy", "Jamie"),
    "John": ("Jack", "Johnny"),
    "Richard": ("Rick", "Rich", "Dick", "Richie"),
    "Michael": ("Mike", "Mikey", "Mick"),
    "Thomas": ("Tom", "Tommy"),
    "Christopher": ("Chris", "Topher"),
    "Daniel": ("Dan", "Danny"),
    "Matthew": ("Matt",),
    "Anthony": ("Tony",),
    "Joseph": ("Joe", "Joey"),
    "Charles": ("Charlie", "Chuck"),
    "David": ("Dave", "Davey"),
    "Steven": ("Steve",),
    "Edward": ("Ed", "Eddie", "Ted", "Ned"),
    "Benjamin": ("Ben", "Benny"),
    "Nicholas": ("Nick", "Nicky"),
    "Alexander": ("Alex", "Xander", "Sasha"),
    "Jonathan": ("Jon", "Johnny"),
    "Samuel": ("Sam", "Sammy"),
    "Timothy": ("Tim", "Timmy"),
    "Andrew": ("Andy", "Drew"),
    "Kenneth": ("Ken", "Kenny"),
    "Patrick": ("Pat", "Paddy"),
    "Gregory": ("Greg",),
    "Lawrence": ("Larry",),
    "Gerald": ("Jerry",),
    "Frederick": ("Fred", "Freddie"),
    "Theodore": ("Ted", "Teddy", "Theo"),
    "Elizabeth": ("Liz", "Beth", "Betty", "Lizzie", "Eliza"),
    "Margaret": ("Peggy", "Maggie", "Meg"),
    "Katherine": ("Kate", "Katie", "Kathy", "Kat"),
    "Catherine": ("Cathy", "Cate", "Cat"),
    "Jennifer": ("Jen", "Jenny"),
    "Patricia": ("Pat", "Patty", "Trish"),
    "Susan": ("Sue", "Susie"),
    "Deborah": ("Deb", "Debbie"),
    "Rebecca": ("Becky", "Becca"),
    "Jessica": ("Jess", "Jessie"),
    "Christina": ("Chris", "Tina"),
    "Victoria": ("Vicky", "Tori"),
    "Samantha": ("Sam", "Sammie"),
    "Abigail": ("Abby",),
    "Kimberly": ("Kim",),
    "Pamela": ("Pam",),
    "Barbara": ("Barb", "Barbie"),
    "Dorothy": ("Dot", "Dottie"),
    "Josephine": ("Jo", "Josie"),
    "Stephanie": ("Steph",),
    "Jacqueline": ("Jackie",),
    "Theresa": ("Terry", "Tess"),
    "Amanda": ("Mandy",),
    "Melissa": ("Mel", "Missy"),
}

#: Given names for twins, often deliberately similar ("Daniel"/"Danielle").
TWIN_NAME_PAIRS: tuple[tuple[str, str], ...] = (
    ("Daniel", "Danielle"),
    ("Adrian", "Adriana"),
    ("Eric", "Erica"),
    ("Christian", "Christina"),
    ("Paul", "Paula"),
    ("Gabriel", "Gabriela"),
    ("Julian", "Juliana"),
    ("Alexander", "Alexandra"),
    ("Samuel", "Samantha"),
    ("Michael", "Michelle"),
    ("Nicholas", "Nicole"),
    ("Joseph", "Josephine"),
    ("Brian", "Brianna"),
    ("Justin", "Justine"),
    ("Aaron", "Erin"),
    ("Ethan", "Evan"),
    ("Mason", "Madison"),
    ("Ava", "Eva"),
    ("Kayla", "Kyla"),
    ("Jaden", "Jayden"),
)


def _fold(name: str) -> str:
    """``name`` without accents, punctuation or case: how the census files spell it."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain if ch.isalpha()).upper()


def census_table(
    file: str, curated: tuple[str, ...], tail_from: int
) -> tuple[tuple[str, ...], np.ndarray]:
    """Names of a census file merged with ``curated`` ones, and the probability of each.

    A curated spelling replaces the census name it folds to (José for JOSE); a
    curated name the census lacks gets the share of the census name ranked
    1,000th (uncommon, not rare). The population share the file does not list
    (people with rarer names) is spread evenly over the names ranked after
    ``tail_from``, which slightly overstates how often rare names repeat.
    """
    text = resources.files(__package__).joinpath("_data", file).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    names = [name for name, _ in rows]
    share = np.array([float(pct) for _, pct in rows]) / 100.0
    position = {_fold(name): i for i, name in enumerate(names)}
    extra = []
    for name in curated:
        i = position.get(_fold(name))
        if i is None:
            extra.append(name)
        else:
            names[i] = name
    rare = share[min(999, share.size - 1)]
    weights = np.concatenate([share, np.full(len(extra), rare)])
    weights[tail_from : share.size] += max(0.0, 1.0 - weights.sum()) / (share.size - tail_from)
    return (*names, *extra), weights / weights.sum()
