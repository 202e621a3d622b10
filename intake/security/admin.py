"""Django admin registrations for the security capability."""
