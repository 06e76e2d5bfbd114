"""Name tables of the independent generator, written for it alone (no shared lists).

Each table is one string of comma-separated entries ``Spelling|Variant|...:weight``.
The first spelling is the usual one; the others are romanisations or spellings the
same person is also written under. A missing weight means rank-based (Zipf-like)
frequency, so the first entries of a list cover most people, as in real data.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

__all__ = ["NICKNAMES", "ORIGINS", "SYLLABLES", "NameTable", "given_table", "surname_table"]

#: Origins a person can be drawn from (keys of ``origin_mix``).
ORIGINS: tuple[str, ...] = (
    "anglo",
    "hispanic",
    "korean",
    "chinese",
    "indian",
    "vietnamese",
    "arabic",
    "east_european",
    "italian",
)

_SURNAMES = {
    "anglo": """Smith:1.0,Johnson:.8,Williams:.7,Brown:.62,Jones:.6,Miller:.5,Davis:.48,Wilson:.34,
        Anderson:.31,Taylor:.31,Thomas:.3,Moore:.28,Martin:.27,Jackson:.27,Thompson:.27,White:.26,
        Harris:.24,Clark:.23,Lewis:.22,Robinson:.21,Walker:.21,Young:.2,Allen:.2,King:.19,
        Wright:.19,Scott:.18,Hill:.18,Green:.17,Adams:.17,Baker:.17,Nelson:.16,Carter:.16,
        Mitchell:.16,Roberts:.15,Turner:.15,Phillips:.15,Campbell:.15,Parker:.14,Evans:.14,
        Edwards:.13,Collins:.13,Stewart:.13,Morris:.12,Murphy:.12,Cook:.12,Rogers:.12,Morgan:.11,
        Cooper:.11,Peterson|Petersen:.11,Reed|Reid:.11,Bailey:.1,Bell:.1,Kelly|Kelley:.1,
        Howard:.1,Ward:.1,Cox:.1,Richardson:.1,Wood:.09,Watson:.09,Brooks:.09,Bennett:.09,
        Gray|Grey:.09,James:.09,Hughes:.08,Price:.08,Sanders:.08,Myers|Meyers:.08,Long:.08,
        Ross:.08,Foster:.08,Powell:.07,Jenkins:.07,Perry:.07,Russell:.07,Sullivan:.07,
        Fisher:.07,Henderson:.07,Coleman:.07,Simmons:.07,Patterson:.07,Jordan:.06,
        Reynolds:.06,Hamilton:.06,Graham:.06,Wallace:.06,Cole:.06,West:.06,Stone:.06,
        Hayes:.06,Meyer|Meier:.06,Ford:.06,Marshall:.06,Owens:.05,Harrison:.05,Gibson:.05,
        Kennedy:.05,Wells:.05,Tucker:.05,Porter:.05,Hunter:.05,Hicks:.05,Crawford:.05,
        Henry:.05,Boyd:.05,Mason:.05,Warren:.05,Dixon:.05,Burns:.05,Gordon:.05,Shaw:.04,
        Holmes:.04,Rice:.04,Hunt:.04,Black:.04,Daniels:.04,Palmer:.04,Mills:.04,Grant:.04,
        Knight:.04,Ferguson:.04,Rose:.04,McDonald|MacDonald:.04,O'Brien|OBrien:.04,
        O'Connor|OConnor:.03,McCarthy:.03,Schmidt:.04,Schneider:.03,Mueller|Muller:.03,
        Fischer:.03,Weber:.03,Wagner:.03,Becker:.03,Hoffman|Hoffmann:.03,Klein:.03,
        Larson|Larsen:.03,Olson|Olsen:.03,Hansen|Hanson:.03,Nielsen:.02,Lindgren:.02,
        Dubois:.02,Lambert:.02,Fontaine:.02,Lefebvre:.01,Nguyen:.03,Washington:.03""",
    "hispanic": """Garcia:1.0,Rodriguez:.9,Martinez:.88,Hernandez:.86,Lopez:.8,
        Gonzalez|Gonzales:.78,Perez:.6,Sanchez:.55,Ramirez:.53,Torres:.45,Flores:.44,Rivera:.43,Gomez:.4,Diaz:.39,
        Cruz:.3,Reyes:.3,Morales:.3,Ortiz:.26,Gutierrez:.26,Chavez:.25,Ramos:.24,Ruiz:.22,
        Alvarez:.22,Mendoza:.22,Vasquez|Vazquez:.22,Castillo:.2,Jimenez:.2,Moreno:.2,
        Romero:.19,Herrera:.19,Medina:.17,Aguilar:.16,Garza:.15,Castro:.15,Vargas:.15,
        Fernandez:.15,Guzman:.14,Munoz|Muñoz:.14,Mendez:.13,Salazar:.13,Soto:.12,Delgado:.12,
        Pena|Peña:.12,Rios:.12,Alvarado:.12,Sandoval:.11,Contreras:.11,Valdez:.11,Guerrero:.1,
        Ortega:.1,Estrada:.1,Nunez|Nuñez:.1,Maldonado:.1,Vega:.1,Dominguez:.09,Rojas:.09,
        Espinoza:.09,Navarro:.09,Acosta:.08,Figueroa:.08,Campos:.08,Silva:.08,Cabrera:.07,
        De la Cruz|Delacruz|De La Cruz:.07,Santiago:.07,Fuentes:.06,Ibarra:.06,Cervantes:.06""",
    "korean": """Kim|Gim:21.5,Lee|Yi|Rhee|Rhie:14.7,Park|Pak|Bak:8.4,Choi|Choe:4.7,
        Jung|Jeong|Chung|Joung:4.3,Kang|Gang:2.3,Cho|Jo:2.1,Yoon|Yun:2.0,Jang|Chang:2.0,
        Lim|Im|Rim:1.7,Han:1.5,Oh:1.5,Seo|Suh:1.5,Shin|Sin:1.4,Kwon|Gwon:1.4,Hwang:1.4,
        Ahn|An:1.3,Song:1.3,Yoo|Yu|Ryu:1.2,Hong:1.1,Jeon|Chun|Jun:1.1,Ko|Go:.9,Moon|Mun:.9,
        Yang:.9,Son|Sohn:.9,Bae|Pae:.8,Baek|Paik|Baik:.7,Heo|Huh|Hur:.6,Nam:.5,Noh|Roh:.4""",
    "chinese": """Wang:7.1,Li|Lee:7.0,Zhang|Chang|Cheung:6.7,Liu|Lau:5.4,Chen|Chan:4.6,Yang:3.1,
        Huang|Wong:2.2,Zhao|Chao:2.0,Wu|Ng:2.0,Zhou|Chow:1.9,Xu|Hsu:1.5,Sun:1.4,Ma:1.3,
        Zhu|Chu:1.2,Hu:1.1,Guo|Kwok:1.1,He|Ho:1.0,Lin|Lam:1.0,Gao|Kao:.9,Luo|Lo:.9,
        Zheng|Cheng:.8,Liang|Leung:.7,Xie|Tse:.6,Song:.6,Tang:.6,Han:.5,Feng|Fung:.5,
        Deng|Tang:.5,Cao|Tsao:.5,Peng:.5,Zeng|Tsang:.4,Xiao|Siu:.4,Tian:.4,Dong|Tung:.4""",
    "indian": """Patel:3.0,Shah:1.2,Singh:2.2,Kumar:1.8,Sharma:1.2,Gupta:.9,Reddy:.7,Rao:.6,
        Iyer:.4,Desai:.5,Mehta:.5,Joshi:.5,Agarwal|Aggarwal:.4,Chopra:.3,Kapoor:.3,Malhotra:.3,
        Nair:.4,Menon:.3,Pillai:.3,Verma:.4,Mishra:.3,Pandey:.3,Bhatt|Bhat:.3,Das:.4,Ghosh:.3,
        Banerjee|Bannerjee:.3,Chatterjee:.3,Mukherjee:.3,Srinivasan:.2,Krishnan:.2,Naidu:.2,
        Trivedi:.2,Kaur:.6,Gill:.3,Sandhu:.2,Khanna:.2,Sethi:.2,Bose:.2,Saxena:.2,Jain:.4""",
    "vietnamese": """Nguyen|Nguyễn:40,Tran:11,Le|Lê:9.5,Pham:7.1,Hoang|Huynh:5.1,Phan:4.5,
        Vu|Vo:3.9,Dang:2.1,Bui:2.0,Do:1.4,Ho:1.3,Ngo:1.3,Duong:1.0,Ly|Ly:.5,Truong:.9,
        Dinh:.7,Lam:.6,Mai:.5,Trinh:.4,Luong:.4""",
    "arabic": """Ali:1.0,Khan:1.0,Ahmed|Ahmad:.9,Hassan|Hasan:.8,Mohamed|Mohammed|Muhammad:.7,
        Hussein|Hussain|Husain:.6,Ibrahim:.5,Mahmoud|Mahmood:.5,Abdullah|Abdalla:.4,
        Al-Sayed|Al Sayed|Alsayed|El-Sayed:.4,Saleh|Salih:.3,Haddad:.3,Khalil:.3,Nasser|Nasr:.3,
        Omar|Umar:.3,Yousef|Youssef|Yusuf:.3,Mansour|Mansur:.2,Farah:.2,Aziz:.2,
        Al-Amin|Al Amin|Alamin:.2,Hamdan:.2,Rahman:.3,Qureshi|Kureshi:.2,Siddiqui:.2,
        Malik:.3,Sheikh|Shaikh:.2,Abboud:.1,Darwish:.1,Jaber:.1,Karim:.2""",
    "east_european": """Kowalski:.5,Nowak:.6,Wisniewski|Wiśniewski:.3,Wojcik|Wójcik:.3,Kaminski:.3,
        Lewandowski:.3,Zielinski:.2,Szymanski:.2,Ivanov|Ivanoff:.6,Petrov|Petroff:.4,
        Smirnov|Smirnoff:.4,Sokolov:.3,Popov:.3,Kuznetsov:.3,Volkov:.2,Novak:.5,Horvath:.4,
        Kovacs:.4,Nagy:.4,Popescu:.3,Ionescu:.2,Shevchenko:.3,Bondarenko:.3,Kovalenko:.3,
        Kravchenko:.2,Dvorak:.2,Svoboda:.2,Novotny:.2,Petrovic:.2,Jovanovic:.2,Nikolic:.2,
        Kozlov:.2,Morozov:.2,Lebedev:.2,Pavlov:.2,Babic:.1,Markovic:.2,Kolar:.1""",
    "italian": """Rossi:1.0,Russo:.8,Ferrari:.6,Esposito:.6,Bianchi:.5,Romano:.5,Colombo:.45,
        Ricci:.4,Marino:.4,Greco:.4,Bruno:.35,Gallo:.35,Conti:.3,De Luca|DeLuca:.3,Costa:.3,
        Giordano:.3,Mancini:.3,Rizzo:.3,Lombardi:.3,Moretti:.25,Barbieri:.2,Fontana:.2,
        Santoro:.2,Mariani:.2,Rinaldi:.2,Caruso:.2,Ferrara:.2,Galli:.2,Martini:.2,Leone:.2,
        Longo:.2,Gentile:.2,Martinelli:.15,Vitale:.15,Lombardo:.15,Serra:.15,Coppola:.15,
        De Santis|DeSantis:.15,D'Angelo|DAngelo|Dangelo:.15,Marchetti:.1,Parisi:.1,Villa:.1""",
}

#: Long tails of rarer names: every prefix + suffix pair is one name, and the
#: tail holds ``share`` of the weight. Real name lists are long-tailed: most
#: people do not share their full name with anyone in their city.
_TAILS = {
    ("surname", "anglo"): (
        "Ash Black Brad Bur Chad Cran Dal Ed Fair Har Hol Kings Lang Mar Mid New Pen Red Ross "
        "Ship Stan Stock Thorn Wel Whit Wood Brom Cald Hart Pem War Wes Alder Birch Cope Dun "
        "Elling Garr Hale Kirk Sut Pick Mer Farn Lock Bel Tre Wy Hag Fen",
        "ton ley well wood ford field worth by ham son more dale stead brook man er ridge croft "
        "hurst combe wick ard ing low",
        0.5,
    ),
    ("surname", "hispanic"): (
        "Al Bel Cas Ech Fig Gal Iba Lan Mar Olm Pal Quin Sal Ter Val Zam Ber Cor Esc Lar Mon "
        "Nav Ore Riv San Tor Ur Vel Bar Cal",
        "ez ado eda ana era illo ales ino ega anza aro uedo ena ona ia",
        0.4,
    ),
    ("surname", "italian"): (
        "Bar Bel Cap Car Cas Fer Gal Lom Mar Pag Pel Ros San Tor Val Vit Bon Cal Dal Fab Gar "
        "Man Nar Par",
        "elli etti ini one ucci ato ese azzo ari otti illo ano",
        0.5,
    ),
    ("surname", "east_european"): (
        "Kow Now Wis Ziel Dab Grab Paw Mich Kr Sob Lis Gor Kacz Jab Pet Iv Mor Vol Kuz Bor "
        "Tk Hr Dub Zaj",
        "alski alska ovski ov ova enko ak ic escu uk ek",
        0.5,
    ),
    ("surname", "indian"): (
        "Ag Ban Chan Dev Gan Kri Mal Nar Ram Sar Sub Ven Bal Gop Har Jag Raj Shan Sri Vis",
        "arwal erjee dra esh appa iah athan an ani ali urkar",
        0.4,
    ),
    ("surname", "arabic"): (
        "Al-Rash Al-Hak Al-Nas Al-Kar Al-Jab Al-Sal Al-Mahd Al-Fah El-Sh El-Kh Ab Bad Dah "
        "Fakh Ghan Haj Jam Kh Man Nas",
        "id im ir ar awi ari oun",
        0.3,
    ),
    ("given_m", "anglo"): (
        "Bren Kay Jay Ash Mad Kal Ry Lan Jax Bro Ty Ken Dar Shay Ree Cam Ar Em Ell Nev Bry "
        "Col Dev Gr Tr",
        "den son ton ley ell an on rick er",
        0.3,
    ),
    ("given_f", "anglo"): (
        "Bren Kay Jay Ash Mad Kal Ry Lan Jax Bro Ty Ken Dar Shay Ree Cam Ar Em Ell Nev Bry "
        "Col Dev Gr Tr",
        "lyn ley na ette elle issa ara ie anne",
        0.3,
    ),
}

_GIVEN = {
    ("anglo", "m"): """James:1.0,John:.95,Robert:.9,Michael:.9,William:.75,David:.75,Richard:.5,
        Joseph:.45,Thomas:.42,Charles:.4,Christopher:.38,Daniel:.37,Matthew:.33,Anthony:.3,
        Mark:.28,Donald:.27,Steven|Stephen:.27,Paul:.25,Andrew:.25,Joshua:.24,Kenneth:.2,
        Kevin:.2,Brian|Bryan:.2,George:.2,Timothy:.18,Ronald:.18,Edward:.17,Jason:.17,
        Jeffrey|Geoffrey:.16,Ryan:.16,Jacob:.15,Gary:.15,Nicholas:.15,Eric|Erik:.14,
        Jonathan:.14,Stephen:.13,Larry:.12,Justin:.12,Scott:.12,Brandon:.12,Benjamin:.12,
        Samuel:.11,Gregory:.11,Alexander:.11,Frank:.1,Patrick:.1,Raymond:.1,Jack:.1,
        Dennis:.09,Jerry:.09,Tyler:.09,Aaron:.09,Henry:.08,Douglas:.08,Peter:.08,Adam:.08,
        Nathan:.08,Zachary:.07,Walter:.07,Kyle:.07,Harold:.06,Carl|Karl:.06,Jeremy:.06,
        Keith:.06,Roger:.05,Gerald:.05,Ethan:.05,Arthur:.05,Terry:.05,Christian:.05,
        Sean|Shawn:.05,Lawrence:.05,Austin:.04,Joe:.04,Noah:.04,Jesse:.04,Albert:.04,
        Bryce:.02,Logan:.03,Mason:.03,Liam:.03,Dylan:.03,Cody:.03,Travis:.03,Wayne:.03""",
    ("anglo", "f"): """Mary:1.0,Patricia:.6,Jennifer:.6,Linda:.55,Elizabeth:.5,Barbara:.5,
        Susan:.45,Jessica:.45,Sarah|Sara:.42,Karen:.4,Lisa:.38,Nancy:.36,Betty:.3,Margaret:.3,
        Sandra:.3,Ashley:.3,Kimberly:.28,Emily:.28,Donna:.27,Michelle:.27,Carol:.26,Amanda:.26,
        Dorothy:.25,Melissa:.24,Deborah:.23,Stephanie:.22,Rebecca:.22,Sharon:.21,Laura:.21,
        Cynthia:.2,Kathleen:.2,Amy:.2,Angela:.2,Shirley:.19,Anna|Ana:.19,Brenda:.18,Pamela:.17,
        Emma:.17,Nicole:.17,Helen:.16,Samantha:.16,Katherine|Catherine|Kathryn:.16,
        Christine|Kristine:.15,Debra:.14,Rachel:.14,Carolyn:.13,Janet:.13,Maria:.13,
        Heather:.12,Diane:.12,Julie:.12,Joyce:.11,Victoria:.11,Kelly:.11,Christina:.11,
        Lauren:.1,Joan:.1,Evelyn:.1,Olivia:.1,Judith:.1,Megan:.1,Cheryl:.09,Andrea:.09,
        Hannah:.09,Martha:.09,Jacqueline:.08,Frances:.08,Gloria:.08,Ann|Anne:.08,Teresa:.08,
        Kathy:.07,Sara:.07,Janice:.07,Jean:.07,Alice:.07,Madison:.07,Abigail:.06,Julia:.06,
        Judy:.06,Sophia:.06,Grace:.06,Denise:.06,Amber:.06,Doris:.05,Marilyn:.05,Danielle:.05,
        Beverly:.05,Isabella:.05,Theresa:.05,Diana:.05,Natalie:.05,Brittany:.05,Charlotte:.05,
        Marie:.05,Kayla:.04,Alexis:.04,Lori:.04,Alexandra:.03,Madeline:.03,Mackenzie:.02""",
    ("hispanic", "m"): """Jose:1.0,Juan:.8,Luis:.6,Carlos:.6,Jesus:.4,Miguel:.45,Antonio:.4,
        Jorge:.35,Francisco:.35,Pedro:.3,Manuel:.3,Alejandro:.3,Ricardo:.2,Javier:.2,
        Fernando:.2,Roberto:.2,Eduardo:.2,Rafael:.18,Sergio:.15,Mario:.15,Raul:.15,Oscar:.15,
        Hector:.14,Victor:.14,Daniel:.14,Angel:.13,Diego:.12,Andres:.1,Arturo:.1,Ramon:.1,
        Enrique:.1,Guillermo:.08,Alberto:.08,Julio:.08,Ruben:.08,Armando:.07,Pablo:.07""",
    ("hispanic", "f"): """Maria:1.0,Guadalupe:.35,Ana:.35,Rosa:.3,Juana:.25,Carmen:.25,
        Veronica:.2,Gabriela:.2,Elizabeth:.2,Patricia:.2,Adriana:.18,Alejandra:.18,
        Leticia:.15,Claudia:.15,Silvia:.15,Laura:.15,Yolanda:.12,Sofia:.12,Isabel:.12,
        Lucia:.1,Daniela:.1,Marisol:.1,Graciela:.1,Araceli:.08,Esperanza:.08,Beatriz:.08,
        Maria Jose:.05,Maria Elena:.05,Ximena|Jimena:.05,Valeria:.07,Camila:.07,Fernanda:.06""",
    ("indian", "m"): """Rahul:.5,Amit:.5,Raj:.4,Sanjay:.4,Vijay:.4,Ravi:.4,Anil:.35,Suresh:.35,
        Ramesh:.35,Rajesh:.35,Deepak:.3,Arjun:.3,Vikram:.3,Sunil:.3,Ashok:.25,Manoj:.25,
        Prakash:.25,Krishna:.25,Srinivas|Srinivasa:.2,Venkat|Venkatesh:.2,Aditya:.2,Rohit:.2,
        Nikhil:.2,Karthik|Kartik:.2,Harish:.15,Gaurav:.15,Pradeep:.15,Arun:.2,Mohan:.15""",
    ("indian", "f"): """Priya:.6,Anjali:.4,Sunita:.4,Pooja|Puja:.4,Neha:.4,Kavita|Kavitha:.3,
        Lakshmi|Laxmi:.3,Deepa:.3,Anita:.3,Meena:.3,Rekha:.25,Divya:.3,Shreya:.2,Asha:.25,
        Geeta|Gita:.25,Swati:.2,Nisha:.2,Radha:.2,Sangeeta|Sangita:.2,Shalini:.15,Aarti|Arti:.2,
        Padma:.15,Usha:.15,Jyoti:.2,Preeti|Priti:.2,Ananya:.15,Sneha:.15""",
    ("arabic", "m"): """Mohammed|Muhammad|Mohamed|Mohammad|Mohamad|Muhammed:1.0,
        Ahmed|Ahmad:.5,Ali:.4,Omar|Umar:.3,Hassan|Hasan:.3,Hussein|Hussain|Husain:.25,
        Ibrahim:.2,Khalid|Khaled:.2,Youssef|Yousef|Yusuf:.2,Abdullah|Abdallah:.2,Mustafa|Mostafa:.15,
        Tariq|Tarek:.15,Karim|Kareem:.15,Samir|Sameer:.15,Bilal:.1,Hamza:.12,Walid|Waleed:.1,
        Imran:.1,Faisal:.1,Nabil:.08,Rashid|Rasheed:.08,Ayman:.06,Adel|Adil:.06""",
    ("arabic", "f"): """Fatima|Fatimah|Fatma:.6,Aisha|Ayesha|Aysha:.4,Mariam|Maryam|Miriam:.35,
        Zainab|Zaynab:.3,Noor|Nur:.3,Layla|Leila|Laila:.3,Amina|Aminah:.3,Sara|Sarah:.25,
        Huda:.15,Yasmin|Yasmine|Jasmine:.2,Hana|Hanna:.2,Rania:.15,Salma:.15,Nadia:.15,
        Samira|Sameera:.1,Dina:.1,Lina:.1,Rasha:.08,Hiba:.08""",
    ("east_european", "m"): """Piotr:.3,Pawel|Paweł:.2,Tomasz:.2,Krzysztof:.2,Andrzej:.2,
        Dmitri|Dmitry|Dmitriy:.3,Sergei|Sergey:.3,Alexei|Alexey|Aleksei:.25,Ivan:.3,Igor:.2,
        Vladimir:.2,Nikolai|Nikolay:.2,Oleg:.15,Mikhail:.15,Andrei|Andrey:.2,Yuri|Yury:.15,
        Jan:.2,Marek:.15,Tomas:.15,Petr:.15,Jozef|Josef:.15,Laszlo:.1,Istvan:.1,Bogdan:.1,
        Vasyl|Vasili:.1,Milan:.1,Stefan:.1""",
    ("east_european", "f"): """Anna:.4,Olga:.3,Natalia|Natalya|Natalie:.3,Tatiana|Tatyana:.25,
        Elena|Yelena:.3,Irina:.25,Svetlana:.2,Ekaterina|Yekaterina:.2,Katarzyna:.2,Agnieszka:.2,
        Magdalena:.2,Marta:.15,Ewa:.15,Oksana:.15,Yulia|Julia:.2,Maria:.2,Ludmila|Lyudmila:.1,
        Alena|Alyona:.1,Zofia:.1,Ivana:.1,Jana:.1""",
    ("italian", "m"): """Giuseppe:.5,Giovanni:.4,Antonio:.4,Mario:.3,Francesco:.35,Luigi:.25,
        Marco:.3,Paolo:.25,Salvatore:.25,Vincenzo:.2,Roberto:.2,Alessandro:.2,Andrea:.2,
        Luca:.2,Stefano:.15,Angelo:.2,Carmine:.1,Domenico:.15,Pietro:.15,Franco:.1,Dario:.1,
        Matteo:.12,Lorenzo:.12,Fabio:.1,Massimo:.1""",
    ("italian", "f"): """Maria:.5,Anna:.3,Giuseppina:.2,Rosa:.2,Francesca:.25,Angela:.2,
        Giovanna:.2,Teresa:.15,Lucia:.15,Carmela:.15,Giulia:.2,Chiara:.15,Sara:.12,Paola:.15,
        Elena:.12,Alessandra:.12,Laura:.12,Valentina:.12,Federica:.1,Silvia:.1,Antonella:.1""",
    ("vietnamese", "m"): """Minh:.5,Tuan:.4,Hung:.4,Dung:.3,Thanh:.35,Quang:.3,Duc:.3,Nam:.3,
        Hai:.25,Long:.25,Son:.2,Phuong:.1,Hieu:.2,Khoa:.15,Bao:.2,Huy:.2,Cuong:.15,Tien:.15,
        Vinh:.15,Thang:.15,Trung:.15,Phuc:.15""",
    ("vietnamese", "f"): """Linh:.5,Huong:.45,Lan:.4,Mai:.4,Hoa:.35,Thao:.3,Trang:.3,Ngoc:.3,
        Anh:.35,Hanh:.25,Hang:.25,Thuy:.25,Nga:.2,Phuong:.25,Van:.2,Yen:.2,Nhung:.15,
        Diep:.1,Tam:.15,Oanh:.1""",
}

#: Syllables of Korean and Chinese given names, with their romanisation variants.
SYLLABLES = {
    "korean": """Young|Yong|Yeong:1.0,Jung|Jeong|Joong:.8,Min:.9,Ji|Jee:.7,Hyun|Hyeon:.7,
        Sung|Seong:.6,Jin:.6,Soo|Su:.6,Eun:.5,Woo|U:.4,Hee|Hui:.4,Kyung|Kyoung|Gyeong:.4,
        Ho:.4,Seo|Suh:.3,Yeon|Yun:.3,Hye|Hae:.3,Sik|Shik:.25,Chul|Cheol:.25,Dong:.3,
        Jae|Jay:.35,Joon|Jun:.4,Sang:.3,Seok|Suk:.25,Tae:.3,Won:.3,Ju|Joo:.3,Mi:.3,Na:.2,
        Ah|A:.2,Yu|Yoo:.2,Bin:.2,Hoon|Hun:.25,Kwang|Gwang:.2,Il:.15,Bae:.15,Gyu|Kyu:.15""",
    "chinese": """Wei:1.0,Ming:.8,Xiao:.7,Li:.6,Jing:.6,Hua:.5,Jun:.5,Hong:.4,Yan:.5,Ying:.5,
        Fang:.4,Lei:.4,Jie:.4,Tao:.3,Hui:.4,Ping:.3,Yi:.3,Xin:.4,Yu:.4,Hao:.3,Jian:.4,
        Qiang:.3,Lin:.3,Na:.2,Mei:.3,Zhi:.3,Chen:.2,Yun:.3,Feng:.3,Bo:.2,Lan:.2,Qing:.2""",
}

#: Anglo given names and the short forms people go by (own table).
NICKNAMES = {
    "William": "Bill|Will|Billy|Liam",
    "Robert": "Bob|Rob|Bobby|Robbie",
    "Richard": "Rick|Rich|Dick|Ricky",
    "James": "Jim|Jimmy|Jamie",
    "John": "Jack|Johnny|Jon",
    "Michael": "Mike|Mikey|Mick",
    "Joseph": "Joe|Joey",
    "Thomas": "Tom|Tommy",
    "Charles": "Charlie|Chuck|Chas",
    "Christopher": "Chris|Topher",
    "Daniel": "Dan|Danny",
    "Matthew": "Matt",
    "Anthony": "Tony",
    "Donald": "Don|Donnie",
    "Steven": "Steve",
    "Stephen": "Steve",
    "Andrew": "Andy|Drew",
    "Joshua": "Josh",
    "Kenneth": "Ken|Kenny",
    "Timothy": "Tim|Timmy",
    "Ronald": "Ron|Ronnie",
    "Edward": "Ed|Eddie|Ted",
    "Jeffrey": "Jeff",
    "Nicholas": "Nick|Nicky",
    "Jonathan": "Jon",
    "Lawrence": "Larry",
    "Benjamin": "Ben|Benny",
    "Samuel": "Sam|Sammy",
    "Gregory": "Greg",
    "Alexander": "Alex|Xander",
    "Patrick": "Pat",
    "Raymond": "Ray",
    "Gerald": "Jerry",
    "Zachary": "Zach|Zack",
    "Douglas": "Doug",
    "Peter": "Pete",
    "Walter": "Walt",
    "Harold": "Harry|Hal",
    "Henry": "Hank|Harry",
    "Nathan": "Nate",
    "Jacob": "Jake",
    "Elizabeth": "Liz|Beth|Betty|Eliza|Lizzie",
    "Patricia": "Pat|Patty|Trish",
    "Jennifer": "Jen|Jenny",
    "Margaret": "Maggie|Peggy|Meg",
    "Susan": "Sue|Susie",
    "Jessica": "Jess|Jessie",
    "Barbara": "Barb|Barbie",
    "Deborah": "Deb|Debbie",
    "Debra": "Deb|Debbie",
    "Rebecca": "Becky|Becca",
    "Katherine": "Kate|Kathy|Katie|Kat",
    "Kimberly": "Kim",
    "Christine": "Chris|Chrissy",
    "Christina": "Tina|Chris",
    "Samantha": "Sam|Sammy",
    "Victoria": "Vicky|Tori",
    "Alexandra": "Alex|Sandra",
    "Pamela": "Pam",
    "Cynthia": "Cindy",
    "Stephanie": "Steph",
    "Jacqueline": "Jackie",
    "Abigail": "Abby",
    "Judith": "Judy",
    "Dorothy": "Dot|Dottie",
    "Madeline": "Maddie",
    "Frances": "Fran",
    "Theresa": "Terry|Tess",
    "Teresa": "Terry|Tess",
    "Amanda": "Mandy",
    "Melissa": "Missy|Mel",
    "Sandra": "Sandy",
    "Angela": "Angie",
}


@dataclass(frozen=True)
class NameTable:
    """Names of one table: spellings (2-D, padded with the first), counts, weights."""

    spellings: np.ndarray  # object (n, max variants)
    n_variants: np.ndarray  # int (n,)
    weights: np.ndarray  # float (n,), sum 1

    @property
    def canonical(self) -> np.ndarray:
        """The usual spelling of every name."""
        return self.spellings[:, 0]


def _parse(text: str) -> NameTable:
    entries = [e.strip() for e in text.replace("\n", " ").split(",") if e.strip()]
    names, weights = [], []
    for rank, e in enumerate(entries):
        spell, _, w = e.partition(":")
        names.append([s.strip() for s in spell.split("|")])
        weights.append(float(w) if w else 1.0 / (rank + 1))
    width = max(len(v) for v in names)
    sp = np.empty((len(names), width), dtype=object)
    for i, v in enumerate(names):
        sp[i] = v + [v[0]] * (width - len(v))
    w = np.asarray(weights)
    return NameTable(sp, np.array([len(v) for v in names]), w / w.sum())


def _with_tail(head: NameTable, key: tuple[str, str]) -> NameTable:
    if key not in _TAILS:
        return head
    prefixes, suffixes, share = _TAILS[key]
    names = sorted({p + s for p in prefixes.split() for s in suffixes.split()})
    names = [n.replace("--", "-") for n in names]
    width = head.spellings.shape[1]
    tail = np.array([[n] * width for n in names], dtype=object)
    w = np.concatenate([head.weights * (1 - share), np.full(len(names), share / len(names))])
    nv = np.concatenate([head.n_variants, np.ones(len(names), np.int64)])
    return NameTable(np.concatenate([head.spellings, tail]), nv, w / w.sum())


def _compounds(head: NameTable, top: int, share: float) -> NameTable:
    """Two-part given names ("Juan Carlos", "Maria Elena") made of the ``top`` names."""
    first = head.spellings[:top, 0]
    pairs = [f"{a} {b}" for a in first for b in first if a != b]
    width = head.spellings.shape[1]
    tail = np.array([[n] * width for n in pairs], dtype=object)
    pw = np.outer(head.weights[:top], head.weights[:top])
    pw = pw[~np.eye(top, dtype=bool)]
    w = np.concatenate([head.weights * (1 - share), share * pw / pw.sum()])
    nv = np.concatenate([head.n_variants, np.ones(len(pairs), np.int64)])
    return NameTable(np.concatenate([head.spellings, tail]), nv, w / w.sum())


@cache
def surname_table(origin: str) -> NameTable:
    """Surnames of one origin, with a long tail of rarer names where real lists have one."""
    return _with_tail(_parse(_SURNAMES[origin]), ("surname", origin))


@cache
def given_table(origin: str, sex: str) -> NameTable:
    """Given names of one origin and sex (Korean and Chinese use :data:`SYLLABLES`)."""
    table = _with_tail(_parse(_GIVEN[(origin, sex)]), (f"given_{sex}", origin))
    if origin in ("hispanic", "arabic", "vietnamese"):  # "Juan Carlos", "Minh Anh"
        table = _compounds(table, 12, 0.3 if origin == "vietnamese" else 0.2)
    return table


@cache
def syllable_table(origin: str) -> NameTable:
    """Given-name syllables of Korean or Chinese names."""
    return _parse(SYLLABLES[origin])
