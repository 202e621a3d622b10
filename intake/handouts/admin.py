"""Django admin registrations for the handouts capability."""
