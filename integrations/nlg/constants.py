"""Values from configuration that the phrasing may use as `{placeholder}`."""

from integrations.settings import Settings


def phrasing_constants(settings: Settings) -> dict[str, str]:
    return {
        "contact_phone": settings.contact_phone,
        "general_number": settings.general_number,
        "emergency_number": settings.emergency_number,
        "suicide_prevention_number": settings.suicide_prevention_number,
        "suicide_prevention_chat": settings.suicide_prevention_chat,
        "veilig_thuis_number": settings.veilig_thuis_number,
        "veilig_thuis_chat": settings.veilig_thuis_chat,
        "shelter_night_number": settings.shelter_night_number,
        "opening_hours": settings.opening_hours,
    }
