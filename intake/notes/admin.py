"""Django admin registrations for the notes capability."""
