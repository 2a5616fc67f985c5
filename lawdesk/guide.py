"""The short guide « Aide › Guide » shows: the three stages of the escalation, what changes once the
request is rejected, the evidence a judge expects and the deadlines to watch.

No Qt here. Written for volunteers, in plain French, from the project's own texts (docs/legal/
documents.md, « Timeline and remedies », and the product brief); it cites only what they cite.
"""

from __future__ import annotations

from dataclasses import dataclass

from lawdesk.i18n import _


@dataclass(frozen=True)
class Chapter:
    title: str
    paragraphs: tuple[str, ...]
    points: tuple[str, ...] = ()


def chapters() -> list[Chapter]:
    return [
        Chapter(_("Les trois étapes"), (
            _("Pour une personne bloquée par le téléservice ANEF, la sortie est une trace écrite, en trois étapes, chacune "
              "envoyée à sa date. LawDesk rédige chaque document ; enregistrez chaque envoi dans « Envois et échéances » : "
              "les échéances en découlent."),
        ), (
            _("1. La lettre au préfet, en recommandé avec accusé de réception. Elle décrit les tentatives qui ont échoué, "
              "demande une convocation pour déposer la demande autrement (la solution de substitution) et un document qui "
              "protège les droits (attestation de prolongation d'instruction ou récépissé), dans un délai, par exemple "
              "huit jours. Gardez la copie envoyée et l'avis de réception : ce sont des pièces."),
            _("2. La Défenseure des droits. Une réclamation gratuite, après la lettre au préfet, qu'elle exige : les faits, "
              "les démarches faites et leurs réponses, les conséquences, et la demande qu'elle intervienne auprès de la "
              "préfecture."),
            _("3. Le tribunal administratif. Une fois passé le délai de la lettre, compté de son avis de réception, le "
              "référé « mesures utiles » (article L. 521-3 du code de justice administrative) demande au juge d'ordonner "
              "au préfet d'enregistrer la demande ou de délivrer un document, dans un délai, sous astreinte. Un avocat "
              "n'est pas obligatoire. Le dépôt se fait sur Télérecours citoyens, chaque pièce dans un fichier à son "
              "numéro : LawDesk les prépare."),
        )),
        Chapter(_("Quand la demande a été rejetée"), (
            _("Une demande enregistrée par le téléservice reste sans réponse ? Au bout de quatre mois (parfois moins selon "
              "le titre), le silence vaut rejet (article R. 432-2 du CESEDA), même si des récépissés ou des attestations "
              "ont été délivrés. Un classement sans suite ou un refus est aussi une décision. Le référé « mesures utiles » "
              "ne convient plus : le juge ne peut pas ordonner une mesure qui ferait obstacle à une décision."),
            _("La voie est alors : demander au préfet les motifs du rejet implicite (article L. 232-4 du code des relations "
              "entre le public et l'administration), puis une requête en annulation au tribunal, avec, si l'urgence le "
              "justifie, un référé-suspension (article L. 521-1 du code de justice administrative) qui joint la copie de "
              "la requête en annulation. Les moyens de fond sont ceux du juriste ou de l'avocat : LawDesk n'en invente "
              "aucun."),
            _("Un refus avec obligation de quitter le territoire (OQTF) a des délais d'un mois ou moins : LawDesk ne les "
              "calcule pas et ne rédige rien. Vérifiez-les sur la notification et agissez immédiatement, avec un avocat."),
        )),
        Chapter(_("Les preuves qu'attend le juge"), (
            _("Le juge attend des démarches répétées, sur plusieurs semaines, et prouvées : une démarche sans pièce pèse "
              "peu. Chaque fait du dossier cite ses pièces ; LawDesk les numérote et les tamponne."),
        ), (
            _("Chaque tentative sur le téléservice : une capture d'écran où se lisent le message d'erreur et la date."),
            _("Chaque sollicitation de l'accompagnement : les échanges avec le centre de contact citoyens (numéro de "
              "ticket, courriel), le passage en point d'accueil numérique."),
            _("Ce que la préfecture a délivré : l'attestation de dépôt (elle ne prouve pas la régularité du séjour), le "
              "récépissé ou l'attestation de prolongation d'instruction, avec leur date de fin de validité."),
            _("Le titre de séjour en cours et sa date d'expiration, pour un renouvellement."),
            _("Les conséquences concrètes et récentes (moins de trois mois) : lettre de l'employeur, courrier de la CAF ou "
              "de France Travail, avec leur date."),
            _("Les envois : la lettre au préfet, son avis de réception, la réponse ou le silence."),
            _("Plusieurs captures d'une même tentative forment une seule pièce ; donnez à chaque pièce un titre clair, tel "
              "qu'il figurera au bordereau."),
        )),
        Chapter(_("Les délais à surveiller"), (
            _("« Envois et échéances » les calcule à partir du dossier, avec le texte qui les fonde, et la liste des "
              "dossiers les trie par la plus proche :"),
        ), (
            _("la fin du délai laissé au préfet par la lettre, compté de son avis de réception ;"),
            _("pour un renouvellement, la période de dépôt : du 120e au 60e jour avant l'expiration du titre ;"),
            _("la date à laquelle le silence vaut rejet ;"),
            _("la fin de validité du titre, du récépissé ou de l'attestation ;"),
            _("après un rejet, le délai de recours : deux mois si l'accusé de réception de la demande mentionnait les voies "
              "et délais de recours, sinon un délai raisonnable, en principe d'un an."),
        )),
    ]
