"""The 2010 survey summary's text, copied for the tests (the project never reads ../shared).

Source: "Samenvatting uitkomsten mini-enquête over MBO-activiteiten en MBO-beleid in Overijsselse
gemeenten" (Jane Knol and Birgit Oelkers, lerende gemeenschap Hellendoorn, 2010), from its first
sentence to the end, one paragraph or list item per entry, whitespace collapsed.
"""

from __future__ import annotations

import re

PARAGRAPHS: tuple[str, ...] = (
    "In januari/februari 2010 ontvingen alle 24 Overijsselse gemeenten van ons een mini-enquête over Maatschappelijk Betrokken Ondernemen (MBO¹). Met deze enquête wilden we in kaart brengen welke gemeenten actief zijn op het gebied van MBO, welke projecten, werkwijzen en netwerkpartners daarin een rol spelen. Ook wilden we te weten komen welke gemeenten geïnteresseerd zijn in een collegiale uitwisseling over het integreren van MBO in gemeentelijk beleid en over samenwerkingsvormen tussen gemeente en maatschappelijk actieve ondernemers.",
    "Aanleiding voor deze actie was het oprichten van een lerende gemeenschap MBO in de gemeente Hellendoorn (eind 2009). Deze gemeenschap bestaat uit bedrijven, maatschappelijke- en vrijwilligersorganisaties en vertegenwoordigers van de gemeente Hellendoorn. Voor twee jaar is er gemeentelijke en provinciale ondersteuning.",
    "Met de pilot 'lerende gemeenschap' willen we een meer gelijkwaardige en structurele relatie tussen gemeente en ondernemers bewerkstelligen, de vrijwillige inzet in onze gemeente uitbouwen en MBO in Hellendoorn verder ontwikkelen en op een hoger plan tillen (zie ook www.hellendoorninactie.nl). Tegelijkertijd willen we er door deze werkvorm leren hoe we als gemeente meer vanuit een partnerrol (i.p.v. als regisseur) op initiatieven uit de samenleving kunnen inspelen. Of anders gezegd: we willen ons oefenen in overheidsparticipatie bij burgerinitiatieven.",
    "De ervaringen met dit project willen we met andere Overijsselse gemeenten delen. En omgekeerd: de ervaringen en kennis van andere gemeenten willen we graag gebruiken als input en inspiratie voor onze lerende gemeenschap. De eerste activiteiten daarvoor zijn de enquête en de startbijeenkomst die we op 30 maart 2010 organiseren.",
    "De belangrijkste resultaten van de enquête hebben we in deze notitie samengevat. Op 30 maart lichten we ze mondeling toe en bespreken we ze met collega's uit andere gemeenten, medewerkers van de provincie, netwerkstad Twente, provinciale kennisorganisaties en Movisie.",
    "We verheugen ons op een levendige uitwisseling op 30 maart!",
    "Jane Knol en Birgit Oelkers (projectleider en procesbegeleider lerende gemeenschap Hellendoorn)",
    "1) Onder MBO verstaan we alle activiteiten die bedrijven vrijwillig verrichten om de (lokale) leefomgeving te verbeteren",
    "Respons",
    "11 van de 24 gemeenten hebben de vragenlijst ingevuld, een respons van 46%. Dit zijn de respondenten: Almelo, Dalfsen, Dinkelland, Haaksbergen, Losser, Oldenzaal, Olst-Wijhe, Raalte, Tubbergen, Wierden, Zwartewaterland.",
    "Uitkomsten",
    "Er zijn grote verschillen tussen de gemeenten wat de soort en omvang van MBO-activiteiten betreft en de wijze hoe de verschillende gemeenten daarin participeren. Er zijn gemeenten met bruisende MBO-platforms, waar de gemeentelijke organisatie zelf slechts zijdelings mee te maken heeft. Maar er zijn ook gemeenten waar geen enkele vorm van MBO voorkomt. Bepaalde gemeenten willen naast burgerparticipatie ook ondernemersparticipatie bij wijk- en dorpsontwikkelingen stimuleren en zijn op zoek naar passende vormen daarvoor. Weer anderen vinden dat een gemeentelijke bemoeienis met MBO-activiteiten eigenlijk niet past bij de gemeentelijke rol en taken.",
    "Maar er zijn ook overeenkomsten:",
    "Ondernemersverbanden",
    "In de meeste gemeenten zijn ondernemersnetwerken/samenwerkingsverbanden van ondernemers actief.",
    "MBO-activiteiten",
    "De organisatie van NL DOET-activiteiten is een van de meest genoemde MBO-activiteiten. Enkele gemeenten noemen ook maatschappelijke stages (MAS) als mbo-activiteit of het organiseren van een beursvloer, het sponsoren van maatschappelijke organisaties en een goed mantelzorgbeleid bij bedrijven.",
    "Samenwerking gemeenten en MBO'ers",
    "Weinig gemeenten werken m.b.t. MBO (structureel) samen met ondernemers. De meeste gemeenten faciliteren een vrijwilligerscentrale die voor de contacten en matches zorgt.",
    "MBO binnen de gemeentelijke organisatie",
    "MBO valt bij de meeste gemeenten onder wmo/vrijwilligers- en participatiebeleid. Sommige houden zich er ook mee bezig vanuit EZ, P&O-beleid en de portefeuille van de burgemeester.",
    "Actief MBO-beleid en subsidies",
    "Geen van de respondenten voert een specifiek mbo-beleid. MBO-activiteiten maken soms deel uit van het algemene participatiebeleid of is gericht op specifieke thema's en acties (zoals de duurzaamheidsaanpak van de gemeente Dalfsen).",
    "Subsidies zijn er bij de meeste gemeenten slechts incidenteel beschikbaar en worden door de meeste gemeenten aan de vrijwilligerscentrale of aan NL.Doet en vergelijkbare initiatieven besteed.",
    "MBO stimuleren: ambities en struikelblokken",
    "De helft van de respondenten heeft wel ambities om mbo duidelijker onderdeel te laten worden van gemeentelijk beleid en handelen. Maar voor de meeste is het onduidelijk hoe het thema weggezet kan worden binnen de gemeentelijke organisatie, of er ambtelijke capaciteit voor vrijgemaakt kan worden en welke sector en functies intern als trekker moeten optreden",
    "Kennisuitwisseling: thema's en vragen",
    "De meeste respondenten hebben interesse in een kennisuitwisseling. Dit zijn thema's en vragen daarvoor:",
    "- Het opzetten van gemeentelijk mbo-beleid. O.a. behoefte aan een stappenplan voor een eenvoudig begin. - Hoe kan MBO ondersteunend zijn aan de veranderende denkwijze i.v.m. de kanteling, vrijwillige inzet, mantelzorg? - Hoe kunnen kleinere gemeenten bij grote gemeenten aanhaken? (in Apeldoorn gebeurt dat) - Hoe een structurele samenwerking met het bedrijfsleven opzetten (ook de vorm waarin) en hoe krijgen we maatschappelijke thema's op de agenda? - Hoe ondernemers als partners betrekken bij de uitvoering van de wmo, mbo en mas? - Vanuit welke beleidsterreinen wordt aan MBO gedacht en met welke intenties (economische invalshoek, maatschappelijk belang om mensen met afstand tot werk te laten participeren, vanuit vrijwilligersbeleid, maatschappelijke stages in VO, aandacht kwetsbare groepen). - Hoe kun je als (lokale) overheid het goede voorbeeld geven? - Hoe organiseer je de match tussen maatschappelijke vraag en aanbod? - Hoe betrek je het bedrijfsleven bij een maatschappelijk thema als alcoholmatiging jeugd? - Maatschappelijke stages: zijn er gemeenten die dat binnen MBO regelen? - Hoe genereer je extra middelen? - Het opzetten en doorontwikkelen van een matchpoint en/of beursvloer",
    "Kennisuitwisseling: werkvormen",
    "Favoriete vormen voor kennisuitwisseling zijn deelname aan themabijeenkomsten en het ontvangen van een nieuwsbrief. Ook genoemd: deelnemer van werkbezoeken, deelname aan een provinciaal MBO-netwerk of aan een intervisiegroep.",
    "Conclusies",
    "De meeste respondenten hebben nog weinig ervaring met samenwerking en activiteiten op het gebied van MBO. Ze zijn op zoek naar manieren om MBO in hun gemeente verder te ontwikkelen en om MBO een plek te geven bij gemeentelijk beleid. Er zijn weinig gemeentelijke middelen om MBO-activiteiten/structuren te faciliteren. Vrijwilligersorganisaties worden vaak genoemd als beoogde matchmakers tussen vraag en aanbod. Voor de meeste respondenten is het onduidelijk welke sector een contactpersoon voor MBO zou moeten leveren en of er capaciteit voor vrijgemaakt zou kunnen worden.",
    "Er is vooral behoefte aan uitwisseling en ondersteuning bij het ontwikkelen van samenwerking tussen gemeenten en bedrijven, het organiseren van een match tussen maatschappelijke vraag en aanbod en het betrekken van ondernemers bij gemeentelijk beleid. Daarnaast bestaat er belangstelling voor de ervaringen met een lerende gemeenschap als samenwerkingsvorm. De meeste respondenten zijn geïnteresseerd in thematische bijeenkomsten en schriftelijke informatie via nieuwsbrieven.",
)

#: The whole summary as one string, for substring checks of quotes.
SUMMARY: str = " ".join(PARAGRAPHS)


def normalised(text: str) -> str:
    """Whitespace collapsed, so a quote matches however it was wrapped."""
    return re.sub(r"\s+", " ", text).strip()


def quoted(quote: str) -> bool:
    """Whether ``quote`` is word for word in the summary."""
    return normalised(quote) in SUMMARY
