"""A complete, valid case as data, for tests that build their own variants."""

from __future__ import annotations

import copy
from typing import Any

_CASE: dict[str, Any] = {
    "format": "lawdesk.case/1",
    "reference": "TEST-2025-0001",
    "applicant": {
        "civility": "M.", "family_name": "KONÉ", "given_names": "Moussa",
        "birth_date": "1990-05-01", "birth_place": "Bamako (Mali)", "nationality": "malienne",
        "address": {"line1": "3 rue des Lilas", "postal_code": "93100", "city": "Montreuil"},
    },
    "procedure": {
        "department": "93", "kind": "renewal", "permit_requested": "carte de séjour pluriannuelle « salarié »",
        "current_permit": {"title": "carte de séjour temporaire « salarié »", "expires": "2025-01-31"},
        "received": [],
    },
    "incidents": [
        {"date": "2024-10-02", "channel": "anef", "description": "Erreur technique au téléversement.", "pieces": ["p1"]},
        {"date": "2024-10-20", "channel": "ccc", "description": "Réponse type du centre de contact citoyens.", "pieces": ["p2"]},
        {"date": "2024-11-15", "channel": "anef", "description": "Nouvelle erreur technique.", "pieces": ["p1"]},
    ],
    "harms": [{"kind": "employment", "description": "Contrat suspendu.", "pieces": ["p2"]}],
    "pieces": [
        {"id": "p1", "title": "Captures d'écran", "file": "pieces/a.pdf"},
        {"id": "p2", "title": "Courriel du centre de contact", "file": "pieces/b.pdf"},
        {"id": "p3", "title": "Lettre recommandée au préfet et avis de réception", "file": "pieces/c.pdf"},
    ],
    "counsel": {"kind": "self"},
    "claims": {"deadline_days": 8},
    "documents": ["prefecture", "refere"],
    # The letter was sent and its deadline has run: the référé fits from 14 May 2025 on.
    "steps": [{"document": "prefecture", "sent": "2025-05-02", "mode": "lrar", "tracking": "1A 000 000 0000 1",
               "received": "2025-05-05", "deadline_days": 8, "pieces": ["p3"]}],
}


def valid_case() -> dict[str, Any]:
    return copy.deepcopy(_CASE)
