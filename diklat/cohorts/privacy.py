"""Who may see a person's NIP, e-mail and phone (UU 27/2022): the person, the cohort's facilitators and admins.

Mentors see the contact details of the participants in the teams they mentor (they arrange field visits).
Everyone else in the cohort sees names, positions and agencies only.
"""

from __future__ import annotations

from flask_login import current_user

from diklat.cohorts.access import CohortAccess
from diklat.cohorts.models import CohortMember, Role


def shows_personal_data(access: CohortAccess, member: CohortMember) -> bool:
    """Whether the viewer of ``access`` may see ``member``'s NIP and e-mail."""
    if access.manages or member.user_id == current_user.id:
        return True
    if access.role == Role.MENTOR.value and member.team is not None:
        return member.team.mentor_id == current_user.id
    return False
