"""Controlled vocabularies of the Lantern data standard.

Every coded field of the standard takes its values from one of the vocabularies below. Each
vocabulary names its source (HTCDS 2.0, the Criminal Code, UCR2, the Palermo Protocol, the ILO
indicators, ISIC, the SGC, ...); each concept carries English and French labels and a one-sentence
definition in both official languages. Codes are stable and never translated: change a label or
a definition freely, never a code.
"""

from lantern.standard.types import Concept as C
from lantern.standard.types import Vocabulary, tags

HTCDS = "IOM Human Trafficking Case Data Standard (HTCDS) 2.0"
PALERMO = "UN Trafficking in Persons Protocol (Palermo, 2000), art. 3(a)"
UCR2 = "Statistics Canada, Uniform Crime Reporting Survey (UCR2)"
SGC = "Statistics Canada Standard Geographical Classification (SGC) 2021"


def _other(en_thing: str, fr_thing: str) -> C:
    """The catch-all "other" concept, worded for what the vocabulary lists."""
    return C(
        "other",
        "Other",
        "Autre",
        f"A {en_thing} not listed elsewhere in this vocabulary.",
        f"{fr_thing} qui ne figure pas ailleurs dans ce vocabulaire.",
    )


# --- Geography -----------------------------------------------------------------------------

# Province or territory code -> (SGC code, English place after "in", French phrase "en/au …").
_PLACES: dict[str, tuple[str, str, str]] = {
    "NL": ("10", "Newfoundland and Labrador", "à Terre-Neuve-et-Labrador"),
    "PE": ("11", "Prince Edward Island", "à l'Île-du-Prince-Édouard"),
    "NS": ("12", "Nova Scotia", "en Nouvelle-Écosse"),
    "NB": ("13", "New Brunswick", "au Nouveau-Brunswick"),
    "QC": ("24", "Quebec", "au Québec"),
    "ON": ("35", "Ontario", "en Ontario"),
    "MB": ("46", "Manitoba", "au Manitoba"),
    "SK": ("47", "Saskatchewan", "en Saskatchewan"),
    "AB": ("48", "Alberta", "en Alberta"),
    "BC": ("59", "British Columbia", "en Colombie-Britannique"),
    "YT": ("60", "Yukon", "au Yukon"),
    "NT": ("61", "the Northwest Territories", "dans les Territoires du Nord-Ouest"),
    "NU": ("62", "Nunavut", "au Nunavut"),
}


def _province(code: str, en: str, fr: str, *, territory: bool = False) -> C:
    sgc = _PLACES[code][0]
    if territory:
        return C(
            code,
            en,
            fr,
            f"Territory of Canada (SGC code {sgc}).",
            f"Territoire du Canada (code CGT {sgc}).",
        )
    return C(
        code,
        en,
        fr,
        f"Province of Canada (SGC code {sgc}).",
        f"Province du Canada (code CGT {sgc}).",
    )


PROVINCE = Vocabulary(
    name="province",
    title_en="Province or territory",
    title_fr="Province ou territoire",
    source=SGC,
    concepts=(
        _province("NL", "Newfoundland and Labrador", "Terre-Neuve-et-Labrador"),
        _province("PE", "Prince Edward Island", "Île-du-Prince-Édouard"),
        _province("NS", "Nova Scotia", "Nouvelle-Écosse"),
        _province("NB", "New Brunswick", "Nouveau-Brunswick"),
        _province("QC", "Quebec", "Québec"),
        _province("ON", "Ontario", "Ontario"),
        _province("MB", "Manitoba", "Manitoba"),
        _province("SK", "Saskatchewan", "Saskatchewan"),
        _province("AB", "Alberta", "Alberta"),
        _province("BC", "British Columbia", "Colombie-Britannique"),
        _province("YT", "Yukon", "Yukon", territory=True),
        _province("NT", "Northwest Territories", "Territoires du Nord-Ouest", territory=True),
        _province("NU", "Nunavut", "Nunavut", territory=True),
    ),
)


def _cma(code: str, en: str, fr: str, province: str) -> C:
    """A census metropolitan area lying in one province, tagged with that province's code."""
    _, in_en, in_fr = _PLACES[province]
    return C(
        code,
        en,
        fr,
        f"Census metropolitan area in {in_en} (SGC 2021 CMA code {code}).",
        f"Région métropolitaine de recensement {in_fr} (code de RMR {code}, CGT 2021).",
        tags(province),
    )


CMA = Vocabulary(
    name="cma",
    title_en="Census metropolitan area (CMA)",
    title_fr="Région métropolitaine de recensement (RMR)",
    source=f"{SGC}, census metropolitan areas",
    concepts=(
        _cma("001", "St. John's", "St. John's", "NL"),
        _cma("205", "Halifax", "Halifax", "NS"),
        _cma("305", "Moncton", "Moncton", "NB"),
        _cma("310", "Saint John", "Saint John", "NB"),
        _cma("320", "Fredericton", "Fredericton", "NB"),
        _cma("408", "Saguenay", "Saguenay", "QC"),
        _cma("421", "Québec", "Québec", "QC"),
        _cma("433", "Sherbrooke", "Sherbrooke", "QC"),
        _cma("442", "Trois-Rivières", "Trois-Rivières", "QC"),
        _cma("447", "Drummondville", "Drummondville", "QC"),
        _cma("462", "Montréal", "Montréal", "QC"),
        C(
            "505",
            "Ottawa - Gatineau",
            "Ottawa - Gatineau",
            "Census metropolitan area straddling Ontario (Ontario part, SGC 35505) "
            "and Quebec (Quebec part, SGC 24505).",
            "Région métropolitaine de recensement à cheval sur l'Ontario (partie de l'Ontario, "
            "CGT 35505) et le Québec (partie du Québec, CGT 24505).",
            tags("ON", "QC"),
        ),
        _cma("521", "Kingston", "Kingston", "ON"),
        _cma("522", "Belleville - Quinte West", "Belleville - Quinte West", "ON"),
        _cma("529", "Peterborough", "Peterborough", "ON"),
        _cma("532", "Oshawa", "Oshawa", "ON"),
        _cma("535", "Toronto", "Toronto", "ON"),
        _cma("537", "Hamilton", "Hamilton", "ON"),
        _cma("539", "St. Catharines - Niagara", "St. Catharines - Niagara", "ON"),
        _cma(
            "541",
            "Kitchener - Cambridge - Waterloo",
            "Kitchener - Cambridge - Waterloo",
            "ON",
        ),
        _cma("543", "Brantford", "Brantford", "ON"),
        _cma("550", "Guelph", "Guelph", "ON"),
        _cma("555", "London", "London", "ON"),
        _cma("559", "Windsor", "Windsor", "ON"),
        _cma("568", "Barrie", "Barrie", "ON"),
        _cma("580", "Greater Sudbury", "Grand Sudbury", "ON"),
        _cma("595", "Thunder Bay", "Thunder Bay", "ON"),
        _cma("602", "Winnipeg", "Winnipeg", "MB"),
        _cma("705", "Regina", "Regina", "SK"),
        _cma("725", "Saskatoon", "Saskatoon", "SK"),
        _cma("810", "Lethbridge", "Lethbridge", "AB"),
        _cma("825", "Calgary", "Calgary", "AB"),
        _cma("830", "Red Deer", "Red Deer", "AB"),
        _cma("835", "Edmonton", "Edmonton", "AB"),
        _cma("915", "Kelowna", "Kelowna", "BC"),
        _cma("925", "Kamloops", "Kamloops", "BC"),
        _cma("930", "Chilliwack", "Chilliwack", "BC"),
        _cma("932", "Abbotsford - Mission", "Abbotsford - Mission", "BC"),
        _cma("933", "Vancouver", "Vancouver", "BC"),
        _cma("935", "Victoria", "Victoria", "BC"),
        _cma("938", "Nanaimo", "Nanaimo", "BC"),
    ),
)


# --- Organizations -------------------------------------------------------------------------

ORGANIZATION_TYPE = Vocabulary(
    name="organization_type",
    title_en="Type of organization",
    title_fr="Type d'organisation",
    source=f"Lantern data standard, after the {HTCDS} Organisation entity",
    concepts=(
        C(
            "police_service",
            "Police service",
            "Service de police",
            "A municipal, regional, provincial, First Nations or federal police service.",
            "Service de police municipal, régional, provincial, des Premières Nations ou fédéral.",
        ),
        C(
            "law_enforcement_coordination",
            "National law-enforcement coordination",
            "Coordination nationale de l'application de la loi",
            "A national body that coordinates law-enforcement efforts against trafficking, "
            "such as a national coordination centre.",
            "Organisme national qui coordonne l'action des forces de l'ordre contre la traite, "
            "par exemple un centre national de coordination.",
        ),
        C(
            "hotline",
            "Hotline",
            "Ligne d'urgence",
            "A telephone, text or online service that receives reports and requests for help.",
            "Service téléphonique, textuel ou en ligne qui reçoit des signalements et des "
            "demandes d'aide.",
        ),
        C(
            "service_provider",
            "Service provider or NGO",
            "Fournisseur de services ou ONG",
            "A non-governmental or community organization that serves victims and survivors.",
            "Organisme non gouvernemental ou communautaire qui offre des services aux victimes "
            "et aux personnes survivantes.",
        ),
        C(
            "indigenous_organization",
            "Indigenous organization",
            "Organisation autochtone",
            "An organization led by and serving First Nations, Inuit or Métis people.",
            "Organisation dirigée par des Premières Nations, des Inuit ou des Métis et à leur "
            "service.",
        ),
        C(
            "federal_department",
            "Federal department or agency",
            "Ministère ou organisme fédéral",
            "A department or agency of the Government of Canada.",
            "Ministère ou organisme du gouvernement du Canada.",
        ),
        C(
            "provincial_government",
            "Provincial or territorial government",
            "Gouvernement provincial ou territorial",
            "A ministry, department or agency of a provincial or territorial government.",
            "Ministère ou organisme d'un gouvernement provincial ou territorial.",
        ),
        C(
            "court_prosecution",
            "Court or prosecution service",
            "Tribunal ou service des poursuites",
            "A criminal court or a Crown prosecution service.",
            "Tribunal de juridiction criminelle ou service des poursuites de la Couronne.",
        ),
        C(
            "immigration",
            "Immigration authority",
            "Autorité d'immigration",
            "An authority responsible for immigration, refugees and citizenship, such as IRCC.",
            "Autorité responsable de l'immigration, des réfugiés et de la citoyenneté, comme IRCC.",
        ),
        C(
            "border_services",
            "Border services",
            "Services frontaliers",
            "An authority responsible for border enforcement, such as the CBSA.",
            "Autorité responsable de l'exécution de la loi à la frontière, comme l'ASFC.",
        ),
        C(
            "financial_intelligence",
            "Financial intelligence unit",
            "Unité du renseignement financier",
            "An agency that analyses financial transactions to detect money laundering, "
            "such as FINTRAC.",
            "Organisme qui analyse les opérations financières pour détecter le blanchiment "
            "d'argent, comme CANAFE.",
        ),
        C(
            "statistics_agency",
            "Statistical agency",
            "Organisme statistique",
            "An agency that produces official statistics, such as Statistics Canada.",
            "Organisme qui produit des statistiques officielles, comme Statistique Canada.",
        ),
    ),
)


# --- Exploitation (HTCDS 2.0 / CTDC) -------------------------------------------------------

EXPLOITATION_TYPE = Vocabulary(
    name="exploitation_type",
    title_en="Type of exploitation",
    title_fr="Type d'exploitation",
    source=f"{HTCDS}; Counter Trafficking Data Collaborative (CTDC)",
    concepts=(
        C(
            "sexual_exploitation",
            "Sexual exploitation",
            "Exploitation sexuelle",
            "Exploitation of a person through commercial sexual acts or other sexual services.",
            "Exploitation d'une personne au moyen d'actes sexuels commerciaux ou d'autres "
            "services sexuels.",
        ),
        C(
            "forced_labour",
            "Forced labour",
            "Travail forcé",
            "Work or service exacted under the menace of a penalty and not offered voluntarily.",
            "Travail ou service exigé sous la menace d'une peine et non offert de plein gré.",
        ),
        C(
            "forced_marriage",
            "Forced marriage",
            "Mariage forcé",
            "A marriage entered into without the free and full consent of one or both spouses.",
            "Mariage conclu sans le consentement libre et entier de l'un des époux ou des deux.",
        ),
        C(
            "forced_criminal_activity",
            "Forced criminal activity",
            "Activités criminelles forcées",
            "Compelling a person to commit offences, such as drug dealing or theft, for "
            "another's profit.",
            "Fait de contraindre une personne à commettre des infractions, comme le trafic de "
            "drogues ou le vol, au profit d'autrui.",
        ),
        C(
            "forced_military",
            "Forced military service",
            "Service militaire forcé",
            "Compelling a person to serve armed forces or armed groups, including the use of "
            "children.",
            "Fait de contraindre une personne à servir des forces ou des groupes armés, y compris "
            "l'utilisation d'enfants.",
        ),
        C(
            "organ_removal",
            "Organ removal",
            "Prélèvement d'organes",
            "Removal of a person's organs, tissues or other body parts for another's profit.",
            "Prélèvement d'organes, de tissus ou d'autres parties du corps d'une personne au "
            "profit d'autrui.",
        ),
        C(
            "slavery_similar",
            "Slavery and similar practices",
            "Esclavage et pratiques analogues",
            "Slavery, servitude or practices similar to slavery not listed separately.",
            "Esclavage, servitude ou pratiques analogues à l'esclavage qui ne figurent pas "
            "séparément.",
        ),
        _other("type of exploitation", "Type d'exploitation"),
    ),
)

SEXUAL_EXPLOITATION_TYPE = Vocabulary(
    name="sexual_exploitation_type",
    title_en="Type of sexual exploitation",
    title_fr="Type d'exploitation sexuelle",
    source=f"{HTCDS}; Counter Trafficking Data Collaborative (CTDC)",
    concepts=(
        C(
            "prostitution_of_others",
            "Exploitation of the prostitution of others",
            "Exploitation de la prostitution d'autrui",
            "Profiting from sexual services that another person is made to provide.",
            "Fait de tirer profit des services sexuels qu'une autre personne est amenée à fournir.",
        ),
        C(
            "pornography",
            "Pornography",
            "Pornographie",
            "Producing or distributing sexual images or recordings of an exploited person.",
            "Production ou diffusion d'images ou d'enregistrements sexuels d'une personne "
            "exploitée.",
        ),
        C(
            "remote_interactive",
            "Remote interactive sexual acts",
            "Actes sexuels interactifs à distance",
            "Sexual acts performed live for remote viewers, for example by webcam or online "
            "streaming.",
            "Actes sexuels accomplis en direct pour des personnes à distance, par exemple par "
            "webcaméra ou diffusion en continu en ligne.",
        ),
        C(
            "private_sexual_services",
            "Private sexual services",
            "Services sexuels privés",
            "Sexual services exacted from a person in a private setting for one or a few "
            "individuals.",
            "Services sexuels exigés d'une personne dans un cadre privé au profit d'une ou de "
            "quelques personnes.",
        ),
        _other("form of sexual exploitation", "Forme d'exploitation sexuelle"),
    ),
)

LABOUR_INDUSTRY = Vocabulary(
    name="labour_industry",
    title_en="Industry of labour exploitation",
    title_fr="Secteur d'activité de l'exploitation par le travail",
    source="UN International Standard Industrial Classification (ISIC) Rev. 4, sections",
    concepts=(
        C(
            "A",
            "Agriculture, forestry and fishing",
            "Agriculture, sylviculture et pêche",
            "Growing crops, raising animals, logging and fishing (ISIC Rev. 4 section A).",
            "Culture, élevage, exploitation forestière et pêche (section A de la CITI rév. 4).",
        ),
        C(
            "B",
            "Mining and quarrying",
            "Activités extractives",
            "Extraction of minerals, oil and gas, and quarrying (ISIC Rev. 4 section B).",
            "Extraction de minéraux, de pétrole et de gaz, et exploitation de carrières "
            "(section B de la CITI rév. 4).",
        ),
        C(
            "C",
            "Manufacturing",
            "Activités de fabrication",
            "Transformation of materials into new products (ISIC Rev. 4 section C).",
            "Transformation de matières en nouveaux produits (section C de la CITI rév. 4).",
        ),
        C(
            "D",
            "Electricity, gas, steam and air conditioning supply",
            "Production et distribution d'électricité, de gaz, de vapeur et climatisation",
            "Supply of electric power, natural gas, steam and air conditioning "
            "(ISIC Rev. 4 section D).",
            "Fourniture d'électricité, de gaz naturel, de vapeur et d'air conditionné "
            "(section D de la CITI rév. 4).",
        ),
        C(
            "E",
            "Water supply; sewerage, waste management and remediation activities",
            "Distribution d'eau; réseau d'assainissement; gestion des déchets et activités de "
            "remise en état",
            "Water supply, sewerage, waste collection and treatment, and remediation "
            "(ISIC Rev. 4 section E).",
            "Distribution d'eau, assainissement, collecte et traitement des déchets, et remise "
            "en état (section E de la CITI rév. 4).",
        ),
        C(
            "F",
            "Construction",
            "Construction",
            "Construction of buildings and civil engineering works, and specialized trades "
            "(ISIC Rev. 4 section F).",
            "Construction de bâtiments et d'ouvrages de génie civil, et travaux spécialisés "
            "(section F de la CITI rév. 4).",
        ),
        C(
            "G",
            "Wholesale and retail trade; repair of motor vehicles and motorcycles",
            "Commerce de gros et de détail; réparation de véhicules automobiles et de motocycles",
            "Wholesale and retail sale of goods, and repair of motor vehicles "
            "(ISIC Rev. 4 section G).",
            "Vente en gros et au détail de marchandises, et réparation de véhicules automobiles "
            "(section G de la CITI rév. 4).",
        ),
        C(
            "H",
            "Transportation and storage",
            "Transport et entreposage",
            "Transport of passengers or freight, warehousing and postal activities "
            "(ISIC Rev. 4 section H).",
            "Transport de passagers ou de marchandises, entreposage et activités postales "
            "(section H de la CITI rév. 4).",
        ),
        C(
            "I",
            "Accommodation and food service activities",
            "Activités d'hébergement et de restauration",
            "Short-stay lodging, and preparing and serving meals and drinks "
            "(ISIC Rev. 4 section I).",
            "Hébergement de courte durée, et préparation et service de repas et de boissons "
            "(section I de la CITI rév. 4).",
        ),
        C(
            "J",
            "Information and communication",
            "Information et communication",
            "Publishing, broadcasting, telecommunications and information technology services "
            "(ISIC Rev. 4 section J).",
            "Édition, radiodiffusion, télécommunications et services de technologies de "
            "l'information (section J de la CITI rév. 4).",
        ),
        C(
            "K",
            "Financial and insurance activities",
            "Activités financières et d'assurances",
            "Financial services, insurance and pension funding (ISIC Rev. 4 section K).",
            "Services financiers, assurances et caisses de retraite (section K de la CITI rév. 4).",
        ),
        C(
            "L",
            "Real estate activities",
            "Activités immobilières",
            "Buying, selling, renting and managing real estate (ISIC Rev. 4 section L).",
            "Achat, vente, location et gestion de biens immobiliers (section L de la CITI rév. 4).",
        ),
        C(
            "M",
            "Professional, scientific and technical activities",
            "Activités professionnelles, scientifiques et techniques",
            "Specialized professional, scientific and technical services (ISIC Rev. 4 section M).",
            "Services professionnels, scientifiques et techniques spécialisés (section M de la "
            "CITI rév. 4).",
        ),
        C(
            "N",
            "Administrative and support service activities",
            "Activités de services administratifs et d'appui",
            "Support services such as employment agencies, cleaning, security and travel "
            "services (ISIC Rev. 4 section N).",
            "Services de soutien comme les agences de placement, le nettoyage, la sécurité et "
            "les services de voyage (section N de la CITI rév. 4).",
        ),
        C(
            "O",
            "Public administration and defence; compulsory social security",
            "Administration publique et défense; sécurité sociale obligatoire",
            "Government administration, defence and compulsory social security "
            "(ISIC Rev. 4 section O).",
            "Administration publique, défense et sécurité sociale obligatoire (section O de la "
            "CITI rév. 4).",
        ),
        C(
            "P",
            "Education",
            "Enseignement",
            "Education at all levels (ISIC Rev. 4 section P).",
            "Enseignement de tous niveaux (section P de la CITI rév. 4).",
        ),
        C(
            "Q",
            "Human health and social work activities",
            "Activités de santé humaine et d'action sociale",
            "Health care, residential care and social work (ISIC Rev. 4 section Q).",
            "Soins de santé, soins en établissement et action sociale (section Q de la CITI "
            "rév. 4).",
        ),
        C(
            "R",
            "Arts, entertainment and recreation",
            "Arts, spectacles et loisirs",
            "Arts, entertainment, gambling, sports and recreation (ISIC Rev. 4 section R).",
            "Arts, spectacles, jeux de hasard, sports et loisirs (section R de la CITI rév. 4).",
        ),
        C(
            "S",
            "Other service activities",
            "Autres activités de services",
            "Other services, such as personal services and repair of household goods "
            "(ISIC Rev. 4 section S).",
            "Autres services, comme les services personnels et la réparation d'articles "
            "domestiques (section S de la CITI rév. 4).",
        ),
        C(
            "T",
            "Activities of households as employers; undifferentiated goods- and "
            "services-producing activities of households for own use",
            "Activités des ménages privés employant du personnel domestique; activités non "
            "différenciées de production de biens et de services des ménages privés pour "
            "usage propre",
            "Private households employing domestic workers such as caregivers and housekeepers "
            "(ISIC Rev. 4 section T).",
            "Ménages privés employant du personnel domestique, comme des aides familiaux et du "
            "personnel d'entretien (section T de la CITI rév. 4).",
        ),
        C(
            "U",
            "Activities of extraterritorial organizations and bodies",
            "Activités des organisations et organismes extraterritoriaux",
            "Activities of international organizations and other extraterritorial bodies "
            "(ISIC Rev. 4 section U).",
            "Activités des organisations internationales et d'autres organismes "
            "extraterritoriaux (section U de la CITI rév. 4).",
        ),
    ),
)

METHOD_OF_CONTROL = Vocabulary(
    name="method_of_control",
    title_en="Method of control",
    title_fr="Moyen de contrôle",
    source=f"{HTCDS}; Counter Trafficking Data Collaborative (CTDC)",
    concepts=(
        C(
            "debt_bondage",
            "Debt bondage",
            "Servitude pour dettes",
            "Control through a debt the person is made to repay, often inflated or impossible "
            "to clear.",
            "Contrôle exercé au moyen d'une dette que la personne doit rembourser, souvent "
            "gonflée ou impossible à éteindre.",
        ),
        C(
            "takes_earnings",
            "Takes earnings",
            "Confiscation des gains",
            "The trafficker takes all or most of the person's earnings.",
            "Le trafiquant prend la totalité ou la plus grande partie des gains de la personne.",
        ),
        C(
            "restricts_financial_access",
            "Restricts financial access",
            "Restriction de l'accès à l'argent",
            "The person is prevented from holding or using money, bank accounts or cards.",
            "La personne est empêchée de détenir ou d'utiliser de l'argent, des comptes "
            "bancaires ou des cartes.",
        ),
        C(
            "threats",
            "Threats",
            "Menaces",
            "Threats of harm against the person, their family or others close to them.",
            "Menaces de préjudice contre la personne, sa famille ou ses proches.",
        ),
        C(
            "psychological_abuse",
            "Psychological abuse",
            "Violence psychologique",
            "Humiliation, manipulation or other emotional harm used to control the person.",
            "Humiliation, manipulation ou autre préjudice affectif servant à contrôler la "
            "personne.",
        ),
        C(
            "physical_abuse",
            "Physical abuse",
            "Violence physique",
            "Physical violence used against the person to control them.",
            "Violence physique exercée contre la personne pour la contrôler.",
        ),
        C(
            "sexual_abuse",
            "Sexual abuse",
            "Violence sexuelle",
            "Sexual violence used against the person to control them.",
            "Violence sexuelle exercée contre la personne pour la contrôler.",
        ),
        C(
            "false_promises",
            "False promises",
            "Fausses promesses",
            "Deceptive promises about work, pay, migration, a relationship or living conditions.",
            "Promesses trompeuses concernant le travail, la rémunération, la migration, une "
            "relation ou les conditions de vie.",
        ),
        C(
            "psychoactive_substances",
            "Psychoactive substances",
            "Substances psychoactives",
            "Alcohol or drugs given to the person, or an addiction exploited, to control them.",
            "Alcool ou drogues administrés à la personne, ou dépendance exploitée, pour la "
            "contrôler.",
        ),
        C(
            "restricts_movement",
            "Restricts movement",
            "Restriction de la liberté de mouvement",
            "The person is confined, watched or otherwise prevented from moving freely.",
            "La personne est enfermée, surveillée ou autrement empêchée de se déplacer librement.",
        ),
        C(
            "restricts_medical_care",
            "Restricts medical care",
            "Restriction de l'accès aux soins",
            "The person is denied access to health care.",
            "La personne se voit refuser l'accès aux soins de santé.",
        ),
        C(
            "excessive_working_hours",
            "Excessive working hours",
            "Heures de travail excessives",
            "The person is made to work far beyond legal or agreed hours.",
            "La personne est contrainte de travailler bien au-delà des heures légales ou "
            "convenues.",
        ),
        C(
            "uses_children",
            "Uses children",
            "Utilisation d'enfants",
            "Children are used, threatened or exploited as a means of controlling the person.",
            "Des enfants sont utilisés, menacés ou exploités comme moyen de contrôler la personne.",
        ),
        C(
            "threat_of_law_enforcement",
            "Threat of law enforcement",
            "Menace de dénonciation aux autorités",
            "Threats to report the person to the police or to immigration authorities.",
            "Menace de dénoncer la personne à la police ou aux autorités de l'immigration.",
        ),
        C(
            "withholds_necessities",
            "Withholds necessities",
            "Privation de biens essentiels",
            "The person is deprived of food, water, sleep, shelter or other necessities.",
            "La personne est privée de nourriture, d'eau, de sommeil, d'abri ou d'autres "
            "besoins essentiels.",
        ),
        C(
            "withholds_documents",
            "Withholds documents",
            "Confiscation des documents",
            "The person's identity or travel documents are taken or kept from them.",
            "Les pièces d'identité ou les titres de voyage de la personne lui sont retirés ou "
            "retenus.",
        ),
        _other("method of control", "Moyen de contrôle"),
    ),
)

RELATIONSHIP_TO_TRAFFICKER = Vocabulary(
    name="relationship_to_trafficker",
    title_en="Relationship to the trafficker",
    title_fr="Lien avec le trafiquant",
    source=HTCDS,
    concepts=(
        C(
            "intimate_partner",
            "Intimate partner",
            "Partenaire intime",
            "A current or former spouse, boyfriend, girlfriend or other intimate partner.",
            "Conjoint, petit ami, petite amie ou autre partenaire intime, actuel ou ancien.",
        ),
        C(
            "family_member",
            "Family member",
            "Membre de la famille",
            "A relative by blood, marriage or adoption.",
            "Parent par le sang, par alliance ou par adoption.",
        ),
        C(
            "friend",
            "Friend",
            "Ami ou amie",
            "A person the victim considered a friend.",
            "Personne que la victime considérait comme un ami ou une amie.",
        ),
        C(
            "employer",
            "Employer",
            "Employeur",
            "The person or business for which the victim worked.",
            "Personne ou entreprise pour laquelle la victime travaillait.",
        ),
        C(
            "recruiter",
            "Recruiter",
            "Recruteur",
            "A person or agency that recruited the victim, for example for work or migration.",
            "Personne ou agence qui a recruté la victime, par exemple pour un emploi ou une "
            "migration.",
        ),
        C(
            "acquaintance",
            "Acquaintance",
            "Connaissance",
            "A person known to the victim who was neither a friend nor a family member.",
            "Personne connue de la victime qui n'était ni une amie ni un membre de sa famille.",
        ),
        C(
            "stranger",
            "Stranger",
            "Étranger",
            "A person the victim did not know before the trafficking began.",
            "Personne que la victime ne connaissait pas avant le début de la traite.",
        ),
        _other("relationship", "Lien"),
        C(
            "unknown",
            "Unknown",
            "Inconnu",
            "The relationship is not known.",
            "Le lien n'est pas connu.",
        ),
    ),
)


# --- Victim status -------------------------------------------------------------------------

TRAFFICKING_STATUS = Vocabulary(
    name="trafficking_status",
    title_en="Trafficking status",
    title_fr="Statut de victime de la traite",
    source=HTCDS,
    concepts=(
        C(
            "possible",
            "Possible victim",
            "Victime possible",
            "A person showing indicators of trafficking whose status has not been confirmed.",
            "Personne qui présente des indicateurs de traite, mais dont le statut n'a pas été "
            "confirmé.",
        ),
        C(
            "actual",
            "Identified victim",
            "Victime identifiée",
            "A person identified or confirmed as a victim of trafficking.",
            "Personne reconnue ou confirmée comme victime de la traite.",
        ),
        C(
            "not_victim",
            "Not a victim",
            "Pas une victime",
            "A person assessed as not being a victim of trafficking.",
            "Personne dont on a déterminé qu'elle n'est pas victime de la traite.",
        ),
    ),
)

STATUS_DECIDED_BY = Vocabulary(
    name="status_decided_by",
    title_en="Trafficking status decided by",
    title_fr="Statut de victime déterminé par",
    source=f"{HTCDS}, adapted to Canadian institutions",
    concepts=(
        C(
            "self_identified",
            "Self-identified",
            "Auto-identification",
            "The person identified themselves as a victim of trafficking.",
            "La personne s'est elle-même déclarée victime de la traite.",
        ),
        C(
            "hotline",
            "Hotline",
            "Ligne d'urgence",
            "The status was assessed by a trafficking hotline.",
            "Le statut a été évalué par une ligne d'urgence contre la traite.",
        ),
        C(
            "service_provider",
            "Service provider",
            "Fournisseur de services",
            "The status was assessed by a victim service provider or NGO.",
            "Le statut a été évalué par un fournisseur de services aux victimes ou une ONG.",
        ),
        C(
            "law_enforcement",
            "Law enforcement",
            "Forces de l'ordre",
            "The status was determined by a police service or another law-enforcement body.",
            "Le statut a été déterminé par un service de police ou un autre organisme "
            "d'application de la loi.",
        ),
        C(
            "immigration",
            "Immigration authority",
            "Autorité d'immigration",
            "The status was determined by an immigration authority, for example IRCC when "
            "issuing a temporary resident permit.",
            "Le statut a été déterminé par une autorité d'immigration, par exemple IRCC "
            "lorsqu'il délivre un permis de séjour temporaire.",
        ),
        C(
            "prosecution",
            "Prosecution",
            "Poursuite",
            "The status was determined by a Crown prosecutor in approving or pursuing charges.",
            "Le statut a été déterminé par un procureur de la Couronne lors de l'approbation "
            "ou de la poursuite des accusations.",
        ),
        C(
            "court",
            "Court",
            "Tribunal",
            "The status was determined by a court in a judicial decision.",
            "Le statut a été déterminé par un tribunal dans une décision judiciaire.",
        ),
        _other("decision-maker", "Décideur"),
    ),
)


# --- Perpetrators --------------------------------------------------------------------------

ROLE_IN_PROCESS = Vocabulary(
    name="role_in_process",
    title_en="Role in the trafficking process",
    title_fr="Rôle dans le processus de traite",
    source=f"{HTCDS}, perpetrator context",
    concepts=(
        C(
            "recruiter",
            "Recruiter",
            "Recruteur",
            "Recruits the victim, for example by offering work, travel or a relationship.",
            "Recrute la victime, par exemple en lui offrant un emploi, un voyage ou une relation.",
        ),
        C(
            "transporter",
            "Transporter",
            "Transporteur",
            "Moves the victim from one place to another.",
            "Déplace la victime d'un endroit à un autre.",
        ),
        C(
            "exploiter",
            "Exploiter",
            "Exploiteur",
            "Profits directly from the victim's exploitation.",
            "Tire directement profit de l'exploitation de la victime.",
        ),
        C(
            "controller",
            "Controller",
            "Contrôleur",
            "Watches, controls or punishes the victim during the exploitation.",
            "Surveille, contrôle ou punit la victime pendant l'exploitation.",
        ),
        C(
            "harbourer",
            "Harbourer",
            "Hébergeur",
            "Houses or hides the victim.",
            "Héberge ou cache la victime.",
        ),
        C(
            "financier",
            "Financier",
            "Bailleur de fonds",
            "Finances the trafficking operation.",
            "Finance l'opération de traite.",
        ),
        C(
            "facilitator",
            "Facilitator",
            "Facilitateur",
            "Facilitates the trafficking, for example by supplying documents, premises or "
            "advertising.",
            "Facilite la traite, par exemple en fournissant des documents, des locaux ou de la "
            "publicité.",
        ),
        C(
            "buyer",
            "Buyer",
            "Acheteur",
            "Pays for the victim's services or for the victim.",
            "Paie pour les services de la victime ou pour la victime elle-même.",
        ),
        _other("role", "Rôle"),
    ),
)


# --- Palermo Protocol ----------------------------------------------------------------------

PALERMO_ACT = Vocabulary(
    name="palermo_act",
    title_en="Act (Palermo Protocol)",
    title_fr="Acte (Protocole de Palerme)",
    source=PALERMO,
    concepts=(
        C(
            "recruitment",
            "Recruitment",
            "Recrutement",
            "Enlisting, hiring or enticing a person.",
            "Fait d'enrôler, d'embaucher ou d'attirer une personne.",
        ),
        C(
            "transportation",
            "Transportation",
            "Transport",
            "Moving a person from one place to another, within a country or across borders.",
            "Déplacement d'une personne d'un lieu à un autre, à l'intérieur d'un pays ou d'un "
            "pays à l'autre.",
        ),
        C(
            "transfer",
            "Transfer",
            "Transfert",
            "Handing over control of a person to someone else.",
            "Remise du contrôle d'une personne à quelqu'un d'autre.",
        ),
        C(
            "harbouring",
            "Harbouring",
            "Hébergement",
            "Accommodating or concealing a person.",
            "Fait de loger ou de cacher une personne.",
        ),
        C(
            "receipt",
            "Receipt",
            "Accueil",
            "Receiving a person at a destination or from someone else.",
            "Fait de recevoir une personne à destination ou des mains de quelqu'un d'autre.",
        ),
    ),
)

PALERMO_MEANS = Vocabulary(
    name="palermo_means",
    title_en="Means (Palermo Protocol)",
    title_fr="Moyen (Protocole de Palerme)",
    source=PALERMO,
    concepts=(
        C(
            "threat",
            "Threat of force",
            "Menace de recours à la force",
            "Threatening to use force against the person or others.",
            "Menace de recourir à la force contre la personne ou d'autres personnes.",
        ),
        C(
            "use_of_force",
            "Use of force",
            "Recours à la force",
            "Using physical force against the person.",
            "Recours à la force physique contre la personne.",
        ),
        C(
            "coercion",
            "Other forms of coercion",
            "Autres formes de contrainte",
            "Compelling the person by means other than force or the threat of force.",
            "Fait de contraindre la personne par des moyens autres que la force ou la menace "
            "de la force.",
        ),
        C(
            "abduction",
            "Abduction",
            "Enlèvement",
            "Taking a person away against their will.",
            "Fait d'emmener une personne contre son gré.",
        ),
        C(
            "fraud",
            "Fraud",
            "Fraude",
            "Dishonest practices, such as false documents or contracts, to obtain the person's "
            "participation.",
            "Manœuvres malhonnêtes, comme de faux documents ou contrats, visant à obtenir la "
            "participation de la personne.",
        ),
        C(
            "deception",
            "Deception",
            "Tromperie",
            "Misleading the person about the nature or conditions of the work, travel or stay.",
            "Fait d'induire la personne en erreur sur la nature ou les conditions du travail, "
            "du voyage ou du séjour.",
        ),
        C(
            "abuse_of_power",
            "Abuse of power",
            "Abus d'autorité",
            "Misusing a position of authority over the person.",
            "Fait d'abuser d'une position d'autorité sur la personne.",
        ),
        C(
            "abuse_of_vulnerability",
            "Abuse of a position of vulnerability",
            "Abus d'une situation de vulnérabilité",
            "Taking advantage of a situation in which the person has no real and acceptable "
            "alternative but to submit.",
            "Fait de profiter d'une situation dans laquelle la personne n'a d'autre choix réel "
            "et acceptable que de se soumettre.",
        ),
        C(
            "payments_to_controller",
            "Payments or benefits to a person in control",
            "Paiements ou avantages à une personne ayant autorité",
            "Giving or receiving payments or benefits to achieve the consent of a person "
            "having control over another.",
            "Offre ou acceptation de paiements ou d'avantages pour obtenir le consentement "
            "d'une personne ayant autorité sur une autre.",
        ),
    ),
)

PALERMO_PURPOSE = Vocabulary(
    name="palermo_purpose",
    title_en="Purpose of exploitation (Palermo Protocol)",
    title_fr="Fin d'exploitation (Protocole de Palerme)",
    source=PALERMO,
    concepts=(
        C(
            "sexual_exploitation",
            "Sexual exploitation",
            "Exploitation sexuelle",
            "Exploitation of the prostitution of others or other forms of sexual exploitation.",
            "Exploitation de la prostitution d'autrui ou autres formes d'exploitation sexuelle.",
        ),
        C(
            "forced_labour",
            "Forced labour or services",
            "Travail ou services forcés",
            "Work or services exacted under the menace of a penalty and not offered voluntarily.",
            "Travail ou services exigés sous la menace d'une peine et non offerts de plein gré.",
        ),
        C(
            "slavery",
            "Slavery",
            "Esclavage",
            "The condition of a person over whom any or all of the powers attaching to the "
            "right of ownership are exercised.",
            "État d'une personne sur laquelle s'exercent les attributs du droit de propriété "
            "ou certains d'entre eux.",
        ),
        C(
            "practices_similar_to_slavery",
            "Practices similar to slavery",
            "Pratiques analogues à l'esclavage",
            "Practices such as debt bondage, serfdom, servile marriage and the exploitation of "
            "children.",
            "Pratiques comme la servitude pour dettes, le servage, le mariage servile et "
            "l'exploitation des enfants.",
        ),
        C(
            "servitude",
            "Servitude",
            "Servitude",
            "A condition of dependence in which a person is compelled to provide services and "
            "cannot change their situation.",
            "État de dépendance dans lequel une personne est contrainte de fournir des services "
            "sans pouvoir changer sa situation.",
        ),
        C(
            "organ_removal",
            "Removal of organs",
            "Prélèvement d'organes",
            "Removal of a person's organs for the purpose of exploitation.",
            "Prélèvement d'organes d'une personne à des fins d'exploitation.",
        ),
    ),
)


# --- ILO indicators of forced labour -------------------------------------------------------

ILO_INDICATOR = Vocabulary(
    name="ilo_indicator",
    title_en="ILO indicator of forced labour",
    title_fr="Indicateur du travail forcé de l'OIT",
    source="ILO Indicators of Forced Labour (2012)",
    concepts=(
        C(
            "abuse_of_vulnerability",
            "Abuse of vulnerability",
            "Abus de vulnérabilité",
            "Taking advantage of a worker's vulnerable position, such as irregular status or "
            "dependence on the employer.",
            "Fait de profiter de la situation vulnérable d'un travailleur, comme un statut "
            "irrégulier ou une dépendance envers l'employeur.",
        ),
        C(
            "deception",
            "Deception",
            "Tromperie",
            "Failing to deliver what was promised to the worker about the work, pay or conditions.",
            "Fait de ne pas respecter les promesses faites au travailleur quant au travail, au "
            "salaire ou aux conditions.",
        ),
        C(
            "restriction_of_movement",
            "Restriction of movement",
            "Restriction de la liberté de mouvement",
            "Confining workers to the workplace or limiting their movements in or outside it.",
            "Fait de confiner les travailleurs sur le lieu de travail ou de limiter leurs "
            "déplacements à l'intérieur ou à l'extérieur de celui-ci.",
        ),
        C(
            "isolation",
            "Isolation",
            "Isolement",
            "Keeping workers in isolated places or cut off from contact with the outside world.",
            "Fait de garder les travailleurs dans des lieux isolés ou coupés de tout contact "
            "avec l'extérieur.",
        ),
        C(
            "physical_sexual_violence",
            "Physical and sexual violence",
            "Violences physiques et sexuelles",
            "Physical or sexual violence, or the forced intake of drugs or alcohol, against "
            "workers.",
            "Violence physique ou sexuelle, ou consommation forcée de drogues ou d'alcool, "
            "infligée aux travailleurs.",
        ),
        C(
            "intimidation_threats",
            "Intimidation and threats",
            "Intimidation et menaces",
            "Threats of violence, of denunciation to the authorities, of loss of wages or of "
            "other penalties.",
            "Menaces de violence, de dénonciation aux autorités, de perte de salaire ou "
            "d'autres sanctions.",
        ),
        C(
            "retention_of_documents",
            "Retention of identity documents",
            "Rétention des documents d'identité",
            "The employer keeps the worker's identity documents, which the worker cannot "
            "obtain on demand.",
            "L'employeur conserve les documents d'identité du travailleur, qui ne peut les "
            "obtenir sur demande.",
        ),
        C(
            "withholding_of_wages",
            "Withholding of wages",
            "Retenue des salaires",
            "Wages are systematically withheld or deferred to compel the worker to stay.",
            "Les salaires sont systématiquement retenus ou différés pour contraindre le "
            "travailleur à rester.",
        ),
        C(
            "debt_bondage",
            "Debt bondage",
            "Servitude pour dettes",
            "The worker is bound by a debt, often manipulated, that keeps them working for the "
            "employer.",
            "Le travailleur est lié par une dette, souvent manipulée, qui le maintient au "
            "service de l'employeur.",
        ),
        C(
            "abusive_conditions",
            "Abusive working and living conditions",
            "Conditions de travail et de vie abusives",
            "Degrading, hazardous or unlawful working or living conditions.",
            "Conditions de travail ou de vie dégradantes, dangereuses ou illégales.",
        ),
        C(
            "excessive_overtime",
            "Excessive overtime",
            "Heures supplémentaires excessives",
            "Obliging workers to work beyond legal or agreed limits, or denying them rest days.",
            "Fait d'obliger les travailleurs à travailler au-delà des limites légales ou "
            "convenues, ou de leur refuser des jours de repos.",
        ),
    ),
)


# --- Charges -------------------------------------------------------------------------------

_TRAFFICKING = tags("trafficking")
_TRAFFICKING_MINOR = tags("trafficking", "minor")
_SEXUAL_SERVICES = tags("sexual_services")
_SEXUAL_SERVICES_MINOR = tags("sexual_services", "minor")
_ALTERNATE = tags("alternate")

CHARGE = Vocabulary(
    name="charge",
    title_en="Charge",
    title_fr="Accusation",
    source="Criminal Code (R.S.C. 1985, c. C-46); "
    "Immigration and Refugee Protection Act (S.C. 2001, c. 27)",
    concepts=(
        # Trafficking in persons offences.
        C(
            "cc_279.01",
            "Trafficking in persons",
            "Traite des personnes",
            "Recruiting, transporting, harbouring or controlling the movements of a person to "
            "exploit them (Criminal Code, s. 279.01).",
            "Fait de recruter, de transporter, d'héberger une personne ou de contrôler ses "
            "mouvements en vue de l'exploiter (Code criminel, art. 279.01).",
            _TRAFFICKING,
        ),
        C(
            "cc_279.011",
            "Trafficking of a person under 18 years",
            "Traite de personnes âgées de moins de dix-huit ans",
            "Trafficking in persons where the victim is under 18 years of age "
            "(Criminal Code, s. 279.011).",
            "Traite des personnes lorsque la victime est âgée de moins de dix-huit ans "
            "(Code criminel, art. 279.011).",
            _TRAFFICKING_MINOR,
        ),
        C(
            "cc_279.02",
            "Material benefit — trafficking",
            "Avantage matériel — traite",
            "Receiving a financial or other material benefit knowing it results from "
            "trafficking in persons (Criminal Code, s. 279.02(1)).",
            "Fait de bénéficier d'un avantage matériel, notamment pécuniaire, en sachant qu'il "
            "provient de la traite des personnes (Code criminel, par. 279.02(1)).",
            _TRAFFICKING,
        ),
        C(
            "cc_279.02_2",
            "Material benefit — trafficking of person under 18 years",
            "Avantage matériel — traite de personnes âgées de moins de dix-huit ans",
            "Receiving a material benefit knowing it results from the trafficking of a person "
            "under 18 (Criminal Code, s. 279.02(2)).",
            "Fait de bénéficier d'un avantage matériel en sachant qu'il provient de la traite "
            "d'une personne âgée de moins de dix-huit ans (Code criminel, par. 279.02(2)).",
            _TRAFFICKING_MINOR,
        ),
        C(
            "cc_279.03",
            "Withholding or destroying documents — trafficking",
            "Rétention ou destruction de documents — traite",
            "Concealing, removing, withholding or destroying a person's travel or identity "
            "documents to commit or facilitate trafficking (Criminal Code, s. 279.03(1)).",
            "Fait de cacher, d'enlever, de retenir ou de détruire les documents de voyage ou "
            "d'identité d'une personne pour commettre ou faciliter la traite "
            "(Code criminel, par. 279.03(1)).",
            _TRAFFICKING,
        ),
        C(
            "cc_279.03_2",
            "Withholding or destroying documents — trafficking of person under 18 years",
            "Rétention ou destruction de documents — traite de personnes âgées de moins de "
            "dix-huit ans",
            "Withholding or destroying documents to commit or facilitate the trafficking of a "
            "person under 18 (Criminal Code, s. 279.03(2)).",
            "Rétention ou destruction de documents pour commettre ou faciliter la traite d'une "
            "personne âgée de moins de dix-huit ans (Code criminel, par. 279.03(2)).",
            _TRAFFICKING_MINOR,
        ),
        C(
            "irpa_118",
            "Trafficking in persons (IRPA)",
            "Trafic de personnes (LIPR)",
            "Knowingly organizing the coming into Canada of persons by abduction, fraud, "
            "deception or the use or threat of force or coercion (IRPA, s. 118).",
            "Fait d'organiser sciemment l'entrée au Canada de personnes par enlèvement, fraude, "
            "tromperie, recours ou menace de recours à la force ou à la coercition "
            "(LIPR, art. 118).",
            _TRAFFICKING,
        ),
        # Commodification of sexual activity offences.
        C(
            "cc_286.1",
            "Obtaining sexual services for consideration",
            "Obtention de services sexuels moyennant rétribution",
            "Obtaining, or communicating to obtain, sexual services for consideration "
            "(Criminal Code, s. 286.1(1)).",
            "Fait d'obtenir, ou de communiquer en vue d'obtenir, des services sexuels moyennant "
            "rétribution (Code criminel, par. 286.1(1)).",
            _SEXUAL_SERVICES,
        ),
        C(
            "cc_286.1_2",
            "Obtaining sexual services for consideration from person under 18 years",
            "Obtention de services sexuels moyennant rétribution — personne âgée de moins de "
            "dix-huit ans",
            "Obtaining, or communicating to obtain, sexual services for consideration from a "
            "person under 18 (Criminal Code, s. 286.1(2)).",
            "Fait d'obtenir, ou de communiquer en vue d'obtenir, des services sexuels moyennant "
            "rétribution d'une personne âgée de moins de dix-huit ans "
            "(Code criminel, par. 286.1(2)).",
            _SEXUAL_SERVICES_MINOR,
        ),
        C(
            "cc_286.2",
            "Material benefit from sexual services",
            "Avantage matériel provenant de la prestation de services sexuels",
            "Receiving a material benefit knowing it is obtained from the provision of sexual "
            "services for consideration (Criminal Code, s. 286.2(1)).",
            "Fait de bénéficier d'un avantage matériel en sachant qu'il provient de la "
            "prestation de services sexuels moyennant rétribution (Code criminel, "
            "par. 286.2(1)).",
            _SEXUAL_SERVICES,
        ),
        C(
            "cc_286.2_2",
            "Material benefit from sexual services provided by person under 18 years",
            "Avantage matériel provenant de services sexuels fournis par une personne âgée de "
            "moins de dix-huit ans",
            "Receiving a material benefit knowing it is obtained from sexual services provided "
            "by a person under 18 (Criminal Code, s. 286.2(2)).",
            "Fait de bénéficier d'un avantage matériel en sachant qu'il provient de services "
            "sexuels fournis par une personne âgée de moins de dix-huit ans (Code criminel, "
            "par. 286.2(2)).",
            _SEXUAL_SERVICES_MINOR,
        ),
        C(
            "cc_286.3",
            "Procuring",
            "Proxénétisme",
            "Procuring a person to offer or provide sexual services for consideration, or "
            "recruiting, holding or harbouring them for that purpose (Criminal Code, "
            "s. 286.3(1)).",
            "Fait d'amener une personne à offrir ou à rendre des services sexuels moyennant "
            "rétribution, ou de la recruter, de la détenir ou de l'héberger à cette fin "
            "(Code criminel, par. 286.3(1)).",
            _SEXUAL_SERVICES,
        ),
        C(
            "cc_286.3_2",
            "Procuring — person under 18 years",
            "Proxénétisme — personne âgée de moins de dix-huit ans",
            "Procuring a person under 18 to offer or provide sexual services for consideration "
            "(Criminal Code, s. 286.3(2)).",
            "Fait d'amener une personne âgée de moins de dix-huit ans à offrir ou à rendre des "
            "services sexuels moyennant rétribution (Code criminel, par. 286.3(2)).",
            _SEXUAL_SERVICES_MINOR,
        ),
        C(
            "cc_286.4",
            "Advertising sexual services",
            "Publicité de services sexuels",
            "Knowingly advertising an offer to provide sexual services for consideration "
            "(Criminal Code, s. 286.4).",
            "Fait de faire sciemment de la publicité pour offrir des services sexuels moyennant "
            "rétribution (Code criminel, art. 286.4).",
            _SEXUAL_SERVICES,
        ),
        # Alternate charges often laid with, or instead of, trafficking charges.
        C(
            "cc_279_1",
            "Kidnapping",
            "Enlèvement",
            "Kidnapping a person with intent to confine them, send them out of Canada or hold "
            "them for ransom or service (Criminal Code, s. 279(1)).",
            "Fait d'enlever une personne dans l'intention de la séquestrer, de la faire sortir "
            "du Canada ou de la détenir contre rançon ou pour en tirer un service "
            "(Code criminel, par. 279(1)).",
            _ALTERNATE,
        ),
        C(
            "cc_279_2",
            "Forcible confinement",
            "Séquestration",
            "Confining, imprisoning or forcibly seizing a person without lawful authority "
            "(Criminal Code, s. 279(2)).",
            "Fait de séquestrer, d'emprisonner ou de saisir de force une personne sans "
            "autorisation légitime (Code criminel, par. 279(2)).",
            _ALTERNATE,
        ),
        C(
            "cc_264",
            "Criminal harassment",
            "Harcèlement criminel",
            "Conduct that causes a person to reasonably fear for their safety or that of "
            "someone known to them (Criminal Code, s. 264).",
            "Conduite qui fait raisonnablement craindre à une personne pour sa sécurité ou "
            "celle d'une de ses connaissances (Code criminel, art. 264).",
            _ALTERNATE,
        ),
        C(
            "cc_264.1",
            "Uttering threats",
            "Proférer des menaces",
            "Threatening to cause death or bodily harm, to damage property or to harm an "
            "animal (Criminal Code, s. 264.1).",
            "Fait de menacer de causer la mort ou des lésions corporelles, d'endommager des "
            "biens ou de blesser un animal (Code criminel, art. 264.1).",
            _ALTERNATE,
        ),
        C(
            "cc_266",
            "Assault",
            "Voies de fait",
            "Intentionally applying force to a person without consent, or attempting or "
            "threatening to do so (Criminal Code, ss. 265 and 266).",
            "Fait d'employer intentionnellement la force contre une personne sans son "
            "consentement, ou de tenter ou de menacer de le faire (Code criminel, art. 265 et "
            "266).",
            _ALTERNATE,
        ),
        C(
            "cc_267",
            "Assault with a weapon or causing bodily harm",
            "Agression armée ou infliction de lésions corporelles",
            "Assault while carrying, using or threatening to use a weapon, or that causes "
            "bodily harm (Criminal Code, s. 267).",
            "Voies de fait commises en portant, en utilisant ou en menaçant d'utiliser une "
            "arme, ou causant des lésions corporelles (Code criminel, art. 267).",
            _ALTERNATE,
        ),
        C(
            "cc_268",
            "Aggravated assault",
            "Voies de fait graves",
            "Assault that wounds, maims or disfigures a person or endangers their life "
            "(Criminal Code, s. 268).",
            "Voies de fait qui blessent, mutilent ou défigurent une personne ou mettent sa vie "
            "en danger (Code criminel, art. 268).",
            _ALTERNATE,
        ),
        C(
            "cc_271",
            "Sexual assault",
            "Agression sexuelle",
            "An assault of a sexual nature that violates the sexual integrity of the victim "
            "(Criminal Code, s. 271).",
            "Voies de fait de nature sexuelle qui portent atteinte à l'intégrité sexuelle de la "
            "victime (Code criminel, art. 271).",
            _ALTERNATE,
        ),
        C(
            "cc_272",
            "Sexual assault with a weapon, threats to a third party or causing bodily harm",
            "Agression sexuelle armée, menaces à une tierce personne ou infliction de lésions "
            "corporelles",
            "Sexual assault committed with a weapon, with threats to a third party or causing "
            "bodily harm (Criminal Code, s. 272).",
            "Agression sexuelle commise avec une arme, avec des menaces à une tierce personne "
            "ou causant des lésions corporelles (Code criminel, art. 272).",
            _ALTERNATE,
        ),
        C(
            "cc_151",
            "Sexual interference",
            "Contacts sexuels",
            "Touching, for a sexual purpose, a person under 16 years of age "
            "(Criminal Code, s. 151).",
            "Fait de toucher, à des fins d'ordre sexuel, une personne âgée de moins de seize "
            "ans (Code criminel, art. 151).",
            _ALTERNATE,
        ),
        C(
            "cc_152",
            "Invitation to sexual touching",
            "Incitation à des contacts sexuels",
            "Inviting, counselling or inciting a person under 16 to touch a body for a sexual "
            "purpose (Criminal Code, s. 152).",
            "Fait d'inviter, d'engager ou d'inciter une personne âgée de moins de seize ans à "
            "toucher un corps à des fins d'ordre sexuel (Code criminel, art. 152).",
            _ALTERNATE,
        ),
        C(
            "cc_163.1",
            "Child pornography",
            "Pornographie juvénile",
            "Making, distributing, possessing or accessing child pornography "
            "(Criminal Code, s. 163.1).",
            "Fait de produire, de distribuer ou de posséder de la pornographie juvénile, ou d'y "
            "accéder (Code criminel, art. 163.1).",
            _ALTERNATE,
        ),
        C(
            "cc_172.1",
            "Luring a child",
            "Leurre",
            "Communicating with a child by telecommunication to facilitate a sexual offence "
            "against them (Criminal Code, s. 172.1).",
            "Fait de communiquer avec un enfant par télécommunication en vue de faciliter la "
            "perpétration d'une infraction sexuelle à son égard (Code criminel, art. 172.1).",
            _ALTERNATE,
        ),
        C(
            "cc_346",
            "Extortion",
            "Extorsion",
            "Obtaining anything by threats, accusations, menaces or violence "
            "(Criminal Code, s. 346).",
            "Fait d'obtenir quoi que ce soit par menaces, accusations ou violence "
            "(Code criminel, art. 346).",
            _ALTERNATE,
        ),
        C(
            "cc_423",
            "Intimidation",
            "Intimidation",
            "Using violence, threats or other intimidation to compel a person to do or abstain "
            "from doing something (Criminal Code, s. 423).",
            "Recours à la violence, aux menaces ou à une autre forme d'intimidation pour forcer "
            "une personne à faire ou à s'abstenir de faire quelque chose (Code criminel, "
            "art. 423).",
            _ALTERNATE,
        ),
        C(
            "cc_462.31",
            "Laundering proceeds of crime",
            "Recyclage des produits de la criminalité",
            "Dealing with property or proceeds with intent to conceal or convert them, knowing "
            "they derive from a designated offence (Criminal Code, s. 462.31).",
            "Fait d'utiliser des biens ou leurs produits dans l'intention de les cacher ou de "
            "les convertir, en sachant qu'ils proviennent d'une infraction désignée "
            "(Code criminel, art. 462.31).",
            _ALTERNATE,
        ),
        C(
            "cc_467.12",
            "Commission of offence for criminal organization",
            "Infraction au profit d'une organisation criminelle",
            "Committing an indictable offence for the benefit of, at the direction of or in "
            "association with a criminal organization (Criminal Code, s. 467.12).",
            "Fait de commettre un acte criminel au profit ou sous la direction d'une "
            "organisation criminelle, ou en association avec elle (Code criminel, art. 467.12).",
            _ALTERNATE,
        ),
        C(
            "irpa_117",
            "Human smuggling (organizing illegal entry)",
            "Passage de clandestins (organisation d'entrée illégale)",
            "Organizing, inducing, aiding or abetting the coming into Canada of persons in "
            "contravention of the Act (IRPA, s. 117).",
            "Fait d'organiser l'entrée au Canada de personnes en contravention de la Loi, ou "
            "d'inciter, d'aider ou d'encourager une telle entrée (LIPR, art. 117).",
            _ALTERNATE,
        ),
        C(
            "irpa_124",
            "Employing a foreign national without authorization",
            "Emploi d'un étranger sans autorisation",
            "Employing a foreign national in a capacity in which they are not authorized to "
            "work (IRPA, s. 124(1)(c)).",
            "Fait d'employer un étranger à un titre pour lequel il n'est pas autorisé à "
            "travailler (LIPR, al. 124(1)c)).",
            _ALTERNATE,
        ),
    ),
)


# --- Police-reported and court data (Statistics Canada) ------------------------------------

ACCUSED_VICTIM_RELATIONSHIP = Vocabulary(
    name="accused_victim_relationship",
    title_en="Relationship of the accused to the victim",
    title_fr="Lien entre l'auteur présumé et la victime",
    source=UCR2,
    concepts=(
        C(
            "spouse",
            "Spouse",
            "Conjoint",
            "The victim's current legally married or common-law spouse.",
            "Conjoint marié ou conjoint de fait actuel de la victime.",
        ),
        C(
            "ex_spouse",
            "Ex-spouse",
            "Ex-conjoint",
            "The victim's former legally married or common-law spouse, including separated "
            "and divorced.",
            "Ancien conjoint marié ou conjoint de fait de la victime, y compris séparé ou divorcé.",
        ),
        C(
            "intimate_partner",
            "Dating or other intimate partner",
            "Partenaire amoureux ou autre partenaire intime",
            "The victim's current boyfriend, girlfriend or other intimate partner who is not a "
            "spouse.",
            "Petit ami, petite amie ou autre partenaire intime actuel de la victime qui n'est "
            "pas un conjoint.",
        ),
        C(
            "ex_intimate_partner",
            "Former dating or other intimate partner",
            "Ancien partenaire amoureux ou autre partenaire intime",
            "The victim's former boyfriend, girlfriend or other intimate partner who was not a "
            "spouse.",
            "Ancien petit ami, ancienne petite amie ou autre ancien partenaire intime de la "
            "victime qui n'était pas un conjoint.",
        ),
        C(
            "parent",
            "Parent",
            "Parent",
            "The victim's parent, step-parent, foster parent or guardian.",
            "Père, mère, beau-parent, parent de famille d'accueil ou tuteur de la victime.",
        ),
        C(
            "child",
            "Child",
            "Enfant",
            "The victim's child, stepchild or foster child.",
            "Enfant, enfant du conjoint ou enfant en famille d'accueil de la victime.",
        ),
        C(
            "sibling",
            "Sibling",
            "Frère ou sœur",
            "The victim's brother or sister, including half, step and foster siblings.",
            "Frère ou sœur de la victime, y compris les demi-frères et demi-sœurs, les "
            "quasi-frères et quasi-sœurs et les frères et sœurs d'accueil.",
        ),
        C(
            "other_family",
            "Other family member",
            "Autre membre de la famille",
            "Another relative by blood, marriage or adoption, such as a grandparent, cousin or "
            "in-law.",
            "Autre parent par le sang, par alliance ou par adoption, comme un grand-parent, un "
            "cousin ou un beau-frère.",
        ),
        C(
            "friend",
            "Friend",
            "Ami ou amie",
            "A person the victim knows well and considers a friend.",
            "Personne que la victime connaît bien et qu'elle considère comme un ami ou une amie.",
        ),
        C(
            "business_relationship",
            "Business relationship",
            "Relation d'affaires",
            "A relationship through legitimate business or employment, such as an employer or "
            "co-worker.",
            "Relation établie dans le cadre d'affaires ou d'un emploi légitimes, comme un "
            "employeur ou un collègue.",
        ),
        C(
            "casual_acquaintance",
            "Casual acquaintance",
            "Simple connaissance",
            "A person known to the victim but not closely, such as a neighbour.",
            "Personne que la victime connaît sans lui être proche, comme un voisin.",
        ),
        C(
            "criminal_relationship",
            "Criminal relationship",
            "Relation criminelle",
            "A relationship arising from illegal activities, such as drug dealing.",
            "Relation découlant d'activités illégales, comme le trafic de drogues.",
        ),
        C(
            "authority_figure",
            "Authority figure",
            "Personne en situation d'autorité",
            "A person in a position of trust or authority over the victim, such as a teacher "
            "or coach.",
            "Personne en situation de confiance ou d'autorité à l'égard de la victime, comme "
            "un enseignant ou un entraîneur.",
        ),
        C(
            "stranger",
            "Stranger",
            "Étranger",
            "A person the victim did not know before the incident.",
            "Personne que la victime ne connaissait pas avant l'affaire.",
        ),
        C(
            "unknown",
            "Unknown",
            "Inconnu",
            "The relationship could not be determined.",
            "Le lien n'a pas pu être déterminé.",
        ),
    ),
)

COURT_OUTCOME = Vocabulary(
    name="court_outcome",
    title_en="Court outcome",
    title_fr="Décision du tribunal",
    source="Statistics Canada, Integrated Criminal Court Survey (ICCS)",
    concepts=(
        C(
            "guilty",
            "Guilty",
            "Coupable",
            "The accused was found guilty, including on a guilty plea.",
            "L'accusé a été déclaré coupable, y compris à la suite d'un plaidoyer de culpabilité.",
        ),
        C(
            "acquitted",
            "Acquitted",
            "Acquitté",
            "The accused was found not guilty.",
            "L'accusé a été déclaré non coupable.",
        ),
        C(
            "stayed_withdrawn_dismissed",
            "Stayed, withdrawn, dismissed or discharged",
            "Arrêt, retrait, rejet ou libération",
            "The charge was stayed, withdrawn or dismissed, or the accused was discharged at a "
            "preliminary inquiry.",
            "L'accusation a fait l'objet d'un arrêt des procédures, d'un retrait ou d'un rejet, "
            "ou l'accusé a été libéré à l'enquête préliminaire.",
        ),
        C(
            "other_decision",
            "Other decision",
            "Autre décision",
            "Another final decision, such as a verdict of not criminally responsible.",
            "Autre décision définitive, comme un verdict de non-responsabilité criminelle.",
        ),
        C(
            "ongoing",
            "Ongoing",
            "En cours",
            "The case has not yet reached a final decision.",
            "L'affaire n'a pas encore fait l'objet d'une décision définitive.",
        ),
    ),
)

CLEARANCE_STATUS = Vocabulary(
    name="clearance_status",
    title_en="Clearance status",
    title_fr="Classement de l'affaire",
    source=UCR2,
    concepts=(
        C(
            "cleared_by_charge",
            "Cleared by charge",
            "Classée par mise en accusation",
            "An accused was identified and a charge was laid or recommended.",
            "Un auteur présumé a été identifié et une accusation a été portée ou recommandée.",
        ),
        C(
            "cleared_otherwise",
            "Cleared otherwise",
            "Classée sans mise en accusation",
            "An accused was identified but no charge was laid, for a reason such as police "
            "discretion.",
            "Un auteur présumé a été identifié, mais aucune accusation n'a été portée, par "
            "exemple en raison du pouvoir discrétionnaire de la police.",
        ),
        C(
            "not_cleared",
            "Not cleared",
            "Non classée",
            "The incident has not been solved.",
            "L'affaire n'a pas été résolue.",
        ),
    ),
)


# --- Persons and disaggregation ------------------------------------------------------------


def _unknown(en_thing: str, fr_thing: str) -> C:
    """The "unknown" concept of a disaggregation vocabulary."""
    return C(
        "unknown",
        "Unknown",
        "Inconnu",
        f"{en_thing} not known or not reported.",
        f"{fr_thing} ou non déclaré.",
    )


SEX = Vocabulary(
    name="sex",
    title_en="Sex",
    title_fr="Sexe",
    source="Statistics Canada, sex at birth standard (2021), with intersex and unknown",
    concepts=(
        C(
            "female",
            "Female",
            "Féminin",
            "Sex recorded as female.",
            "Sexe consigné comme féminin.",
        ),
        C(
            "male",
            "Male",
            "Masculin",
            "Sex recorded as male.",
            "Sexe consigné comme masculin.",
        ),
        C(
            "intersex",
            "Intersex",
            "Intersexe",
            "Sex characteristics that do not fit typical definitions of female or male.",
            "Caractéristiques sexuelles qui ne correspondent pas aux définitions types du "
            "féminin ou du masculin.",
        ),
        _unknown("Sex", "Sexe inconnu"),
    ),
)

GENDER = Vocabulary(
    name="gender",
    title_en="Gender",
    title_fr="Genre",
    source="Statistics Canada, gender classification (2021)",
    concepts=(
        C(
            "woman",
            "Woman or girl",
            "Femme ou fille",
            "A person whose gender is female, whether cisgender or transgender.",
            "Personne dont le genre est féminin, qu'elle soit cisgenre ou transgenre.",
        ),
        C(
            "man",
            "Man or boy",
            "Homme ou garçon",
            "A person whose gender is male, whether cisgender or transgender.",
            "Personne dont le genre est masculin, qu'elle soit cisgenre ou transgenre.",
        ),
        C(
            "gender_diverse",
            "Gender diverse",
            "Personne de diverses identités de genre",
            "A person whose gender is not exclusively woman or man, such as a non-binary person.",
            "Personne dont le genre n'est pas exclusivement féminin ou masculin, comme une "
            "personne non binaire.",
        ),
        _unknown("Gender", "Genre inconnu"),
    ),
)


def _age_group(code: str, en: str, fr: str) -> C:
    return C(
        code,
        en,
        fr,
        f"Age at the time of the incident or report, {en}.",
        f"Âge au moment de l'affaire ou du signalement, soit {fr}.",
    )


AGE_GROUP = Vocabulary(
    name="age_group",
    title_en="Age group",
    title_fr="Groupe d'âge",
    source=f"{UCR2}, age groups of police-reported data",
    concepts=(
        _age_group("0_11", "0 to 11 years", "0 à 11 ans"),
        _age_group("12_17", "12 to 17 years", "12 à 17 ans"),
        _age_group("18_24", "18 to 24 years", "18 à 24 ans"),
        _age_group("25_34", "25 to 34 years", "25 à 34 ans"),
        _age_group("35_44", "35 to 44 years", "35 à 44 ans"),
        _age_group("45_54", "45 to 54 years", "45 à 54 ans"),
        _age_group("55_64", "55 to 64 years", "55 à 64 ans"),
        _age_group("65_plus", "65 years and older", "65 ans et plus"),
        C(
            "unknown",
            "Unknown age",
            "Âge inconnu",
            "Age not known or not reported.",
            "Âge inconnu ou non déclaré.",
        ),
    ),
)

INDIGENOUS_IDENTITY = Vocabulary(
    name="indigenous_identity",
    title_en="Indigenous identity",
    title_fr="Identité autochtone",
    source="Statistics Canada, Indigenous identity (Census of Population 2021)",
    concepts=(
        C(
            "first_nations",
            "First Nations",
            "Premières Nations",
            "A person who identifies as First Nations, whether or not registered under the "
            "Indian Act.",
            "Personne qui s'identifie comme membre des Premières Nations, inscrite ou non en "
            "vertu de la Loi sur les Indiens.",
        ),
        C(
            "metis",
            "Métis",
            "Métis",
            "A person who identifies as Métis.",
            "Personne qui s'identifie comme Métis.",
        ),
        C(
            "inuit",
            "Inuit",
            "Inuit",
            "A person who identifies as Inuk (Inuit).",
            "Personne qui s'identifie comme Inuk (Inuit).",
        ),
        C(
            "non_indigenous",
            "Non-Indigenous",
            "Non-Autochtone",
            "A person who does not identify as First Nations, Métis or Inuk.",
            "Personne qui ne s'identifie pas comme membre des Premières Nations, Métis ou Inuk.",
        ),
        C(
            "unknown",
            "Unknown",
            "Inconnue",
            "Indigenous identity not known or not reported.",
            "Identité autochtone inconnue ou non déclarée.",
        ),
    ),
)

BIRTHPLACE = Vocabulary(
    name="birthplace",
    title_en="Place of birth",
    title_fr="Lieu de naissance",
    source="Statistics Canada, place of birth (Canadian-born and foreign-born populations)",
    concepts=(
        C(
            "canadian_born",
            "Canadian-born",
            "Personne née au Canada",
            "A person born in Canada, whatever their citizenship.",
            "Personne née au Canada, quelle que soit sa citoyenneté.",
        ),
        C(
            "foreign_born",
            "Foreign-born",
            "Personne née à l'étranger",
            "A person born outside Canada, including Canadian citizens born abroad.",
            "Personne née à l'extérieur du Canada, y compris les citoyens canadiens nés à "
            "l'étranger.",
        ),
        _unknown("Place of birth", "Lieu de naissance inconnu"),
    ),
)

DISABILITY = Vocabulary(
    name="disability",
    title_en="Disability",
    title_fr="Handicap",
    source="Lantern data standard, disaggregation by disability (self-reported or as recorded)",
    concepts=(
        C(
            "yes",
            "Yes",
            "Oui",
            "The person has a disability, as reported by the person or the source.",
            "La personne a un handicap, selon ce qu'elle-même ou la source a déclaré.",
        ),
        C(
            "no",
            "No",
            "Non",
            "The person is reported as not having a disability.",
            "La personne est déclarée sans handicap.",
        ),
        C(
            "unknown",
            "Unknown",
            "Inconnu",
            "Disability status not known or not reported.",
            "Situation de handicap inconnue ou non déclarée.",
        ),
    ),
)

LGBTQ = Vocabulary(
    name="lgbtq",
    title_en="2SLGBTQI+ identity",
    title_fr="Identité 2ELGBTQI+",
    source="Lantern data standard, disaggregation by 2SLGBTQI+ identity (self-reported)",
    concepts=(
        C(
            "yes",
            "Yes",
            "Oui",
            "The person identifies as Two-Spirit, lesbian, gay, bisexual, transgender, queer, "
            "intersex or another sexual or gender minority.",
            "La personne s'identifie comme bispirituelle, lesbienne, gaie, bisexuelle, "
            "transgenre, queer, intersexe ou membre d'une autre minorité sexuelle ou de genre.",
        ),
        C(
            "no",
            "No",
            "Non",
            "The person does not identify as 2SLGBTQI+.",
            "La personne ne s'identifie pas comme 2ELGBTQI+.",
        ),
        C(
            "unknown",
            "Unknown",
            "Inconnu",
            "Not known, or the question was not asked.",
            "Inconnu, ou la question n'a pas été posée.",
        ),
        C(
            "prefer_not_to_say",
            "Prefer not to say",
            "Préfère ne pas répondre",
            "The person chose not to answer.",
            "La personne a choisi de ne pas répondre.",
        ),
    ),
)

PERSON_ROLE = Vocabulary(
    name="person_role",
    title_en="Role of the person",
    title_fr="Rôle de la personne",
    source=f"{UCR2} (victim and accused records); {HTCDS}",
    concepts=(
        C(
            "victim",
            "Victim or survivor",
            "Victime ou personne survivante",
            "A person who was, or may have been, a victim of trafficking or a related offence.",
            "Personne qui a été, ou pourrait avoir été, victime de la traite ou d'une "
            "infraction connexe.",
        ),
        C(
            "accused",
            "Accused",
            "Auteur présumé",
            "A person identified as having committed or taken part in the offence.",
            "Personne identifiée comme ayant commis l'infraction ou y ayant participé.",
        ),
    ),
)


# --- Consent, cases and permits ------------------------------------------------------------

CONSENT_PURPOSE = Vocabulary(
    name="consent_purpose",
    title_en="Purpose of consent",
    title_fr="Objet du consentement",
    source=f"{HTCDS}, Consent entity",
    concepts=(
        C(
            "services",
            "To receive services",
            "Pour recevoir des services",
            "Consent to the collection and use of the person's information to provide them "
            "with services.",
            "Consentement à la collecte et à l'utilisation des renseignements de la personne "
            "pour lui offrir des services.",
        ),
        C(
            "share",
            "To share with a named organization",
            "Pour communication à une organisation désignée",
            "Consent to the disclosure of the person's information to a named organization.",
            "Consentement à la communication des renseignements de la personne à une "
            "organisation désignée.",
        ),
        C(
            "statistics",
            "For statistical use",
            "À des fins statistiques",
            "Consent to the inclusion of the person's de-identified information in statistics.",
            "Consentement à l'inclusion des renseignements dépersonnalisés de la personne dans "
            "les statistiques.",
        ),
    ),
)

CASE_STATUS = Vocabulary(
    name="case_status",
    title_en="Case status",
    title_fr="État du dossier",
    source=f"{HTCDS}, Case entity",
    concepts=(
        C(
            "open",
            "Open",
            "Ouvert",
            "The case is active.",
            "Le dossier est actif.",
        ),
        C(
            "closed",
            "Closed",
            "Fermé",
            "The case is no longer active.",
            "Le dossier n'est plus actif.",
        ),
    ),
)

TRP_TYPE = Vocabulary(
    name="trp_type",
    title_en="Temporary resident permit for victims of trafficking",
    title_fr="Permis de séjour temporaire pour les victimes de la traite",
    source="Immigration, Refugees and Citizenship Canada (IRCC), temporary resident permits "
    "for victims of trafficking in persons (IRPA, s. 24)",
    concepts=(
        C(
            "initial",
            "Initial permit",
            "Permis initial",
            "A first temporary resident permit for a victim of trafficking, valid for up to "
            "180 days.",
            "Premier permis de séjour temporaire délivré à une victime de la traite, valide "
            "pour une durée maximale de 180 jours.",
        ),
        C(
            "subsequent",
            "Subsequent permit",
            "Permis subséquent",
            "A further temporary resident permit issued after the initial permit, which may be "
            "valid for longer.",
            "Nouveau permis de séjour temporaire délivré après le permis initial, qui peut être "
            "valide plus longtemps.",
        ),
    ),
)


# --- Services and service providers (HSDS) -------------------------------------------------

HSDS = "Open Referral Human Services Data Specification (HSDS) 3.0"
HOTLINE = "Canadian Human Trafficking Hotline data practices"

SERVICE_TYPE = Vocabulary(
    name="service_type",
    title_en="Type of service",
    title_fr="Type de service",
    source=f"{HSDS}, adapted",
    concepts=(
        C(
            "shelter",
            "Safe housing or shelter",
            "Hébergement sécuritaire ou refuge",
            "Emergency, transitional or longer-term safe housing for people leaving trafficking "
            "or exploitation.",
            "Hébergement sécuritaire d'urgence, de transition ou à plus long terme pour les "
            "personnes qui sortent d'une situation de traite ou d'exploitation.",
        ),
        C(
            "case_management",
            "Case management",
            "Gestion de cas",
            "Ongoing, coordinated support from a worker who assesses needs, plans with the person "
            "and connects them to other services.",
            "Soutien continu et coordonné d'une intervenante ou d'un intervenant qui évalue les "
            "besoins, établit un plan avec la personne et l'oriente vers d'autres services.",
        ),
        C(
            "counselling",
            "Counselling and mental health",
            "Counseling et santé mentale",
            "Trauma-informed counselling, therapy, peer support or other mental health services.",
            "Counseling, thérapie, soutien par les pairs ou autres services de santé mentale "
            "tenant compte des traumatismes.",
        ),
        C(
            "legal_aid",
            "Legal aid",
            "Aide juridique",
            "Legal information, advice or representation in criminal, family, immigration, "
            "employment or other matters.",
            "Information juridique, conseils juridiques ou représentation en matière criminelle, "
            "familiale, d'immigration, d'emploi ou autre.",
        ),
        C(
            "immigration",
            "Immigration help",
            "Aide en matière d'immigration",
            "Help with immigration status, including applications for temporary resident permits "
            "for victims of trafficking.",
            "Aide relative au statut d'immigration, y compris les demandes de permis de séjour "
            "temporaire pour les victimes de la traite.",
        ),
        C(
            "health",
            "Health care",
            "Soins de santé",
            "Medical, dental, sexual and reproductive or other physical health care.",
            "Soins médicaux, dentaires, de santé sexuelle et reproductive ou autres soins de "
            "santé physique.",
        ),
        C(
            "interpretation",
            "Interpretation and translation",
            "Interprétation et traduction",
            "Spoken, signed or written language help so that the person can use services in "
            "their own language.",
            "Aide linguistique orale, gestuelle ou écrite qui permet à la personne d'utiliser les "
            "services dans sa propre langue.",
        ),
        C(
            "employment_income",
            "Employment and income support",
            "Emploi et soutien du revenu",
            "Help finding work, job training, financial assistance or access to income benefits.",
            "Aide à la recherche d'emploi, formation professionnelle, aide financière ou accès "
            "aux prestations de soutien du revenu.",
        ),
        C(
            "addiction",
            "Addiction and substance use services",
            "Services en dépendance et en consommation de substances",
            "Harm reduction, withdrawal management, treatment or recovery support related to "
            "substance use.",
            "Réduction des méfaits, gestion du sevrage, traitement ou soutien au rétablissement "
            "liés à la consommation de substances.",
        ),
        C(
            "indigenous_cultural",
            "Indigenous-led and cultural services",
            "Services culturels et dirigés par des Autochtones",
            "Services led by First Nations, Inuit or Métis people or organizations, including "
            "cultural supports and traditional healing.",
            "Services dirigés par des Premières Nations, des Inuit ou des Métis ou par leurs "
            "organisations, y compris les soutiens culturels et la guérison traditionnelle.",
        ),
        C(
            "youth",
            "Youth services",
            "Services aux jeunes",
            "Services designed for children and youth, including youth housing and outreach.",
            "Services conçus pour les enfants et les jeunes, y compris l'hébergement et les "
            "services d'approche destinés aux jeunes.",
        ),
        C(
            "lgbtq_affirming",
            "2SLGBTQI+-affirming services",
            "Services d'affirmation pour les personnes 2ELGBTQI+",
            "Services that affirm Two-Spirit, lesbian, gay, bisexual, transgender, queer and "
            "intersex people and are designed to be safe for them.",
            "Services qui affirment l'identité des personnes bispirituelles, lesbiennes, gaies, "
            "bisexuelles, transgenres, queers et intersexes et qui sont conçus pour être "
            "sécuritaires pour elles.",
        ),
        C(
            "men_boys",
            "Services for men and boys",
            "Services pour les hommes et les garçons",
            "Services designed for men and boys who have experienced trafficking or exploitation.",
            "Services conçus pour les hommes et les garçons qui ont vécu la traite ou "
            "l'exploitation.",
        ),
        C(
            "labour_trafficking",
            "Labour trafficking specialists",
            "Services spécialisés en traite à des fins de travail forcé",
            "Services with specific expertise in labour trafficking, including help for migrant "
            "and temporary foreign workers.",
            "Services qui possèdent une expertise particulière en traite de personnes à des fins "
            "de travail forcé, y compris l'aide aux travailleurs migrants et aux travailleurs "
            "étrangers temporaires.",
        ),
    ),
)

POPULATION = Vocabulary(
    name="population",
    title_en="Population served",
    title_fr="Population servie",
    source=f"{HSDS}, eligibility, adapted",
    concepts=(
        C(
            "women",
            "Women",
            "Femmes",
            "Women, whether cisgender or transgender.",
            "Femmes, qu'elles soient cisgenres ou transgenres.",
        ),
        C(
            "men",
            "Men",
            "Hommes",
            "Men, whether cisgender or transgender.",
            "Hommes, qu'ils soient cisgenres ou transgenres.",
        ),
        C(
            "gender_diverse",
            "Gender-diverse people",
            "Personnes de diverses identités de genre",
            "People whose gender is not exclusively woman or man, such as non-binary people.",
            "Personnes dont le genre n'est pas exclusivement féminin ou masculin, comme les "
            "personnes non binaires.",
        ),
        C(
            "youth",
            "Youth (12 to 24)",
            "Jeunes (12 à 24 ans)",
            "Young people aged 12 to 24.",
            "Jeunes âgés de 12 à 24 ans.",
        ),
        C(
            "children",
            "Children (under 12)",
            "Enfants (moins de 12 ans)",
            "Children under 12 years of age.",
            "Enfants de moins de 12 ans.",
        ),
        C(
            "families",
            "Families",
            "Familles",
            "Parents or guardians with their children, or the family members of a victim or "
            "survivor.",
            "Parents ou tuteurs accompagnés de leurs enfants, ou membres de la famille d'une "
            "victime ou d'une personne survivante.",
        ),
        C(
            "indigenous",
            "First Nations, Inuit and Métis people",
            "Premières Nations, Inuit et Métis",
            "First Nations, Inuit and Métis people, on or off reserve and in urban, rural and "
            "northern communities.",
            "Membres des Premières Nations, Inuit et Métis, dans les réserves ou hors réserve, et "
            "dans les collectivités urbaines, rurales et nordiques.",
        ),
        C(
            "migrants",
            "Migrants, refugees and temporary foreign workers",
            "Migrants, réfugiés et travailleurs étrangers temporaires",
            "People who came to Canada from elsewhere, whatever their immigration status, "
            "including refugee claimants and temporary foreign workers.",
            "Personnes venues d'ailleurs au Canada, quel que soit leur statut d'immigration, y "
            "compris les demandeurs d'asile et les travailleurs étrangers temporaires.",
        ),
        C(
            "lgbtq",
            "2SLGBTQI+ people",
            "Personnes 2ELGBTQI+",
            "Two-Spirit, lesbian, gay, bisexual, transgender, queer and intersex people and "
            "other sexual and gender minorities.",
            "Personnes bispirituelles, lesbiennes, gaies, bisexuelles, transgenres, queers et "
            "intersexes, et autres minorités sexuelles et de genre.",
        ),
        C(
            "disability",
            "People with disabilities",
            "Personnes en situation de handicap",
            "People with physical, sensory, intellectual, cognitive, mental health or other "
            "disabilities.",
            "Personnes ayant un handicap physique, sensoriel, intellectuel, cognitif, lié à la "
            "santé mentale ou autre.",
        ),
        C(
            "sex_workers",
            "People in the sex trade",
            "Personnes dans l'industrie du sexe",
            "People who sell or trade sex, served without judgment whether or not they consider "
            "themselves trafficked.",
            "Personnes qui vendent ou échangent des services sexuels, accueillies sans jugement, "
            "qu'elles se considèrent ou non comme victimes de la traite.",
        ),
        C(
            "all",
            "Everyone",
            "Toute personne",
            "The provider serves everyone, with no restriction on the population served.",
            "Le fournisseur offre ses services à toute personne, sans restriction quant à la "
            "population servie.",
        ),
    ),
)


def _language(code: str, en: str, fr: str, note_en: str = "", note_fr: str = "") -> C:
    """A language, coded in ISO 639-1 where it has a two-letter code, ISO 639-3 otherwise."""
    part = "ISO 639-1" if len(code) == 2 else "ISO 639-3"
    return C(
        code,
        en,
        fr,
        f"The language whose {part} code is {code}: {en}{note_en}.",
        f"Langue dont le code {part} est {code} : {fr}{note_fr}.",
    )


LANGUAGE = Vocabulary(
    name="language",
    title_en="Language",
    title_fr="Langue",
    source="ISO 639-1 and ISO 639-3 language codes; selection for Lantern",
    concepts=(
        _language("en", "English", "anglais"),
        _language("fr", "French", "français"),
        _language("es", "Spanish", "espagnol"),
        _language("pt", "Portuguese", "portugais"),
        _language(
            "zh",
            "Chinese",
            "chinois",
            ", usually Mandarin (Cantonese is listed separately)",
            ", généralement le mandarin (le cantonais figure séparément)",
        ),
        _language("yue", "Cantonese", "cantonais"),
        _language("pa", "Punjabi", "pendjabi"),
        _language("ar", "Arabic", "arabe"),
        _language("tl", "Tagalog (Filipino)", "tagalog (filipino)"),
        _language("uk", "Ukrainian", "ukrainien"),
        _language("ru", "Russian", "russe"),
        _language("hi", "Hindi", "hindi"),
        _language("ur", "Urdu", "ourdou"),
        _language("vi", "Vietnamese", "vietnamien"),
        _language("ko", "Korean", "coréen"),
        _language("ta", "Tamil", "tamoul"),
        _language("fa", "Persian (Farsi)", "persan (farsi)"),
        _language("so", "Somali", "somali"),
        _language("ti", "Tigrinya", "tigrigna"),
        _language("am", "Amharic", "amharique"),
        _language("ro", "Romanian", "roumain"),
        _language("hu", "Hungarian", "hongrois"),
        _language("pl", "Polish", "polonais"),
        _language("th", "Thai", "thaï"),
        _language("iu", "Inuktitut", "inuktitut"),
        _language("cr", "Cree", "cri"),
        _language("oj", "Ojibwe", "ojibwé"),
        _language("ase", "American Sign Language (ASL)", "langue des signes américaine (ASL)"),
        _language("lsq", "Quebec Sign Language (LSQ)", "langue des signes québécoise (LSQ)"),
    ),
)

CAPACITY_STATUS = Vocabulary(
    name="capacity_status",
    title_en="Capacity status",
    title_fr="État de la capacité d'accueil",
    source=f"{HSDS}, service capacity, adapted",
    concepts=(
        C(
            "accepting",
            "Accepting referrals",
            "Accepte les aiguillages",
            "The service can take new people now.",
            "Le service peut accueillir de nouvelles personnes dès maintenant.",
        ),
        C(
            "waitlist",
            "Waiting list",
            "Liste d'attente",
            "The service is adding people to a waiting list, and there may be a delay before "
            "they are served.",
            "Le service inscrit les personnes sur une liste d'attente, et un délai est possible "
            "avant qu'elles soient servies.",
        ),
        C(
            "full",
            "Full",
            "Complet",
            "The service cannot take new people at this time.",
            "Le service ne peut pas accueillir de nouvelles personnes pour le moment.",
        ),
    ),
)


# --- Hotline contacts and screening --------------------------------------------------------

CONTACT_CHANNEL = Vocabulary(
    name="contact_channel",
    title_en="Contact channel",
    title_fr="Mode de communication",
    source=f"{HOTLINE}, adapted",
    concepts=(
        C(
            "phone",
            "Phone",
            "Téléphone",
            "A voice call to or from the hotline.",
            "Appel vocal reçu ou fait par la ligne d'urgence.",
        ),
        C(
            "text",
            "Text message",
            "Message texte",
            "A conversation by text message (SMS).",
            "Conversation par message texte (SMS).",
        ),
        C(
            "chat",
            "Online chat",
            "Clavardage",
            "A live conversation through the hotline's web chat.",
            "Conversation en direct au moyen du service de clavardage en ligne de la ligne "
            "d'urgence.",
        ),
        C(
            "email",
            "Email",
            "Courriel",
            "A message sent by email.",
            "Message envoyé par courriel.",
        ),
        C(
            "web_form",
            "Online form",
            "Formulaire en ligne",
            "A report or request submitted through a form on the hotline's website.",
            "Signalement ou demande soumis au moyen d'un formulaire sur le site Web de la ligne "
            "d'urgence.",
        ),
    ),
)

CALLER_TYPE = Vocabulary(
    name="caller_type",
    title_en="Type of caller",
    title_fr="Type de personne appelante",
    source=f"{HOTLINE}, adapted",
    concepts=(
        C(
            "victim_survivor",
            "Victim or survivor",
            "Victime ou personne survivante",
            "A person who is experiencing or has experienced trafficking or exploitation and "
            "contacts the hotline for themselves.",
            "Personne qui vit ou a vécu une situation de traite ou d'exploitation et qui "
            "communique avec la ligne d'urgence pour elle-même.",
        ),
        C(
            "family_friend",
            "Family member or friend",
            "Membre de la famille ou proche",
            "A relative or friend of a possible victim.",
            "Membre de la famille ou proche d'une victime possible.",
        ),
        C(
            "community_member",
            "Community member",
            "Membre de la collectivité",
            "A member of the public, such as a neighbour, co-worker or customer, who is "
            "concerned about a situation.",
            "Membre du public, comme un voisin, un collègue ou un client, qui s'inquiète d'une "
            "situation.",
        ),
        C(
            "service_provider",
            "Service provider",
            "Fournisseur de services",
            "A person who works for a social, health, legal or other service organization.",
            "Personne qui travaille pour un organisme de services sociaux, de santé, juridiques "
            "ou autres.",
        ),
        C(
            "law_enforcement",
            "Law enforcement",
            "Forces de l'ordre",
            "A police officer or other law enforcement official.",
            "Membre d'un service de police ou autre agent d'application de la loi.",
        ),
        _other("type of caller", "Type de personne appelante"),
    ),
)

_DATA = tags("data")
_NON_DATA = tags("non_data")

CONTACT_TYPE = Vocabulary(
    name="contact_type",
    title_en="Type of contact",
    title_fr="Type de communication",
    source=f"{HOTLINE}, adapted",
    concepts=(
        C(
            "crisis",
            "Crisis or request for help",
            "Crise ou demande d'aide",
            "A person needs immediate support, safety planning or connection to services.",
            "Une personne a besoin de soutien immédiat, d'un plan de sécurité ou d'être orientée "
            "vers des services.",
            _DATA,
        ),
        C(
            "tip",
            "Tip",
            "Signalement",
            "Information about a possible trafficking situation, given so that it can be acted on.",
            "Renseignements sur une situation possible de traite, communiqués pour qu'on puisse "
            "y donner suite.",
            _DATA,
        ),
        C(
            "information",
            "Information request",
            "Demande de renseignements",
            "A question about trafficking, services, training or resources, with no specific "
            "situation reported.",
            "Question sur la traite, les services, la formation ou les ressources, sans "
            "signalement d'une situation précise.",
            _DATA,
        ),
        C(
            "silent",
            "Silent contact",
            "Communication silencieuse",
            "A contact in which no one spoke or wrote, excluded from statistics.",
            "Communication au cours de laquelle personne n'a parlé ni écrit, exclue des "
            "statistiques.",
            _NON_DATA,
        ),
        C(
            "wrong_number",
            "Wrong number",
            "Mauvais numéro",
            "A contact made in error, such as a misdialled number, excluded from statistics.",
            "Communication faite par erreur, par exemple à la suite d'une erreur de composition, "
            "exclue des statistiques.",
            _NON_DATA,
        ),
        C(
            "abusive",
            "Abusive or prank contact",
            "Communication abusive ou canular",
            "A contact meant to harass or abuse hotline staff, or a prank, excluded from "
            "statistics.",
            "Communication visant à harceler ou à injurier le personnel de la ligne d'urgence, "
            "ou canular, exclue des statistiques.",
            _NON_DATA,
        ),
        C(
            "test",
            "Test",
            "Essai",
            "A test of the hotline's systems by staff, excluded from statistics.",
            "Essai des systèmes de la ligne d'urgence effectué par le personnel, exclu des "
            "statistiques.",
            _NON_DATA,
        ),
    ),
)

SEX_TRAFFICKING_INDICATOR = Vocabulary(
    name="sex_trafficking_indicator",
    title_en="Sex trafficking indicator",
    title_fr="Indicateur de traite à des fins d'exploitation sexuelle",
    source="Canadian Human Trafficking Hotline and U.S. National Human Trafficking Hotline "
    "screening indicators, adapted",
    concepts=(
        C(
            "controlled_by_other",
            "Someone else controls their work, money or movements",
            "Contrôle de son travail, de son argent ou de ses déplacements par un tiers",
            "Another person decides when, where or with whom they work, keeps their money or "
            "restricts where they go.",
            "Une autre personne décide quand, où ou avec qui la personne travaille, garde son "
            "argent ou limite ses déplacements.",
        ),
        C(
            "earnings_taken",
            "Gives most or all earnings to someone",
            "Remise de la totalité ou de la plus grande partie de ses gains à un tiers",
            "They hand over most or all of the money they earn to another person.",
            "La personne remet la totalité ou la plus grande partie de l'argent qu'elle gagne à "
            "une autre personne.",
        ),
        C(
            "advertised_online",
            "Advertised online for sexual services by someone else",
            "Services sexuels annoncés en ligne par un tiers",
            "Another person posts or manages online advertisements offering their sexual services.",
            "Une autre personne publie ou gère des annonces en ligne qui offrent les services "
            "sexuels de la personne.",
        ),
        C(
            "quota",
            "Has a nightly quota",
            "Quota à atteindre chaque nuit",
            "They must earn a set amount of money or see a set number of clients each night.",
            "La personne doit gagner une somme fixée ou recevoir un nombre fixé de clients "
            "chaque nuit.",
        ),
        C(
            "moved_between_cities",
            "Moved between cities or hotels by someone",
            "Déplacements imposés d'une ville ou d'un hôtel à l'autre",
            "Another person moves them from city to city or from hotel to hotel, often for "
            "short stays.",
            "Une autre personne fait passer la personne d'une ville à l'autre ou d'un hôtel à "
            "l'autre, souvent pour de courts séjours.",
        ),
        C(
            "branding",
            "Tattoos or marks showing ownership",
            "Tatouages ou marques d'appartenance",
            "They bear tattoos, brands or other marks showing another person's name or claim "
            "of ownership.",
            "La personne porte des tatouages, des marques au fer ou d'autres marques indiquant "
            "le nom d'une autre personne ou une prétention d'appartenance.",
        ),
        C(
            "romantic_recruiter",
            "Recruited by a partner or boyfriend who then sold their sexual services",
            "Recrutement par un partenaire amoureux qui a ensuite vendu ses services sexuels",
            "A romantic partner, often a so-called boyfriend, recruited them through the "
            "relationship and then sold their sexual services to others.",
            "Un partenaire amoureux, souvent un prétendu petit ami, a recruté la personne au "
            "moyen de la relation, puis a vendu ses services sexuels à d'autres.",
        ),
        C(
            "debt_to_controller",
            "Owes a debt to the person controlling them",
            "Dette envers la personne qui la contrôle",
            "They owe a debt, real or claimed, to the person controlling them, for example for "
            "travel, housing or advertising.",
            "La personne a une dette, réelle ou prétendue, envers celui ou celle qui la "
            "contrôle, par exemple pour le transport, le logement ou les annonces.",
        ),
        C(
            "no_control_of_id",
            "Someone else holds their ID",
            "Pièces d'identité détenues par un tiers",
            "Another person holds their passport, identity card or other identity documents.",
            "Une autre personne détient le passeport, la carte d'identité ou d'autres pièces "
            "d'identité de la personne.",
        ),
        C(
            "isolated_from_family",
            "Cut off from family and friends",
            "Isolement de la famille et des amis",
            "They are kept from contacting family and friends, or their contact is monitored.",
            "On empêche la personne de communiquer avec sa famille et ses amis, ou on surveille "
            "ses communications avec eux.",
        ),
        C(
            "underage_commercial_sex",
            "Person under 18 involved in commercial sex",
            "Personne de moins de 18 ans impliquée dans le commerce du sexe",
            "A person under 18 is involved in commercial sex, which is treated as trafficking "
            "whatever the means used and is always an offence under the Criminal Code "
            "(ss. 286.1(2) to 286.3(2)).",
            "Une personne de moins de 18 ans est impliquée dans le commerce du sexe, ce qui est "
            "considéré comme de la traite quels que soient les moyens employés et constitue "
            "toujours une infraction au Code criminel (par. 286.1(2) à 286.3(2)).",
            tags("minor"),
        ),
        C(
            "threats_violence",
            "Threats or violence if they stop or leave",
            "Menaces ou violence en cas d'arrêt ou de départ",
            "They or their family are threatened or harmed if they try to stop or leave.",
            "La personne ou sa famille subit des menaces ou de la violence si elle tente "
            "d'arrêter ou de partir.",
        ),
    ),
)

SCREENING_CLASSIFICATION = Vocabulary(
    name="screening_classification",
    title_en="Screening classification",
    title_fr="Classification à l'issue de l'évaluation préliminaire",
    source=f"{HOTLINE}, adapted",
    concepts=(
        C(
            "sex_trafficking",
            "Possible sex trafficking",
            "Traite possible à des fins d'exploitation sexuelle",
            "The information shows possible elements of trafficking for sexual exploitation.",
            "Les renseignements révèlent des éléments possibles de traite à des fins "
            "d'exploitation sexuelle.",
        ),
        C(
            "labour_trafficking",
            "Possible labour trafficking",
            "Traite possible à des fins de travail forcé",
            "The information shows possible elements of trafficking for forced labour or services.",
            "Les renseignements révèlent des éléments possibles de traite à des fins de travail "
            "ou de services forcés.",
        ),
        C(
            "both",
            "Possible sex and labour trafficking",
            "Traite possible à des fins d'exploitation sexuelle et de travail forcé",
            "The information shows possible elements of both sex trafficking and labour "
            "trafficking.",
            "Les renseignements révèlent des éléments possibles de traite à la fois à des fins "
            "d'exploitation sexuelle et de travail forcé.",
        ),
        C(
            "other_exploitation",
            "Other exploitation",
            "Autre forme d'exploitation",
            "Exploitation or abuse, such as violations of labour standards, that does not show "
            "all the elements of trafficking.",
            "Exploitation ou mauvais traitements, comme des manquements aux normes du travail, "
            "qui ne présentent pas tous les éléments de la traite.",
        ),
        C(
            "not_trafficking",
            "Not trafficking",
            "Absence de traite",
            "The information shows no indication of trafficking or exploitation.",
            "Les renseignements ne révèlent aucun indice de traite ni d'exploitation.",
        ),
    ),
)

MINOR_INVOLVED = Vocabulary(
    name="minor_involved",
    title_en="Minor involved",
    title_fr="Personne mineure en cause",
    source=f"{HOTLINE}, adapted",
    concepts=(
        C(
            "yes",
            "Yes",
            "Oui",
            "At least one possible victim is under 18 years of age.",
            "Au moins une victime possible a moins de 18 ans.",
        ),
        C(
            "no",
            "No",
            "Non",
            "No possible victim is under 18 years of age.",
            "Aucune victime possible n'a moins de 18 ans.",
        ),
        C(
            "unknown",
            "Unknown",
            "Inconnu",
            "It is not known whether a possible victim is under 18 years of age.",
            "On ne sait pas si une victime possible a moins de 18 ans.",
        ),
    ),
)


# --- Referrals, disclosure and tips --------------------------------------------------------

REFERRAL_STATUS = Vocabulary(
    name="referral_status",
    title_en="Referral status",
    title_fr="État de l'aiguillage",
    source="Lantern",
    concepts=(
        C(
            "sent",
            "Sent",
            "Envoyé",
            "The referral has been sent and is awaiting the provider's answer.",
            "L'aiguillage a été envoyé et attend la réponse du fournisseur de services.",
        ),
        C(
            "accepted",
            "Accepted",
            "Accepté",
            "The provider has agreed to serve the person.",
            "Le fournisseur de services a accepté d'offrir ses services à la personne.",
        ),
        C(
            "declined",
            "Declined",
            "Refusé",
            "The provider cannot serve the person, for a recorded reason.",
            "Le fournisseur de services ne peut pas offrir ses services à la personne, pour un "
            "motif consigné.",
        ),
        C(
            "done",
            "Completed",
            "Terminé",
            "The provider has served the person and closed the referral.",
            "Le fournisseur de services a servi la personne et fermé l'aiguillage.",
        ),
        C(
            "revoked",
            "Revoked",
            "Révoqué",
            "The referral was withdrawn by the sender or at the person's request, for example "
            "after consent was withdrawn.",
            "L'aiguillage a été retiré par l'expéditeur ou à la demande de la personne, par "
            "exemple après le retrait de son consentement.",
        ),
    ),
)

DECLINE_REASON = Vocabulary(
    name="decline_reason",
    title_en="Reason for declining a referral",
    title_fr="Motif du refus d'un aiguillage",
    source="Lantern",
    concepts=(
        C(
            "full",
            "No capacity",
            "Aucune place disponible",
            "The provider has no space or staff available.",
            "Le fournisseur de services n'a ni place ni personnel disponible.",
        ),
        C(
            "not_eligible",
            "Not eligible",
            "Non admissible",
            "The person does not meet the service's eligibility criteria, such as age, gender "
            "or location.",
            "La personne ne répond pas aux critères d'admissibilité du service, comme l'âge, le "
            "genre ou le lieu de résidence.",
        ),
        C(
            "service_not_offered",
            "Service not offered",
            "Service non offert",
            "The provider does not offer the service requested.",
            "Le fournisseur de services n'offre pas le service demandé.",
        ),
        C(
            "cannot_reach",
            "Could not reach the person",
            "Impossible de joindre la personne",
            "The provider tried but could not contact the person.",
            "Le fournisseur de services a tenté de communiquer avec la personne, sans succès.",
        ),
        C(
            "person_declined",
            "Person declined",
            "Refus de la personne",
            "The person decided not to use the service.",
            "La personne a décidé de ne pas recourir au service.",
        ),
        C(
            "safety",
            "Safety concern",
            "Préoccupation en matière de sécurité",
            "Serving the person would raise a safety concern for the person or for staff.",
            "Offrir le service soulèverait une préoccupation en matière de sécurité pour la "
            "personne ou pour le personnel.",
        ),
        _other("reason for declining", "Motif de refus"),
    ),
)

DISCLOSURE_BASIS = Vocabulary(
    name="disclosure_basis",
    title_en="Basis for disclosure",
    title_fr="Fondement de la communication",
    source="Lantern, after PIPEDA s. 7(3) and provincial and territorial child protection "
    "legislation",
    concepts=(
        C(
            "consent",
            "Consent",
            "Consentement",
            "The person consented to the disclosure of their information.",
            "La personne a consenti à la communication de ses renseignements.",
        ),
        C(
            "imminent_danger",
            "Imminent danger",
            "Danger imminent",
            "Disclosure was needed because of an imminent danger to someone's life, health or "
            "safety.",
            "La communication était nécessaire en raison d'un danger imminent pour la vie, la "
            "santé ou la sécurité d'une personne.",
        ),
        C(
            "minor_at_risk",
            "Child at risk (duty to report)",
            "Enfant en danger (obligation de signaler)",
            "A child may be in need of protection, and the law requires a report to child "
            "protection authorities.",
            "Un enfant pourrait avoir besoin de protection, et la loi exige un signalement aux "
            "autorités de protection de l'enfance.",
        ),
        C(
            "court_order",
            "Court order or warrant",
            "Ordonnance judiciaire ou mandat",
            "Disclosure was required by a court order or a warrant.",
            "La communication était exigée par une ordonnance judiciaire ou un mandat.",
        ),
    ),
)

TIP_STATUS = Vocabulary(
    name="tip_status",
    title_en="Tip status",
    title_fr="État du signalement",
    source=f"{HOTLINE}, adapted",
    concepts=(
        C(
            "received",
            "Received",
            "Reçu",
            "The tip has been received but not yet reviewed.",
            "Le signalement a été reçu, mais n'a pas encore été examiné.",
        ),
        C(
            "under_review",
            "Under review",
            "En cours d'examen",
            "A hotline advocate is reviewing the tip.",
            "Une intervenante ou un intervenant de la ligne d'urgence examine le signalement.",
        ),
        C(
            "referred",
            "Referred",
            "Transmis",
            "The tip has been referred to a service provider or to police.",
            "Le signalement a été transmis à un fournisseur de services ou à la police.",
        ),
        C(
            "closed",
            "Closed",
            "Fermé",
            "No further action will be taken on the tip.",
            "Aucune autre mesure ne sera prise à l'égard du signalement.",
        ),
    ),
)

TIP_CONSENT = Vocabulary(
    name="tip_consent",
    title_en="Consent given with a report",
    title_fr="Consentement donné avec un signalement",
    source="Lantern, public report form",
    concepts=(
        C(
            "contact_me",
            "The hotline may contact me",
            "La ligne d'urgence peut communiquer avec moi",
            "The reporter agrees that the hotline may contact them about the report.",
            "La personne qui fait le signalement accepte que la ligne d'urgence communique avec "
            "elle à ce sujet.",
        ),
        C(
            "share_with_police",
            "My report may be shared with police",
            "Mon signalement peut être transmis à la police",
            "The reporter agrees that the report may be shared with police.",
            "La personne qui fait le signalement accepte que celui-ci soit transmis à la police.",
        ),
        C(
            "share_with_services",
            "My report may be shared with service providers",
            "Mon signalement peut être transmis à des fournisseurs de services",
            "The reporter agrees that the report may be shared with service providers.",
            "La personne qui fait le signalement accepte que celui-ci soit transmis à des "
            "fournisseurs de services.",
        ),
        C(
            "statistics",
            "My report may be counted anonymously in statistics",
            "Mon signalement peut être compté de façon anonyme dans les statistiques",
            "The reporter agrees that the report may be counted in statistics without "
            "identifying information.",
            "La personne qui fait le signalement accepte que celui-ci soit compté dans les "
            "statistiques, sans renseignements permettant de l'identifier.",
        ),
    ),
)


VOCABULARIES: dict[str, Vocabulary] = {
    vocabulary.name: vocabulary
    for vocabulary in (
        PROVINCE,
        ORGANIZATION_TYPE,
        EXPLOITATION_TYPE,
        SEXUAL_EXPLOITATION_TYPE,
        LABOUR_INDUSTRY,
        METHOD_OF_CONTROL,
        RELATIONSHIP_TO_TRAFFICKER,
        TRAFFICKING_STATUS,
        STATUS_DECIDED_BY,
        ROLE_IN_PROCESS,
        PALERMO_ACT,
        PALERMO_MEANS,
        PALERMO_PURPOSE,
        ILO_INDICATOR,
        CHARGE,
        ACCUSED_VICTIM_RELATIONSHIP,
        COURT_OUTCOME,
        SEX,
        GENDER,
        AGE_GROUP,
        INDIGENOUS_IDENTITY,
        BIRTHPLACE,
        DISABILITY,
        LGBTQ,
        PERSON_ROLE,
        CONSENT_PURPOSE,
        CLEARANCE_STATUS,
        CASE_STATUS,
        TRP_TYPE,
        CMA,
        SERVICE_TYPE,
        POPULATION,
        LANGUAGE,
        CAPACITY_STATUS,
        CONTACT_CHANNEL,
        CALLER_TYPE,
        CONTACT_TYPE,
        SEX_TRAFFICKING_INDICATOR,
        SCREENING_CLASSIFICATION,
        MINOR_INVOLVED,
        REFERRAL_STATUS,
        DECLINE_REASON,
        DISCLOSURE_BASIS,
        TIP_STATUS,
        TIP_CONSENT,
    )
}


def vocabulary(name: str) -> Vocabulary:
    """The vocabulary called ``name``; KeyError names the unknown vocabulary."""
    return VOCABULARIES[name]
