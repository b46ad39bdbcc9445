"""Synthetic mentor directories for the benchmarks: realistic shapes (a few topics each from a shared vocabulary,
titles, career paths, bios), seeded so every run ranks the same data."""

import random

TOPICS = [
    "Python", "Go", "Java", "Kotlin", "Rust", "TypeScript", "React", "Vue", "Node.js", "GraphQL", "API design",
    "Distributed systems", "System design", "Kubernetes", "Terraform", "AWS", "GCP", "Observability",
    "Incident response", "Site reliability engineering", "Security", "Threat modelling", "Cryptography",
    "Machine learning", "Deep learning", "NLP", "Statistics", "Experiment design", "Data pipelines", "SQL",
    "PostgreSQL", "Kafka", "Spark", "dbt", "Leadership", "People management", "Hiring", "Career growth",
    "Public speaking", "Technical writing", "Product management", "Roadmapping", "User research",
    "Design systems", "Accessibility", "iOS", "Android", "Test automation", "Performance", "Code review",
    "Mentoring juniors", "Agile", "Stakeholder management", "Negotiation", "Customer success", "Pricing",
    "Financial modelling", "Compliance", "Cloud cost", "Technical strategy",
]
ROLES = ["Engineer", "Senior Engineer", "Staff Engineer", "Principal Engineer", "Engineering Manager", "Designer",
         "Product Manager", "Data Scientist", "Data Engineer", "SRE", "Security Engineer", "Director"]
PATHS = ["Backend engineer to staff engineer", "Engineer to engineering manager", "Analyst to data scientist",
         "Support engineer to product manager", "Designer to design lead", "Sysadmin to SRE",
         "QA engineer to SDET", "Bootcamp graduate to senior engineer", "Researcher to ML engineer"]
VALUES = ["craft", "candour", "inclusion", "balance", "curiosity", "ownership", "kindness"]
LANGS = ["English", "German", "French", "Spanish", "Portuguese", "Hindi", "Mandarin", "Japanese", "Polish"]
ZONES = ["Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Kolkata",
         "Asia/Tokyo", "America/Sao_Paulo", "Africa/Lagos", "Australia/Sydney", "Europe/Warsaw"]
FILLER = ("ships reliable services and enjoys pairing on hard problems with people who are new to the team "
          "writes design docs runs workshops reviews code mentors juniors organises the guild").split()


def people(n: int, seed: int = 7) -> list[dict]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        topics = rnd.sample(TOPICS, rnd.randint(2, 5))
        out.append({
            "slack_id": f"U{i:09d}", "name": f"Mentor {i:06d}", "title": rnd.choice(ROLES),
            "expertise": topics, "years": rnd.randint(1, 25), "career_path": rnd.choice(PATHS),
            "values": rnd.sample(VALUES, 2), "capacity": rnd.randint(1, 3),
            "cadence": rnd.choice(["weekly", "biweekly", "monthly", ""]), "languages": rnd.sample(LANGS, 2),
            "tz": rnd.choice(ZONES), "bio": " ".join(rnd.sample(FILLER, 12)),
        })
    return out


def queries(n: int = 60, seed: int = 11) -> list[tuple[str, str]]:
    """(words, goals) pairs: what people type, and the goals folded in by the bot."""
    rnd = random.Random(seed)
    return [(" ".join(rnd.sample(TOPICS, rnd.randint(1, 2))), " ".join(rnd.sample(TOPICS, 2))) for _ in range(n)]
